// Events: engagements with their participants, topics and parent.
import { entityInfo } from "../../domain/entities.ts";
import { rangeEnd } from "../../domain/partial-date.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import {
  byId,
  type Cit,
  citeOut,
  citeRefs,
  citesOf,
  codec,
  compact,
  dateColumns,
  dependents,
  groupBy,
  idFilter,
  keyRefs,
  mergeCites,
  nn,
  nonEmpty,
  optionalRef,
  pairOf,
  type Ref,
  readCitations,
  readKeyList,
  readRecords,
  saveRow,
  sorted,
  str,
  type Text,
  textColumns,
  textOf,
  unique,
  where,
  writeCitations,
  writeKeyList,
} from "../codec.ts";
import { eventSchema } from "../format.ts";

type ParticipantValues = {
  person: string;
  role: string;
  side: string | null;
  /** The person's own country, which a side equal to it need not repeat. */
  personCountry: string | null;
};
type EventValues = {
  key: string;
  between: [string, string];
  type: string;
  status: string;
  date: string;
  endDate: string | null;
  host: string | null;
  place: Text | null;
  title: Text;
  summary: Text | null;
  firstOfKind: boolean;
  ordinal: number | null;
  parent: string | null;
  topics: string[];
  participants: ParticipantValues[];
  sources: Cit[];
};

export const events = codec<"events", EventValues>({
  entity: entityInfo("event"),
  versioned: true,
  timestamps: true,
  schema: eventSchema,
  keyOf: (e) => e.key,
  refs: (e) => [
    { path: ["between"], target: "relationship", key: relationshipKey(e.between) },
    { path: ["type"], target: "eventType", key: e.type },
    ...optionalRef(["host"], "country", e.host),
    ...optionalRef(["parent"], "event", e.parent),
    ...keyRefs("topics", "topic", e.topics),
    ...e.participants.flatMap((p, j): Ref[] => [
      { path: ["participants", j, "person"], target: "person", key: p.person },
      ...optionalRef(["participants", j, "side"], "country", p.side),
    ]),
    ...citeRefs(e.sources),
  ],
  check(e, _store, problem) {
    unique(
      e.participants,
      (p) => p.person,
      (j) => ["participants", j, "person"],
      "person",
      problem,
    );
    unique(
      e.topics,
      (t) => t,
      (j) => ["topics", j],
      "topic",
      problem,
    );
    if (e.endDate && e.endDate < rangeEnd(e.date)) problem(["endDate"], "endDate is before date");
    if (e.parent === e.key) problem(["parent"], "an event cannot be part of itself");
  },
  values: (e, store, existing, complete) => ({
    key: e.key,
    between: pairOf(relationshipKey(e.between)),
    type: e.type,
    status: e.status,
    date: e.date,
    endDate: nn(e.endDate),
    host: nn(e.host),
    place: nn(e.place),
    title: e.title,
    summary: nn(e.summary),
    firstOfKind: e.firstOfKind,
    ordinal: nn(e.ordinal),
    parent: nn(e.parent),
    topics: sorted(e.topics),
    participants: e.participants.map((p) => {
      const personCountry = store.personCountry(p.person);
      return { person: p.person, role: p.role, side: p.side ?? personCountry, personCountry };
    }),
    sources: mergeCites(existing?.sources, citesOf(e.sources), complete),
  }),
  owner: (v) => `relationship ${v.between.join("-")}`,
  out: (v) =>
    compact({
      key: v.key,
      between: v.between,
      type: v.type,
      status: v.status === "held" ? null : v.status,
      date: v.date,
      endDate: v.endDate,
      host: v.host,
      place: v.place,
      title: v.title,
      summary: v.summary,
      firstOfKind: v.firstOfKind ? true : null,
      ordinal: v.ordinal,
      parent: v.parent,
      topics: nonEmpty(v.topics),
      participants: nonEmpty(
        v.participants.map((p) =>
          compact({
            person: p.person,
            role: p.role,
            side: p.side === p.personCountry ? null : p.side,
          }),
        ),
      ),
      sources: v.sources.map(citeOut),
    }),
  read(store, id) {
    const participants = groupBy(
      store.all(
        `SELECT ep.event_id AS parent, p.key AS person, ep.role, c.code AS side, pc.code AS personCountry
         FROM event_participants ep JOIN people p ON p.id = ep.person_id
         LEFT JOIN countries c ON c.id = ep.country_id LEFT JOIN countries pc ON pc.id = p.country_id
         ${where(idFilter("ep.event_id", id))} ORDER BY ep.event_id, ep.position, ep.id`,
        ...byId(id),
      ),
      (r) => ({
        person: r.person as string,
        role: r.role as string,
        side: str(r.side),
        personCountry: str(r.personCountry),
      }),
    );
    const topics = readKeyList(store, eventTopicsJoin, id);
    const cites = readCitations(store, "event_id", id);
    return readRecords(
      store,
      `SELECT e.*, r.key AS relationship, t.key AS type, h.code AS host, pe.key AS parent_key
         FROM events e JOIN relationships r ON r.id = e.relationship_id
         JOIN event_types t ON t.id = e.type_id LEFT JOIN countries h ON h.id = e.host_country_id
         LEFT JOIN events pe ON pe.id = e.parent_id`,
      "e.id",
      "e.date_from, e.key",
      id,
      (r) => ({
        key: r.key as string,
        between: pairOf(r.relationship as string),
        type: r.type as string,
        status: r.status as string,
        date: r.date as string,
        endDate: str(r.end_date),
        host: str(r.host),
        place: textOf(r, "place"),
        title: textOf(r, "title") as Text,
        summary: textOf(r, "summary"),
        firstOfKind: Boolean(r.first_of_kind),
        ordinal: (r.ordinal as number | null) ?? null,
        parent: str(r.parent_key),
        topics: topics.get(r.id as number) ?? [],
        participants: participants.get(r.id as number) ?? [],
        sources: cites.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const dates = dateColumns(v.date);
    const id = saveRow(store, this, existingId, {
      key: v.key,
      relationship_id: store.require("relationship", v.between.join("-")),
      type_id: store.require("eventType", v.type),
      status: v.status,
      ...dates,
      date_to: v.endDate ?? dates.date_to,
      end_date: v.endDate,
      host_country_id: store.optional("country", v.host),
      ...textColumns("place", v.place),
      ...textColumns("title", v.title),
      ...textColumns("summary", v.summary),
      first_of_kind: v.firstOfKind,
      ordinal: v.ordinal,
      parent_id: store.optional("event", v.parent),
    });
    const replace = existingId !== null;
    if (replace) {
      store.run("DELETE FROM event_participants WHERE event_id = ?", id);
      store.run("DELETE FROM citations WHERE event_id = ?", id);
    }
    v.participants.forEach((p, position) => {
      store.insert(
        "event_participants",
        {
          event_id: id,
          person_id: store.require("person", p.person),
          country_id: store.optional("country", p.side),
          role: p.role,
          position,
        },
        false,
      );
    });
    writeKeyList(store, { ...eventTopicsJoin, target: "topic" }, id, v.topics, replace);
    writeCitations(store, "event_id", id, v.sources);
    return id;
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM documents WHERE event_id = ?", "document", "documents"],
      ["SELECT count(*) AS n FROM statements WHERE event_id = ?", "statement", "statements"],
      [
        "SELECT count(*) AS n FROM project_mentions WHERE event_id = ?",
        "project mention",
        "project mentions",
      ],
      ["SELECT count(*) AS n FROM events WHERE parent_id = ?", "part", "parts"],
    ]),
});

const eventTopicsJoin = {
  table: "event_topics",
  parent: "event_id",
  child: "topic_id",
  childTable: "topics",
};
