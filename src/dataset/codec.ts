// What every section codec is, and the pieces its fields are built from (citations, lists kept in
// join tables, merges of an import with the stored record). Sections are described field by field
// (fields.ts, sections/*.ts); describe.ts makes their codecs.
//
// The canonical form is the file format with defaults left out, sets sorted, and citations without
// a locator written as a bare source key. It is what an export writes, what the audit log records
// as "before" and "after", and what an import compares to decide whether a record is unchanged.
import type { z } from "zod";
import type { EntityInfo } from "../domain/entities.ts";
import type { DatasetFile, Section } from "./format.ts";
import type { Store, Target } from "./store.ts";

export type { Section };
export type Path = PropertyKey[];
export type Ref = { path: Path; target: Target; key: string };
export type ProblemSink = (path: Path, message: string) => void;
/** A record as a file (and the audit log) shows it. */
export type Canonical = Record<string, unknown>;
export type RecordOf<S extends Section> = DatasetFile[S][number];

export type Text = { en?: string; zh?: string };
export type Cit = { source: string; locator: string | null };

export interface Codec<S extends Section = Section, V = unknown> {
  entity: EntityInfo;
  section: S;
  /** What the section's records are to references elsewhere. */
  target: Target;
  versioned: boolean;
  timestamps: boolean;
  schema: z.ZodType<RecordOf<S>>;
  keyOf(record: RecordOf<S>): string;
  /** Fields besides the natural key that no two records may share (a country's alpha3). */
  unique: readonly string[];
  refs(record: RecordOf<S>): Ref[];
  check(record: RecordOf<S>, store: Store, problem: ProblemSink): Promise<void>;
  /**
   * Resolves a record to the values it stands for. `complete` (an edit): the record says
   * everything. Otherwise (an import) parts that come from several sources — citations, offices,
   * partnership steps, status steps — are merged with the stored ones, never erased.
   */
  values(record: RecordOf<S>, store: Store, existing: V | null, complete: boolean): Promise<V>;
  out(values: V): Canonical;
  /** Where the record belongs (relationship, side, event…): a change is a move. */
  owner?(values: V): string;
  /** Records in export order: all of them, the one with this id, or those with these. */
  read(store: Store, which: Which): Promise<{ id: number; values: V }[]>;
  /** Inserts (existingId null) or replaces a record and its parts; returns its id. */
  write(store: Store, values: V, existingId: number | null): Promise<number>;
  /** What would be left dangling by deleting the record, described for an error message. */
  dependents(store: Store, id: number): Promise<string[]>;
}

// ---- values ---------------------------------------------------------------------------------

export const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** Drops null and undefined members, keeping the order of the others. */
export function compact(object: Record<string, unknown>): Canonical {
  const result: Canonical = {};
  for (const [name, value] of Object.entries(object)) {
    if (value !== null && value !== undefined) result[name] = value;
  }
  return result;
}

export const nonEmpty = <T>(list: readonly T[]): readonly T[] | undefined =>
  list.length > 0 ? list : undefined;

// ---- citations ------------------------------------------------------------------------------

export const citeOut = (c: Cit) =>
  c.locator === null ? c.source : { source: c.source, locator: c.locator };
export const citesOf = (list: readonly { source: string; locator?: string | undefined }[]): Cit[] =>
  list.map((c) => ({ source: c.source, locator: c.locator ?? null }));

/** Stored items in their order, each replaced by a given one of the same identity; new ones after. */
function mergeBy<T>(stored: readonly T[], given: readonly T[], identity: (t: T) => string) {
  const byId = new Map(stored.map((item) => [identity(item), item]));
  for (const item of given) byId.set(identity(item), item);
  return [...byId.values()];
}

/**
 * An import's citations merged with the stored ones: one per source; the file's replaces the
 * stored citation of the same source, and citations of other sources stay.
 */
export const mergeCites = (stored: readonly Cit[] | undefined, given: Cit[], complete: boolean) =>
  complete || !stored ? given : mergeBy(stored, given, (c) => c.source);

/**
 * An import's parts (offices, partnership steps, status steps) merged with the stored ones by
 * identity: the file's part replaces the stored one of the same identity, keeping the citations
 * of other sources; parts the file does not name stay. An edit (`complete`) gives them whole.
 */
export function mergeParts<T extends { sources: Cit[] }>(
  stored: readonly T[] | undefined,
  given: readonly T[],
  identity: (part: T) => string,
  complete: boolean,
): T[] {
  if (complete || !stored) return [...given];
  const before = new Map(stored.map((part) => [identity(part), part]));
  return mergeBy(stored, given, identity).map((part) => ({
    ...part,
    sources: mergeCites(before.get(identity(part))?.sources, part.sources, false),
  }));
}

export function citeRefs(list: readonly { source: string }[], at: Path = []): Ref[] {
  return list.map((c, j) => ({ path: [...at, "sources", j], target: "source", key: c.source }));
}

export function optionalRef(path: Path, target: Target, key: string | undefined | null): Ref[] {
  return key === undefined || key === null ? [] : [{ path, target, key }];
}

/** The citations table's subject columns: exactly one is set per citation. */
const SUBJECTS = [
  "event_id",
  "document_id",
  "statement_id",
  "partnership_id",
  "project_mention_id",
  "office_id",
  "project_status_step_id",
  "target_id",
] as const;
export type SubjectColumn = (typeof SUBJECTS)[number];

export async function writeCitations(
  store: Store,
  column: SubjectColumn,
  subjectId: number,
  cites: readonly Cit[],
): Promise<void> {
  for (const c of cites) {
    // The same columns for every citation, whatever its subject, so they are written together.
    const subject = Object.fromEntries(SUBJECTS.map((s) => [s, s === column ? subjectId : null]));
    store.insert(
      "citations",
      { source_id: await store.require("source", c.source), locator: c.locator, ...subject },
      false,
    );
  }
}

/** Which records a read is for: all of them (null), one by id, or several by id. */
export type Which = number | readonly number[] | null;

/**
 * A read's SQL for all records, for one (its only parameter the record's id) and for several
 * (their ids as one JSON array), built once: reads run for every record an import compares, and
 * building and hashing the text each time cost more than the lookup. `filter` puts the match
 * ("= ?", "IN (…)") after the expression that names the record.
 */
export type Query = { all: string; one: string; many: string };

export const query = (select: string, filter: (match: string) => string, order: string): Query => {
  const where = (match: string) =>
    `${select} ${select.includes(" WHERE ") ? "AND" : "WHERE"} ${filter(match)} ORDER BY ${order}`;
  return {
    all: `${select} ORDER BY ${order}`,
    one: where("= ?"),
    many: where("IN (SELECT value FROM json_each(?))"),
  };
};

export const runQuery = (store: Store, q: Query, which: Which) =>
  which === null
    ? store.all(q.all)
    : typeof which === "number"
      ? store.all(q.one, which)
      : store.all(q.many, JSON.stringify(which));

/** Rows of a child table grouped by their parent's id, in the order of the query. */
export function groupBy<R extends { parent?: unknown }, T>(
  rows: readonly R[],
  map: (row: R) => T,
): Map<number, T[]> {
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
 * Citations of subjects in one column, grouped by subject: all, that of a record, or (for the
 * parts of a record: offices, partnership steps, status steps) those whose subject belongs to it.
 */
export function citationsQuery(column: SubjectColumn, parts?: { table: string; parent: string }) {
  return query(
    `SELECT c.${column} AS parent, s.key AS source, c.locator AS locator
     FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.${column} IS NOT NULL`,
    (match) =>
      parts
        ? `c.${column} IN (SELECT id FROM ${parts.table} WHERE ${parts.parent} ${match})`
        : `c.${column} ${match}`,
    `c.${column}, c.id`,
  );
}

export const readCitations = async (store: Store, q: Query, which: Which) =>
  groupBy(await runQuery(store, q, which), (r) => ({
    source: r.source as string,
    locator: str(r.locator),
  }));

/**
 * A list of keys kept in a join table (`statement_topics`: statement_id → topic_id), in key order
 * unless the table has a `position`.
 */
export function keyListQuery(
  join: { table: string; parent: string; child: string; childTable: string; keyColumn: string },
  ordered: boolean,
) {
  return query(
    `SELECT j.${join.parent} AS parent, c.${join.keyColumn} AS k FROM ${join.table} j
     JOIN ${join.childTable} c ON c.id = j.${join.child}`,
    (match) => `j.${join.parent} ${match}`,
    `j.${join.parent}, ${ordered ? "j.position" : `c.${join.keyColumn}`}`,
  );
}

export const readKeyList = async (store: Store, q: Query, which: Which) =>
  groupBy(await runQuery(store, q, which), (r) => r.k as string);

/** Replaces a record's rows in a join table with `keys`. */
export async function writeKeyList(
  store: Store,
  join: { table: string; parent: string; child: string; target: Target },
  parentId: number,
  keys: readonly string[],
  replace: boolean,
  ordered = false,
): Promise<void> {
  if (replace) await store.run(`DELETE FROM ${join.table} WHERE ${join.parent} = ?`, parentId);
  for (const [position, key] of keys.entries()) {
    store.insert(
      join.table,
      {
        [join.parent]: parentId,
        [join.child]: await store.require(join.target, key),
        ...(ordered ? { position } : {}),
      },
      false,
    );
  }
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** INSERT or UPDATE one row from column values; an update bumps version and updated_at. */
export async function saveRow(
  store: Store,
  codec: { entity: EntityInfo; versioned: boolean; timestamps: boolean },
  id: number | null,
  names: readonly string[],
  row: readonly unknown[],
): Promise<number> {
  const table = codec.entity.table;
  if (id === null) return store.insertRow(table, names, row);
  const values = row.map((v) => (typeof v === "boolean" ? Number(v) : v));
  const bumps = [
    ...(codec.versioned ? ["version = version + 1"] : []),
    ...(codec.timestamps ? [`updated_at = ${NOW}`] : []),
  ];
  await store.run(
    `UPDATE ${table} SET ${[...names.map((n) => `${n} = ?`), ...bumps].join(", ")} WHERE id = ?`,
    ...values,
    id,
  );
  return id;
}

/** Flags the second and later occurrences of a value in a list. */
export function unique<T>(
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

/** Both countries of a relationship key ("CN-KG"). */
export const pairOf = (key: string) => key.split("-") as [string, string];

/** The relationship of an event, for records that name only their event. */
export async function relationshipOfEvent(store: Store, eventKey: string) {
  return (
    (
      await store.get<{ key: string }>(
        "SELECT r.key FROM events e JOIN relationships r ON r.id = e.relationship_id WHERE e.key = ?",
        eventKey,
      )
    )?.key ?? null
  );
}
