// Receivers that answer slowly, a byte at a time, on real loopback sockets: every delivery attempt
// has one deadline for the whole exchange, after which it is a failure like any other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserPool } from "../../src/render/browser.ts";
import { postWebhook } from "../../src/schedule/delivery/webhook.ts";
import { createSchedule } from "../../src/schedule/store.ts";
import { tricklingReceiver } from "../support/receivers.ts";
import { loopback, loopbackPolicy, scheduleEnv } from "../support/schedules.ts";

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

const SECRET = "whsec_c2xvdy1zbG93LXNsb3ctc2xvdy1zbG93LXNs";
const THURSDAY = "2025-11-20T00:00:00Z";
const weekly = { cron: "0 7 * * 1", timezone: "UTC", relationships: ["CN-KG"] };

describe("a receiver that trickles its answer", () => {
  it("fails a POST at the deadline, though the connection is never idle", async () => {
    const slow = await tricklingReceiver(100);
    try {
      const started = Date.now();
      const error = await postWebhook(
        { url: slow.url, secrets: [SECRET] },
        { id: "msg_1", payload: { type: "test" } },
        { timeoutMs: 800, allow: loopback },
      ).then(
        () => null,
        (e: Error) => e,
      );
      const took = Date.now() - started;
      expect(error?.message).toBe("no answer in time (timeout)");
      expect(took).toBeGreaterThanOrEqual(750);
      expect(took).toBeLessThan(2_000);
      // The connection was ended by us, not left open.
      await expect.poll(() => slow.closedAfter.length).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it("answers a test-send with a timeout at the deadline", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const slow = await tricklingReceiver(100);
    try {
      const { schedule } = await createSchedule(
        env.db,
        { ...weekly, name: "test-send", targets: [{ webhook: "http://127.0.0.1:1/unused" }] },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      const scheduler = env.make({ webhookTimeoutMs: 1_000 });
      // Render first, so that only the delivery is timed.
      await scheduler.preview(schedule.id, "test");
      const started = Date.now();
      const result = await scheduler.testSend(schedule.id, { webhook: slow.url }, "test");
      expect(result.delivered).toBe(false);
      expect(result.error).toBe("no answer in time (timeout)");
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await slow.close();
    }
  });
});
