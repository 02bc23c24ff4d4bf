// Reference data every relationship shares: countries, the partnership ladder, event types and
// topics. Their keys are what other records name.
import { entityInfo } from "../../domain/entities.ts";
import {
  type Canonical,
  codec,
  compact,
  dependents,
  json,
  jsonList,
  nonEmpty,
  readRecords,
  saveRow,
  textColumns,
  textOf,
} from "../codec.ts";
import { countrySchema, eventTypeSchema, partnershipLevelSchema, topicSchema } from "../format.ts";

type Bi = { en: string; zh: string };
const both = (row: Record<string, unknown>, column: string) => textOf(row, column) as Bi;
/** Canonical form without an empty list. */
const withList = (record: Canonical, name: string, list: readonly string[]) =>
  compact({ ...record, [name]: nonEmpty(list) });

type CountryValues = { code: string; alpha3: string; numeric: string; name: Bi; aliases: string[] };

export const countries = codec<"countries", CountryValues>({
  entity: entityInfo("country"),
  section: "countries",
  target: "country",
  versioned: true,
  timestamps: false,
  schema: countrySchema,
  keyOf: (c) => c.code,
  refs: () => [],
  check(c, store, problem) {
    for (const column of ["alpha3", "numeric"] as const) {
      const other = store.get<{ code: string }>(
        `SELECT code FROM countries WHERE ${column} = ? AND code <> ?`,
        c[column],
        c.code,
      );
      if (other) problem([column], `${column} "${c[column]}" belongs to ${other.code} already`);
    }
  },
  values: (c) => ({ ...c, name: c.name as Bi, aliases: [...c.aliases] }),
  out: (v) => withList({ ...v }, "aliases", v.aliases),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM countries", "id", "code", id, (r) => ({
      code: r.code as string,
      alpha3: r.alpha3 as string,
      numeric: r.numeric as string,
      name: both(r, "name"),
      aliases: jsonList(r.aliases),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      code: v.code,
      alpha3: v.alpha3,
      numeric: v.numeric,
      ...textColumns("name", v.name),
      aliases: json(v.aliases),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      [
        "SELECT count(*) AS n FROM relationships WHERE ? IN (country_a_id, country_b_id)",
        "relationship",
        "relationships",
      ],
      ["SELECT count(*) AS n FROM people WHERE country_id = ?", "person", "people"],
    ]),
});

type LevelValues = { key: string; label: Bi; rank: number; qualifiers: string[] };

export const partnershipLevels = codec<"partnershipLevels", LevelValues>({
  entity: entityInfo("partnershipLevel"),
  section: "partnershipLevels",
  target: "partnershipLevel",
  versioned: true,
  timestamps: false,
  schema: partnershipLevelSchema,
  keyOf: (l) => l.key,
  refs: () => [],
  check: () => {},
  values: (l) => ({
    key: l.key,
    label: l.label as Bi,
    rank: l.rank,
    qualifiers: [...l.qualifiers],
  }),
  out: (v) => withList({ ...v }, "qualifiers", v.qualifiers),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM partnership_levels", "id", "rank, key", id, (r) => ({
      key: r.key as string,
      label: both(r, "label"),
      rank: r.rank as number,
      qualifiers: jsonList(r.qualifiers),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      ...textColumns("label", v.label),
      rank: v.rank,
      qualifiers: json(v.qualifiers),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      [
        "SELECT count(*) AS n FROM partnerships WHERE level_id = ?",
        "partnership step",
        "partnership steps",
      ],
    ]),
});

type EventTypeValues = { key: string; cameo: string; label: Bi };

export const eventTypes = codec<"eventTypes", EventTypeValues>({
  entity: entityInfo("eventType"),
  section: "eventTypes",
  target: "eventType",
  versioned: false,
  timestamps: false,
  schema: eventTypeSchema,
  keyOf: (e) => e.key,
  refs: () => [],
  check: () => {},
  values: (e) => ({ key: e.key, cameo: e.cameo, label: e.label as Bi }),
  out: (v) => ({ ...v }),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM event_types", "id", "key", id, (r) => ({
      key: r.key as string,
      cameo: r.cameo as string,
      label: both(r, "label"),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      cameo: v.cameo,
      ...textColumns("label", v.label),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM events WHERE type_id = ?", "event", "events"],
    ]),
});

type TopicValues = { key: string; kind: string; name: Bi; terms: string[] };

export const topics = codec<"topics", TopicValues>({
  entity: entityInfo("topic"),
  section: "topics",
  target: "topic",
  versioned: true,
  timestamps: false,
  schema: topicSchema,
  keyOf: (t) => t.key,
  refs: () => [],
  check: () => {},
  values: (t) => ({ key: t.key, kind: t.kind, name: t.name as Bi, terms: [...t.terms] }),
  out: (v) => withList({ ...v }, "terms", v.terms),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM topics", "id", "key", id, (r) => ({
      key: r.key as string,
      kind: r.kind as string,
      name: both(r, "name"),
      terms: jsonList(r.terms),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      kind: v.kind,
      ...textColumns("name", v.name),
      terms: json(v.terms),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM event_topics WHERE topic_id = ?", "event", "events"],
      ["SELECT count(*) AS n FROM project_topics WHERE topic_id = ?", "project", "projects"],
      ["SELECT count(*) AS n FROM statement_topics WHERE topic_id = ?", "statement", "statements"],
    ]),
});
