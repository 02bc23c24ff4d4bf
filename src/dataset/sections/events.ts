// Events: engagements with their participants, topics and parent.
import { rangeEnd } from "../../domain/partial-date.ts";
import { describe } from "../describe.ts";
import {
  cites,
  type Field,
  flag,
  keys,
  partialDate,
  parts,
  plain,
  ref,
  relationship,
  text,
} from "../fields.ts";
import { eventSchema } from "../format.ts";

/** A participant stands for their own country unless the record names another side. */
const side: Field = {
  ...ref("side", "country", { column: "country_id" }),
  value: (given, { store, record }) => given ?? store.personCountry(record.person as string),
  out: (value, participant) => (value === participant.personCountry ? null : value),
};
/** The participant's own country as stored now: a side equal to it is not written out. */
const personCountry: Field = {
  name: "personCountry",
  value: (_, { store, record }) => store.personCountry(record.person as string),
  out: () => null,
  join: "LEFT JOIN countries person_country ON person_country.id = ref_person.country_id",
  select: "person_country.code AS person_country",
  read: (row) => row.person_country ?? null,
};

export const events = describe("event", eventSchema, {
  fields: [
    plain("key"),
    relationship(),
    ref("type", "eventType"),
    plain("status", { omit: "held" }),
    // A multi-day event covers the days up to its end date.
    partialDate("date", { until: "endDate" }),
    plain("endDate"),
    ref("host", "country", { column: "host_country_id" }),
    text("place"),
    text("title"),
    text("summary"),
    flag("firstOfKind"),
    plain("ordinal"),
    ref("parent", "event"),
    keys("topics", "topic", { table: "event_topics" }),
    parts("participants", {
      table: "event_participants",
      fields: [ref("person", "person"), plain("role"), side, personCountry],
      order: "t.position, t.id",
      identity: (p) => p.person as string,
      identityAt: "person",
      noun: "person",
      positioned: true,
    }),
    cites(),
  ],
  order: "t.date_from, t.key",
  checkFirst: ["participants"],
  check(e, _store, problem) {
    if (e.endDate && e.endDate < rangeEnd(e.date)) problem(["endDate"], "endDate is before date");
    if (e.parent === e.key) problem(["parent"], "an event cannot be part of itself");
  },
  owner: (v) => `relationship ${(v.between as string[]).join("-")}`,
  dependents: [
    ["documents", "event_id", "document", "documents"],
    ["statements", "event_id", "statement", "statements"],
    ["project_mentions", "event_id", "project mention", "project mentions"],
    ["events", "parent_id", "part", "parts"],
  ],
});
