// Opening the database for one command: migrated first, always closed after.
import type { Config } from "../config.ts";
import { type Db, migrateDatabase, openDatabase } from "../db/client.ts";

export async function withDatabase<T>(config: Config, use: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(config.dbFile);
  try {
    migrateDatabase(db);
    return await use(db);
  } finally {
    db.$client.close();
  }
}
