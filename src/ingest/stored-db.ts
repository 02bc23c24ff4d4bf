// The stored-records lookup filled from a database file, opened read-only: drafting never writes.
// A database that does not exist yet is an empty store (everything the article names is new).
import fs from "node:fs";
import { exportDataset } from "../dataset/export.ts";
import { openDatabase } from "../db/client.ts";
import { emptyStore, type StoredRecords, storedFromDataset } from "./stored.ts";

export function storedFromDatabase(file: string): StoredRecords {
  if (file !== ":memory:" && !fs.existsSync(file)) return emptyStore();
  const db = openDatabase(file, { readonly: true });
  try {
    return storedFromDataset(exportDataset(db) as Record<string, unknown>);
  } finally {
    db.$client.close();
  }
}
