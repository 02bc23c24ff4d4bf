// The dataset file format: what seeds/*.yaml hold and what `attache import` reads.
// References between records are natural keys (country codes, record keys), never database ids,
// so a file can be written by hand and loaded into any database.
import { z } from "zod";
import { isIsoDate } from "../domain/dates.ts";

/** Every text of a record: present, and at most 10,000 characters (an event summary is ~1,500). */
const nonEmpty = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(10_000, "must be at most 10,000 characters");
const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,119}$/, "must be lower-case letters, digits, '.', '_' or '-'");
const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as CN");
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine(isIsoDate, "must be a calendar date YYYY-MM-DD");

/** Text in both languages: the service prints whichever the reader asks for. */
const bilingual = z.object({ en: nonEmpty, zh: nonEmpty }).strict();
const optionalBilingual = bilingual.optional();

/** Every fact names the sources that support it: a source key, or a key and a locator. */
const citation = z.union([
  key.transform((source) => ({ source, locator: undefined as string | undefined })),
  z.object({ source: key, locator: nonEmpty.optional() }).strict(),
]);
const cited = z.array(citation).min(1, "every fact cites at least one source");

export const countrySchema = z
  .object({
    code: countryCode,
    alpha3: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code"),
    numeric: z.string().regex(/^\d{3}$/, "must be a three-digit ISO 3166-1 numeric code"),
    name: bilingual,
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
    kind: z.enum(["cooperation_area", "issue", "initiative"]),
    name: bilingual,
  })
  .strict();

export const sourceSchema = z
  .object({
    key,
    publication: bilingual,
    title: bilingual,
    language: z.string().regex(/^[a-z]{2}$/, "must be a two-letter language code"),
    publishedOn: isoDate,
    page: nonEmpty.optional(),
    url: z.url().optional(),
    note: optionalBilingual,
  })
  .strict();

export const organizationSchema = z
  .object({
    key,
    kind: z.enum(["intergovernmental", "mechanism", "ministry", "international"]),
    abbreviation: nonEmpty.optional(),
    name: bilingual,
    country: countryCode.optional(),
  })
  .strict();

export const personSchema = z
  .object({
    key,
    name: bilingual,
    country: countryCode.optional(),
    offices: z
      .array(
        z
          .object({
            title: bilingual,
            organization: key.optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            sources: cited,
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

const between = z
  .tuple([countryCode, countryCode])
  .refine(([a, b]) => a !== b, "a relationship joins two different countries");

export const relationshipSchema = z
  .object({
    between,
    summary: optionalBilingual,
    partnerships: z
      .array(
        z
          .object({
            level: key,
            label: optionalBilingual,
            since: isoDate,
            note: optionalBilingual,
            sources: cited,
          })
          .strict(),
      )
      .optional(), // absent: the recorded history is kept; present: it is replaced
  })
  .strict();

export const eventSchema = z
  .object({
    key,
    between,
    type: key,
    status: z.enum(["held", "scheduled", "cancelled"]).default("held"),
    date: isoDate,
    endDate: isoDate.optional(),
    host: countryCode.optional(),
    place: optionalBilingual,
    title: bilingual,
    summary: optionalBilingual,
    firstOfKind: z.boolean().default(false),
    topics: z.array(key).default([]),
    participants: z
      .array(
        z
          .object({
            person: key,
            role: z.enum(["host", "guest", "head_of_delegation", "participant"]),
            side: countryCode.optional(),
          })
          .strict(),
      )
      .default([]),
    sources: cited,
  })
  .strict()
  .refine((e) => !e.endDate || e.endDate >= e.date, {
    message: "endDate is before date",
    path: ["endDate"],
  });

export const documentSchema = z
  .object({
    key,
    kind: z.enum([
      "joint_statement",
      "joint_declaration",
      "cooperation_programme",
      "mou",
      "agreement",
      "treaty",
      "communique",
    ]),
    title: bilingual,
    signedOn: isoDate.optional(),
    event: key.optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    summary: optionalBilingual,
    parties: z
      .array(
        z.union([
          countryCode.transform((country) => ({ country, organization: undefined })),
          z.object({ country: countryCode, organization: key.optional() }).strict(),
        ]),
      )
      .min(1, "a document has at least one party"),
    sources: cited,
  })
  .strict()
  .refine((d) => !d.validFrom || !d.validTo || d.validTo >= d.validFrom, {
    message: "validTo is before validFrom",
    path: ["validTo"],
  });

export const projectSchema = z
  .object({
    key,
    status: z.enum(["proposed", "planned", "under_construction", "operational", "suspended"]),
    name: bilingual,
    summary: optionalBilingual,
    countries: z.array(countryCode).min(1),
    topics: z.array(key).default([]),
    mentions: z
      .array(
        z
          .object({
            date: isoDate,
            event: key.optional(),
            status: z
              .enum(["proposed", "planned", "under_construction", "operational", "suspended"])
              .optional(),
            note: bilingual,
            sources: cited,
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const statementSchema = z
  .object({
    key,
    kind: z.enum(["position", "commitment", "support", "request", "assessment"]),
    side: countryCode,
    speaker: key.optional(),
    event: key.optional(),
    topic: key,
    organization: key.optional(),
    project: key.optional(),
    date: isoDate,
    text: bilingual,
    quote: z.object({ zh: nonEmpty.optional(), en: nonEmpty.optional() }).strict().optional(),
    sources: cited,
  })
  .strict();

/** One dataset file. Every section is optional; files are merged in name order. */
export const datasetFileSchema = z
  .object({
    countries: z.array(countrySchema).default([]),
    eventTypes: z.array(eventTypeSchema).default([]),
    topics: z.array(topicSchema).default([]),
    sources: z.array(sourceSchema).default([]),
    organizations: z.array(organizationSchema).default([]),
    people: z.array(personSchema).default([]),
    relationships: z.array(relationshipSchema).default([]),
    events: z.array(eventSchema).default([]),
    documents: z.array(documentSchema).default([]),
    projects: z.array(projectSchema).default([]),
    statements: z.array(statementSchema).default([]),
  })
  .strict();

export type DatasetFile = z.output<typeof datasetFileSchema>;
export type Dataset = DatasetFile;
export const datasetSections = Object.keys(datasetFileSchema.shape) as (keyof Dataset)[];
