// Texts in two languages: the Locale enum, the LocalizedText type and input, and the `bilingual`
// field helper every type uses for its names, titles and summaries.
import { type Locale, locales, pick } from "../domain/locale.ts";
import { builder, type Types } from "./builder.ts";

export const LocaleEnum = builder.enumType("Locale", {
  description:
    "Language of returned text. Without one, the request's Accept-Language (or x-attache-locale) header decides; English otherwise.",
  values: Object.fromEntries(locales.map((l) => [l.toUpperCase(), { value: l }])) as Record<
    "EN" | "ZH",
    { value: Locale }
  >,
});

type Pair = { en: string | null; zh: string | null };

export const LocalizedText = builder.objectRef<Pair>("LocalizedText").implement({
  description:
    "A text in both languages, or in one alone (untranslated into the other): null where a language is missing.",
  fields: (t) => ({
    en: t.string({ nullable: true, resolve: (p) => p.en }),
    zh: t.string({ nullable: true, resolve: (p) => p.zh }),
    languages: t.field({
      type: [LocaleEnum],
      description: "The languages the text exists in",
      resolve: (p) => locales.filter((l) => p[l] !== null),
    }),
    untranslated: t.boolean({
      description: "True when the text exists in one language only",
      resolve: (p) => (p.en === null) !== (p.zh === null),
    }),
  }),
});

export const LocalizedTextInput = builder.inputType("LocalizedTextInput", {
  description:
    "A text in both languages, or in one alone when it is not yet translated (at least one).",
  fields: (t) => ({ en: t.string(), zh: t.string() }),
});

export const BilingualInput = builder.inputType("BilingualInput", {
  description: "A name or label everybody reads: in both languages.",
  fields: (t) => ({ en: t.string({ required: true }), zh: t.string({ required: true }) }),
});

type Row = Record<string, unknown>;
type Options = Record<string, unknown>;
// The helper serves the field builder of every drizzle type; it needs only these two methods.
type TextFieldBuilder = {
  string: (options: Options) => unknown;
  field: (options: Options) => unknown;
  arg: (options: Options) => unknown;
};

/**
 * Two fields for a text stored in `${column}En` and `${column}Zh`: `name(locale)` in the
 * requested language (the other one when that is missing) and `nameI18n` with both. Each selects
 * only its two columns. Required texts are non-null (a record has them in at least one language).
 */
export function bilingual<T extends object>(
  t: T,
  name: string,
  {
    column = name,
    required = true,
    description,
  }: { column?: string; required?: boolean; description?: string } = {},
): Record<string, T extends { string: (...args: never[]) => infer R } ? R : never> {
  const fields = t as unknown as TextFieldBuilder;
  const en = `${column}En`;
  const zh = `${column}Zh`;
  const select = { columns: { [en]: true, [zh]: true } };
  const pair = (row: Row): Pair => ({
    en: (row[en] as string | null) ?? null,
    zh: (row[zh] as string | null) ?? null,
  });
  return {
    [name]: fields.string({
      description,
      nullable: !required,
      select,
      args: { locale: fields.arg({ type: LocaleEnum }) },
      resolve: (row: Row, args: { locale?: Locale | null }, ctx: Types["Context"]) =>
        pick(args.locale ?? ctx.locale, pair(row).en, pair(row).zh) ?? (required ? "" : null),
    }),
    [`${name}I18n`]: fields.field({
      type: LocalizedText,
      select,
      description: "The text in each language it exists in",
      resolve: pair,
    }),
  } as never;
}
