// Sources: the publications and texts every fact cites.
import { describe } from "../describe.ts";
import { plain, text } from "../fields.ts";
import { sourceSchema } from "../format.ts";

export const sources = describe("source", sourceSchema, {
  fields: [
    plain("key"),
    text("publication"),
    text("title"),
    plain("language"),
    plain("publishedOn"),
    plain("page"),
    plain("url"),
    text("note"),
  ],
  dependents: [["citations", "source_id", "citation", "citations"]],
});
