// Handlebars helpers, registered once on the renderer's own instance. What differs between
// renders (locale, who has been named already, the model's lookups) travels in the render's
// `data`, never in module state. Helpers that return HTML escape every piece of data they embed.
import Handlebars from "handlebars";
import type { BriefModel, Cites, PersonRef, Source } from "../briefs/model.ts";
import { type Arg, type Bilingualish, safe } from "./i18n.ts";
import { citeMarks, countryName, langSpan, personName, type RenderState } from "./render-state.ts";
import { composeSummary } from "./summary.ts";
import { TemplateError } from "./template-error.ts";
import { timelineFigures } from "./timeline.ts";

const { escapeExpression } = Handlebars.Utils;

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
    dateRange([from, to], options) {
      return state(options).tr.dateRange(str(from, "dateRange"), str(to, "dateRange"));
    },
    cite([cites]) {
      if (!Array.isArray(cites)) throw new TemplateError("cite: expected a list of numbers");
      return citeMarks(cites as Cites);
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
    /** A quotation in the typography of its language: “…” around the Chinese or English words. */
    quote([value], options) {
      const render = state(options);
      const q = value as Bilingualish | null;
      if (!q) return "";
      const parts: string[] = [];
      const mark = (text: string, lang: "en" | "zh") => {
        // A quotation inside the quotation marks takes single ones: “…‘…’…”.
        const inner = text.replace(/\u201c/g, "\u2018").replace(/\u201d/g, "\u2019");
        const quoted = render.tr.t(`quote.${lang}`, { text: inner });
        return `<span class="quote" lang="${lang === "zh" ? "zh-CN" : "en"}">${quoted.toHTML()}</span>`;
      };
      const order: ("en" | "zh")[] = render.tr.locale === "zh" ? ["zh", "en"] : ["en", "zh"];
      for (const lang of order) {
        const text = q[lang];
        if (text) parts.push(mark(text, lang));
      }
      return safe(parts.join(" "));
    },
    /** A source's title in its own language, then (in brackets) the locale's translation. */
    sourceTitle([source], options) {
      const render = state(options);
      const { title, language } = source as Source;
      const own = language === "zh" || language === "en" ? title[language] : null;
      const original = own ?? render.tr.text(title);
      const tag = language === "zh" ? "zh-CN" : language;
      let out = `<span class="src-title" lang="${escapeExpression(tag)}">${escapeExpression(original)}</span>`;
      const translated = render.tr.text(title);
      if (own && language !== render.tr.locale && translated && translated !== original) {
        out += render.tr.t("label.translation", { text: translated }).toHTML();
      }
      return safe(out);
    },
    agreement([key], options) {
      return state(options).agreements.get(str(key, "agreement")) ?? null;
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
    /** The 3–5 sentence bottom line up front, composed from the model in the locale. */
    bluf(_args, options) {
      const render = state(options);
      return composeSummary(render);
    },
    /** The timeline as inline SVG figures (split so that none is taller than a page). */
    timelineFigures([entries], options) {
      const render = state(options);
      return timelineFigures(entries as BriefModel["timeline"], render.tr);
    },
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, strict(name, fn));
}
