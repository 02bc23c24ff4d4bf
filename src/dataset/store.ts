// The dataset engine's access to the database: every read and write is an awaited drizzle call
// (statements stay prepared by their text, see db/client.ts), new rows are written in batches, and
// natural-key → id lookups sit behind a bounded cache, so memory does not grow with an import.
// What is SQLite's own is here and in the codecs' SQL text: ids after sqlite_sequence, key lists
// as one JSON parameter (json_each); a server database would take its sequences and arrays.
import { getTableColumns, getTableName, isTable, SQL, StringChunk, type Table } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Db } from "../db/client.ts";
import * as schema from "../db/schema.ts";
import { type EntityName, entityInfo } from "../domain/entities.ts";

/** Record kinds other records refer to by natural key: the registry's entities. */
export type Target = EntityName;

export const nounOf = (target: Target): string => entityInfo(target).noun;

/** Entries kept per lookup cache before it starts afresh: enough for every reference table. */
const CACHE_LIMIT = 20_000;
/** A key the cache knows to have no record (ids start at 1). */
const ABSENT = 0;

export type Row = Record<string, unknown>;

/**
 * Rows buffered (all tables) before they are written, and rows per multi-row INSERT. Each INSERT
 * into a searched table costs a flush of the full-text index's pending terms (see Store), so
 * fewer, larger statements cost less: 500 rows rather than 100 took ~10% off an import of events.
 * 500 rows of the widest table stay well below SQLite's limit of 32,766 parameters.
 */
const BATCH = 2048;
const CHUNK = 500;
/**
 * The order buffered rows are written in, parents before the rows that refer to them (foreign
 * keys are checked at once). Tables not listed go last, in the order they were first buffered.
 */
const WRITE_ORDER = [
  "countries",
  "partnership_levels",
  "event_types",
  "topics",
  "sources",
  "relationships",
  "partnerships",
  "organizations",
  "people",
  "offices",
  "events",
  "event_participants",
  "event_topics",
  "documents",
  "document_parties",
  "projects",
  "project_countries",
  "project_topics",
  "project_status_steps",
  "project_mentions",
  "statements",
  "statement_topics",
  "statement_organizations",
  "statement_projects",
  "targets",
  "target_statements",
  "citations",
  "audit_log",
];

type Buffer = { table: string; columns: string[]; rows: unknown[][] };

/** Tables whose rows have an id, which the store allocates for rows it buffers. */
/** The schema's tables by SQL name. */
export const tables = new Map<string, Table>(
  (Object.values(schema) as unknown[]).filter(isTable).map((t) => [getTableName(t), t]),
);

const WITH_IDS = [...tables].filter(([, t]) => "id" in getTableColumns(t)).map(([name]) => name);

/** SQL text with `?` placeholders, split once: the pieces between its parameters. */
const pieces = new LRUCache<string, StringChunk[]>({ max: 500 });

/**
 * `text` with `params` bound, as a drizzle query. The engine's statements are written as text
 * (their shapes come from the section descriptions); the parameters are bound, never spliced in.
 */
function bound(text: string, params: readonly unknown[]): SQL {
  let between = pieces.get(text);
  if (!between) {
    between = text.split("?").map((piece) => new StringChunk(piece));
    pieces.set(text, between);
  }
  if (between.length !== params.length + 1) {
    throw new Error(`${params.length} parameters for ${between.length - 1} placeholders`);
  }
  const chunks: unknown[] = [between[0]];
  for (let i = 0; i < params.length; i++) chunks.push(params[i], between[i + 1]);
  return new SQL(chunks as SQL["queryChunks"]);
}

/**
 * New rows are buffered and written in batches: one statement per row would cost a statement
 * journal and a flush of the full-text index's pending terms each (the search_index triggers),
 * several times the cost of the row itself. Ids of buffered rows are allocated here, so rows that
 * refer to them can be buffered too. Callers flush before reading anything they may have
 * buffered (`Importer` at the end of each section, edits at the end) and call `settle` between
 * records, which writes out a full buffer; the id cache keeps the keys of every buffered record
 * until then.
 */
export class Store {
  private readonly caches = new Map<Target, Map<string, number>>();
  private readonly personCountries = new Map<string, string | null>();
  private readonly buffers = new Map<string, Buffer>();
  private readonly nextIds = new Map<string, number>();
  private buffered = 0;

  private constructor(readonly db: Db) {}

  /** A store for one transaction: where the next id of each table starts. */
  static async open(db: Db): Promise<Store> {
    const store = new Store(db);
    // AUTOINCREMENT's rule: above every id the table has ever had.
    const rows = await store.all<{ name: string; n: number }>(
      WITH_IDS.map(
        (table) => `SELECT '${table}' AS name, max(coalesce((SELECT max(id) FROM ${table}), 0),
           coalesce((SELECT seq FROM sqlite_sequence WHERE name = '${table}'), 0)) + 1 AS n`,
      ).join(" UNION ALL "),
    );
    for (const row of rows) store.nextIds.set(row.name, row.n);
    return store;
  }

  /**
   * Buffers a new row; with `withId`, allocates its id (returned) as AUTOINCREMENT would: above
   * every id the table has ever had.
   */
  insert(table: string, columns: Record<string, unknown>, withId = true): number {
    return this.insertRow(table, Object.keys(columns), Object.values(columns), withId);
  }

  /** As `insert`, with the column names and their values apart (names the same for a table). */
  insertRow(
    table: string,
    names: readonly string[],
    row: readonly unknown[],
    withId = true,
  ): number {
    const id = withId ? this.allocate(table) : 0;
    const values: unknown[] = withId ? [id] : [];
    for (const value of row) values.push(typeof value === "boolean" ? Number(value) : value);
    // Every caller gives a table the same columns, in the same order.
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = { table, columns: [...(withId ? ["id"] : []), ...names], rows: [] };
      this.buffers.set(table, buffer);
    } else if (buffer.columns.length !== values.length) {
      throw new Error(`rows for ${table} must always name the same columns`);
    }
    buffer.rows.push(values);
    this.buffered++;
    return id;
  }

  private allocate(table: string): number {
    const next = this.nextIds.get(table);
    if (next === undefined) throw new Error(`${table} has no id column`);
    this.nextIds.set(table, next + 1);
    return next;
  }

  /** Between records: writes out the buffer when full, and starts caches afresh when large. */
  async settle(): Promise<void> {
    if (this.buffered >= BATCH) await this.flush();
    for (const cache of this.caches.values()) {
      if (cache.size >= CACHE_LIMIT) {
        // The cache is how buffered records are found: write them before forgetting.
        await this.flush();
        cache.clear();
      }
    }
    if (this.personCountries.size >= CACHE_LIMIT) this.personCountries.clear();
  }

  /** Writes every buffered row, parents first. */
  async flush(): Promise<void> {
    if (this.buffered === 0) return;
    const rank = (table: string) => {
      const at = WRITE_ORDER.indexOf(table);
      return at < 0 ? WRITE_ORDER.length : at;
    };
    const buffers = [...this.buffers.values()].sort((a, b) => rank(a.table) - rank(b.table));
    for (const buffer of buffers) {
      const row = `(${buffer.columns.map(() => "?").join(", ")})`;
      for (let start = 0; start < buffer.rows.length; start += CHUNK) {
        const chunk = buffer.rows.slice(start, start + CHUNK);
        await this.run(
          `INSERT INTO ${buffer.table} (${buffer.columns.join(", ")}) VALUES ${Array(chunk.length).fill(row).join(", ")}`,
          ...chunk.flat(),
        );
      }
      buffer.rows = [];
    }
    this.buffered = 0;
  }

  async run(text: string, ...params: unknown[]): Promise<void> {
    await this.db.run(bound(text, params));
  }

  async all<T = Row>(text: string, ...params: unknown[]): Promise<T[]> {
    return (await this.db.all(bound(text, params))) as T[];
  }

  async get<T = Row>(text: string, ...params: unknown[]): Promise<T | undefined> {
    return (await this.db.get(bound(text, params))) as T | undefined;
  }

  /** The id of a record by natural key, or undefined. */
  async id(target: Target, key: string): Promise<number | undefined> {
    const cached = this.caches.get(target)?.get(key);
    if (cached !== undefined) return cached === ABSENT ? undefined : cached;
    const { table, keyColumn } = entityInfo(target);
    const row = await this.get<{ id: number }>(
      `SELECT id FROM ${table} WHERE ${keyColumn} = ?`,
      key,
    );
    if (row) this.remember(target, key, row.id);
    return row?.id;
  }

  /** The id of a record that validation has shown to exist. */
  async require(target: Target, key: string): Promise<number> {
    const id = await this.id(target, key);
    if (id === undefined) throw new Error(`${nounOf(target)} "${key}" vanished during the write`);
    return id;
  }

  async optional(target: Target, key: string | null): Promise<number | null> {
    return key === null ? null : this.require(target, key);
  }

  /**
   * Looks up the ids of many keys in one statement (an import's records, a batch at a time),
   * so that `id` answers them from the cache, records that do not exist included.
   */
  async lookUp(target: Target, keys: readonly string[]): Promise<void> {
    const cache = this.cache(target);
    const missing = keys.filter((key) => !cache.has(key));
    if (missing.length === 0) return;
    const { table, keyColumn } = entityInfo(target);
    const rows = await this.all<{ id: number; key: string }>(
      `SELECT id, ${keyColumn} AS key FROM ${table}
       WHERE ${keyColumn} IN (SELECT value FROM json_each(?))`,
      JSON.stringify(missing),
    );
    for (const key of missing) cache.set(key, ABSENT);
    for (const row of rows) cache.set(row.key, row.id);
  }

  private cache(target: Target): Map<string, number> {
    let cache = this.caches.get(target);
    if (!cache) {
      cache = new Map();
      this.caches.set(target, cache);
    }
    return cache;
  }

  remember(target: Target, key: string, id: number): void {
    this.cache(target).set(key, id);
  }

  forget(target: Target, key: string): void {
    this.caches.get(target)?.delete(key);
    if (target === "person") this.personCountries.delete(key);
  }

  /** A person's country code as stored now: the side they stand for unless a record says. */
  async personCountry(key: string): Promise<string | null> {
    const cached = this.personCountries.get(key);
    if (cached !== undefined) return cached;
    const row = await this.get<{ code: string | null }>(
      "SELECT c.code AS code FROM people p LEFT JOIN countries c ON c.id = p.country_id WHERE p.key = ?",
      key,
    );
    const code = row?.code ?? null;
    this.personCountries.set(key, code);
    return code;
  }

  /** After a person is written: their country may have changed. */
  personChanged(key: string): void {
    this.personCountries.delete(key);
  }
}
