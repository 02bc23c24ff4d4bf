// Targets and deliverables: a measurable goal or agreed action, how much, by when, where it stands.
import { and, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { targets } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { CitationInput, citationsField } from "../citations.ts";
import { TargetStatus, vocabularyField } from "../enums.ts";
import { countRows, oncePerArgs, orTrue, requireRelationship } from "../lookups.ts";
import { editable } from "../mutations.ts";
import { searchWhere } from "../search-filter.ts";
import { bilingual, LocalizedTextInput } from "../text.ts";

builder.drizzleNode("targets", {
  name: "Target",
  select: { columns: { key: true, titleEn: true, titleZh: true, status: true, date: true } },
  id: { column: (t) => t.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    relationship: t.relation("relationship"),
    ...bilingual(t, "title"),
    amount: t.exposeFloat("amount", { nullable: true }),
    unit: t.exposeString("unit", {
      nullable: true,
      description: "An ISO 4217 currency code (USD) or a unit (tonnes)",
    }),
    by: t.expose("byDate", {
      type: "PartialDate",
      nullable: true,
      description: "The date it is to be met by, where the source gives one",
    }),
    byNote: t.exposeString("byNote", {
      nullable: true,
      description: 'When the source gives no date: "at_an_early_date" (尽早)',
    }),
    status: vocabularyField(t, "status", TargetStatus),
    date: t.expose("date", {
      type: "PartialDate",
      nullable: true,
      description: "When it was set",
    }),
    statements: t.relation("statements", {
      description: "The statements that state it",
      query: { orderBy: { id: "asc" } },
    }),
    citations: citationsField(t),
  }),
});

type TargetArgs = { relationship?: string | null; status?: string | null; search?: string | null };

const targetCondition = oncePerArgs(async (db: Db, args: TargetArgs) => {
  const relationshipId = args.relationship
    ? await requireRelationship(db, args.relationship, "relationship")
    : undefined;
  return (table: typeof targets): SQL | undefined =>
    and(
      relationshipId === undefined ? undefined : sql`${table.relationshipId} = ${relationshipId}`,
      args.status ? sql`${table.status} = ${args.status}` : undefined,
      args.search ? searchWhere(table.id, "target", args.search, "search") : undefined,
    );
});

builder.queryFields((t) => ({
  targets: t.drizzleConnection({
    type: "targets",
    description: "Targets and deliverables, in key order.",
    args: {
      relationship: t.arg.string({ description: 'Of this pair, e.g. "CN-KG"' }),
      status: t.arg({ type: TargetStatus }),
      search: t.arg.string(),
    },
    totalCount: async (_root, args, ctx) =>
      countRows(ctx.db, targets, (await targetCondition(ctx.db, args))(targets)),
    resolve: async (query, _root, args, ctx) => {
      const condition = await targetCondition(ctx.db, args);
      return ctx.db.query.targets.findMany(
        query({
          where: { RAW: (table) => orTrue(condition(table)) },
          orderBy: { key: "asc", id: "asc" },
        }),
      );
    },
  }),
}));

editable("target", {
  what: "target (a measurable goal or agreed action)",
  fields: (t, c) => ({
    between: t.stringList({ required: c, description: 'The relationship, e.g. ["CN", "UZ"]' }),
    title: t.field({ type: LocalizedTextInput, required: c }),
    amount: t.float(),
    unit: t.string({ description: "Needed with an amount: a currency code (USD) or a unit" }),
    by: t.string({
      description:
        'A partial date (2030, 2030-06) or "at_an_early_date" when the source gives none',
    }),
    status: t.field({ type: TargetStatus, required: c }),
    date: t.field({ type: "PartialDate", description: "When it was set" }),
    statements: t.stringList({ description: "Keys of the statements that state it" }),
    sources: t.field({ type: [CitationInput], required: c }),
  }),
});
