// The state one render carries (locale, who has been named already, the model's lookups) and the
// small pieces of markup several helpers share. Everything here escapes the data it embeds.
import Handlebars from "handlebars";
import type {
  Bilingual,
  BriefModel,
  Cites,
  PaperFormat,
  PersonRef,
  TemplateName,
} from "../briefs/model.ts";
import { zhOffice, zhTitle } from "../domain/zh-typography.ts";
import { safe, type Translator } from "./i18n.ts";
import { TemplateError } from "./template-error.ts";

const { escapeExpression } = Handlebars.Utils;

/** Per-render state, passed as `data.render`. */
export type RenderState = {
  template: TemplateName;
  tr: Translator;
  model: BriefModel;
  /** Person keys already named once (the first mention carries the other language's name). */
  mentioned: Set<string>;
  /** Stylesheets by name (styles/<name>.css), and the page rules made for this render. */
  styles: Record<string, string>;
  pageCss: string;
  /** The language tag of the other language, for lang attributes on names and titles in it. */
  otherLang: string;
};

/**
 * A title as prose cites it in the locale: in 《》 in Chinese, unless it takes none (`bare`: an
 * institution's name, a title not in Chinese).
 */
export function citedTitle(tr: Translator, title: string, bare = false): string {
  return tr.locale === "zh" && !bare ? zhTitle(title) : title;
}

/**
 * A news agency (通讯社: 新华社, 中新社, 中国新闻社, 塔斯社): like an institution, its name takes no
 * 《》 in Chinese, which marks a newspaper's or a journal's title.
 */
export function isAgency(name: Bilingual): boolean {
  return name.zh.trim().endsWith("社") || /\b(news )?agency\b/i.test(name.en);
}

/** A publication's name as prose cites it: 《人民日报》, but 新华社 and 外交部 bare. */
export function publicationName(tr: Translator, name: Bilingual, institution: boolean): string {
  return citedTitle(tr, tr.text(name), institution || isAgency(name));
}

/** An office as official prose writes it in the locale (外长 → 外交部长). */
export function officeText(tr: Translator, office: PersonRef["office"]): string {
  const text = tr.text(office);
  return tr.locale === "zh" ? zhOffice(text) : text;
}

/** A side as diplomats name it: the country in English, its 方 in Chinese (中方, 吉方). */
export function sideName(render: RenderState, code: string): string {
  const name = countryName(render, code);
  return render.tr.locale === "zh" ? `${[...name][0]}方` : name;
}

/**
 * An office with its country where the office does not name it: "Kyrgyzstan's Minister of
 * Foreign Affairs", "吉尔吉斯斯坦外交部长"; "President of the Kyrgyz Republic" stays as it is.
 */
export function officeOf(render: RenderState, person: PersonRef): string {
  const { tr } = render;
  const office = officeText(tr, person.office);
  const country = person.country ? countryName(render, person.country) : "";
  const stem = [...country].slice(0, tr.locale === "zh" ? 2 : 5).join("");
  return country && !office.includes(stem)
    ? tr.plain("person.officeOf", { office, country })
    : office;
}

/** Text with a lang attribute, so the other script gets its own typography. */
export function langSpan(text: string, lang: string): Handlebars.SafeString {
  return safe(`<span lang="${escapeExpression(lang)}">${escapeExpression(text)}</span>`);
}

/**
 * A person's name in the locale's language. The first mention carries the office ("China's
 * Minister of Foreign Affairs Wang Yi", "中国外交部长王毅") and, in English, the Chinese name.
 */
export function personName(render: RenderState, person: PersonRef): Handlebars.SafeString {
  const { tr } = render;
  const name = tr.text(person.name);
  const first = !render.mentioned.has(person.key);
  render.mentioned.add(person.key);
  if (!first) return safe(`<span class="person">${escapeExpression(name)}</span>`);
  const other = tr.locale === "en" ? tr.otherText(person.name) : "";
  const named = other
    ? tr.t("person.withOther", { name, other: langSpan(other, render.otherLang) })
    : tr.t("person.name", { name });
  if (!person.office) return safe(`<span class="person">${named.toHTML()}</span>`);
  const office = officeOf(render, person);
  return safe(
    `<span class="person">${tr.t("person.office", { office, name: named }).toHTML()}</span>`,
  );
}

/** Superscript citation marks, [1, 3], each a link to its numbered source note. */
export function citeMarks(cites: Cites): Handlebars.SafeString {
  if (cites.length === 0) return safe("");
  const links = cites.map((n) => {
    if (!Number.isInteger(n) || n < 1) throw new TemplateError(`bad citation number ${n}`);
    const e = escapeExpression(String(n));
    return `<a href="#src-${e}">${e}</a>`;
  });
  // A word joiner before "[": the marks never start a line of their own.
  return safe(`<sup class="cite">\u2060[${links.join(", ")}]</sup>`);
}

/** A relationship's name in the locale: "China–Kyrgyzstan" / "中国—吉尔吉斯斯坦". */
export function pairName(tr: Translator, relationship: BriefModel["relationship"]): string {
  const [a, b] = relationship.countries.map((c) => tr.text(c.name)) as [string, string];
  return tr.plain("label.pair", { a, b });
}

/** A country's name: the brief's relationships' own first, then ICU's, then the code itself. */
export function countryName(render: RenderState, code: string): string {
  const { model } = render;
  const own = [model.relationship, ...model.sections.map((s) => s.relationship)]
    .flatMap((r) => r.countries)
    .find((c) => c.code === code);
  if (own) return render.tr.text(own.name);
  try {
    return (
      new Intl.DisplayNames([render.tr.locale === "zh" ? "zh-CN" : "en-GB"], {
        type: "region",
      }).of(code) ?? code
    );
  } catch {
    return code;
  }
}

/** A CSS string literal whose every character outside [A-Za-z0-9 ] is a hex escape. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    out += /[A-Za-z0-9 ]/.test(ch) ? ch : `\\${cp.toString(16)} `;
  }
  return `${out}"`;
}

/** The @page rules that depend on the render: paper size, banners, running header, numbers. */
export function pageRules(input: {
  format: PaperFormat;
  classification: string | null;
  runningHeader: string;
  reference: string;
  date: string;
  pageSeparator: string;
}): string {
  const size = input.format === "Letter" ? "letter" : "A4";
  const classification = input.classification ? cssString(input.classification) : "none";
  return [
    "@page {",
    `  size: ${size};`,
    `  @top-left { content: ${cssString(input.runningHeader)}; }`,
    `  @top-center { content: ${classification}; }`,
    `  @top-right { content: ${cssString(input.reference)}; }`,
    `  @bottom-left { content: ${cssString(input.date)}; }`,
    `  @bottom-center { content: ${classification}; }`,
    `  @bottom-right { content: counter(page) ${cssString(input.pageSeparator)} counter(pages); }`,
    "}",
    "@page :first { @top-left { content: none; } }",
  ].join("\n");
}
