// Mentions of a project: records of their own, so a file adds one without restating it.
import { describe } from "../describe.ts";
import { cites, partialDate, plain, ref, text } from "../fields.ts";
import { projectMentionSchema } from "../format.ts";

export const projectMentions = describe("projectMention", projectMentionSchema, {
  fields: [
    plain("key"),
    ref("project", "project"),
    partialDate("date"),
    ref("event", "event"),
    text("note"),
    cites(),
  ],
  owner: (v) => `project ${v.project}${v.event ? `, event ${v.event}` : ""}`,
  dependents: [],
});
