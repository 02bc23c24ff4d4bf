// Statements ("positions" in prose): what one side, or both jointly, said, on topics, with the
// verbatim quote. One sentence of a source is one record.
import { and, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { statements } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { CitationInput, citationsField } from "../citations.ts";
import { StatementKind, vocabularyField } from "../enums.ts";
import {
  checkPeriod,
  countRows,
  countryIds,
  datedWithin,
  idsByKey,
  oncePerArgs,
  orTrue,
  requireRelationship,
} from "../lookups.ts";
import { editable } from "../mutations.ts";
import { searchWhere } from "../search-filter.ts";
import { bilingual, LocalizedText, LocalizedTextInput } from "../text.ts";

const JOINT = "JOINT";

builder.drizzleNode("statements", {
  name: "Statement",
  select: { columns: { key: true, kind: true, verb: true, date: true } },
  id: { column: (s) => s.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: vocabularyField(t, "kind", StatementKind),
    relationship: t.relation("relationship"),
    side: t.relation("side", {
      nullable: true,
      description: "The country that said it; null when both sides said it jointly",
    }),
    joint: t.boolean({
      description: "Both sides said it, jointly (双方同意, 一致认为)",
      select: { columns: { sideCountryId: true } },
      resolve: (s) => s.sideCountryId === null,
    }),
    speaker: t.relation("speaker", { nullable: true }),
    event: t.relation("event", { nullable: true }),
    verb: t.exposeString("verb", {
      nullable: true,
      description: "The reported verb, e.g. 重申",
    }),
    date: t.expose("date", {
      type: "PartialDate",
    }),
    topics: t.relation("topics", { query: { orderBy: { key: "asc" } } }),
    organizations: t.relation("organizations", { query: { orderBy: { key: "asc" } } }),
    projects: t.relation("projects", { query: { orderBy: { key: "asc" } } }),
    ...bilingual(t, "text"),
    quote: t.field({
      type: LocalizedText,
      nullable: true,
      description: "The words as reported, where the source gives them",
      select: { columns: { quoteEn: true, quoteZh: true } },
      resolve: (s) => (s.quoteZh || s.quoteEn ? { en: s.quoteEn, zh: s.quoteZh } : null),
    }),
    citations: citationsField(t),
  }),
});

type StatementArgs = {
  relationship?: string | null;
  side?: string | null;
  topic?: string | null;
  kind?: string | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
};

const statementCondition = oncePerArgs(async (db: Db, args: StatementArgs) => {
  checkPeriod(args.from, args.to, "to");
  const relationshipId = args.relationship
    ? await requireRelationship(db, args.relationship, "relationship")
    : undefined;
  const joint = args.side?.toUpperCase() === JOINT;
  const [side] = args.side && !joint ? await countryIds(db, [args.side], "side") : [];
  const [topic] = args.topic ? await idsByKey(db, "topic", [args.topic], "topic") : [];
  return (table: typeof statements): SQL | undefined =>
    and(
      relationshipId === undefined ? undefined : sql`${table.relationshipId} = ${relationshipId}`,
      joint ? sql`${table.sideCountryId} IS NULL` : undefined,
      side === undefined ? undefined : sql`${table.sideCountryId} = ${side}`,
      topic === undefined
        ? undefined
        : sql`${table.id} IN (SELECT statement_id FROM statement_topics WHERE topic_id = ${topic})`,
      args.kind ? sql`${table.kind} = ${args.kind}` : undefined,
      datedWithin(table, args.from, args.to),
      args.search ? searchWhere(table.id, "statement", args.search, "search") : undefined,
    );
});

builder.queryFields((t) => ({
  statements: t.drizzleConnection({
    type: "statements",
    description: "What each side, or both jointly, said; newest first.",
    args: {
      relationship: t.arg.string({ description: 'Of this pair, e.g. "CN-KG"' }),
      side: t.arg.string({
        description: 'The country that said it (a code), or "JOINT" for what both said jointly',
      }),
      topic: t.arg.string({ description: "A topic key, e.g. one_china" }),
      kind: t.arg({ type: StatementKind }),
      from: t.arg({ type: "PartialDate" }),
      to: t.arg({ type: "PartialDate" }),
      search: t.arg.string(),
    },
    totalCount: async (_root, args, ctx) =>
      countRows(ctx.db, statements, (await statementCondition(ctx.db, args))(statements)),
    resolve: async (query, _root, args, ctx) => {
      const condition = await statementCondition(ctx.db, args);
      return ctx.db.query.statements.findMany(
        query({
          where: { RAW: (table) => orTrue(condition(table)) },
          orderBy: { dateFrom: "desc", id: "asc" },
        }),
      );
    },
  }),
}));

const QuoteInput = builder.inputType("QuoteInput", {
  description: "The words as reported, in either or both languages.",
  fields: (t) => ({ zh: t.string(), en: t.string() }),
});

editable("statement", {
  what: "statement (what one side, or both jointly, said)",
  fields: (t, c) => ({
    kind: t.field({ type: StatementKind, required: c }),
    side: t.string({
      required: c,
      description: 'The country that said it, or "joint" when both sides said it jointly',
    }),
    between: t.stringList({ description: "The relationship, when no event names it" }),
    event: t.string({ description: "The key of the event where it was said" }),
    speaker: t.string({ description: "The person's key" }),
    verb: t.string({ description: "The reported verb, e.g. 重申" }),
    date: t.field({ type: "PartialDate", required: c }),
    topics: t.stringList({ required: c, description: "Topic keys (at least one)" }),
    organizations: t.stringList({ description: "Organization keys" }),
    projects: t.stringList({ description: "Project keys" }),
    text: t.field({ type: LocalizedTextInput, required: c }),
    quote: t.field({ type: QuoteInput }),
    sources: t.field({ type: [CitationInput], required: c }),
  }),
});
