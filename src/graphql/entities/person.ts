// People (officials) and the offices they hold.
import { and, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { people } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { CitationInput, citationsField } from "../citations.ts";
import { countRows, countryIds, oncePerArgs, orTrue } from "../lookups.ts";
import { editable } from "../mutations.ts";
import { searchWhere } from "../search-filter.ts";
import { bilingual, LocalizedTextInput } from "../text.ts";

export const Person = builder.drizzleNode("people", {
  name: "Person",
  select: { columns: { key: true, nameEn: true, nameZh: true } },
  id: { column: (p) => p.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    ...bilingual(t, "name"),
    aliases: t.exposeStringList("aliases", {
      description: "Other names a report uses (扎帕罗夫), for article ingestion",
    }),
    country: t.relation("country", { nullable: true }),
    offices: t.relation("offices", { query: { orderBy: { id: "asc" } } }),
  }),
});

builder.drizzleObject("offices", {
  name: "Office",
  description: "An office a person holds or held.",
  select: { columns: { titleEn: true, titleZh: true, startDate: true, endDate: true } },
  fields: (t) => ({
    ...bilingual(t, "title"),
    organization: t.relation("organization", { nullable: true }),
    from: t.expose("startDate", {
      type: "PartialDate",
      nullable: true,
    }),
    to: t.expose("endDate", {
      type: "PartialDate",
      nullable: true,
    }),
    citations: citationsField(t),
  }),
});

type PeopleArgs = { country?: string | null; search?: string | null };

const peopleCondition = oncePerArgs(async (db: Db, args: PeopleArgs) => {
  const country = args.country ? await countryIds(db, [args.country], "country") : [];
  return (table: typeof people) =>
    and(
      country.length > 0 ? inArray(table.countryId, country) : undefined,
      args.search ? searchWhere(table.id, "person", args.search, "search") : undefined,
    );
});

builder.queryFields((t) => ({
  people: t.drizzleConnection({
    type: "people",
    args: {
      country: t.arg.string({ description: "ISO alpha-2 code of the person's country" }),
      search: t.arg.string({ description: "Part of a name, in either language" }),
    },
    totalCount: async (_root, args, ctx) =>
      countRows(ctx.db, people, (await peopleCondition(ctx.db, args))(people)),
    resolve: async (query, _root, args, ctx) => {
      const condition = await peopleCondition(ctx.db, args);
      return ctx.db.query.people.findMany(
        query({
          where: { RAW: (table) => orTrue(condition(table)) },
          orderBy: { key: "asc", id: "asc" },
        }),
      );
    },
  }),
}));

const OfficeInput = builder.inputType("OfficeInput", {
  description: "An office a person holds or held.",
  fields: (t) => ({
    title: t.field({ type: LocalizedTextInput, required: true }),
    organization: t.string({ description: "The organization's key" }),
    from: t.field({ type: "PartialDate" }),
    to: t.field({ type: "PartialDate" }),
    sources: t.field({ type: [CitationInput], required: true }),
  }),
});

editable("person", {
  what: "person (with the offices they hold)",
  fields: (t, c) => ({
    name: t.field({ type: LocalizedTextInput, required: c }),
    aliases: t.stringList({ description: "Other names a report uses" }),
    country: t.string({ description: "ISO 3166-1 alpha-2" }),
    offices: t.field({ type: [OfficeInput], description: "Offices held" }),
  }),
});
