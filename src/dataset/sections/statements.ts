// Statements: what one side, or both jointly, said; one clause of a source each.
import { relationshipKey } from "../../domain/relationship-key.ts";
import { relationshipOfEvent } from "../codec.ts";
import { describe } from "../describe.ts";
import { cites, keys, partialDate, plain, ref, relationship, text } from "../fields.ts";
import { statementSchema } from "../format.ts";

export const statements = describe("statement", statementSchema, {
  fields: [
    plain("key"),
    plain("kind"),
    relationship({ orEvent: true }),
    ref("event", "event"),
    // Both sides at once ("双方同意…") is one statement whose side is "joint".
    ref("side", "country", { column: "side_country_id", absent: "joint" }),
    ref("speaker", "person"),
    plain("verb"),
    partialDate("date"),
    keys("topics", "topic", { table: "statement_topics", ordered: true }),
    keys("organizations", "organization", { table: "statement_organizations" }),
    keys("projects", "project", { table: "statement_projects" }),
    text("text"),
    text("quote"),
    cites(),
  ],
  async check(s, store, problem) {
    const ofEvent = s.event ? await relationshipOfEvent(store, s.event) : null;
    const pair = s.between ? relationshipKey(s.between) : ofEvent;
    if (pair && s.side !== "joint" && !pair.split("-").includes(s.side)) {
      problem(
        ["side"],
        `${s.side} is not a party to the relationship ${pair}: use one of its two countries or "joint"`,
      );
    }
    if (s.between && s.event) {
      if (ofEvent && ofEvent !== relationshipKey(s.between)) {
        problem(
          ["event"],
          `event ${s.event} belongs to ${ofEvent}, not ${relationshipKey(s.between)}`,
        );
      }
    }
  },
  owner: (v) =>
    `relationship ${(v.between as string[]).join("-")}, side ${v.side}${v.event ? `, event ${v.event}` : ""}`,
  dependents: [["target_statements", "statement_id", "target", "targets"]],
});
