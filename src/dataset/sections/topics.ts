// Topics, with the words that name them in a report.
import { describe } from "../describe.ts";
import { list, plain, text } from "../fields.ts";
import { topicSchema } from "../format.ts";

export const topics = describe("topic", topicSchema, {
  fields: [plain("key"), plain("kind"), text("name"), list("terms")],
  dependents: [
    ["event_topics", "topic_id", "event", "events"],
    ["project_topics", "topic_id", "project", "projects"],
    ["statement_topics", "topic_id", "statement", "statements"],
  ],
});
