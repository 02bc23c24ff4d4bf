// Awaited transactions on a real SQLite file: the whole body commits or nothing does, and two
// transactions on one connection run one after the other, never interleaved.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.ts";
import { createTestDb } from "../support/db.ts";

const topics = async (db: ReturnType<typeof createTestDb>["db"]) =>
  (
    (await db.all(sql`SELECT key FROM topics WHERE key LIKE 'tx-%' ORDER BY key`)) as {
      key: string;
    }[]
  ).map((r) => r.key);
const addTopic = (db: ReturnType<typeof createTestDb>["db"], key: string) =>
  db.run(
    sql`INSERT INTO topics (key, kind, name_en, name_zh) VALUES (${key}, 'issue', ${key}, ${key})`,
  );

describe("inTransaction", () => {
  it("rolls back writes made before an await when the body fails after it", async () => {
    const { db } = createTestDb({ seed: false });
    await expect(
      inTransaction(db, "write", async () => {
        await addTopic(db, "tx-first");
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error("failed half-way");
      }),
    ).rejects.toThrow("failed half-way");
    expect(await topics(db)).toEqual([]);
    expect(db.$client.inTransaction).toBe(false);
  });

  it("commits the whole body when it resolves", async () => {
    const { db } = createTestDb({ seed: false });
    const result = await inTransaction(db, "write", async () => {
      await addTopic(db, "tx-a");
      await new Promise((resolve) => setTimeout(resolve, 5));
      await addTopic(db, "tx-b");
      return "done";
    });
    expect(result).toBe("done");
    expect(await topics(db)).toEqual(["tx-a", "tx-b"]);
  });

  it("queues a second transaction until the first has ended, even when the first fails", async () => {
    const { db } = createTestDb({ seed: false });
    const order: string[] = [];
    const first = inTransaction(db, "write", async () => {
      order.push("first begins");
      await addTopic(db, "tx-1");
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push("first fails");
      throw new Error("first failed");
    });
    const second = inTransaction(db, "read", async () => {
      order.push("second begins");
      return topics(db);
    });
    await expect(first).rejects.toThrow("first failed");
    // The second saw the database as the first left it: rolled back.
    expect(await second).toEqual([]);
    expect(order).toEqual(["first begins", "first fails", "second begins"]);
  });
});
