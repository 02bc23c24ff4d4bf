// The dataset engine's access to SQLite: prepared statements (prepared once per connection, not
// once per row as a query builder would) and natural-key → id lookups behind a bounded cache, so
// memory does not grow with the size of an import.
import type Database from "better-sqlite3";
import { type EntityName, entityInfo } from "../domain/entities.ts";

/** Record kinds other records refer to by natural key: the registry's entities. */
export type Target = EntityName;

export const nounOf = (target: Target): string => entityInfo(target).noun;

/** Entries kept per lookup cache before it starts afresh: enough for every reference table. */
const CACHE_LIMIT = 20_000;

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

/**
 * Reads go straight to SQLite. New rows are buffered and written in batches: one statement per
 * row would cost a statement journal and a flush of the full-text index's pending terms each
 * (the search_index triggers), several times the cost of the row itself. Ids of buffered rows
 * are allocated here, so rows that refer to them can be buffered too. Callers flush before
 * reading anything they may have buffered: `Importer` at the end of each section, edits at the
 * end; the id cache keeps the keys of every buffered record until then.
 */
export class Store {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly caches = new Map<Target, Map<string, number>>();
  private readonly personCountries = new Map<string, string | null>();
  private readonly buffers = new Map<string, Buffer>();
  private readonly nextIds = new Map<string, number>();
  private buffered = 0;

  constructor(readonly sqlite: Database.Database) {}

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
    if (++this.buffered >= BATCH) this.flush();
    return id;
  }

  private allocate(table: string): number {
    let next = this.nextIds.get(table);
    if (next === undefined) {
      const row = this.get<{ n: number }>(
        `SELECT max(coalesce((SELECT max(id) FROM ${table}), 0),
                    coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)) + 1 AS n`,
        table,
      );
      next = row?.n ?? 1;
    }
    this.nextIds.set(table, next + 1);
    return next;
  }

  /** Writes every buffered row, parents first. */
  flush(): void {
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
        this.statement(
          `INSERT INTO ${buffer.table} (${buffer.columns.join(", ")}) VALUES ${Array(chunk.length).fill(row).join(", ")}`,
        ).run(...chunk.flat());
      }
      buffer.rows = [];
    }
    this.buffered = 0;
  }

  /** A statement prepared on first use and reused after. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  run(sql: string, ...params: unknown[]): number {
    return Number(this.statement(sql).run(...params).lastInsertRowid);
  }

  all<T = Row>(sql: string, ...params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  get<T = Row>(sql: string, ...params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  /** The id of a record by natural key, or undefined. */
  id(target: Target, key: string): number | undefined {
    let cache = this.caches.get(target);
    if (!cache) {
      cache = new Map();
      this.caches.set(target, cache);
    }
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const { table, keyColumn } = entityInfo(target);
    const row = this.get<{ id: number }>(`SELECT id FROM ${table} WHERE ${keyColumn} = ?`, key);
    if (row) this.remember(target, key, row.id);
    return row?.id;
  }

  /** The id of a record that validation has shown to exist. */
  require(target: Target, key: string): number {
    const id = this.id(target, key);
    if (id === undefined) throw new Error(`${nounOf(target)} "${key}" vanished during the write`);
    return id;
  }

  optional(target: Target, key: string | null): number | null {
    return key === null ? null : this.require(target, key);
  }

  remember(target: Target, key: string, id: number): void {
    let cache = this.caches.get(target);
    if (!cache) {
      cache = new Map();
      this.caches.set(target, cache);
    }
    if (cache.size >= CACHE_LIMIT) {
      // The cache is how buffered records are found: write them before forgetting.
      this.flush();
      cache.clear();
    }
    cache.set(key, id);
  }

  forget(target: Target, key: string): void {
    this.caches.get(target)?.delete(key);
    if (target === "person") this.personCountries.delete(key);
  }

  /** A person's country code as stored now: the side they stand for unless a record says. */
  personCountry(key: string): string | null {
    const cached = this.personCountries.get(key);
    if (cached !== undefined) return cached;
    const row = this.get<{ code: string | null }>(
      "SELECT c.code AS code FROM people p LEFT JOIN countries c ON c.id = p.country_id WHERE p.key = ?",
      key,
    );
    const code = row?.code ?? null;
    if (this.personCountries.size >= CACHE_LIMIT) this.personCountries.clear();
    this.personCountries.set(key, code);
    return code;
  }

  /** After a person is written: their country may have changed. */
  personChanged(key: string): void {
    this.personCountries.delete(key);
  }
}
