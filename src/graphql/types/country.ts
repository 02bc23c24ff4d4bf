// Countries, relationships (unordered country pairs) and their partnership history.
import { eq, or } from "drizzle-orm";
import { relationships } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { userInputError } from "../errors.ts";
import { countRows, countryIds, relationshipIdBetween } from "../lookups.ts";
import { bilingual } from "./common.ts";

export const Country = builder.drizzleNode("countries", {
  name: "Country",
  id: { column: (c) => c.id },
  fields: (t) => ({
    code: t.exposeString("code", { description: "ISO 3166-1 alpha-2" }),
    alpha3: t.exposeString("alpha3"),
    numeric: t.exposeString("numeric"),
    ...bilingual(t, "name", (c) => ({ en: c.nameEn, zh: c.nameZh })),
  }),
});

const PartnershipStep = builder.drizzleObject("partnerships", {
  name: "PartnershipStep",
  description: "A level the relationship reached, from a date on.",
  fields: (t) => ({
    level: t.exposeString("level", { description: "Key on the partnership ladder" }),
    rank: t.exposeInt("rank", { description: "Position on the ordinal ladder; higher is closer" }),
    ...bilingual(t, "label", (p) => ({ en: p.labelEn, zh: p.labelZh })),
    since: t.field({ type: "Date", resolve: (p) => p.since }),
    ...bilingual(t, "note", (p) => ({ en: p.noteEn, zh: p.noteZh }), { required: false }),
    citations: t.relation("citations", { query: { orderBy: { id: "asc" } } }),
  }),
});

// One selection for both fields, so asking for both costs one join.
const history = { with: { partnerships: { orderBy: { since: "asc" as const } } } };

builder.drizzleNode("relationships", {
  name: "Relationship",
  id: { column: (r) => r.id },
  fields: (t) => ({
    key: t.exposeString("key", { description: 'The pair\'s codes in order, e.g. "CN-KG"' }),
    countries: t.field({
      type: [Country],
      // nestedSelection plans the Country fields asked for into this same query.
      select: (_args, _ctx, nestedSelection) => ({
        with: { countryA: nestedSelection(), countryB: nestedSelection() },
      }),
      resolve: (r) => [r.countryA, r.countryB],
    }),
    ...bilingual(t, "summary", (r) => ({ en: r.summaryEn, zh: r.summaryZh }), { required: false }),
    partnership: t.field({
      type: PartnershipStep,
      nullable: true,
      description: "The current partnership level",
      select: history,
      resolve: (r) => r.partnerships.at(-1) ?? null,
    }),
    partnershipHistory: t.field({
      type: [PartnershipStep],
      description: "Every level the relationship reached, oldest first",
      select: history,
      resolve: (r) => r.partnerships,
    }),
    events: t.relatedConnection("events", {
      description: "Newest first. To filter, use the root events(filter: {relationship}) field.",
      query: { orderBy: { startDate: "desc", id: "desc" } },
    }),
    // Counted in SQL beside the row: the plugin's related totalCount does not build with this
    // drizzle release (relationToSQL now returns chunks), so the count is an extra.
    eventCount: t.int({
      select: {
        extras: {
          eventCount: (table, { sql }) =>
            sql<number>`(SELECT count(*) FROM events WHERE events.relationship_id = ${table.id})`,
        },
      },
      resolve: (r) => r.eventCount,
    }),
  }),
});

builder.queryFields((t) => ({
  countries: t.drizzleField({
    type: ["countries"],
    resolve: (query, _root, _args, ctx) =>
      ctx.db.query.countries.findMany(query({ orderBy: { code: "asc" } })),
  }),
  country: t.drizzleField({
    type: "countries",
    args: { code: t.arg.string({ required: true, description: "ISO 3166-1 alpha-2" }) },
    resolve: async (query, _root, args, ctx) => {
      const [id] = countryIds(ctx.db, [args.code], "code");
      const row = await ctx.db.query.countries.findFirst(query({ where: { id } }));
      if (!row) throw userInputError(`unknown country code "${args.code}"`, "code");
      return row;
    },
  }),
  relationship: t.drizzleField({
    type: "relationships",
    nullable: true,
    description: "The relationship of two countries, in either order; null when none is recorded.",
    args: { between: t.arg.stringList({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = relationshipIdBetween(ctx.db, args.between, "between");
      if (id === null) return null;
      return (await ctx.db.query.relationships.findFirst(query({ where: { id } }))) ?? null;
    },
  }),
  relationships: t.drizzleConnection({
    type: "relationships",
    args: { country: t.arg.string({ description: "Only relationships of this country" }) },
    totalCount: (_root, args, ctx) => {
      const id = countryFilterId(ctx.db, args.country);
      return countRows(
        ctx.db,
        relationships,
        id === null
          ? undefined
          : or(eq(relationships.countryAId, id), eq(relationships.countryBId, id)),
      );
    },
    resolve: (query, _root, args, ctx) => {
      const id = countryFilterId(ctx.db, args.country);
      return ctx.db.query.relationships.findMany(
        query({
          where: id === null ? {} : { OR: [{ countryAId: id }, { countryBId: id }] },
          orderBy: { key: "asc" },
        }),
      );
    },
  }),
}));

function countryFilterId(db: Parameters<typeof countryIds>[0], code: string | null | undefined) {
  return code ? (countryIds(db, [code], "country")[0] ?? null) : null;
}
