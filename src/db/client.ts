// Opening the SQLite file: pragmas every connection needs, migrations, and the drizzle client.
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { Logger } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { LRUCache } from "lru-cache";
import { keepDatabasePrivate, makePrivateDir } from "./private-files.ts";
import { relations } from "./relations.ts";

export type Db = BetterSQLite3Database<typeof relations> & { $client: Database.Database };

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export type OpenOptions = {
  logger?: Logger;
  readonly?: boolean;
  /**
   * How long a statement waits, blocking, for another process's lock (default 5 s, for the CLI
   * and the worker). The server passes SERVER_BUSY_TIMEOUT_MS and retries asynchronously.
   */
  busyTimeoutMs?: number;
};

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ":memory:") {
    makePrivateDir(path.dirname(file));
    if (!options.readonly) keepDatabasePrivate(file);
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: options.readonly ?? false });
  } catch (error) {
    // SQLite's "unable to open database file" does not say which file.
    (error as Error).message = `${file}: ${(error as Error).message}`;
    throw error;
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Several processes (server, worker, CLI) share the file: wait for a lock rather than fail.
  sqlite.pragma(`busy_timeout = ${Math.round(options.busyTimeoutMs ?? 5000)}`);
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle({ client: reusingStatements(sqlite), relations, logger: options.logger });
  // Everything else uses the connection itself; only drizzle's queries share statements.
  return Object.assign(db, { $client: sqlite });
}

/** How many of drizzle's statements are kept prepared, by SQL text. */
const STATEMENTS_KEPT = 500;

/**
 * The connection as drizzle sees it: drizzle prepares every query it runs, and SQLite compiles
 * it again each time (a dossier's 3.7 KiB relational statement included). The SQL text depends
 * only on the query's shape (the fields asked for), not on its arguments, so a statement is kept
 * by its text. drizzle sets a kept statement's raw mode itself when it wants arrays; it is reset
 * here, as each use is prepared and run in one synchronous step.
 */
function reusingStatements(sqlite: Database.Database): Database.Database {
  const kept = new LRUCache<string, Database.Statement>({ max: STATEMENTS_KEPT });
  return Object.create(sqlite, {
    prepare: {
      value: (sql: string) => {
        let statement = kept.get(sql);
        if (!statement) {
          statement = sqlite.prepare(sql);
          kept.set(sql, statement);
        } else if (statement.reader) {
          statement.raw(false);
        }
        return statement;
      },
    },
  });
}

/**
 * Applies pending migrations. Rebuilding a table (SQLite's way to change a column) drops and
 * recreates it, so foreign keys are off meanwhile and checked whole afterwards, as SQLite's
 * documented procedure for schema changes does.
 */
export function migrateDatabase(db: Db): void {
  const sqlite = db.$client;
  const enforced = sqlite.pragma("foreign_keys", { simple: true }) === 1;
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder });
    const broken = sqlite.pragma("foreign_key_check") as { table: string }[];
    if (broken.length > 0) {
      throw new Error(
        `migration left ${broken.length} rows referring to missing records (first in ${broken[0]?.table})`,
      );
    }
  } finally {
    if (enforced) sqlite.pragma("foreign_keys = ON");
  }
}

/** Collects every SQL statement drizzle runs, so tests can pin query plans. */
export class StatementLog implements Logger {
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  clear(): void {
    this.statements.length = 0;
  }
}
