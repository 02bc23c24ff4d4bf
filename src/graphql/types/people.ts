// People (officials), the offices they hold, and organizations.
import { and, inArray } from "drizzle-orm";
import { people } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { countRows, countryIds, orTrue } from "../lookups.ts";
import { bilingual } from "./common.ts";
import { searchWhere } from "./search-filter.ts";

builder.drizzleNode("people", {
  name: "Person",
  id: { column: (p) => p.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    ...bilingual(t, "name", (p) => ({ en: p.nameEn, zh: p.nameZh })),
    country: t.relation("country", { nullable: true }),
    offices: t.relation("offices", { query: { orderBy: { id: "asc" } } }),
  }),
});

builder.drizzleObject("offices", {
  name: "Office",
  description: "An office a person holds or held.",
  fields: (t) => ({
    ...bilingual(t, "title", (o) => ({ en: o.titleEn, zh: o.titleZh })),
    organization: t.relation("organization", { nullable: true }),
    from: t.field({ type: "Date", nullable: true, resolve: (o) => o.startDate }),
    to: t.field({ type: "Date", nullable: true, resolve: (o) => o.endDate }),
    citations: t.relation("citations", { query: { orderBy: { id: "asc" } } }),
  }),
});

builder.drizzleNode("organizations", {
  name: "Organization",
  id: { column: (o) => o.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: t.exposeString("kind", {
      description: "intergovernmental | mechanism | ministry | international",
    }),
    abbreviation: t.exposeString("abbreviation", { nullable: true }),
    ...bilingual(t, "name", (o) => ({ en: o.nameEn, zh: o.nameZh })),
    country: t.relation("country", { nullable: true }),
  }),
});

type PeopleArgs = { country?: string | null; search?: string | null };

builder.queryFields((t) => ({
  people: t.drizzleConnection({
    type: "people",
    args: {
      country: t.arg.string({ description: "ISO alpha-2 code of the person's country" }),
      search: t.arg.string({ description: "Part of a name, in either language" }),
    },
    totalCount: (_root, args, ctx) => countRows(ctx.db, people, peopleWhere(ctx.db, args)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.people.findMany(
        query({
          where: { RAW: (table) => orTrue(peopleWhere(ctx.db, args, table)) },
          orderBy: { nameEn: "asc" },
        }),
      ),
  }),
  organizations: t.drizzleField({
    type: ["organizations"],
    args: { kind: t.arg.string() },
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.organizations.findMany(
        query({ where: args.kind ? { kind: args.kind } : {}, orderBy: { key: "asc" } }),
      ),
  }),
}));

function peopleWhere(db: Parameters<typeof countryIds>[0], args: PeopleArgs, table = people) {
  return and(
    args.country ? inArray(table.countryId, countryIds(db, [args.country], "country")) : undefined,
    args.search ? searchWhere(table.id, "person", args.search, "search") : undefined,
  );
}
