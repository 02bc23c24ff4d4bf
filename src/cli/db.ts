// `attache db migrate|seed|reset`.
import fs from "node:fs";
import type { Config } from "../config.ts";
import { isEmpty, seedDatabase } from "../db/seed.ts";
import { withDatabase } from "./database.ts";
import { CliError } from "./io.ts";

export const migrate = (config: Config) =>
  withDatabase(config, async () => {
    process.stdout.write(`migrated ${config.dbFile}\n`);
    return 0;
  });

export const seed = (config: Config, options: { ifEmpty?: boolean; force?: boolean }) =>
  withDatabase(config, async (db) => {
    if (!isEmpty(db) && !options.force) {
      if (options.ifEmpty) {
        process.stdout.write(`${config.dbFile} already holds data; left as it is\n`);
        return 0;
      }
      throw new CliError(
        `${config.dbFile} already holds data; use "attache db seed --force" to upsert the seeds over it`,
      );
    }
    return seedAndReport(config, db);
  });

export const reset = (config: Config) => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(config.dbFile + suffix, { force: true });
  return withDatabase(config, async (db) => seedAndReport(config, db));
};

function seedAndReport(config: Config, db: Parameters<typeof seedDatabase>[0]) {
  const summary = seedDatabase(db);
  const counts = Object.entries(summary).map(([section, n]) => `${n} ${section}`);
  process.stdout.write(`seeded ${config.dbFile}: ${counts.join(", ")}\n`);
  return 0;
}
