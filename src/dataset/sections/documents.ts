// Documents: what was signed, issued, adopted or announced, by whom.
import { comparePartialDates } from "../../domain/partial-date.ts";
import { describe } from "../describe.ts";
import { cites, partialDate, parts, plain, ref, relationship, text } from "../fields.ts";
import { documentSchema } from "../format.ts";

export const documents = describe("document", documentSchema, {
  fields: [
    plain("key"),
    plain("kind"),
    plain("action"),
    text("title"),
    partialDate("date"),
    relationship({ orEvent: true }),
    ref("event", "event"),
    plain("validFrom"),
    plain("validTo"),
    text("summary"),
    parts("parties", {
      table: "document_parties",
      fields: [ref("country", "country"), ref("organization", "organization")],
      order: "ref_country",
      identity: (p) => p.country as string,
      identityAt: "country",
      noun: "party",
      sort: (a, b) => (a.country as string).localeCompare(b.country as string),
      // A party that is a country as a whole is written as its code.
      short: (p) => (p.organization === undefined ? p.country : undefined),
    }),
    cites(),
  ],
  check(d, _store, problem) {
    if (d.validFrom && d.validTo && comparePartialDates(d.validTo, d.validFrom) < 0) {
      problem(["validTo"], "validTo is before validFrom");
    }
  },
  owner: (v) =>
    `relationship ${(v.between as string[]).join("-")}${v.event ? `, event ${v.event}` : ""}`,
  dependents: [],
});
