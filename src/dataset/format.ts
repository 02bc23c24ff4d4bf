// The dataset file format (version 2): what seeds/*.yaml hold and what `attache import` reads.
// References between records are natural keys (country codes, record keys), never database ids,
// so a file can be written by hand and loaded into any database. seeds/README.md documents every
// field and vocabulary with examples.
import { z } from "zod";
import { partialDateProblem } from "../domain/partial-date.ts";
import { blank, nameProblem, unprintable } from "../domain/plain-text.ts";
import {
  documentActions,
  documentKinds,
  eventStatuses,
  organizationKinds,
  organizationScopes,
  participantRoles,
  projectStatuses,
  statementKinds,
  targetStatuses,
  topicKinds,
} from "../domain/vocabulary.ts";
import { normalizeText } from "../domain/zh-text.ts";

export const FORMAT_VERSION = 2;

/** Every text: present, at most 10,000 characters, punctuation normalised (see zh-text.ts). */
const textValue = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(10_000, "must be at most 10,000 characters")
  .refine(
    (v) => !unprintable(v, { lineBreaks: true }),
    "must not contain control characters or broken (half) characters",
  )
  .refine((v) => !blank(v), "must not be empty (it holds only invisible characters)")
  .transform(normalizeText);
/** A name, label, alias or term: one line, tabs and line breaks refused too. */
const lineValue = textValue.superRefine((v, ctx) => {
  // The rule schedule names follow too (src/domain/plain-text.ts): one line, no bidi controls.
  const problem = nameProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
/**
 * Items a list of one record may hold: far above any report, low enough that a small file cannot
 * expand (YAML aliases) into millions of stored items.
 */
const MAX_ITEMS = 200;
const many = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_ITEMS, `must have at most ${MAX_ITEMS} items`);
const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,119}$/, "must be lower-case letters, digits, '.', '_' or '-'");
const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as CN (upper case)");
/** YAML reads an unquoted 2025-11-19 as a date: take it back as the day it names. */
const dateText = z
  .union([z.string(), z.number(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)));
const partialDate = dateText.superRefine((value, ctx) => {
  const problem = partialDateProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
const fullDate = partialDate.refine((v) => v.length === 10, "must be a full date YYYY-MM-DD");

/** A text in one or both languages; one alone means it is not yet translated. */
const text = z
  .object({ en: textValue.optional(), zh: textValue.optional() })
  .strict()
  .refine((t) => t.en !== undefined || t.zh !== undefined, "needs en, zh or both");
/** Names and labels everybody reads in both languages. */
const bilingual = z.object({ en: lineValue, zh: lineValue }).strict();
/** A name in one or both languages: one line each. */
const nameText = z
  .object({ en: lineValue.optional(), zh: lineValue.optional() })
  .strict()
  .refine((t) => t.en !== undefined || t.zh !== undefined, "needs en, zh or both");

/** Every fact names the sources that support it: a source key, or a key and a locator. */
const citation = z.union([
  key.transform((source) => ({ source, locator: undefined as string | undefined })),
  z.object({ source: key, locator: textValue.optional() }).strict(),
]);
const cited = many(citation).min(1, "every fact cites at least one source");
const keys = many(key).default([]);

const between = z
  .tuple([countryCode, countryCode])
  .refine(([a, b]) => a !== b, "a relationship joins two different countries");

export const countrySchema = z
  .object({
    code: countryCode,
    alpha3: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code"),
    numeric: z.string().regex(/^\d{3}$/, "must be a three-digit ISO 3166-1 numeric code"),
    name: bilingual,
    aliases: many(lineValue).default([]),
  })
  .strict();

export const partnershipLevelSchema = z
  .object({
    key,
    label: bilingual,
    rank: z.number().int().min(0).max(100),
    qualifiers: many(key).default([]),
  })
  .strict();

export const eventTypeSchema = z
  .object({
    key,
    cameo: z.string().regex(/^\d{2,4}$/, "must be a CAMEO code such as 042"),
    label: bilingual,
  })
  .strict();

export const topicSchema = z
  .object({
    key,
    kind: z.enum(topicKinds),
    name: bilingual,
    terms: many(lineValue).default([]),
  })
  .strict();

export const sourceSchema = z
  .object({
    key,
    publication: bilingual,
    title: text,
    language: z.string().regex(/^[a-z]{2}$/, "must be a two-letter language code such as zh"),
    publishedOn: fullDate,
    page: textValue.optional(),
    url: z.url().optional(),
    note: text.optional(),
  })
  .strict();

export const organizationSchema = z
  .object({
    key,
    kind: z.enum(organizationKinds),
    scope: z.enum(organizationScopes),
    abbreviation: lineValue.optional(),
    name: nameText,
    country: countryCode.optional(),
    between: between.optional(),
  })
  .strict()
  .refine((o) => !o.between || o.scope === "bilateral", {
    message: "only a bilateral mechanism names the relationship it belongs to",
    path: ["between"],
  });

const officeSchema = z
  .object({
    title: text,
    organization: key.optional(),
    from: partialDate.optional(),
    to: partialDate.optional(),
    sources: cited,
  })
  .strict();

export const personSchema = z
  .object({
    key,
    name: nameText,
    aliases: many(lineValue).default([]),
    country: countryCode.optional(),
    offices: many(officeSchema).default([]),
  })
  .strict();

const partnershipStepSchema = z
  .object({
    level: key,
    since: partialDate.optional(),
    attestedOn: partialDate.optional(),
    note: text.optional(),
    sources: cited,
  })
  .strict()
  .refine((p) => (p.since === undefined) !== (p.attestedOn === undefined), {
    message:
      "give since (the date the level was established) or attestedOn (the date of a source that says the relationship is at this level), not both",
    path: ["since"],
  });

export const relationshipSchema = z
  .object({
    between,
    summary: text.optional(),
    partnerships: many(partnershipStepSchema).default([]),
  })
  .strict();

export const eventSchema = z
  .object({
    key,
    between,
    type: key,
    status: z.enum(eventStatuses).default("held"),
    date: partialDate,
    endDate: fullDate.optional(),
    host: countryCode.optional(),
    place: text.optional(),
    title: text,
    summary: text.optional(),
    firstOfKind: z.boolean().default(false),
    ordinal: z.number().int().min(1).max(1000).optional(),
    parent: key.optional(),
    topics: keys,
    participants: many(
      z
        .object({
          person: key,
          role: z.enum(participantRoles),
          side: countryCode.optional(),
        })
        .strict(),
    ).default([]),
    sources: cited,
  })
  .strict();

export const documentSchema = z
  .object({
    key,
    kind: z.enum(documentKinds),
    action: z.enum(documentActions),
    title: text,
    date: partialDate.optional(),
    between: between.optional(),
    event: key.optional(),
    validFrom: partialDate.optional(),
    validTo: partialDate.optional(),
    summary: text.optional(),
    parties: many(
      z.union([
        countryCode.transform((country) => ({ country, organization: undefined })),
        z.object({ country: countryCode, organization: key.optional() }).strict(),
      ]),
    ).min(1, "a document has at least one party"),
    sources: cited,
  })
  .strict()
  .refine((d) => d.between !== undefined || d.event !== undefined, {
    message: "name the relationship (between) or the event the document came out of",
    path: ["between"],
  });

export const projectSchema = z
  .object({
    key,
    name: nameText,
    summary: text.optional(),
    countries: many(countryCode).min(1, "a project involves at least one country"),
    topics: keys,
    statusHistory: many(
      z.object({ status: z.enum(projectStatuses), date: partialDate, sources: cited }).strict(),
    ).default([]),
  })
  .strict();

export const projectMentionSchema = z
  .object({
    key,
    project: key,
    date: partialDate,
    event: key.optional(),
    note: text,
    sources: cited,
  })
  .strict();

export const statementSchema = z
  .object({
    key,
    kind: z.enum(statementKinds),
    between: between.optional(),
    event: key.optional(),
    side: z.union([countryCode, z.literal("joint")]),
    speaker: key.optional(),
    verb: textValue.optional(),
    date: partialDate,
    topics: many(key).min(1, "a statement is on at least one topic"),
    organizations: keys,
    projects: keys,
    text,
    quote: z.object({ zh: textValue.optional(), en: textValue.optional() }).strict().optional(),
    sources: cited,
  })
  .strict()
  .refine((s) => s.between !== undefined || s.event !== undefined, {
    message: "name the relationship (between) or the event the statement was made at",
    path: ["between"],
  });

export const AT_AN_EARLY_DATE = "at_an_early_date";

export const targetSchema = z
  .object({
    key,
    between,
    title: text,
    amount: z.number().positive().optional(),
    unit: textValue.optional(),
    by: z.union([z.literal(AT_AN_EARLY_DATE), partialDate]).optional(),
    status: z.enum(targetStatuses),
    date: partialDate.optional(),
    statements: keys,
    sources: cited,
  })
  .strict()
  .refine((t) => t.amount === undefined || t.unit !== undefined, {
    message: "an amount needs its unit or currency (e.g. USD, CNY, tonnes)",
    path: ["unit"],
  });

/** One dataset file. Every section is optional; files are merged in name order. */
export const datasetFileSchema = z
  .object({
    format: z.literal(FORMAT_VERSION).optional(),
    countries: z.array(countrySchema).default([]),
    partnershipLevels: z.array(partnershipLevelSchema).default([]),
    eventTypes: z.array(eventTypeSchema).default([]),
    topics: z.array(topicSchema).default([]),
    sources: z.array(sourceSchema).default([]),
    organizations: z.array(organizationSchema).default([]),
    people: z.array(personSchema).default([]),
    relationships: z.array(relationshipSchema).default([]),
    events: z.array(eventSchema).default([]),
    documents: z.array(documentSchema).default([]),
    projects: z.array(projectSchema).default([]),
    projectMentions: z.array(projectMentionSchema).default([]),
    statements: z.array(statementSchema).default([]),
    targets: z.array(targetSchema).default([]),
  })
  .strict();

export type DatasetFile = z.output<typeof datasetFileSchema>;
export type Dataset = DatasetFile;
export type Section = Exclude<keyof DatasetFile, "format">;
