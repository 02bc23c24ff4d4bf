// Loading the curated dataset of seeds/ into a database.
import { fileURLToPath } from "node:url";
import { count } from "drizzle-orm";
import { readDatasetFolder } from "../dataset/load.ts";
import { type WriteSummary, writeDataset } from "../dataset/write.ts";
import type { Db } from "./client.ts";
import { countries } from "./schema.ts";

export const seedsFolder = fileURLToPath(new URL("../../seeds", import.meta.url));

export function seedDatabase(db: Db, folder = seedsFolder): Promise<WriteSummary> {
  return writeDataset(db, readDatasetFolder(folder));
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(countries);
  return (row?.n ?? 0) === 0;
}

/** Seeds only a database that holds nothing yet, so user data is never overwritten. */
export async function seedIfEmpty(db: Db, folder = seedsFolder): Promise<WriteSummary | null> {
  return (await isEmpty(db)) ? seedDatabase(db, folder) : null;
}
