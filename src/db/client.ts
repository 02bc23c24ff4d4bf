// Opening the SQLite file: pragmas every connection needs, migrations, and the drizzle client.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { Logger } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { relations } from "./relations.ts";

export type Db = BetterSQLite3Database<typeof relations> & { $client: Database.Database };

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export type OpenOptions = { logger?: Logger; readonly?: boolean };

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Several processes (server, worker, CLI) share the file: wait for a lock rather than fail.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle({ client: sqlite, relations, logger: options.logger });
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
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
