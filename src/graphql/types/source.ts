// Sources and the citations that tie facts to them.
import { and, eq, gte, lte } from "drizzle-orm";
import { sources } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { checkPeriod, countRows, orTrue } from "../lookups.ts";
import { bilingual } from "./common.ts";

builder.drizzleNode("sources", {
  name: "Source",
  id: { column: (s) => s.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    ...bilingual(t, "publication", (s) => ({ en: s.publicationEn, zh: s.publicationZh })),
    ...bilingual(t, "title", (s) => ({ en: s.titleEn, zh: s.titleZh })),
    language: t.exposeString("language", { description: "Language of the original" }),
    publishedOn: t.field({ type: "Date", resolve: (s) => s.publishedOn }),
    page: t.exposeString("page", { nullable: true }),
    url: t.exposeString("url", { nullable: true }),
    ...bilingual(t, "note", (s) => ({ en: s.noteEn, zh: s.noteZh }), {
      required: false,
      description: "Where a source outside the seeded articles comes from",
    }),
    // An extra rather than relatedCount, which does not build with this drizzle release.
    citationCount: t.int({
      select: {
        extras: {
          citationCount: (table, { sql }) =>
            sql<number>`(SELECT count(*) FROM citations WHERE citations.source_id = ${table.id})`,
        },
      },
      resolve: (s) => s.citationCount,
    }),
  }),
});

builder.drizzleObject("citations", {
  name: "Citation",
  description: "One source supporting the fact it hangs from.",
  fields: (t) => ({
    source: t.relation("source"),
    locator: t.exposeString("locator", { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  sources: t.drizzleConnection({
    type: "sources",
    args: {
      language: t.arg.string(),
      from: t.arg({ type: "Date" }),
      to: t.arg({ type: "Date" }),
    },
    totalCount: (_root, args, ctx) => countRows(ctx.db, sources, sourceWhere(args)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.sources.findMany(
        query({
          where: { RAW: (table) => orTrue(sourceWhere(args, table)) },
          orderBy: { publishedOn: "desc", id: "desc" },
        }),
      ),
  }),
}));

function sourceWhere(
  args: { language?: string | null; from?: string | null; to?: string | null },
  table = sources,
) {
  checkPeriod(args.from, args.to, "to");
  return and(
    args.language ? eq(table.language, args.language) : undefined,
    args.from ? gte(table.publishedOn, args.from) : undefined,
    args.to ? lte(table.publishedOn, args.to) : undefined,
  );
}
