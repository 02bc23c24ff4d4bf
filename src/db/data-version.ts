// A value that changes whenever anything is written to the database file, by any process: other
// connections' commits change SQLite's `PRAGMA data_version` (as seen from this connection), and
// this connection's own writes change its `total_changes()`. Reading both is one cheap statement,
// so a cache can check it on every request instead of being told about writes.
import type Database from "better-sqlite3";

export type DataVersion = () => string;

export function dataVersion(sqlite: Database.Database): DataVersion {
  const read = sqlite.prepare<[], { other: number; own: number }>(
    "SELECT data_version AS other, total_changes() AS own FROM pragma_data_version",
  );
  return () => {
    const row = read.get();
    return row ? `${row.other}.${row.own}` : "";
  };
}
