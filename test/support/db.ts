// A real SQLite file per test database, migrated and seeded with the curated dataset.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { type Db, migrateDatabase, openDatabase, StatementLog } from "../../src/db/client.ts";
import { seedDatabase } from "../../src/db/seed.ts";

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

/** A migrated database file; seeded with seeds/ unless `seed: false`. */
export function createTestDb({ seed = true }: { seed?: boolean } = {}): TestDb {
  const dir = tempDir();
  const file = path.join(dir, "attache.db");
  const log = new StatementLog();
  const db = openDatabase(file, { logger: log });
  migrateDatabase(db);
  if (seed) seedDatabase(db);
  log.clear();
  return { db, file, dir, log };
}
