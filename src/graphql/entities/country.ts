// Countries: ISO 3166 codes, names, and the short forms news reports use (中方, 吉方).
import { builder } from "../builder.ts";
import { userInputError } from "../errors.ts";
import { countryIds } from "../lookups.ts";
import { editable } from "../mutations.ts";
import { BilingualInput, bilingual } from "../text.ts";

export const Country = builder.drizzleNode("countries", {
  name: "Country",
  select: { columns: { code: true, alpha3: true, numeric: true, nameEn: true, nameZh: true } },
  id: { column: (c) => c.id },
  fields: (t) => ({
    code: t.exposeString("code", { description: "ISO 3166-1 alpha-2" }),
    alpha3: t.exposeString("alpha3"),
    numeric: t.exposeString("numeric"),
    ...bilingual(t, "name"),
    aliases: t.exposeStringList("aliases", {
      description: "Short forms a report uses for the country (中方, 吉方), for article ingestion",
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
      const [id] = await countryIds(ctx.db, [args.code], "code");
      const row = await ctx.db.query.countries.findFirst(query({ where: { id } }));
      if (!row) throw userInputError(`unknown country code "${args.code}"`, "code");
      return row;
    },
  }),
}));

editable("country", {
  authScopes: { admin: true },
  deletable: false,
  fields: (t, c) => ({
    alpha3: t.string({ required: c, description: "ISO 3166-1 alpha-3, e.g. UZB" }),
    numeric: t.string({ required: c, description: "ISO 3166-1 numeric, e.g. 860" }),
    name: t.field({ type: BilingualInput, required: c }),
    aliases: t.stringList({ description: "Short forms a report uses: 乌方, 乌国" }),
  }),
});
