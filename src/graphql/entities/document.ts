// Documents as they came to be: a kind (joint statement, MoU…), what was done with it (signed,
// issued, adopted, announced), when, by whom, and its validity only where a source gives it.
import { and, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { documents } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { CitationInput, citationsField } from "../citations.ts";
import { DocumentAction, DocumentKind, vocabularyField } from "../enums.ts";
import {
  checkPeriod,
  countRows,
  countryIds,
  datedWithin,
  oncePerArgs,
  orTrue,
  requireRelationship,
} from "../lookups.ts";
import { editable } from "../mutations.ts";
import { searchWhere } from "../search-filter.ts";
import { bilingual, LocalizedTextInput } from "../text.ts";

builder.drizzleNode("documents", {
  name: "Document",
  select: {
    columns: { key: true, kind: true, action: true, titleEn: true, titleZh: true, date: true },
  },
  id: { column: (d) => d.id },
  fields: (t) => {
    const dated = (column: "date" | "validFrom" | "validTo", description: string) =>
      t.expose(column, { type: "PartialDate", nullable: true, description });
    return {
      key: t.exposeString("key"),
      kind: vocabularyField(t, "kind", DocumentKind),
      action: vocabularyField(t, "action", DocumentAction),
      ...bilingual(t, "title"),
      date: dated("date", "When it was signed, issued, adopted or announced"),
      validFrom: dated("validFrom", "Only where a source gives it"),
      validTo: dated("validTo", "Only where a source gives it"),
      ...bilingual(t, "summary", { required: false }),
      relationship: t.relation("relationship"),
      event: t.relation("event", { nullable: true, description: "The event it came out of" }),
      parties: t.relation("parties", { query: { orderBy: { code: "asc" } } }),
      citations: citationsField(t),
    };
  },
});

type DocumentArgs = {
  relationship?: string | null;
  country?: string | null;
  kind?: string | null;
  action?: string | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
};

const documentCondition = oncePerArgs(async (db: Db, args: DocumentArgs) => {
  checkPeriod(args.from, args.to, "to");
  const relationshipId = args.relationship
    ? await requireRelationship(db, args.relationship, "relationship")
    : undefined;
  const [country] = args.country ? await countryIds(db, [args.country], "country") : [];
  return (table: typeof documents): SQL | undefined =>
    and(
      relationshipId === undefined ? undefined : sql`${table.relationshipId} = ${relationshipId}`,
      country === undefined
        ? undefined
        : sql`${table.id} IN (SELECT document_id FROM document_parties WHERE country_id = ${country})`,
      args.kind ? sql`${table.kind} = ${args.kind}` : undefined,
      args.action ? sql`${table.action} = ${args.action}` : undefined,
      datedWithin({ dateFrom: table.dateFrom, dateTo: table.dateTo }, args.from, args.to),
      args.search ? searchWhere(table.id, "document", args.search, "search") : undefined,
    );
});

builder.queryFields((t) => ({
  documents: t.drizzleConnection({
    type: "documents",
    args: {
      relationship: t.arg.string({ description: 'Of this pair, e.g. "CN-KG"' }),
      country: t.arg.string({ description: "A party to the document" }),
      kind: t.arg({ type: DocumentKind }),
      action: t.arg({ type: DocumentAction }),
      from: t.arg({ type: "PartialDate" }),
      to: t.arg({ type: "PartialDate" }),
      search: t.arg.string(),
    },
    totalCount: async (_root, args, ctx) =>
      countRows(ctx.db, documents, (await documentCondition(ctx.db, args))(documents)),
    resolve: async (query, _root, args, ctx) => {
      const condition = await documentCondition(ctx.db, args);
      return ctx.db.query.documents.findMany(
        query({
          where: { RAW: (table) => orTrue(condition(table)) },
          orderBy: { key: "asc", id: "asc" },
        }),
      );
    },
  }),
}));

const DocumentPartyInput = builder.inputType("DocumentPartyInput", {
  fields: (t) => ({
    country: t.string({ required: true, description: "ISO 3166-1 alpha-2" }),
    organization: t.string({ description: "The signing body's key, e.g. a ministry" }),
  }),
});

editable("document", {
  what: "document (with its parties)",
  fields: (t, c) => ({
    kind: t.field({ type: DocumentKind, required: c }),
    action: t.field({ type: DocumentAction, required: c }),
    title: t.field({ type: LocalizedTextInput, required: c }),
    date: t.field({ type: "PartialDate" }),
    between: t.stringList({ description: "The relationship, when no event names it" }),
    event: t.string({ description: "The key of the event it came out of" }),
    validFrom: t.field({ type: "PartialDate", description: "Only where a source gives it" }),
    validTo: t.field({ type: "PartialDate", description: "Only where a source gives it" }),
    summary: t.field({ type: LocalizedTextInput }),
    parties: t.field({ type: [DocumentPartyInput], required: c }),
    sources: t.field({ type: [CitationInput], required: c }),
  }),
});
