// `attache db migrate|seed|reset`.
import fs from "node:fs";
import type { Config } from "../config.ts";
import { otherHolders } from "../db/holders.ts";
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
    if (!(await isEmpty(db)) && !options.force) {
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

export const reset = (config: Config, options: { force?: boolean } = {}) => {
  const holders = otherHolders(config.dbFile);
  if (holders.length > 0 && !options.force) {
    const who = holders.map((h) => `attache ${h.command} (pid ${h.pid} on ${h.host})`).join(", ");
    throw new CliError(
      `${config.dbFile} is in use by ${who}: stop it first, or pass --force to delete it from under it`,
    );
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(config.dbFile + suffix, { force: true });
  return withDatabase(config, async (db) => seedAndReport(config, db));
};

async function seedAndReport(config: Config, db: Parameters<typeof seedDatabase>[0]) {
  const summary = await seedDatabase(db);
  const counts = Object.entries(summary).map(([section, n]) => `${n} ${section}`);
  process.stdout.write(`seeded ${config.dbFile}: ${counts.join(", ")}\n`);
  return 0;
}
