// Agreements and statements signed: joint statements, cooperation programmes, MoUs.
import { and, gte, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { documents } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { checkPeriod, countRows, countryIds, orTrue, requireRelationship } from "../lookups.ts";
import { bilingual } from "./common.ts";
import { searchWhere } from "./search-filter.ts";

builder.drizzleNode("documents", {
  name: "Document",
  id: { column: (d) => d.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: t.exposeString("kind", {
      description:
        "joint_statement | joint_declaration | cooperation_programme | mou | agreement | treaty | communique",
    }),
    ...bilingual(t, "title", (d) => ({ en: d.titleEn, zh: d.titleZh })),
    signedOn: t.field({ type: "Date", nullable: true, resolve: (d) => d.signedOn }),
    validFrom: t.field({ type: "Date", nullable: true, resolve: (d) => d.validFrom }),
    validTo: t.field({ type: "Date", nullable: true, resolve: (d) => d.validTo }),
    ...bilingual(t, "summary", (d) => ({ en: d.summaryEn, zh: d.summaryZh }), {
      required: false,
    }),
    event: t.relation("event", { nullable: true, description: "Where it was signed" }),
    parties: t.relation("parties", { query: { orderBy: { code: "asc" } } }),
    citations: t.relation("citations", { query: { orderBy: { id: "asc" } } }),
  }),
});

type DocumentArgs = {
  relationship?: string | null;
  country?: string | null;
  kind?: string | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
};

function documentCondition(db: Db, args: DocumentArgs) {
  checkPeriod(args.from, args.to, "to");
  const relationshipId = args.relationship
    ? requireRelationship(db, args.relationship, "relationship")
    : undefined;
  const country = args.country ? countryIds(db, [args.country], "country")[0] : undefined;
  return (table: typeof documents): SQL | undefined =>
    and(
      relationshipId === undefined
        ? undefined
        : sql`${table.eventId} IN (SELECT id FROM events WHERE relationship_id = ${relationshipId})`,
      country === undefined
        ? undefined
        : sql`${table.id} IN (SELECT document_id FROM document_parties WHERE country_id = ${country})`,
      args.kind ? sql`${table.kind} = ${args.kind}` : undefined,
      args.from ? gte(table.signedOn, args.from) : undefined,
      args.to ? lte(table.signedOn, args.to) : undefined,
      args.search ? searchWhere(table.id, "document", args.search, "search") : undefined,
    );
}

builder.queryFields((t) => ({
  documents: t.drizzleConnection({
    type: "documents",
    args: {
      relationship: t.arg.string({ description: 'Signed at an event of this pair, e.g. "CN-KG"' }),
      country: t.arg.string({ description: "A party to the document" }),
      kind: t.arg.string(),
      from: t.arg({ type: "Date" }),
      to: t.arg({ type: "Date" }),
      search: t.arg.string(),
    },
    totalCount: (_root, args, ctx) =>
      countRows(ctx.db, documents, documentCondition(ctx.db, args)(documents)),
    resolve: (query, _root, args, ctx) => {
      const condition = documentCondition(ctx.db, args);
      return ctx.db.query.documents.findMany(
        query({
          where: { RAW: (table) => orTrue(condition(table)) },
          orderBy: { key: "asc" },
        }),
      );
    },
  }),
}));
