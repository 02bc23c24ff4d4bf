// Projects (the China–Kyrgyzstan–Uzbekistan railway…) and their mentions over time.
import { builder } from "../builder.ts";
import { countryIds, topicIds } from "../lookups.ts";
import { bilingual } from "./common.ts";

builder.drizzleNode("projects", {
  name: "Project",
  id: { column: (p) => p.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    status: t.exposeString("status", {
      description: "proposed | planned | under_construction | operational | suspended",
    }),
    ...bilingual(t, "name", (p) => ({ en: p.nameEn, zh: p.nameZh })),
    ...bilingual(t, "summary", (p) => ({ en: p.summaryEn, zh: p.summaryZh }), {
      required: false,
    }),
    countries: t.relation("countries", { query: { orderBy: { code: "asc" } } }),
    topics: t.relation("topics", { query: { orderBy: { key: "asc" } } }),
    mentions: t.relation("mentions", {
      description: "What was said of it, oldest first",
      query: { orderBy: { mentionedOn: "asc", id: "asc" } },
    }),
  }),
});

builder.drizzleObject("projectMentions", {
  name: "ProjectMention",
  fields: (t) => ({
    date: t.field({ type: "Date", resolve: (m) => m.mentionedOn }),
    status: t.exposeString("status", { nullable: true, description: "Status at the time" }),
    ...bilingual(t, "note", (m) => ({ en: m.noteEn, zh: m.noteZh })),
    event: t.relation("event", { nullable: true }),
    project: t.relation("project"),
    citations: t.relation("citations", { query: { orderBy: { id: "asc" } } }),
  }),
});

builder.queryFields((t) => ({
  projects: t.drizzleField({
    type: ["projects"],
    args: {
      country: t.arg.string({ description: "A country taking part" }),
      status: t.arg.string(),
      topic: t.arg.string(),
    },
    resolve: (query, _root, args, ctx) => {
      const country = args.country ? countryIds(ctx.db, [args.country], "country")[0] : undefined;
      const topic = args.topic ? topicIds(ctx.db, [args.topic], "topic")[0] : undefined;
      return ctx.db.query.projects.findMany(
        query({
          where: {
            ...(args.status ? { status: args.status } : {}),
            ...(country === undefined ? {} : { countries: { id: country } }),
            ...(topic === undefined ? {} : { topics: { id: topic } }),
          },
          orderBy: { key: "asc" },
        }),
      );
    },
  }),
}));
