// A value that changes whenever data is written to the database file, by any process: other
// connections' commits change SQLite's `PRAGMA data_version` (as seen from this connection), and
// this connection's own writes change its `total_changes()`. Reading both is one cheap statement,
// so a cache can check it on every request instead of being told about writes.
//
// This connection's bookkeeping (when an API key was last used, written every few seconds) is run
// through `bookkeeping` and discounted, so it does not empty the cache; answers that show it are
// not cached. Another process's commits always count: their kind cannot be told from here.
import type Database from "better-sqlite3";

export type DataVersion = () => string;

/** Changes this connection made that are not data, by connection. */
const discounted = new WeakMap<Database.Database, number>();

const totalChanges = (sqlite: Database.Database) =>
  sqlite.prepare<[], { n: number }>("SELECT total_changes() AS n").get()?.n ?? 0;

/**
 * Runs `write`, whose changes no cached answer depends on, leaving the data version as it is.
 * Call it inside the body of a write transaction (db/transaction.ts): nothing else writes on this
 * connection meanwhile, so what the count moves by while `write` is awaited is its own.
 */
export async function bookkeeping<T>(
  sqlite: Database.Database,
  write: () => Promise<T>,
): Promise<T> {
  const before = totalChanges(sqlite);
  try {
    return await write();
  } finally {
    const changed = totalChanges(sqlite) - before;
    discounted.set(sqlite, (discounted.get(sqlite) ?? 0) + changed);
  }
}

export function dataVersion(sqlite: Database.Database): DataVersion {
  const read = sqlite.prepare<[], { other: number; own: number }>(
    "SELECT data_version AS other, total_changes() AS own FROM pragma_data_version",
  );
  return () => {
    const row = read.get();
    return row ? `${row.other}.${row.own - (discounted.get(sqlite) ?? 0)}` : "";
  };
}
