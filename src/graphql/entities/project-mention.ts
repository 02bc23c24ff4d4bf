// Mentions of a project: records of their own, so a mention is added without restating the project.
import { builder } from "../builder.ts";
import { CitationInput, citationsField } from "../citations.ts";
import { editable } from "../mutations.ts";
import { bilingual, LocalizedTextInput } from "../text.ts";

builder.drizzleNode("projectMentions", {
  name: "ProjectMention",
  description: "What was said of a project on a date, usually at an event.",
  select: { columns: { key: true, date: true } },
  id: { column: (m) => m.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    date: t.expose("date", {
      type: "PartialDate",
    }),
    ...bilingual(t, "note"),
    event: t.relation("event", { nullable: true }),
    project: t.relation("project"),
    citations: citationsField(t),
  }),
});

editable("projectMention", {
  fields: (t, c) => ({
    project: t.string({ required: c, description: "The project's key" }),
    date: t.field({ type: "PartialDate", required: c }),
    event: t.string({ description: "The key of the event where it was mentioned" }),
    note: t.field({ type: LocalizedTextInput, required: c }),
    sources: t.field({ type: [CitationInput], required: c }),
  }),
});
