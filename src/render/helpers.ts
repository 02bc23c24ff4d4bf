// Handlebars helpers, registered once on the renderer's own instance. What differs between
// renders (locale, who has been named already, the model's lookups) travels in the render's
// `data`, never in module state. Helpers that return HTML escape every piece of data they embed.
import Handlebars from "handlebars";
import type {
  Cites,
  DocumentFact,
  Engagement,
  PersonRef,
  Source,
  Statement,
  SummarySection,
  TargetFact,
  WatchItem,
} from "../briefs/model.ts";
import { paragraphRuns } from "../domain/citations.ts";
import { zhCount } from "../domain/zh-typography.ts";
import {
  bottomLine,
  documentTitle,
  ladderLine,
  periodText,
  prose,
  sentence,
  sourcingLine,
  statementLine,
  storedSentence,
  watchItem,
} from "./compose.ts";
import { type Arg, type Bilingualish, safe } from "./i18n.ts";
import {
  citedTitle,
  citeMarks,
  countryName,
  langSpan,
  officeOf,
  officeText,
  pairName,
  personName,
  publicationName,
  type RenderState,
  sideName,
} from "./render-state.ts";
import { TemplateError } from "./template-error.ts";
import { timelineEntries, timelineFigures } from "./timeline.ts";

const { escapeExpression } = Handlebars.Utils;

const DOSSIER_SECTIONS = [
  ["sec-summary", "summary"],
  ["sec-engagements", "engagements"],
  ["sec-documents", "documents"],
  ["sec-register", "register"],
  ["sec-projects", "projects"],
  ["sec-mechanisms", "mechanisms"],
  ["sec-watch", "watch"],
  ["sec-timeline", "timeline"],
  ["sec-background", "background"],
  ["sec-sources", "sources"],
] as const;

type Options = Handlebars.HelperOptions & {
  ids?: (string | null)[];
  hashIds?: Record<string, string | null>;
  loc?: { start: { line: number; column: number } };
  data: { render: RenderState };
};

const state = (options: Options): RenderState => {
  const render = options.data?.render;
  if (!render) throw new TemplateError("helper called outside a render (no data.render)");
  return render;
};

/**
 * Wraps a helper so that an argument the template names but the model lacks fails like a missing
 * field in strict mode does (Handlebars' strict mode checks paths, not helper arguments).
 */
function strict(name: string, fn: (this: unknown, args: unknown[], options: Options) => unknown) {
  return function (this: unknown, ...all: unknown[]) {
    const options = all.pop() as Options;
    all.forEach((arg, i) => {
      if (arg === undefined) throw missing(options.ids?.[i] ?? `argument ${i + 1}`, name, options);
    });
    for (const [key, value] of Object.entries(options.hash ?? {})) {
      if (value === undefined) throw missing(options.hashIds?.[key] ?? key, name, options);
    }
    return fn.call(this, all, options);
  };
}

function missing(field: string, helper: string, options: Options): TemplateError {
  const loc = options.loc?.start;
  return new TemplateError(`missing field "${field}" (in {{${helper}}})`, {
    field,
    line: loc?.line,
    column: loc?.column,
  });
}

const truthy = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean(value));

const str = (value: unknown, what: string): string => {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new TemplateError(`${what}: expected text, got ${value === null ? "null" : typeof value}`);
};

export function registerHelpers(hb: typeof Handlebars): void {
  // Built-in block helpers, made strict about their arguments.
  for (const name of ["if", "unless", "each", "with"] as const) {
    const original = hb.helpers[name] as Handlebars.HelperDelegate;
    hb.registerHelper(
      name,
      strict(name, function (this: unknown, args, options) {
        return original.call(this, ...args, options);
      }),
    );
  }

  const helpers: Record<string, (this: unknown, args: unknown[], options: Options) => unknown> = {
    /** {{t "section" "summary" name=value}}: the locale string at section.summary, filled in. */
    t(args, options) {
      const key = args.map((part) => str(part, "t")).join(".");
      return state(options).tr.t(key, options.hash as Record<string, Arg>);
    },
    /** A stored text in the locale's language (the other one when it is missing). */
    text([value], options) {
      return state(options).tr.text(value as Bilingualish | null);
    },
    /** The stored text in the other language, wrapped with its lang; "" when the same or absent. */
    other([value], options) {
      const render = state(options);
      const other = render.tr.otherText(value as Bilingualish | null);
      return other ? langSpan(other, render.otherLang) : "";
    },
    date([iso], options) {
      return iso === null ? "" : state(options).tr.date(str(iso, "date"));
    },
    /** A brief's period in its header: "the twelve months to …" or its two dates. */
    period(_args, options) {
      const render = state(options);
      return periodText(render, render.model.spec.period.from, render.model.spec.period.to);
    },
    dateRange([from, to], options) {
      return state(options).tr.dateRange(str(from, "dateRange"), str(to, "dateRange"));
    },
    cite([cites]) {
      if (!Array.isArray(cites)) throw new TemplateError("cite: expected a list of numbers");
      return citeMarks(cites as Cites);
    },
    /** The block as one sentence with its marks, stopped the locale's way (Chinese: marks, 。). */
    stopped([cites], options) {
      if (!Array.isArray(cites)) throw new TemplateError("stopped: expected citations");
      return sentence(state(options), safe(options.fn(this)), cites as Cites);
    },
    /** A stored sentence with its marks where the locale puts them (Chinese: before 。). */
    citedSentence([text, cites], options) {
      if (!Array.isArray(cites)) throw new TemplateError("citedSentence: expected citations");
      const render = state(options);
      return storedSentence(render, text as Bilingualish, cites as Cites);
    },
    person([person], options) {
      if (person === null) return "";
      return personName(state(options), person as PersonRef);
    },
    country([code], options) {
      return countryName(state(options), str(code, "country"));
    },
    countries([codes], options) {
      const render = state(options);
      return render.tr.list((codes as string[]).map((c) => countryName(render, c)));
    },
    /** A source's title in its own language, then (in brackets) the locale's translation. */
    sourceTitle([source], options) {
      const render = state(options);
      const { title, language } = source as Source;
      const own =
        language === "zh" || language === "en"
          ? render.tr.asGiven({ en: null, zh: null, [language]: title[language] })
          : null;
      // A source is cited by its own title: an original, not an untranslated text.
      const original = own || render.tr.asGiven(title);
      const tag = language === "zh" ? "zh-CN" : language;
      const shown = citedTitle(render.tr, original, language !== "zh");
      let out = `<span class="src-title" lang="${escapeExpression(tag)}">${escapeExpression(shown)}</span>`;
      const translated = render.tr.text(title);
      if (own && language !== render.tr.locale && translated && translated !== original) {
        out += render.tr.t("label.translation", { text: translated }).toHTML();
      }
      return safe(out);
    },
    /** A publication's name: in 《》 in Chinese unless it is an institution or an agency. */
    publication([source], options) {
      const { tr } = state(options);
      const s = source as Source;
      return publicationName(tr, s.publication, s.institution);
    },
    documentTitle([document], options) {
      return documentTitle(state(options).tr, (document as DocumentFact).title);
    },
    /** The bottom line: lead, documents and the statements that matter. */
    bottomLine(_args, options) {
      return bottomLine(state(options));
    },
    /**
     * A statement on a line of its own; `original=true` adds the Chinese words in English,
     * `attributed=false` leaves out the speaker (a register names them below).
     */
    statement([s], options) {
      return statementLine(
        state(options),
        s as Statement,
        options.hash?.original === true,
        options.hash?.attributed !== false,
      );
    },
    /** A target as a line of the dossier, worded as the outlook words it. */
    targetItem([target]) {
      return { kind: "target", target: target as TargetFact, listed: true } satisfies WatchItem;
    },
    /** An engagement still to come as a line to watch: a summary words it as a note does. */
    eventItem([event]) {
      return { kind: "event", event: event as Engagement } satisfies WatchItem;
    },
    /** `everyStatement=true`: the brief prints every statement in its register, not again here. */
    watchItem([item], options) {
      return watchItem(state(options), item as WatchItem, options.hash?.everyStatement === true);
    },
    ladder(_args, options) {
      return ladderLine(state(options));
    },
    sourcing(_args, options) {
      return sourcingLine(state(options));
    },
    /** Where in a source the printed facts stand: "paras. 2–4, 7" / "第2至4、7段", then others. */
    locators([source], options) {
      const { tr } = state(options);
      const { paragraphs, locators } = source as Source;
      const runs = paragraphRuns(paragraphs).map(([from, to]) =>
        from === to ? String(from) : tr.plain("locator.range", { from, to }),
      );
      const list = runs.join(tr.plain("locator.separator"));
      return [
        ...(runs.length > 0
          ? [tr.plain("locator.paragraphs", { count: paragraphs.length, list })]
          : []),
        ...locators.map((l) => (tr.has(`locator.named.${l}`) ? tr.plain(`locator.named.${l}`) : l)),
      ].join(tr.plain("punct.clause"));
    },
    /** A side in a narrow column: the country in English, its 方 in Chinese (中方, 吉方). */
    sideName([code], options) {
      return sideName(state(options), str(code, "sideName"));
    },
    /**
     * A person's office as official prose writes it in the locale; `withCountry=true` where no
     * column beside it gives the side ("Kyrgyzstan's Minister of Foreign Affairs").
     */
    office([person], options) {
      const render = state(options);
      const p = person as PersonRef;
      return options.hash?.withCountry === true
        ? officeOf(render, p)
        : officeText(render.tr, p.office);
    },
    /** Everyone who took part in the brief's engagements, once each, with where they took part. */
    participants(_args, options) {
      const { model } = state(options);
      const people = new Map<
        string,
        { person: PersonRef; side: string | null; events: string[] }
      >();
      for (const e of model.engagements) {
        for (const p of e.participants) {
          const entry = people.get(p.person.key) ?? { person: p.person, side: p.side, events: [] };
          entry.events.push(e.key);
          people.set(p.person.key, entry);
        }
      }
      return [...people.values()];
    },
    /** The meetings an engagement of `engagements` comprised (a visit's), in date order. */
    parts([key, engagements]) {
      return (engagements as Engagement[]).filter((e) => e.parent === key);
    },
    /** A relationship's name: "China–Kyrgyzstan" / "中国—吉尔吉斯斯坦". */
    pairName([relationship], options) {
      return pairName(state(options).tr, relationship as SummarySection["relationship"]);
    },
    /** A summary's relationship with nothing on record for its period: printed in one line. */
    quiet([section]) {
      const s = section as SummarySection;
      return (
        s.engagements.length + s.documents.length + s.keyPoints.length + s.upcoming.length === 0 &&
        !s.changes?.partnership.length &&
        !s.changes?.projects.length &&
        !s.changes?.late.total
      );
    },
    eventTitles([keys], options) {
      const render = state(options);
      const titles = (keys as string[]).map((key) =>
        render.tr.text(render.model.engagements.find((e) => e.key === key)?.title ?? null),
      );
      return render.tr.list(titles, "semicolon");
    },
    /** The dossier's sections, for its table of contents. */
    dossierSections(_args, options) {
      const { tr } = state(options);
      return DOSSIER_SECTIONS.map(([id, key]) => ({ id, title: tr.plain(`section.${key}`) }));
    },
    /** The statement register: by side, then by topic in the order first met. */
    register(_args, options) {
      const render = state(options);
      const sides = new Map<
        string,
        Map<string, { topic: Statement["topics"][number]; statements: Statement[] }>
      >();
      for (const s of render.model.statements) {
        const topic = s.topics[0];
        if (!topic) continue;
        const topics = sides.get(s.side) ?? new Map();
        const group = topics.get(topic.key) ?? { topic, statements: [] };
        group.statements.push(s);
        topics.set(topic.key, group);
        sides.set(s.side, topics);
      }
      return [...sides].map(([side, topics]) => ({
        side,
        name: side === "joint" ? render.tr.plain("label.joint") : countryName(render, side),
        topics: [...topics.values()],
      }));
    },
    /**
     * Organisations and mechanisms the statements name, each with the topics it was named on (a
     * body named only on a topic that names it, such as joining it, stands alone), and new
     * mechanisms held, one line each.
     */
    mechanisms(_args, options) {
      const render = state(options);
      const { tr, model } = render;
      const orgs = new Map<string, { name: string; bare: string; topics: Set<string> }>();
      for (const s of model.statements) {
        for (const o of s.organizations) {
          const bare = tr.text(o.name);
          // Chinese prose names a body in Chinese alone: no Latin abbreviation after it.
          const name =
            o.abbreviation && tr.locale === "en"
              ? tr.plain("label.withAbbreviation", { name: bare, abbr: o.abbreviation })
              : bare;
          const entry = orgs.get(o.key) ?? { name, bare, topics: new Set() };
          for (const t of s.topics) entry.topics.add(prose(render, tr.text(t.name)));
          orgs.set(o.key, entry);
        }
      }
      const lines = [...orgs.values()].map((o) =>
        [...o.topics].some((t) => !t.includes(o.bare))
          ? tr.t("mechanism.named", { name: o.name, topics: tr.list([...o.topics]) })
          : tr.t("mechanism.alone", { name: o.name }),
      );
      for (const e of model.engagements.filter((x) => x.firstOfKind)) {
        lines.push(tr.t("mechanism.new", { title: tr.text(e.title), date: tr.date(e.date) }));
      }
      return lines;
    },
    /** "and 12 more" / "另有12项", after a list cut at `shown` of `total`. */
    more([shown, total], options) {
      const rest = Number(total) - Number(shown);
      if (rest <= 0) return "";
      const { tr } = state(options);
      // Chinese prose writes small counts in words: 另有两项, 另有十五项.
      return tr.t("label.more", { count: tr.locale === "zh" ? zhCount(rest, "") : rest });
    },
    eq([a, b]) {
      return a === b;
    },
    /** Either (any) is true; an empty list counts as false, as in {{#if}}. */
    or(args) {
      return args.some(truthy);
    },
    and(args) {
      return args.every(truthy);
    },
    /** A stored text that has something to show, in either language. */
    filled([value]) {
      const b = value as Bilingualish | null;
      return Boolean(b && (b.en || b.zh));
    },
    /** A bar width in per cent of the largest value, for small inline charts. */
    percent([value, max]) {
      const v = Number(value);
      const m = Number(max);
      return m > 0 ? Math.max(2, Math.round((v / m) * 100)) : 0;
    },
    /** The stylesheet styles/<name>.css and this render's @page rules, for the layout's <style>. */
    styles([name], options) {
      const render = state(options);
      const css = render.styles[str(name, "styles")];
      if (css === undefined) throw new TemplateError(`no stylesheet styles/${name}.css`);
      return safe(`${css}\n${render.pageCss}`);
    },
    /** The timeline as inline SVG figures (split so that none is taller than a page). */
    timeline(_args, options) {
      const render = state(options);
      return timelineFigures(timelineEntries(render.model), render.tr);
    },
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, strict(name, fn));
}
