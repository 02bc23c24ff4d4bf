// Another process (an import, the worker, a CLI command) holding SQLite's write lock. A statement
// that waits for it blocks the event loop, so connections that serve requests wait only briefly
// (SERVER_BUSY_TIMEOUT_MS) and callers retry asynchronously, letting other requests run between
// tries, until their own deadline; then the caller gets a coded BUSY.
import { setTimeout as sleep } from "node:timers/promises";
import { Refusal } from "../domain/refusal.ts";

/**
 * SQLite's own wait on a server connection, which blocks the event loop: a few milliseconds, as
 * ten writers retrying at once while another process holds the lock spend ten such waits per
 * round of pauses (with 20 ms, a CLI import stalled /healthz for seconds).
 */
export const SERVER_BUSY_TIMEOUT_MS = 2;

/** The database stayed locked by another process past the caller's deadline. */
export class DatabaseBusy extends Refusal {
  constructor(waitedMs?: number) {
    const writing =
      waitedMs === undefined ? "is writing" : `has been writing for ${Math.round(waitedMs)} ms`;
    super(`the database is busy (another process ${writing}): try again shortly`, "BUSY", "");
  }
}

/** Whether an error (or what it wraps: drizzle wraps driver errors) is SQLite's BUSY. */
export function isBusy(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof DatabaseBusy) return true;
    const { code } = e as { code?: unknown };
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return true;
  }
  return false;
}

/**
 * Runs `operation`; while it fails with BUSY, tries again after a growing pause (5 ms doubling,
 * at most 200 ms) until `deadlineMs` have passed, then throws DatabaseBusy. The operation must
 * be safe to repeat: a read, or one transaction that rolled back.
 */
export async function retryWhileBusy<T>(
  operation: () => T | Promise<T>,
  deadlineMs: number,
): Promise<T> {
  const started = performance.now();
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    try {
      return await operation();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const waited = performance.now() - started;
      if (waited + pause > deadlineMs) throw new DatabaseBusy(waited);
      await sleep(pause);
    }
  }
}
