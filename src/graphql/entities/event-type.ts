// Kinds of engagement (visit, talks, strategic dialogue), with the CAMEO code kept for analysis.
import { builder } from "../builder.ts";
import { bilingual } from "../text.ts";

builder.drizzleObject("eventTypes", {
  name: "EventType",
  select: { columns: { key: true, cameo: true, labelEn: true, labelZh: true } },
  fields: (t) => ({
    key: t.exposeString("key"),
    cameo: t.exposeString("cameo", { description: "CAMEO event code, e.g. 042 make a visit" }),
    ...bilingual(t, "label"),
  }),
});

builder.queryFields((t) => ({
  eventTypes: t.drizzleField({
    type: ["eventTypes"],
    resolve: (query, _root, _args, ctx) =>
      ctx.db.query.eventTypes.findMany(query({ orderBy: { key: "asc" } })),
  }),
}));
