// What happened: events (with participants and topics) and the documents that came out of them.
import { entityInfo } from "../../domain/entities.ts";
import { comparePartialDates, rangeEnd } from "../../domain/partial-date.ts";
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
import { documentSchema, eventSchema } from "../format.ts";
import type { Store } from "../store.ts";

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
  section: "events",
  target: "event",
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

/** The relationship of an event, for records that name only their event. */
export function relationshipOfEvent(store: Store, eventKey: string): string | null {
  return (
    store.get<{ key: string }>(
      "SELECT r.key FROM events e JOIN relationships r ON r.id = e.relationship_id WHERE e.key = ?",
      eventKey,
    )?.key ?? null
  );
}

type PartyValues = { country: string; organization: string | null };
type DocumentValues = {
  key: string;
  kind: string;
  action: string;
  title: Text;
  date: string | null;
  between: [string, string];
  event: string | null;
  validFrom: string | null;
  validTo: string | null;
  summary: Text | null;
  parties: PartyValues[];
  sources: Cit[];
};

export const documents = codec<"documents", DocumentValues>({
  entity: entityInfo("document"),
  section: "documents",
  target: "document",
  versioned: true,
  timestamps: true,
  schema: documentSchema,
  keyOf: (d) => d.key,
  refs: (d) => [
    ...optionalRef(["between"], "relationship", d.between ? relationshipKey(d.between) : null),
    ...optionalRef(["event"], "event", d.event),
    ...d.parties.flatMap((p, j): Ref[] => [
      { path: ["parties", j, "country"], target: "country", key: p.country },
      ...optionalRef(["parties", j, "organization"], "organization", p.organization),
    ]),
    ...citeRefs(d.sources),
  ],
  check(d, _store, problem) {
    unique(
      d.parties,
      (p) => p.country,
      (j) => ["parties", j, "country"],
      "party",
      problem,
    );
    if (d.validFrom && d.validTo && comparePartialDates(d.validTo, d.validFrom) < 0) {
      problem(["validTo"], "validTo is before validFrom");
    }
  },
  values: (d, store, existing, complete) => ({
    key: d.key,
    kind: d.kind,
    action: d.action,
    title: d.title,
    date: nn(d.date),
    between: pairOf(
      d.between
        ? relationshipKey(d.between)
        : (relationshipOfEvent(store, d.event as string) ?? ""),
    ),
    event: nn(d.event),
    validFrom: nn(d.validFrom),
    validTo: nn(d.validTo),
    summary: nn(d.summary),
    parties: d.parties
      .map((p) => ({ country: p.country, organization: nn(p.organization) }))
      .sort((a, b) => a.country.localeCompare(b.country)),
    sources: mergeCites(existing?.sources, citesOf(d.sources), complete),
  }),
  owner: (v) => `relationship ${v.between.join("-")}${v.event ? `, event ${v.event}` : ""}`,
  out: (v) =>
    compact({
      ...v,
      parties: v.parties.map((p) => (p.organization === null ? p.country : { ...p })),
      sources: v.sources.map(citeOut),
    }),
  read(store, id) {
    const parties = groupBy(
      store.all(
        `SELECT dp.document_id AS parent, c.code AS country, o.key AS organization
         FROM document_parties dp JOIN countries c ON c.id = dp.country_id
         LEFT JOIN organizations o ON o.id = dp.organization_id
         ${where(idFilter("dp.document_id", id))} ORDER BY dp.document_id, c.code`,
        ...byId(id),
      ),
      (r) => ({ country: r.country as string, organization: str(r.organization) }),
    );
    const cites = readCitations(store, "document_id", id);
    return readRecords(
      store,
      `SELECT d.*, e.key AS event, r.key AS relationship FROM documents d
         JOIN relationships r ON r.id = d.relationship_id LEFT JOIN events e ON e.id = d.event_id`,
      "d.id",
      "d.key",
      id,
      (r) => ({
        key: r.key as string,
        kind: r.kind as string,
        action: r.action as string,
        title: textOf(r, "title") as Text,
        date: str(r.date),
        between: pairOf(r.relationship as string),
        event: str(r.event),
        validFrom: str(r.valid_from),
        validTo: str(r.valid_to),
        summary: textOf(r, "summary"),
        parties: parties.get(r.id as number) ?? [],
        sources: cites.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      kind: v.kind,
      action: v.action,
      relationship_id: store.require("relationship", v.between.join("-")),
      ...textColumns("title", v.title),
      ...dateColumns(v.date),
      event_id: store.optional("event", v.event),
      valid_from: v.validFrom,
      valid_to: v.validTo,
      ...textColumns("summary", v.summary),
    });
    if (existingId !== null) {
      store.run("DELETE FROM document_parties WHERE document_id = ?", id);
      store.run("DELETE FROM citations WHERE document_id = ?", id);
    }
    for (const p of v.parties) {
      store.insert(
        "document_parties",
        {
          document_id: id,
          country_id: store.require("country", p.country),
          organization_id: store.optional("organization", p.organization),
        },
        false,
      );
    }
    writeCitations(store, "document_id", id, v.sources);
    return id;
  },
  dependents: () => [],
});
