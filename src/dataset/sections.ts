// One codec per section of the dataset format: how a record's references are named, how it is
// checked, written, read back, and printed in its canonical form.
//
// The canonical form is the file format with defaults left out (status "held", empty lists, a
// participant's side when it is their own country, a partnership's label when it is the ladder's),
// sets sorted, and citations without a locator written as a bare source key. It is what an export
// writes, what the audit log records as "before" and "after", and what an import compares to
// decide whether a record is unchanged. Both directions build it with the same `out` function, so a
// record read back from the database and the record that was written compare equal.
import type { z } from "zod";
import type { AuditEntityType } from "../audit/log.ts";
import { findPartnershipLevel } from "../domain/partnership-ladder.ts";
import { relationshipKey } from "../domain/relationship-key.ts";
import {
  countrySchema,
  type DatasetFile,
  documentSchema,
  eventSchema,
  eventTypeSchema,
  organizationSchema,
  personSchema,
  projectSchema,
  relationshipSchema,
  sourceSchema,
  statementSchema,
  topicSchema,
} from "./format.ts";
import type { Row, Store, Target } from "./store.ts";

export type Section = keyof DatasetFile;
export type Path = PropertyKey[];
export type Ref = { path: Path; target: Target; key: string };
export type ProblemSink = (path: Path, message: string) => void;
/** A record as a file (and the audit log) shows it. */
export type Canonical = Record<string, unknown>;

type Bi = { en: string; zh: string };
type Cit = { source: string; locator: string | null };
type RecordOf<S extends Section> = DatasetFile[S][number];

export interface Codec<S extends Section = Section, V = unknown> {
  section: S;
  /** What the section's records are to references elsewhere. */
  target: Target;
  entityType: AuditEntityType;
  table: string;
  versioned: boolean;
  timestamps: boolean;
  schema: z.ZodType<RecordOf<S>>;
  keyOf(record: RecordOf<S>): string;
  refs(record: RecordOf<S>): Ref[];
  check(record: RecordOf<S>, store: Store, problem: ProblemSink): void;
  /**
   * Resolves a record to the values it stands for. `complete`: absent optional parts mean "none";
   * otherwise (an import) a relationship keeps the summary and history the record does not give.
   */
  values(record: RecordOf<S>, store: Store, existing: V | null, complete: boolean): V;
  out(values: V): Canonical;
  /** Records in export order: all of them, or the one with this id. */
  read(store: Store, id: number | null): { id: number; values: V }[];
  /** Inserts (existingId null) or replaces a record and its parts; returns its id. */
  write(store: Store, values: V, existingId: number | null): number;
  /** What would be left dangling by deleting the record, described for an error message. */
  dependents(store: Store, id: number): string[];
}

// ---- helpers -------------------------------------------------------------------------------------

const bi = (en: unknown, zh: unknown): Bi | null =>
  typeof en === "string" && typeof zh === "string" ? { en, zh } : null;
const biOf = (row: Row, column: string): Bi | null => bi(row[`${column}_en`], row[`${column}_zh`]);
const nn = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** Drops null and undefined members, keeping the order of the others. */
function compact(object: Record<string, unknown>): Canonical {
  const result: Canonical = {};
  for (const [name, value] of Object.entries(object)) {
    if (value !== null && value !== undefined) result[name] = value;
  }
  return result;
}

const nonEmpty = <T>(list: readonly T[]): readonly T[] | undefined =>
  list.length > 0 ? list : undefined;
const citeOut = (c: Cit) =>
  c.locator === null ? c.source : { source: c.source, locator: c.locator };
const citesOf = (list: readonly { source: string; locator?: string | undefined }[]): Cit[] =>
  list.map((c) => ({ source: c.source, locator: c.locator ?? null }));
const sorted = (list: readonly string[]) => [...list].sort();

function citeRefs(list: readonly { source: string }[], at: Path = []): Ref[] {
  return list.map((c, j) => ({ path: [...at, "sources", j], target: "source", key: c.source }));
}

function optionalRef(path: Path, target: Target, key: string | undefined): Ref[] {
  return key === undefined ? [] : [{ path, target, key }];
}

/** Flags the second and later occurrences of a value in a list. */
function unique<T>(
  list: readonly T[],
  identify: (item: T) => string,
  path: (j: number) => Path,
  what: string,
  problem: ProblemSink,
): void {
  const seen = new Map<string, number>();
  list.forEach((item, j) => {
    const value = identify(item);
    const first = seen.get(value);
    if (first === undefined) seen.set(value, j);
    else problem(path(j), `${what} "${value}" is listed twice (also at [${first}])`);
  });
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** INSERT or UPDATE one row from column values; an update bumps version and updated_at. */
function saveRow(
  store: Store,
  codec: { table: string; versioned: boolean; timestamps: boolean },
  id: number | null,
  columns: Record<string, unknown>,
): number {
  if (id === null) return store.insert(codec.table, columns);
  const names = Object.keys(columns);
  const values = Object.values(columns).map((v) => (typeof v === "boolean" ? Number(v) : v));
  const bumps = [
    ...(codec.versioned ? ["version = version + 1"] : []),
    ...(codec.timestamps ? [`updated_at = ${NOW}`] : []),
  ];
  store.run(
    `UPDATE ${codec.table} SET ${[...names.map((n) => `${n} = ?`), ...bumps].join(", ")} WHERE id = ?`,
    ...values,
    id,
  );
  return id;
}

type SubjectColumn =
  | "event_id"
  | "document_id"
  | "statement_id"
  | "partnership_id"
  | "project_mention_id"
  | "office_id";

function writeCitations(store: Store, column: SubjectColumn, subjectId: number, cites: Cit[]) {
  for (const c of cites) {
    // The same columns for every citation, whatever its subject, so they are written together.
    store.insert(
      "citations",
      {
        source_id: store.require("source", c.source),
        locator: c.locator,
        event_id: column === "event_id" ? subjectId : null,
        document_id: column === "document_id" ? subjectId : null,
        statement_id: column === "statement_id" ? subjectId : null,
        partnership_id: column === "partnership_id" ? subjectId : null,
        project_mention_id: column === "project_mention_id" ? subjectId : null,
        office_id: column === "office_id" ? subjectId : null,
      },
      false,
    );
  }
}

/** A condition on one record's id (bound as the query's only parameter), or none. */
const idFilter = (column: string, id: number | null) => (id === null ? "" : `${column} = ?`);
const byId = (id: number | null) => (id === null ? [] : [id]);
const where = (...conditions: string[]) => {
  const parts = conditions.filter(Boolean);
  return parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "";
};

/** Rows of a child table grouped by their parent's id, in the order of the query. */
function groupBy<T>(rows: readonly Row[], map: (row: Row) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const parent = row.parent as number;
    let group = groups.get(parent);
    if (!group) {
      group = [];
      groups.set(parent, group);
    }
    group.push(map(row));
  }
  return groups;
}

/**
 * Citations of subjects in one column, grouped by subject: all, that of `id`, or (for the parts of
 * a record: offices, partnership steps, mentions) those whose subject belongs to the parent `id`.
 */
function readCitations(
  store: Store,
  column: SubjectColumn,
  id: number | null,
  parts?: { table: string; parent: string },
): Map<number, Cit[]> {
  const filter =
    id === null
      ? ""
      : parts
        ? `c.${column} IN (SELECT id FROM ${parts.table} WHERE ${idFilter(parts.parent, id)})`
        : idFilter(`c.${column}`, id);
  const rows = store.all(
    `SELECT c.${column} AS parent, s.key AS source, c.locator AS locator
     FROM citations c JOIN sources s ON s.id = c.source_id
     ${where(`c.${column} IS NOT NULL`, filter)}
     ORDER BY c.${column}, c.id`,
    ...byId(id),
  );
  return groupBy(rows, (r) => ({ source: r.source as string, locator: str(r.locator) }));
}

function countOf(store: Store, sql: string, id: number): number {
  return (store.get<{ n: number }>(sql, id)?.n ?? 0) as number;
}

/** ["3 events and 2 positions"]; nothing when every count is zero. */
function describeCounts(counts: [number, string, string][]): string[] {
  const parts = counts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  if (parts.length < 2) return parts;
  return [`${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`];
}

// ---- reference data ------------------------------------------------------------------------------

type CountryValues = { code: string; alpha3: string; numeric: string; name: Bi };

const countries: Codec<"countries", CountryValues> = {
  section: "countries",
  target: "country",
  entityType: "country",
  table: "countries",
  versioned: false,
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
  values: (c) => ({ code: c.code, alpha3: c.alpha3, numeric: c.numeric, name: c.name }),
  out: (v) => ({ code: v.code, alpha3: v.alpha3, numeric: v.numeric, name: v.name }),
  read(store, id) {
    return store
      .all(`SELECT * FROM countries ${where(idFilter("id", id))} ORDER BY code`, ...byId(id))
      .map((r) => ({
        id: r.id as number,
        values: {
          code: r.code as string,
          alpha3: r.alpha3 as string,
          numeric: r.numeric as string,
          name: biOf(r, "name") as Bi,
        },
      }));
  },
  write(store, v, id) {
    return saveRow(store, countries, id, {
      code: v.code,
      alpha3: v.alpha3,
      numeric: v.numeric,
      name_en: v.name.en,
      name_zh: v.name.zh,
    });
  },
  dependents: (store, id) =>
    describeCounts([
      [
        countOf(
          store,
          "SELECT count(*) AS n FROM relationships WHERE ? IN (country_a_id, country_b_id)",
          id,
        ),
        "relationship",
        "relationships",
      ],
      [
        countOf(store, "SELECT count(*) AS n FROM people WHERE country_id = ?", id),
        "person",
        "people",
      ],
    ]),
};

type EventTypeValues = { key: string; cameo: string; label: Bi };

const eventTypes: Codec<"eventTypes", EventTypeValues> = {
  section: "eventTypes",
  target: "eventType",
  entityType: "event_type",
  table: "event_types",
  versioned: false,
  timestamps: false,
  schema: eventTypeSchema,
  keyOf: (e) => e.key,
  refs: () => [],
  check: () => {},
  values: (e) => ({ key: e.key, cameo: e.cameo, label: e.label }),
  out: (v) => ({ key: v.key, cameo: v.cameo, label: v.label }),
  read(store, id) {
    return store
      .all(`SELECT * FROM event_types ${where(idFilter("id", id))} ORDER BY key`, ...byId(id))
      .map((r) => ({
        id: r.id as number,
        values: { key: r.key as string, cameo: r.cameo as string, label: biOf(r, "label") as Bi },
      }));
  },
  write(store, v, id) {
    return saveRow(store, eventTypes, id, {
      key: v.key,
      cameo: v.cameo,
      label_en: v.label.en,
      label_zh: v.label.zh,
    });
  },
  dependents: (store, id) =>
    describeCounts([
      [countOf(store, "SELECT count(*) AS n FROM events WHERE type_id = ?", id), "event", "events"],
    ]),
};

type TopicValues = { key: string; kind: string; name: Bi };

const topics: Codec<"topics", TopicValues> = {
  section: "topics",
  target: "topic",
  entityType: "topic",
  table: "topics",
  versioned: true,
  timestamps: false,
  schema: topicSchema,
  keyOf: (t) => t.key,
  refs: () => [],
  check: () => {},
  values: (t) => ({ key: t.key, kind: t.kind, name: t.name }),
  out: (v) => ({ key: v.key, kind: v.kind, name: v.name }),
  read(store, id) {
    return store
      .all(`SELECT * FROM topics ${where(idFilter("id", id))} ORDER BY key`, ...byId(id))
      .map((r) => ({
        id: r.id as number,
        values: { key: r.key as string, kind: r.kind as string, name: biOf(r, "name") as Bi },
      }));
  },
  write(store, v, id) {
    return saveRow(store, topics, id, {
      key: v.key,
      kind: v.kind,
      name_en: v.name.en,
      name_zh: v.name.zh,
    });
  },
  dependents: (store, id) =>
    describeCounts([
      [
        countOf(store, "SELECT count(*) AS n FROM event_topics WHERE topic_id = ?", id),
        "event",
        "events",
      ],
      [
        countOf(store, "SELECT count(*) AS n FROM project_topics WHERE topic_id = ?", id),
        "project",
        "projects",
      ],
      [
        countOf(store, "SELECT count(*) AS n FROM statements WHERE topic_id = ?", id),
        "position",
        "positions",
      ],
    ]),
};

type SourceValues = {
  key: string;
  publication: Bi;
  title: Bi;
  language: string;
  publishedOn: string;
  page: string | null;
  url: string | null;
  note: Bi | null;
};

const sources: Codec<"sources", SourceValues> = {
  section: "sources",
  target: "source",
  entityType: "source",
  table: "sources",
  versioned: true,
  timestamps: false,
  schema: sourceSchema,
  keyOf: (s) => s.key,
  refs: () => [],
  check: () => {},
  values: (s) => ({
    key: s.key,
    publication: s.publication,
    title: s.title,
    language: s.language,
    publishedOn: s.publishedOn,
    page: nn(s.page),
    url: nn(s.url),
    note: nn(s.note),
  }),
  out: (v) => compact({ ...v }),
  read(store, id) {
    return store
      .all(`SELECT * FROM sources ${where(idFilter("id", id))} ORDER BY key`, ...byId(id))
      .map((r) => ({
        id: r.id as number,
        values: {
          key: r.key as string,
          publication: biOf(r, "publication") as Bi,
          title: biOf(r, "title") as Bi,
          language: r.language as string,
          publishedOn: r.published_on as string,
          page: str(r.page),
          url: str(r.url),
          note: biOf(r, "note"),
        },
      }));
  },
  write(store, v, id) {
    return saveRow(store, sources, id, {
      key: v.key,
      publication_en: v.publication.en,
      publication_zh: v.publication.zh,
      title_en: v.title.en,
      title_zh: v.title.zh,
      language: v.language,
      published_on: v.publishedOn,
      page: v.page,
      url: v.url,
      note_en: v.note?.en ?? null,
      note_zh: v.note?.zh ?? null,
    });
  },
  dependents: (store, id) =>
    describeCounts([
      [
        countOf(store, "SELECT count(*) AS n FROM citations WHERE source_id = ?", id),
        "citation",
        "citations",
      ],
    ]),
};

type OrganizationValues = {
  key: string;
  kind: string;
  abbreviation: string | null;
  name: Bi;
  country: string | null;
};

const organizations: Codec<"organizations", OrganizationValues> = {
  section: "organizations",
  target: "organization",
  entityType: "organization",
  table: "organizations",
  versioned: true,
  timestamps: false,
  schema: organizationSchema,
  keyOf: (o) => o.key,
  refs: (o) => optionalRef(["country"], "country", o.country),
  check: () => {},
  values: (o) => ({
    key: o.key,
    kind: o.kind,
    abbreviation: nn(o.abbreviation),
    name: o.name,
    country: nn(o.country),
  }),
  out: (v) => compact({ ...v }),
  read(store, id) {
    return store
      .all(
        `SELECT o.*, c.code AS country FROM organizations o LEFT JOIN countries c ON c.id = o.country_id
         ${where(idFilter("o.id", id))} ORDER BY o.key`,
        ...byId(id),
      )
      .map((r) => ({
        id: r.id as number,
        values: {
          key: r.key as string,
          kind: r.kind as string,
          abbreviation: str(r.abbreviation),
          name: biOf(r, "name") as Bi,
          country: str(r.country),
        },
      }));
  },
  write(store, v, id) {
    return saveRow(store, organizations, id, {
      key: v.key,
      kind: v.kind,
      abbreviation: v.abbreviation,
      name_en: v.name.en,
      name_zh: v.name.zh,
      country_id: store.optional("country", v.country),
    });
  },
  dependents: (store, id) =>
    describeCounts([
      [
        countOf(store, "SELECT count(*) AS n FROM offices WHERE organization_id = ?", id),
        "office",
        "offices",
      ],
      [
        countOf(store, "SELECT count(*) AS n FROM document_parties WHERE organization_id = ?", id),
        "document party",
        "document parties",
      ],
      [
        countOf(store, "SELECT count(*) AS n FROM statements WHERE organization_id = ?", id),
        "position",
        "positions",
      ],
    ]),
};

// ---- people and relationships ----------------------------------------------------------------------

type OfficeValues = {
  title: Bi;
  organization: string | null;
  from: string | null;
  to: string | null;
  sources: Cit[];
};
type PersonValues = { key: string; name: Bi; country: string | null; offices: OfficeValues[] };

const people: Codec<"people", PersonValues> = {
  section: "people",
  target: "person",
  entityType: "person",
  table: "people",
  versioned: true,
  timestamps: true,
  schema: personSchema,
  keyOf: (p) => p.key,
  refs: (p) => [
    ...optionalRef(["country"], "country", p.country),
    ...p.offices.flatMap((o, j) => [
      ...optionalRef(["offices", j, "organization"], "organization", o.organization),
      ...citeRefs(o.sources, ["offices", j]),
    ]),
  ],
  check(p, _store, problem) {
    unique(
      p.offices,
      (o) => o.title.en,
      (j) => ["offices", j, "title", "en"],
      "office",
      problem,
    );
    p.offices.forEach((o, j) => {
      if (o.from && o.to && o.to < o.from) problem(["offices", j, "to"], "to is before from");
    });
  },
  values: (p) => ({
    key: p.key,
    name: p.name,
    country: nn(p.country),
    offices: p.offices.map((o) => ({
      title: o.title,
      organization: nn(o.organization),
      from: nn(o.from),
      to: nn(o.to),
      sources: citesOf(o.sources),
    })),
  }),
  out: (v) =>
    compact({
      key: v.key,
      name: v.name,
      country: v.country,
      offices: nonEmpty(
        v.offices.map((o) =>
          compact({ ...o, sources: o.sources.map(citeOut) as unknown as Cit[] }),
        ),
      ),
    }),
  read(store, id) {
    const offices = store.all(
      `SELECT o.id, o.person_id AS parent, o.title_en, o.title_zh, org.key AS organization,
              o.start_date, o.end_date
       FROM offices o LEFT JOIN organizations org ON org.id = o.organization_id
       ${where(idFilter("o.person_id", id))} ORDER BY o.person_id, o.id`,
      ...byId(id),
    );
    const cites = readCitations(store, "office_id", id, { table: "offices", parent: "person_id" });
    const byPerson = groupBy(offices, (r) => ({
      title: biOf(r, "title") as Bi,
      organization: str(r.organization),
      from: str(r.start_date),
      to: str(r.end_date),
      sources: cites.get(r.id as number) ?? [],
    }));
    return store
      .all(
        `SELECT p.*, c.code AS country FROM people p LEFT JOIN countries c ON c.id = p.country_id
         ${where(idFilter("p.id", id))} ORDER BY p.key`,
        ...byId(id),
      )
      .map((r) => ({
        id: r.id as number,
        values: {
          key: r.key as string,
          name: biOf(r, "name") as Bi,
          country: str(r.country),
          offices: byPerson.get(r.id as number) ?? [],
        },
      }));
  },
  write(store, v, existingId) {
    const id = saveRow(store, people, existingId, {
      key: v.key,
      name_en: v.name.en,
      name_zh: v.name.zh,
      country_id: store.optional("country", v.country),
    });
    if (existingId !== null) store.run("DELETE FROM offices WHERE person_id = ?", id);
    for (const o of v.offices) {
      const officeId = store.insert("offices", {
        person_id: id,
        title_en: o.title.en,
        title_zh: o.title.zh,
        organization_id: store.optional("organization", o.organization),
        start_date: o.from,
        end_date: o.to,
      });
      writeCitations(store, "office_id", officeId, o.sources);
    }
    store.personChanged(v.key);
    return id;
  },
  dependents: (store, id) =>
    describeCounts([
      [
        countOf(store, "SELECT count(*) AS n FROM event_participants WHERE person_id = ?", id),
        "event participation",
        "event participations",
      ],
      [
        countOf(store, "SELECT count(*) AS n FROM statements WHERE speaker_id = ?", id),
        "position spoken",
        "positions spoken",
      ],
    ]),
};

type StepValues = {
  level: string;
  rank: number;
  label: Bi;
  since: string;
  note: Bi | null;
  sources: Cit[];
};
type RelationshipValues = {
  between: [string, string];
  summary: Bi | null;
  partnerships: StepValues[];
};

function stepValues(p: RecordOf<"relationships">["partnerships"] & object): StepValues[] {
  return p
    .map((step) => {
      const level = findPartnershipLevel(step.level);
      return {
        level: step.level,
        rank: level?.rank ?? 0,
        label: step.label ?? { en: level?.en ?? step.level, zh: level?.zh ?? step.level },
        since: step.since,
        note: nn(step.note),
        sources: citesOf(step.sources),
      };
    })
    .sort((a, b) => a.since.localeCompare(b.since));
}

const pairOf = (key: string) => key.split("-") as [string, string];

const relationships: Codec<"relationships", RelationshipValues> = {
  section: "relationships",
  target: "relationship",
  entityType: "relationship",
  table: "relationships",
  versioned: true,
  timestamps: true,
  schema: relationshipSchema,
  keyOf: (r) => relationshipKey(r.between),
  refs: (r) => [
    ...pairOf(relationshipKey(r.between)).map(
      (code): Ref => ({ path: ["between"], target: "country", key: code }),
    ),
    ...(r.partnerships ?? []).flatMap((p, j) => citeRefs(p.sources, ["partnerships", j])),
  ],
  check(r, _store, problem) {
    const steps = r.partnerships ?? [];
    steps.forEach((p, j) => {
      if (!findPartnershipLevel(p.level)) {
        problem(["partnerships", j, "level"], `unknown partnership level "${p.level}"`);
      }
    });
    unique(
      steps,
      (p) => p.since,
      (j) => ["partnerships", j, "since"],
      "a step since",
      problem,
    );
  },
  values: (r, _store, existing, complete) => ({
    between: pairOf(relationshipKey(r.between)),
    summary: r.summary ?? (complete ? null : (existing?.summary ?? null)),
    partnerships: r.partnerships
      ? stepValues(r.partnerships)
      : complete
        ? []
        : (existing?.partnerships ?? []),
  }),
  out: (v) =>
    compact({
      between: v.between,
      summary: v.summary,
      partnerships: v.partnerships.map((p) => {
        const level = findPartnershipLevel(p.level);
        const defaultLabel = level && p.label.en === level.en && p.label.zh === level.zh;
        return compact({
          level: p.level,
          label: defaultLabel ? null : p.label,
          since: p.since,
          note: p.note,
          sources: p.sources.map(citeOut),
        });
      }),
    }),
  read(store, id) {
    const steps = store.all(
      `SELECT id, relationship_id AS parent, level, rank, label_en, label_zh, since, note_en, note_zh
       FROM partnerships ${where(idFilter("relationship_id", id))}
       ORDER BY relationship_id, since`,
      ...byId(id),
    );
    const cites = readCitations(store, "partnership_id", id, {
      table: "partnerships",
      parent: "relationship_id",
    });
    const byRelationship = groupBy(steps, (r) => ({
      level: r.level as string,
      rank: r.rank as number,
      label: biOf(r, "label") as Bi,
      since: r.since as string,
      note: biOf(r, "note"),
      sources: cites.get(r.id as number) ?? [],
    }));
    return store
      .all(`SELECT * FROM relationships ${where(idFilter("id", id))} ORDER BY key`, ...byId(id))
      .map((r) => ({
        id: r.id as number,
        values: {
          between: pairOf(r.key as string),
          summary: biOf(r, "summary"),
          partnerships: byRelationship.get(r.id as number) ?? [],
        },
      }));
  },
  write(store, v, existingId) {
    const [a, b] = v.between;
    const id = saveRow(store, relationships, existingId, {
      key: `${a}-${b}`,
      country_a_id: store.require("country", a),
      country_b_id: store.require("country", b),
      summary_en: v.summary?.en ?? null,
      summary_zh: v.summary?.zh ?? null,
    });
    if (existingId !== null) store.run("DELETE FROM partnerships WHERE relationship_id = ?", id);
    for (const p of v.partnerships) {
      const stepId = store.insert("partnerships", {
        relationship_id: id,
        level: p.level,
        rank: p.rank,
        label_en: p.label.en,
        label_zh: p.label.zh,
        since: p.since,
        note_en: p.note?.en ?? null,
        note_zh: p.note?.zh ?? null,
      });
      writeCitations(store, "partnership_id", stepId, p.sources);
    }
    return id;
  },
  dependents: (store, id) =>
    describeCounts([
      [
        countOf(store, "SELECT count(*) AS n FROM events WHERE relationship_id = ?", id),
        "event",
        "events",
      ],
    ]),
};

// ---- events, documents, projects, positions ------------------------------------------------------

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
  place: Bi | null;
  title: Bi;
  summary: Bi | null;
  firstOfKind: boolean;
  topics: string[];
  participants: ParticipantValues[];
  sources: Cit[];
};

const events: Codec<"events", EventValues> = {
  section: "events",
  target: "event",
  entityType: "event",
  table: "events",
  versioned: true,
  timestamps: true,
  schema: eventSchema,
  keyOf: (e) => e.key,
  refs: (e) => [
    { path: ["between"], target: "relationship", key: relationshipKey(e.between) },
    { path: ["type"], target: "eventType", key: e.type },
    ...optionalRef(["host"], "country", e.host),
    ...e.topics.map((key, j): Ref => ({ path: ["topics", j], target: "topic", key })),
    ...e.participants.flatMap((p, j) => [
      { path: ["participants", j, "person"], target: "person" as const, key: p.person },
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
  },
  values: (e, store) => ({
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
    topics: sorted(e.topics),
    participants: e.participants.map((p) => {
      const personCountry = store.personCountry(p.person);
      return { person: p.person, role: p.role, side: p.side ?? personCountry, personCountry };
    }),
    sources: citesOf(e.sources),
  }),
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
    const eventTopics = groupBy(
      store.all(
        `SELECT et.event_id AS parent, t.key AS key FROM event_topics et JOIN topics t ON t.id = et.topic_id
         ${where(idFilter("et.event_id", id))} ORDER BY et.event_id, t.key`,
        ...byId(id),
      ),
      (r) => r.key as string,
    );
    const cites = readCitations(store, "event_id", id);
    return store
      .all(
        `SELECT e.*, r.key AS relationship, t.key AS type, h.code AS host
         FROM events e JOIN relationships r ON r.id = e.relationship_id
         JOIN event_types t ON t.id = e.type_id LEFT JOIN countries h ON h.id = e.host_country_id
         ${where(idFilter("e.id", id))} ORDER BY e.start_date, e.key`,
        ...byId(id),
      )
      .map((r) => ({
        id: r.id as number,
        values: {
          key: r.key as string,
          between: pairOf(r.relationship as string),
          type: r.type as string,
          status: r.status as string,
          date: r.start_date as string,
          endDate: str(r.end_date),
          host: str(r.host),
          place: biOf(r, "place"),
          title: biOf(r, "title") as Bi,
          summary: biOf(r, "summary"),
          firstOfKind: Boolean(r.first_of_kind),
          topics: eventTopics.get(r.id as number) ?? [],
          participants: participants.get(r.id as number) ?? [],
          sources: cites.get(r.id as number) ?? [],
        },
      }));
  },
  write(store, v, existingId) {
    const id = saveRow(store, events, existingId, {
      key: v.key,
      relationship_id: store.require("relationship", v.between.join("-")),
      type_id: store.require("eventType", v.type),
      status: v.status,
      start_date: v.date,
      end_date: v.endDate,
      host_country_id: store.optional("country", v.host),
      place_en: v.place?.en ?? null,
      place_zh: v.place?.zh ?? null,
      title_en: v.title.en,
      title_zh: v.title.zh,
      summary_en: v.summary?.en ?? null,
      summary_zh: v.summary?.zh ?? null,
      first_of_kind: v.firstOfKind,
    });
    if (existingId !== null) {
      store.run("DELETE FROM event_participants WHERE event_id = ?", id);
      store.run("DELETE FROM event_topics WHERE event_id = ?", id);
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
    for (const topic of v.topics) {
      store.insert(
        "event_topics",
        { event_id: id, topic_id: store.require("topic", topic) },
        false,
      );
    }
    writeCitations(store, "event_id", id, v.sources);
    return id;
  },
  dependents: (store, id) =>
    describeCounts([
      [
        countOf(store, "SELECT count(*) AS n FROM documents WHERE event_id = ?", id),
        "document",
        "documents",
      ],
      [
        countOf(store, "SELECT count(*) AS n FROM statements WHERE event_id = ?", id),
        "position",
        "positions",
      ],
      [
        countOf(store, "SELECT count(*) AS n FROM project_mentions WHERE event_id = ?", id),
        "project mention",
        "project mentions",
      ],
    ]),
};

type PartyValues = { country: string; organization: string | null };
type DocumentValues = {
  key: string;
  kind: string;
  title: Bi;
  signedOn: string | null;
  event: string | null;
  validFrom: string | null;
  validTo: string | null;
  summary: Bi | null;
  parties: PartyValues[];
  sources: Cit[];
};

const documents: Codec<"documents", DocumentValues> = {
  section: "documents",
  target: "document",
  entityType: "document",
  table: "documents",
  versioned: true,
  timestamps: true,
  schema: documentSchema,
  keyOf: (d) => d.key,
  refs: (d) => [
    ...optionalRef(["event"], "event", d.event),
    ...d.parties.flatMap((p, j) => [
      { path: ["parties", j, "country"], target: "country" as const, key: p.country },
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
  },
  values: (d) => ({
    key: d.key,
    kind: d.kind,
    title: d.title,
    signedOn: nn(d.signedOn),
    event: nn(d.event),
    validFrom: nn(d.validFrom),
    validTo: nn(d.validTo),
    summary: nn(d.summary),
    parties: d.parties
      .map((p) => ({ country: p.country, organization: nn(p.organization) }))
      .sort((a, b) => a.country.localeCompare(b.country)),
    sources: citesOf(d.sources),
  }),
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
    return store
      .all(
        `SELECT d.*, e.key AS event FROM documents d LEFT JOIN events e ON e.id = d.event_id
         ${where(idFilter("d.id", id))} ORDER BY d.key`,
        ...byId(id),
      )
      .map((r) => ({
        id: r.id as number,
        values: {
          key: r.key as string,
          kind: r.kind as string,
          title: biOf(r, "title") as Bi,
          signedOn: str(r.signed_on),
          event: str(r.event),
          validFrom: str(r.valid_from),
          validTo: str(r.valid_to),
          summary: biOf(r, "summary"),
          parties: parties.get(r.id as number) ?? [],
          sources: cites.get(r.id as number) ?? [],
        },
      }));
  },
  write(store, v, existingId) {
    const id = saveRow(store, documents, existingId, {
      key: v.key,
      kind: v.kind,
      title_en: v.title.en,
      title_zh: v.title.zh,
      signed_on: v.signedOn,
      event_id: store.optional("event", v.event),
      valid_from: v.validFrom,
      valid_to: v.validTo,
      summary_en: v.summary?.en ?? null,
      summary_zh: v.summary?.zh ?? null,
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
};

type MentionValues = {
  date: string;
  event: string | null;
  status: string | null;
  note: Bi;
  sources: Cit[];
};
type ProjectValues = {
  key: string;
  status: string;
  name: Bi;
  summary: Bi | null;
  countries: string[];
  topics: string[];
  mentions: MentionValues[];
};

const projects: Codec<"projects", ProjectValues> = {
  section: "projects",
  target: "project",
  entityType: "project",
  table: "projects",
  versioned: true,
  timestamps: true,
  schema: projectSchema,
  keyOf: (p) => p.key,
  refs: (p) => [
    ...p.countries.map((key, j): Ref => ({ path: ["countries", j], target: "country", key })),
    ...p.topics.map((key, j): Ref => ({ path: ["topics", j], target: "topic", key })),
    ...p.mentions.flatMap((m, j) => [
      ...optionalRef(["mentions", j, "event"], "event", m.event),
      ...citeRefs(m.sources, ["mentions", j]),
    ]),
  ],
  check(p, _store, problem) {
    unique(
      p.countries,
      (c) => c,
      (j) => ["countries", j],
      "country",
      problem,
    );
    unique(
      p.topics,
      (t) => t,
      (j) => ["topics", j],
      "topic",
      problem,
    );
  },
  values: (p) => ({
    key: p.key,
    status: p.status,
    name: p.name,
    summary: nn(p.summary),
    countries: sorted(p.countries),
    topics: sorted(p.topics),
    mentions: p.mentions.map((m) => ({
      date: m.date,
      event: nn(m.event),
      status: nn(m.status),
      note: m.note,
      sources: citesOf(m.sources),
    })),
  }),
  out: (v) =>
    compact({
      key: v.key,
      status: v.status,
      name: v.name,
      summary: v.summary,
      countries: v.countries,
      topics: nonEmpty(v.topics),
      mentions: nonEmpty(v.mentions.map((m) => compact({ ...m, sources: m.sources.map(citeOut) }))),
    }),
  read(store, id) {
    const projectCountries = groupBy(
      store.all(
        `SELECT pc.project_id AS parent, c.code AS code FROM project_countries pc
         JOIN countries c ON c.id = pc.country_id
         ${where(idFilter("pc.project_id", id))} ORDER BY pc.project_id, c.code`,
        ...byId(id),
      ),
      (r) => r.code as string,
    );
    const projectTopics = groupBy(
      store.all(
        `SELECT pt.project_id AS parent, t.key AS key FROM project_topics pt
         JOIN topics t ON t.id = pt.topic_id
         ${where(idFilter("pt.project_id", id))} ORDER BY pt.project_id, t.key`,
        ...byId(id),
      ),
      (r) => r.key as string,
    );
    const cites = readCitations(store, "project_mention_id", id, {
      table: "project_mentions",
      parent: "project_id",
    });
    const mentions = groupBy(
      store.all(
        `SELECT m.id, m.project_id AS parent, m.mentioned_on, e.key AS event, m.status, m.note_en, m.note_zh
         FROM project_mentions m LEFT JOIN events e ON e.id = m.event_id
         ${where(idFilter("m.project_id", id))} ORDER BY m.project_id, m.id`,
        ...byId(id),
      ),
      (r) => ({
        date: r.mentioned_on as string,
        event: str(r.event),
        status: str(r.status),
        note: biOf(r, "note") as Bi,
        sources: cites.get(r.id as number) ?? [],
      }),
    );
    return store
      .all(`SELECT * FROM projects ${where(idFilter("id", id))} ORDER BY key`, ...byId(id))
      .map((r) => ({
        id: r.id as number,
        values: {
          key: r.key as string,
          status: r.status as string,
          name: biOf(r, "name") as Bi,
          summary: biOf(r, "summary"),
          countries: projectCountries.get(r.id as number) ?? [],
          topics: projectTopics.get(r.id as number) ?? [],
          mentions: mentions.get(r.id as number) ?? [],
        },
      }));
  },
  write(store, v, existingId) {
    const id = saveRow(store, projects, existingId, {
      key: v.key,
      status: v.status,
      name_en: v.name.en,
      name_zh: v.name.zh,
      summary_en: v.summary?.en ?? null,
      summary_zh: v.summary?.zh ?? null,
    });
    if (existingId !== null) {
      store.run("DELETE FROM project_countries WHERE project_id = ?", id);
      store.run("DELETE FROM project_topics WHERE project_id = ?", id);
      store.run("DELETE FROM project_mentions WHERE project_id = ?", id);
    }
    for (const code of v.countries) {
      store.insert(
        "project_countries",
        { project_id: id, country_id: store.require("country", code) },
        false,
      );
    }
    for (const topic of v.topics) {
      store.insert(
        "project_topics",
        { project_id: id, topic_id: store.require("topic", topic) },
        false,
      );
    }
    for (const m of v.mentions) {
      const mentionId = store.insert("project_mentions", {
        project_id: id,
        event_id: store.optional("event", m.event),
        mentioned_on: m.date,
        status: m.status,
        note_en: m.note.en,
        note_zh: m.note.zh,
      });
      writeCitations(store, "project_mention_id", mentionId, m.sources);
    }
    return id;
  },
  dependents: (store, id) =>
    describeCounts([
      [
        countOf(store, "SELECT count(*) AS n FROM statements WHERE project_id = ?", id),
        "position",
        "positions",
      ],
    ]),
};

type StatementValues = {
  key: string;
  kind: string;
  side: string;
  speaker: string | null;
  event: string | null;
  topic: string;
  organization: string | null;
  project: string | null;
  date: string;
  text: Bi;
  quote: { zh?: string; en?: string } | null;
  sources: Cit[];
};

const statements: Codec<"statements", StatementValues> = {
  section: "statements",
  target: "statement",
  entityType: "position",
  table: "statements",
  versioned: true,
  timestamps: true,
  schema: statementSchema,
  keyOf: (s) => s.key,
  refs: (s) => [
    { path: ["side"], target: "country", key: s.side },
    ...optionalRef(["speaker"], "person", s.speaker),
    ...optionalRef(["event"], "event", s.event),
    { path: ["topic"], target: "topic", key: s.topic },
    ...optionalRef(["organization"], "organization", s.organization),
    ...optionalRef(["project"], "project", s.project),
    ...citeRefs(s.sources),
  ],
  check: () => {},
  values: (s) => ({
    key: s.key,
    kind: s.kind,
    side: s.side,
    speaker: nn(s.speaker),
    event: nn(s.event),
    topic: s.topic,
    organization: nn(s.organization),
    project: nn(s.project),
    date: s.date,
    text: s.text,
    quote: s.quote && (s.quote.zh || s.quote.en) ? quoteOf(s.quote.zh, s.quote.en) : null,
    sources: citesOf(s.sources),
  }),
  out: (v) => compact({ ...v, sources: v.sources.map(citeOut) }),
  read(store, id) {
    const cites = readCitations(store, "statement_id", id);
    return store
      .all(
        `SELECT s.*, c.code AS side, p.key AS speaker, e.key AS event, t.key AS topic,
                o.key AS organization, pr.key AS project
         FROM statements s JOIN countries c ON c.id = s.country_id
         LEFT JOIN people p ON p.id = s.speaker_id LEFT JOIN events e ON e.id = s.event_id
         JOIN topics t ON t.id = s.topic_id LEFT JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN projects pr ON pr.id = s.project_id
         ${where(idFilter("s.id", id))} ORDER BY s.key`,
        ...byId(id),
      )
      .map((r) => ({
        id: r.id as number,
        values: {
          key: r.key as string,
          kind: r.kind as string,
          side: r.side as string,
          speaker: str(r.speaker),
          event: str(r.event),
          topic: r.topic as string,
          organization: str(r.organization),
          project: str(r.project),
          date: r.stated_on as string,
          text: biOf(r, "text") as Bi,
          quote:
            r.quote_zh || r.quote_en
              ? quoteOf(str(r.quote_zh) ?? undefined, str(r.quote_en) ?? undefined)
              : null,
          sources: cites.get(r.id as number) ?? [],
        },
      }));
  },
  write(store, v, existingId) {
    const id = saveRow(store, statements, existingId, {
      key: v.key,
      kind: v.kind,
      country_id: store.require("country", v.side),
      speaker_id: store.optional("person", v.speaker),
      event_id: store.optional("event", v.event),
      topic_id: store.require("topic", v.topic),
      organization_id: store.optional("organization", v.organization),
      project_id: store.optional("project", v.project),
      stated_on: v.date,
      text_en: v.text.en,
      text_zh: v.text.zh,
      quote_zh: v.quote?.zh ?? null,
      quote_en: v.quote?.en ?? null,
    });
    if (existingId !== null) store.run("DELETE FROM citations WHERE statement_id = ?", id);
    writeCitations(store, "statement_id", id, v.sources);
    return id;
  },
  dependents: () => [],
};

function quoteOf(zh: string | undefined, en: string | undefined) {
  return compact({ zh, en }) as { zh?: string; en?: string };
}

/** Every section's codec, in the order records are written (references point backwards). */
const codecs: { [S in Section]: Codec<S, unknown> } = {
  countries: countries as Codec<"countries", unknown>,
  eventTypes: eventTypes as Codec<"eventTypes", unknown>,
  topics: topics as Codec<"topics", unknown>,
  sources: sources as Codec<"sources", unknown>,
  organizations: organizations as Codec<"organizations", unknown>,
  people: people as Codec<"people", unknown>,
  relationships: relationships as Codec<"relationships", unknown>,
  events: events as Codec<"events", unknown>,
  documents: documents as Codec<"documents", unknown>,
  projects: projects as Codec<"projects", unknown>,
  statements: statements as Codec<"statements", unknown>,
};

export const sectionOrder = Object.keys(codecs) as Section[];

export function codecOf<S extends Section>(section: S): Codec<S, unknown> {
  return codecs[section];
}
