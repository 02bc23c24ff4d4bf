// People, with the offices they held (merged by title across sources).
import { comparePartialDates } from "../../domain/partial-date.ts";
import type { Text } from "../codec.ts";
import { describe } from "../describe.ts";
import { cites, list, parts, plain, ref, text } from "../fields.ts";
import { personSchema } from "../format.ts";

export const people = describe("person", personSchema, {
  fields: [
    plain("key"),
    text("name"),
    list("aliases"),
    ref("country", "country"),
    parts("offices", {
      table: "offices",
      idColumn: "office_id",
      fields: [
        text("title"),
        ref("organization", "organization"),
        plain("from", { column: "start_date" }),
        plain("to", { column: "end_date" }),
        cites(),
      ],
      order: "t.id",
      // An office is the same office when its title is: a second file adds offices, never erases.
      identity: (o) => (o.title as Text).zh ?? (o.title as Text).en ?? "",
      identityAt: "title",
      noun: "office",
      merge: true,
    }),
  ],
  check(p, _store, problem) {
    p.offices.forEach((o, j) => {
      if (o.from && o.to && comparePartialDates(o.to, o.from) < 0) {
        problem(["offices", j, "to"], "to is before from");
      }
    });
  },
  // The side a person stands for, unless a record says, is their country.
  written: (store, v) => store.personChanged(v.key as string),
  dependents: [
    ["event_participants", "person_id", "event participation", "event participations"],
    ["statements", "speaker_id", "statement", "statements"],
  ],
});
