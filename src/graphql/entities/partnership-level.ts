// The partnership ladder is data: levels with labels, a rank and qualifiers (all-weather…).
import { builder } from "../builder.ts";
import { editable } from "../mutations.ts";
import { BilingualInput, bilingual } from "../text.ts";

export const PartnershipLevel = builder.drizzleNode("partnershipLevels", {
  name: "PartnershipLevel",
  description: "A level of the partnership ladder.",
  select: { columns: { key: true, labelEn: true, labelZh: true, rank: true } },
  id: { column: (l) => l.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    ...bilingual(t, "label"),
    rank: t.exposeInt("rank", { description: "Position on the ladder; higher is closer" }),
    qualifiers: t.exposeStringList("qualifiers", {
      description: "What sets the level apart, e.g. all_weather",
    }),
  }),
});

builder.queryFields((t) => ({
  partnershipLevels: t.drizzleField({
    type: ["partnershipLevels"],
    description: "The ladder, lowest level first.",
    resolve: (query, _root, _args, ctx) =>
      ctx.db.query.partnershipLevels.findMany(query({ orderBy: { rank: "asc", id: "asc" } })),
  }),
}));

editable("partnershipLevel", {
  authScopes: { admin: true },
  deletable: false,
  fields: (t, c) => ({
    label: t.field({ type: BilingualInput, required: c }),
    rank: t.int({ required: c, description: "0–100; higher is closer" }),
    qualifiers: t.stringList({ description: "Keys such as all_weather, new_era" }),
  }),
});
