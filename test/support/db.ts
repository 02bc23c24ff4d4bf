// A real SQLite file per test database, migrated and seeded with the curated dataset.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { type Db, migrateDatabase, openDatabase, StatementLog } from "../../src/db/client.ts";

export type TestDb = { db: Db; file: string; dir: string; log: StatementLog };

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = "attache-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/**
 * A migrated database file; seeded with seeds/ unless `seed: false`. Seeding is asynchronous, so
 * a seeded database is a copy of the one the global setup (seeded-template.ts) seeded once.
 */
export function createTestDb({ seed = true }: { seed?: boolean } = {}): TestDb {
  const dir = tempDir();
  const file = path.join(dir, "attache.db");
  if (seed) fs.copyFileSync(seededTemplate(), file);
  const log = new StatementLog();
  const db = openDatabase(file, { logger: log });
  migrateDatabase(db);
  log.clear();
  return { db, file, dir, log };
}

function seededTemplate(): string {
  const file = inject("seededDb");
  if (!file || !fs.existsSync(file)) {
    throw new Error("no seeded database: is test/support/seeded-template.ts vitest's globalSetup?");
  }
  return file;
}
