// vitest globalSetup: migrates and seeds one SQLite file per test run, in the main process, and
// hands its path to the workers (inject("seededDb")); createTestDb() copies it instead of seeding
// each database again. Seeding is asynchronous; createTestDb() is not, and need not be.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../../src/db/client.ts";
import { seedDatabase } from "../../src/db/seed.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated database file seeded with seeds/, to be copied, never opened in place. */
    seededDb: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-seeded-"));
  const file = path.join(dir, "seeded.db");
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const db = openDatabase(file);
    try {
      migrateDatabase(db);
      await seedDatabase(db);
      // Everything into the main file, so that copying that one file copies the whole database.
      db.$client.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.$client.close();
    }
  } catch (error) {
    remove(); // no teardown follows a failed setup
    throw error;
  }
  project.provide("seededDb", file);
  return remove;
}
