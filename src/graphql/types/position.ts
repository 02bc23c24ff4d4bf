// Positions and commitments: what one side said, on a topic, with the quote where there is one.
import { and, gte, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { statements } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import {
  checkPeriod,
  countRows,
  countryIds,
  orTrue,
  requireRelationship,
  topicIds,
} from "../lookups.ts";
import { bilingual, LocalizedText } from "./common.ts";
import { searchWhere } from "./search-filter.ts";

builder.drizzleNode("statements", {
  name: "Position",
  id: { column: (s) => s.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: t.exposeString("kind", {
      description: "position | commitment | support | request | assessment",
    }),
    side: t.relation("country", { description: "The country whose position it is" }),
    speaker: t.relation("speaker", { nullable: true }),
    event: t.relation("event", { nullable: true }),
    topic: t.relation("topic"),
    organization: t.relation("organization", { nullable: true }),
    project: t.relation("project", { nullable: true }),
    date: t.field({ type: "Date", resolve: (s) => s.statedOn }),
    ...bilingual(t, "text", (s) => ({ en: s.textEn, zh: s.textZh })),
    quote: t.field({
      type: LocalizedText,
      nullable: true,
      description: "The words as reported, where the source gives them",
      resolve: (s) => (s.quoteZh || s.quoteEn ? { en: s.quoteEn, zh: s.quoteZh } : null),
    }),
    citations: t.relation("citations", { query: { orderBy: { id: "asc" } } }),
  }),
});

type PositionArgs = {
  relationship?: string | null;
  side?: string | null;
  topic?: string | null;
  kind?: string | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
};

function positionCondition(db: Db, args: PositionArgs) {
  checkPeriod(args.from, args.to, "to");
  const relationshipId = args.relationship
    ? requireRelationship(db, args.relationship, "relationship")
    : undefined;
  const side = args.side ? countryIds(db, [args.side], "side")[0] : undefined;
  const topic = args.topic ? topicIds(db, [args.topic], "topic")[0] : undefined;
  return (table: typeof statements): SQL | undefined =>
    and(
      relationshipId === undefined
        ? undefined
        : sql`${table.eventId} IN (SELECT id FROM events WHERE relationship_id = ${relationshipId})`,
      side === undefined ? undefined : sql`${table.countryId} = ${side}`,
      topic === undefined ? undefined : sql`${table.topicId} = ${topic}`,
      args.kind ? sql`${table.kind} = ${args.kind}` : undefined,
      args.from ? gte(table.statedOn, args.from) : undefined,
      args.to ? lte(table.statedOn, args.to) : undefined,
      args.search ? searchWhere(table.id, "statement", args.search, "search") : undefined,
    );
}

builder.queryFields((t) => ({
  positions: t.drizzleConnection({
    type: "statements",
    args: {
      relationship: t.arg.string({ description: 'Stated at an event of this pair, e.g. "CN-KG"' }),
      side: t.arg.string({ description: "The country whose positions to list" }),
      topic: t.arg.string({ description: "A topic key, e.g. one_china" }),
      kind: t.arg.string(),
      from: t.arg({ type: "Date" }),
      to: t.arg({ type: "Date" }),
      search: t.arg.string(),
    },
    totalCount: (_root, args, ctx) =>
      countRows(ctx.db, statements, positionCondition(ctx.db, args)(statements)),
    resolve: (query, _root, args, ctx) => {
      const condition = positionCondition(ctx.db, args);
      return ctx.db.query.statements.findMany(
        query({
          where: { RAW: (table) => orTrue(condition(table)) },
          orderBy: { statedOn: "desc", id: "asc" },
        }),
      );
    },
  }),
}));
