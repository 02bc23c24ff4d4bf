// Locale strings (templates/locales/<locale>.json) and the formatting that depends on the locale:
// dates, lists, plurals, and the pick between the two languages of a stored text.
// Everything that returns HTML escapes every piece it embeds; `plain` is for non-HTML sinks
// (PDF metadata, CSS strings after cssString), never for markup.
import Handlebars from "handlebars";
import type { Locale } from "../domain/locale.ts";
import { normalizeText } from "../domain/zh-text.ts";
import { TemplateError } from "./template-error.ts";

export type Strings = { [key: string]: string | Strings };
export type Bilingualish = { en: string | null; zh: string | null };
/** A value a locale string may embed: text (escaped) or HTML already escaped by a helper. */
export type Arg = string | number | Handlebars.SafeString | null;

const { escapeExpression } = Handlebars.Utils;
export const safe = (html: string) => new Handlebars.SafeString(html);
export const isSafe = (value: unknown): value is Handlebars.SafeString =>
  value instanceof Handlebars.SafeString;

/** HTML for a value: a SafeString as it is, anything else escaped. */
export function html(value: Arg | undefined): string {
  if (value === null || value === undefined) return "";
  if (isSafe(value)) return value.toHTML();
  return escapeExpression(String(value));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
/** A printed English date with no day: "2023", "May 2023", "May – June 2023", "2022–2023". */
const NO_DAY = /^[A-Za-z ]*\d{4}(?: ?[–-] ?[A-Za-z ]*\d{4})?$/;
type DateParts = { y: number; m: number; d: number };

export class Translator {
  readonly #plural: Intl.PluralRules;

  constructor(
    readonly locale: Locale,
    readonly strings: Strings,
  ) {
    this.#plural = new Intl.PluralRules(locale === "zh" ? "zh-CN" : "en-GB");
  }

  /** The raw entry at a dotted key; throws TemplateError naming the key when it is missing. */
  entry(key: string): string | Strings {
    let node: string | Strings | undefined = this.strings;
    for (const part of key.split(".")) {
      node = typeof node === "object" && Object.hasOwn(node, part) ? node[part] : undefined;
    }
    if (node === undefined) {
      throw new TemplateError(`locale "${this.locale}" has no string "${key}"`, { field: key });
    }
    return node;
  }

  has(key: string): boolean {
    try {
      this.entry(key);
      return true;
    } catch {
      return false;
    }
  }

  /** The pattern at `key`, choosing the plural form for `count` when the entry has forms. */
  pattern(key: string, count?: number): string {
    const node = this.entry(key);
    if (typeof node === "string") return node;
    // Explicit zero and one forms win over the language's rules (zh has no grammatical "one",
    // yet "联合声明" reads better than "1份联合声明").
    const form =
      count === undefined
        ? "other"
        : count === 0 && "zero" in node
          ? "zero"
          : count === 1 && "one" in node
            ? "one"
            : this.#plural.select(count);
    const chosen = node[form] ?? node.other;
    if (typeof chosen !== "string") {
      throw new TemplateError(`locale "${this.locale}": "${key}" is not a string`, { field: key });
    }
    return chosen;
  }

  /** A locale string as escaped HTML, `{name}` placeholders filled from `args`. */
  t(key: string, args: Record<string, Arg> = {}): Handlebars.SafeString {
    const count = typeof args.count === "number" ? args.count : undefined;
    const pattern = this.#prepositions(this.pattern(key, count), args);
    return safe(fill(pattern, args, key, html, escapeExpression));
  }

  /** The same, as plain text: only for sinks that are not HTML (metadata, CSS strings). */
  plain(key: string, args: Record<string, string | number> = {}): string {
    const count = typeof args.count === "number" ? args.count : undefined;
    const pattern = this.#prepositions(this.pattern(key, count), args);
    return fill(pattern, args, key, String, (s) => s);
  }

  /**
   * English dates take "on" for a day and "in" for a year or a month ("established in 2023",
   * "in May 2023", "on 12 March 2026"): "on {x}" becomes "in {x}" when x is a date with no day.
   */
  #prepositions(pattern: string, args: Record<string, Arg>): string {
    if (this.locale !== "en") return pattern;
    return pattern.replace(/\b([Oo])n \{(\w+)\}/g, (whole, o: string, name: string) => {
      const value = args[name];
      const text = value === null || value === undefined ? "" : html(value);
      return NO_DAY.test(text) ? `${o === "O" ? "I" : "i"}n {${name}}` : whole;
    });
  }

  /**
   * The text in this locale's language; a text only the other language has is printed as given,
   * marked as the original ("第二次会谈 (Chinese original)"); "" when there is neither.
   */
  text(value: Bilingualish | null): string {
    const given = this.asGiven(value);
    return this.untranslated(value) ? this.plain("label.original", { text: given }) : given;
  }

  /**
   * The text in this locale's language, else the other one's, unmarked (for a caller that marks
   * it itself). Chinese is printed with full-width punctuation whatever the stored text uses.
   */
  asGiven(value: Bilingualish | null): string {
    if (!value) return "";
    const [mine, other] = this.locale === "zh" ? [value.zh, value.en] : [value.en, value.zh];
    return normalizeText(mine ?? other ?? "");
  }

  /** Whether only the other language has this text (it is printed as given, marked). */
  untranslated(value: Bilingualish | null): boolean {
    if (!value) return false;
    const [mine, other] = this.locale === "zh" ? [value.zh, value.en] : [value.en, value.zh];
    return !mine && Boolean(other);
  }

  /** The text in the other language, when it differs from this one's. */
  otherText(value: Bilingualish | null): string {
    if (!value) return "";
    const [mine, other] = this.locale === "zh" ? [value.zh, value.en] : [value.en, value.zh];
    return other && other !== mine ? normalizeText(other) : "";
  }

  /** 19 November 2025 / 2025年11月19日; a partial date as precise as it is (November 2025, 2025). */
  date(iso: string): string {
    const partial = /^(\d{4})(?:-(\d{2}))?$/.exec(iso);
    if (partial) {
      const y = Number(partial[1]);
      if (partial[2] === undefined) return this.plain("date.year", { y });
      const m = Number(partial[2]);
      return this.plain("date.month", { y, m, month: this.#month(m) });
    }
    const p = parseDate(iso);
    return this.plain("date.full", this.#dateArgs(p));
  }

  /** 17–23 November 2025 / 2025年11月17日至23日, and the longer forms across months and years. */
  dateRange(fromIso: string, toIso: string): string {
    const from = parseDate(fromIso);
    const to = parseDate(toIso);
    if (fromIso.slice(0, 10) === toIso.slice(0, 10)) return this.date(fromIso);
    const args = {
      y: from.y,
      y1: from.y,
      y2: to.y,
      m1: from.m,
      m2: to.m,
      d1: from.d,
      d2: to.d,
      month1: this.#month(from.m),
      month2: this.#month(to.m),
    };
    if (from.y === to.y && from.m === to.m) return this.plain("date.rangeSameMonth", args);
    if (from.y === to.y) return this.plain("date.rangeSameYear", args);
    return this.plain("date.range", { from: this.date(fromIso), to: this.date(toIso) });
  }

  /**
   * Items joined the locale's way: "a, b and c" / "a、b和c"; `semicolon` for items with commas;
   * `actions` for predicates ("met X and held Y" / "与X举行会见，并与Y举行对话").
   */
  list(
    items: readonly Arg[],
    style: "and" | "semicolon" | "actions" = "and",
  ): Handlebars.SafeString {
    const parts = items.map((item) => html(item));
    const sep = html(this.pattern(`list.${style}.separator`));
    if (parts.length <= 1) return safe(parts.join(""));
    const last = parts.pop() as string;
    const conj = html(this.pattern(`list.${style}.last`));
    return safe(`${parts.join(sep)}${conj}${last}`);
  }

  #month(m: number): string {
    return this.pattern(`date.months.${m}`);
  }

  #dateArgs(p: DateParts) {
    return { y: p.y, m: p.m, d: p.d, month: this.#month(p.m) };
  }
}

const PLURAL_FORMS = new Set(["zero", "one", "two", "few", "many", "other"]);

/** Every string's dotted key; an entry of plural forms counts as one string. */
export function stringKeys(node: Strings, prefix = ""): string[] {
  return Object.entries(node).flatMap(([k, v]) =>
    typeof v === "string" || Object.keys(v).every((form) => PLURAL_FORMS.has(form))
      ? [`${prefix}${k}`]
      : stringKeys(v, `${prefix}${k}.`),
  );
}

function parseDate(iso: string): DateParts {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new TemplateError(`"${iso}" is not a date (YYYY-MM-DD)`, { field: "date" });
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function fill<T>(
  pattern: string,
  args: Record<string, T>,
  key: string,
  value: (v: T) => string,
  literal: (s: string) => string,
): string {
  let out = "";
  let at = 0;
  for (const match of pattern.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] as string;
    if (!Object.hasOwn(args, name)) {
      throw new TemplateError(`locale string "${key}" needs {${name}}`, { field: name });
    }
    out += literal(pattern.slice(at, match.index)) + value(args[name] as T);
    at = match.index + match[0].length;
  }
  return out + literal(pattern.slice(at));
}
