// Projects (the China–Kyrgyzstan–Uzbekistan railway…) with a dated, cited status history.
import { sql } from "drizzle-orm";
import { builder } from "../builder.ts";
import { CitationInput, citationsField } from "../citations.ts";
import { ProjectStatus, vocabularyField } from "../enums.ts";
import { countryIds, idsByKey } from "../lookups.ts";
import { editable } from "../mutations.ts";
import { bilingual, LocalizedTextInput } from "../text.ts";

const ProjectStatusStep = builder.drizzleObject("projectStatusSteps", {
  name: "ProjectStatusStep",
  description: "The project's status from a date on, as a source reports it.",
  select: { columns: { status: true, date: true } },
  fields: (t) => ({
    status: vocabularyField(t, "status", ProjectStatus),
    date: t.expose("date", {
      type: "PartialDate",
    }),
    citations: citationsField(t),
  }),
});

// One selection for both fields, so asking for both costs one join.
const history = (nested: (q?: object) => object) => ({
  with: {
    statusHistory: nested({ orderBy: { dateFrom: "asc", id: "asc" } }),
  },
});

builder.drizzleNode("projects", {
  name: "Project",
  select: { columns: { key: true, nameEn: true, nameZh: true } },
  id: { column: (p) => p.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    ...bilingual(t, "name"),
    ...bilingual(t, "summary", { required: false }),
    status: t.field({
      type: ProjectStatusStep,
      nullable: true,
      description: "The latest status step; null when no source dates one (status unknown)",
      select: (_args, _ctx, nested) => history(nested),
      resolve: (p) => p.statusHistory.at(-1) ?? null,
    }),
    statusHistory: t.field({
      type: [ProjectStatusStep],
      description: "Every status step, oldest first",
      select: (_args, _ctx, nested) => history(nested),
      resolve: (p) => p.statusHistory,
    }),
    countries: t.relation("countries", { query: { orderBy: { code: "asc" } } }),
    topics: t.relation("topics", { query: { orderBy: { key: "asc" } } }),
    mentions: t.relation("mentions", {
      description: "What was said of it, oldest first",
      query: { orderBy: { dateFrom: "asc", id: "asc" } },
    }),
  }),
});

builder.queryFields((t) => ({
  projects: t.drizzleField({
    type: ["projects"],
    args: {
      country: t.arg.string({ description: "A country taking part" }),
      status: t.arg({ type: ProjectStatus, description: "The current (latest) status" }),
      topic: t.arg.string(),
    },
    resolve: async (query, _root, args, ctx) => {
      const [country] = args.country ? await countryIds(ctx.db, [args.country], "country") : [];
      const [topic] = args.topic ? await idsByKey(ctx.db, "topic", [args.topic], "topic") : [];
      const status = args.status;
      return ctx.db.query.projects.findMany(
        query({
          where: {
            ...(country === undefined ? {} : { countries: { id: country } }),
            ...(topic === undefined ? {} : { topics: { id: topic } }),
            ...(status
              ? {
                  RAW: (table) =>
                    sql`(SELECT s.status FROM project_status_steps s WHERE s.project_id = ${table.id} ORDER BY s.date_from DESC, s.id DESC LIMIT 1) = ${status}`,
                }
              : {}),
          },
          orderBy: { key: "asc" },
        }),
      );
    },
  }),
}));

const StatusStepInput = builder.inputType("ProjectStatusStepInput", {
  description: "The project's status from a date on, with the sources that report it.",
  fields: (t) => ({
    status: t.field({ type: ProjectStatus, required: true }),
    date: t.field({ type: "PartialDate", required: true }),
    sources: t.field({ type: [CitationInput], required: true }),
  }),
});

editable("project", {
  what: "project (with its countries, topics and status history)",
  fields: (t, c) => ({
    name: t.field({ type: LocalizedTextInput, required: c }),
    summary: t.field({ type: LocalizedTextInput }),
    countries: t.stringList({ required: c, description: "The countries taking part" }),
    topics: t.stringList(),
    statusHistory: t.field({
      type: [StatusStepInput],
      description: "Dated, cited status steps; none when no source dates one",
    }),
  }),
});
