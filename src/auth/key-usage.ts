// When each API key was last used, written off the request path: requests note the time in
// memory and a timer writes the notes in one short transaction every few seconds. A busy
// database (another process writing) only delays the write to the next round.
import { eq } from "drizzle-orm";
import { isBusy } from "../db/busy.ts";
import type { Db } from "../db/client.ts";
import { bookkeeping } from "../db/data-version.ts";
import { apiKeys } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";

/** How often noted times are written. */
const FLUSH_INTERVAL_MS = 5_000;

export class KeyUsage {
  private readonly pending = new Map<number, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  /** Notes that key `id` was used at `at`; written with the next flush. */
  note(id: number, at: Date): void {
    this.pending.set(id, at.toISOString());
    this.later();
  }

  /** Writes what was noted; on a busy database, keeps it for the next round. */
  async flush(): Promise<void> {
    const { db } = this;
    if (this.pending.size === 0 || !db.$client.open) return;
    const entries = [...this.pending];
    try {
      await inTransaction(db, "write", () =>
        // Not data: cached answers stay (the response cache never keeps lastUsedAt).
        bookkeeping(db.$client, async () => {
          for (const [id, at] of entries) {
            await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
          }
        }),
      );
      for (const [id, at] of entries) if (this.pending.get(id) === at) this.pending.delete(id);
    } catch (error) {
      if (!isBusy(error)) throw error;
      this.later();
    }
  }

  /** Flushes in a few seconds, unless a flush is planned already. */
  private later(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_INTERVAL_MS).unref();
  }
}

const usage = new WeakMap<Db["$client"], KeyUsage>();

/** The notes of one connection (one per process in practice). */
export function keyUsage(db: Db): KeyUsage {
  let found = usage.get(db.$client);
  if (!found) {
    found = new KeyUsage(db);
    usage.set(db.$client, found);
  }
  return found;
}
