// Projects, with their dated, cited status history.
import { comparePartialDates } from "../../domain/partial-date.ts";
import { describe } from "../describe.ts";
import { cites, keys, partialDate, parts, plain, text } from "../fields.ts";
import { projectSchema } from "../format.ts";

export const projects = describe("project", projectSchema, {
  fields: [
    plain("key"),
    text("name"),
    text("summary", { kept: true }),
    keys("countries", "country", { table: "project_countries" }),
    keys("topics", "topic", { table: "project_topics" }),
    parts("statusHistory", {
      table: "project_status_steps",
      idColumn: "project_status_step_id",
      fields: [plain("status"), partialDate("date"), cites()],
      order: "t.date_from, t.status",
      identity: (s) => `${s.status}@${s.date}`,
      noun: "status step",
      merge: true,
      sort: (a, b) =>
        comparePartialDates(a.date as string, b.date as string) ||
        (a.status as string).localeCompare(b.status as string),
    }),
  ],
  dependents: [
    ["statement_projects", "project_id", "statement", "statements"],
    ["project_mentions", "project_id", "project mention", "project mentions"],
  ],
});
