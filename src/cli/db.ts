// `attache db migrate|seed|reset`.
import fs from "node:fs";
import { migrateDatabase, openDatabase } from "../db/client.ts";
import { isEmpty, seedDatabase } from "../db/seed.ts";
import { CliError, type Command } from "./io.ts";

export const dbCommand: Command = async ([action, ...rest], config) => {
  if (action === "reset") {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(config.dbFile + suffix, { force: true });
  }
  const db = openDatabase(config.dbFile);
  try {
    migrateDatabase(db);
    switch (action) {
      case "migrate":
        process.stdout.write(`migrated ${config.dbFile}\n`);
        return 0;
      case "seed":
      case "reset": {
        if (action === "seed" && !isEmpty(db) && !rest.includes("--force")) {
          if (rest.includes("--if-empty")) {
            process.stdout.write(`${config.dbFile} already holds data; left as it is\n`);
            return 0;
          }
          throw new CliError(
            `${config.dbFile} already holds data; use "attache db seed --force" to upsert the seeds over it`,
          );
        }
        const summary = seedDatabase(db);
        const counts = Object.entries(summary).map(([section, n]) => `${n} ${section}`);
        process.stdout.write(`seeded ${config.dbFile}: ${counts.join(", ")}\n`);
        return 0;
      }
      default:
        throw new CliError("usage: attache db migrate | seed [--if-empty|--force] | reset", 2);
    }
  } finally {
    db.$client.close();
  }
};
