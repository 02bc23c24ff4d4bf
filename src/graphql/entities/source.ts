// Sources: the publications every fact cites.
import { and, eq, gte, lte } from "drizzle-orm";
import { sources } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { checkPeriod, countRows, orTrue } from "../lookups.ts";
import { editable } from "../mutations.ts";
import { BilingualInput, bilingual, LocalizedTextInput } from "../text.ts";

builder.drizzleNode("sources", {
  name: "Source",
  select: {
    columns: {
      key: true,
      publicationEn: true,
      publicationZh: true,
      titleEn: true,
      titleZh: true,
      language: true,
      publishedOn: true,
    },
  },
  id: { column: (s) => s.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    ...bilingual(t, "publication"),
    ...bilingual(t, "title"),
    language: t.exposeString("language", { description: "Language of the original" }),
    publishedOn: t.expose("publishedOn", {
      type: "Date",
    }),
    page: t.exposeString("page", { nullable: true }),
    url: t.exposeString("url", { nullable: true }),
    ...bilingual(t, "note", {
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

type SourceArgs = { language?: string | null; from?: string | null; to?: string | null };

function sourceWhere(args: SourceArgs, table = sources) {
  checkPeriod(args.from, args.to, "to");
  return and(
    args.language ? eq(table.language, args.language) : undefined,
    args.from ? gte(table.publishedOn, args.from) : undefined,
    args.to ? lte(table.publishedOn, args.to) : undefined,
  );
}

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

editable("source", {
  fields: (t, c) => ({
    publication: t.field({ type: BilingualInput, required: c }),
    title: t.field({ type: LocalizedTextInput, required: c }),
    language: t.string({ required: c, description: "Two-letter code of the original's language" }),
    publishedOn: t.field({ type: "Date", required: c }),
    page: t.string(),
    url: t.string(),
    note: t.field({
      type: LocalizedTextInput,
      description: "Where a source outside the seeded articles comes from",
    }),
  }),
});
