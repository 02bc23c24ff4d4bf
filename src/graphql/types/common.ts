// Scalars, enums and field helpers every type uses.
import { GraphQLError, Kind } from "graphql";
import { isIsoDate } from "../../domain/dates.ts";
import { type Locale, locales, pick } from "../../domain/locale.ts";
import { builder } from "../builder.ts";

export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

function parseDate(value: unknown): string {
  if (typeof value === "string" && isIsoDate(value)) return value;
  throw new GraphQLError(`"${String(value)}" is not a calendar date (YYYY-MM-DD)`, {
    extensions: { code: "BAD_USER_INPUT" },
  });
}

builder.scalarType("Date", {
  description: "A calendar date in ISO 8601 form, YYYY-MM-DD.",
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType("DateTime", {
  description: "An instant in ISO 8601 form, in UTC: 2025-11-19T08:30:00.000Z.",
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return value;
    throw new GraphQLError(`"${String(value)}" is not an ISO 8601 instant`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  },
});

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
  description: "A text in both languages.",
  fields: (t) => ({
    en: t.string({ nullable: true, resolve: (p) => p.en }),
    zh: t.string({ nullable: true, resolve: (p) => p.zh }),
  }),
});

/**
 * Two fields for a bilingual text: `name(locale)` in one language and `nameI18n` with both.
 * Required texts are non-null; optional ones are null where neither language has a text.
 */
export function bilingual<Row extends object>(
  t: Pick<PothosSchemaTypes.ObjectFieldBuilder<Types, Row>, "string" | "field" | "arg">,
  name: string,
  get: (row: Row) => Pair,
  { required = true, description }: { required?: boolean; description?: string } = {},
) {
  const args = { locale: t.arg({ type: LocaleEnum }) };
  const text = (row: Row, locale: Locale | null | undefined, ctxLocale: Locale) =>
    pick(locale ?? ctxLocale, get(row).en, get(row).zh);
  return {
    [name]: required
      ? t.string({
          description,
          args,
          resolve: (row, a, ctx) => text(row, a.locale, ctx.locale) ?? "",
        })
      : t.string({
          description,
          nullable: true,
          args,
          resolve: (row, a, ctx) => text(row, a.locale, ctx.locale),
        }),
    [`${name}I18n`]: t.field({ type: LocalizedText, resolve: get }),
  };
}
