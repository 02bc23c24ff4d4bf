// Transactions whose steps are awaited. drizzle's better-sqlite3 transaction is synchronous: given
// an async callback it commits at the callback's first await, so a later failure would keep half
// of the writes. Here BEGIN and COMMIT (or ROLLBACK) bracket the whole awaited body.
//
// A connection has one transaction at a time, and a body's awaits let other work run in between:
// transactions on one connection are queued, each starting when the one before it has ended. (On
// a server database each transaction would take its own pooled connection instead.) Reads are not
// queued. On better-sqlite3 every awaited database call has resolved already, so a body that
// awaits only the database runs to its end before any other request is served and no reader sees
// its rows before the commit: keep network and file work (DNS, mail, Chromium) out of bodies.
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";

/** The end of the last transaction queued on each connection. */
const queues = new WeakMap<object, Promise<void>>();

/**
 * Runs `body` in one transaction: "write" takes the write lock at once (BEGIN IMMEDIATE), so no
 * other process writes between the body's reads and its writes; "read" is a consistent snapshot.
 * The transaction commits when `body` resolves and rolls back when it rejects.
 */
export async function inTransaction<T>(
  db: Db,
  mode: "read" | "write",
  body: () => Promise<T>,
): Promise<T> {
  const connection = db.$client;
  const before = queues.get(connection) ?? Promise.resolve();
  let done = () => {};
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  queues.set(
    connection,
    before.then(() => mine),
  );
  await before;
  try {
    await db.run(sql.raw(mode === "write" ? "BEGIN IMMEDIATE" : "BEGIN"));
    try {
      const result = await body();
      await db.run(sql.raw("COMMIT"));
      return result;
    } catch (error) {
      // SQLite may have ended the transaction itself (some I/O errors roll back on their own).
      if (connection.inTransaction) await db.run(sql.raw("ROLLBACK"));
      throw error;
    }
  } finally {
    done();
  }
}
