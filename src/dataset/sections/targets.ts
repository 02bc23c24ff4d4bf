// Targets: measurable goals and agreed actions.
import { describe } from "../describe.ts";
import { cites, type Field, keys, partialDate, plain, relationship, text } from "../fields.ts";
import { AT_AN_EARLY_DATE, targetSchema } from "../format.ts";

/** By when: a partial date, or "at an early date" kept apart so dates stay dates. */
const by: Field = {
  name: "by",
  read: (row) => row.by_date ?? row.by_note ?? null,
  columns: ["by_date", "by_note"],
  put: (into, value) =>
    into.push(value === AT_AN_EARLY_DATE ? null : value, value === AT_AN_EARLY_DATE ? value : null),
};

export const targets = describe("target", targetSchema, {
  fields: [
    plain("key"),
    relationship(),
    text("title"),
    plain("amount"),
    plain("unit"),
    by,
    plain("status"),
    partialDate("date"),
    keys("statements", "statement", { table: "target_statements" }),
    cites(),
  ],
  owner: (v) => `relationship ${(v.between as string[]).join("-")}`,
  dependents: [],
});
