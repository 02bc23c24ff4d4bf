// When each API key was last used, written off the request path: requests note the time in
// memory and a timer writes the notes in one short transaction every few seconds. A busy
// database (another process writing) only delays the write to the next round.
import type Database from "better-sqlite3";
import { isBusy } from "../db/busy.ts";
import { bookkeeping } from "../db/data-version.ts";

/** How often noted times are written. */
const FLUSH_INTERVAL_MS = 5_000;

export class KeyUsage {
  private readonly pending = new Map<number, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly sqlite: Database.Database) {}

  /** Notes that key `id` was used at `at`; written with the next flush. */
  note(id: number, at: Date): void {
    this.pending.set(id, at.toISOString());
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, FLUSH_INTERVAL_MS).unref();
  }

  /** Writes what was noted; on a busy database, keeps it for the next round. */
  flush(): void {
    if (this.pending.size === 0 || !this.sqlite.open) return;
    const entries = [...this.pending];
    try {
      const update = this.sqlite.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?");
      // Not data: cached answers stay (the response cache never keeps lastUsedAt).
      bookkeeping(this.sqlite, () =>
        this.sqlite.transaction(() => {
          for (const [id, at] of entries) update.run(at, id);
        })(),
      );
      for (const [id, at] of entries) if (this.pending.get(id) === at) this.pending.delete(id);
    } catch (error) {
      if (!isBusy(error)) throw error;
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.flush();
      }, FLUSH_INTERVAL_MS).unref();
    }
  }
}

const usage = new WeakMap<Database.Database, KeyUsage>();

/** The notes of one connection (one per process in practice). */
export function keyUsage(sqlite: Database.Database): KeyUsage {
  let found = usage.get(sqlite);
  if (!found) {
    found = new KeyUsage(sqlite);
    usage.set(sqlite, found);
  }
  return found;
}
