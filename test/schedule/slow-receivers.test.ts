// Receivers that answer slowly, a byte at a time, on real loopback sockets: every delivery attempt
// has one deadline for the whole exchange, after which it is a failure like any other.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, scheduleRuns, scheduleTargets } from "../../src/db/schema.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { sendBriefMail } from "../../src/schedule/delivery/email.ts";
import { postWebhook } from "../../src/schedule/delivery/webhook.ts";
import { createSchedule } from "../../src/schedule/store.ts";
import {
  silentSmtpServer,
  smtpReceiver,
  tricklingReceiver,
  webhookReceiver,
} from "../support/receivers.ts";
import { loopback, loopbackPolicy, scheduleEnv } from "../support/schedules.ts";

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

const SECRET = "whsec_c2xvdy1zbG93LXNsb3ctc2xvdy1zbG93LXNs";
const THURSDAY = "2025-11-20T00:00:00Z";
const MONDAY = "2025-11-24T08:00:00Z";
const weekly = { cron: "0 7 * * 1", timezone: "UTC", relationships: ["CN-KG"] };

type Env = ReturnType<typeof scheduleEnv>;
type Holding = { connections: () => number; closedAfter: number[] };

/**
 * A weekly schedule whose run is stopped while its one delivery hangs on `receiver`: stop() must
 * return within its grace period, having closed the connection. The run's row, as stop() left it.
 */
async function stoppedMidDelivery(
  env: Env,
  receiver: Holding,
  definition: { name: string; targets: Parameters<typeof createSchedule>[1]["targets"] },
  options: Parameters<Env["make"]>[0] = {},
) {
  const { schedule } = await createSchedule(
    env.db,
    { ...weekly, ...definition },
    loopbackPolicy,
    env.at(THURSDAY),
  );
  // Deadlines far beyond the test's patience: only the grace period can end the wait.
  const scheduler = env.make({ ...options, webhookTimeoutMs: 120_000, stopGraceMs: 500 });
  env.clock.at = new Date(MONDAY);
  const ticked = scheduler.tick();
  await expect.poll(() => receiver.connections(), { timeout: 20_000 }).toBe(1);
  const started = Date.now();
  await scheduler.stop();
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(await ticked).toBe(1);
  await expect.poll(() => receiver.closedAfter.length).toBe(1); // we closed it
  const [run] = env.db
    .select()
    .from(scheduleRuns)
    .where(eq(scheduleRuns.scheduleId, schedule.id))
    .all();
  return run;
}

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

  it("holds neither the other targets of its run nor the next schedule beyond the deadline", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const slow = await tricklingReceiver(100);
    const fast = await webhookReceiver(SECRET);
    const other = await webhookReceiver(SECRET);
    try {
      const { schedule } = await createSchedule(
        env.db,
        {
          ...weekly,
          name: "slow first",
          targets: [
            { webhook: slow.url, secret: SECRET },
            { webhook: fast.url, secret: SECRET },
          ],
        },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      const { schedule: next } = await createSchedule(
        env.db,
        { ...weekly, name: "next", targets: [{ webhook: other.url, secret: SECRET }] },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      const scheduler = env.make({ webhookTimeoutMs: 5_000 });
      // Render first, so that the tick times deliveries only.
      env.clock.at = new Date(MONDAY);
      await scheduler.preview(schedule.id, "test");
      const fastCalled = fast.nextCall();
      const started = Date.now();
      const ticked = scheduler.tick();
      await fastCalled;
      // The fast target was not queued behind the slow one, whose deadline is 5 s away.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(slow.connections()).toBe(1);
      expect(await ticked).toBe(2);
      await expect.poll(() => slow.closedAfter.length).toBe(1); // we closed it
      expect(Date.now() - started).toBeLessThan(15_000);

      const [run] = env.db
        .select()
        .from(scheduleRuns)
        .where(eq(scheduleRuns.scheduleId, schedule.id))
        .all();
      expect(run?.status).toBe("failed"); // retried as usual
      expect(run?.error).toBe(`webhook:${slow.url}: no answer in time (timeout)`);
      expect(run?.nextAttemptAt).not.toBeNull();
      const sent = env.db
        .select({ target: deliveries.target, status: deliveries.status })
        .from(deliveries)
        .where(eq(deliveries.runId, run?.id as number))
        .all()
        .sort((a, b) =>
          a.target === `webhook:${slow.url}` ? -1 : b.target === `webhook:${slow.url}` ? 1 : 0,
        );
      expect(sent).toEqual([
        { target: `webhook:${slow.url}`, status: "failed" },
        { target: `webhook:${fast.url}`, status: "sent" },
      ]);
      expect(fast.of("schedule.briefs.ready")).toHaveLength(1);
      // The next schedule was served in the same tick.
      const [nextRun] = env.db
        .select()
        .from(scheduleRuns)
        .where(eq(scheduleRuns.scheduleId, next.id))
        .all();
      expect(nextRun?.status).toBe("done");
      expect(other.of("schedule.briefs.ready")).toHaveLength(1);
    } finally {
      await Promise.all([slow.close(), fast.close(), other.close()]);
    }
  }, 60_000);

  it("does not hold a stopping scheduler: after the grace period the delivery is abandoned, to be run again", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const slow = await tricklingReceiver(100);
    try {
      const run = await stoppedMidDelivery(env, slow, {
        name: "at shutdown",
        targets: [{ webhook: slow.url, secret: SECRET }],
      });
      // Interrupted, not failed by the receiver: the attempt is not counted, it is ready at once.
      expect(run).toMatchObject({
        status: "failed",
        attempts: 0,
        error: `webhook:${slow.url}: abandoned: the scheduler is stopping (aborted)`,
        nextAttemptAt: MONDAY.replace("Z", ".000Z"),
        leaseOwner: null,
      });
      await slow.close();
      const hook = await webhookReceiver(SECRET);
      try {
        await env.db.update(scheduleTargets).set({ url: hook.url });
        expect(await env.make().tick()).toBe(1);
        expect(hook.of("schedule.briefs.ready")).toHaveLength(1);
      } finally {
        await hook.close();
      }
    } finally {
      await slow.close();
    }
  }, 60_000);
});

describe("a run stopped after a receiver failed it", () => {
  it("counts the attempt: only the deliveries stop() abandoned are exempt", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const failing = await webhookReceiver(SECRET, () => 500);
    const slow = await tricklingReceiver(100);
    try {
      const { schedule } = await createSchedule(
        env.db,
        {
          ...weekly,
          name: "500 then stop",
          targets: [
            { webhook: failing.url, secret: SECRET },
            { webhook: slow.url, secret: SECRET },
          ],
        },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      const scheduler = env.make({ webhookTimeoutMs: 120_000, stopGraceMs: 500 });
      env.clock.at = new Date(MONDAY);
      const ticked = scheduler.tick();
      await expect.poll(() => failing.calls(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => slow.connections(), { timeout: 20_000 }).toBe(1);
      const started = Date.now();
      await scheduler.stop();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await ticked).toBe(1);

      const [run] = env.db
        .select()
        .from(scheduleRuns)
        .where(eq(scheduleRuns.scheduleId, schedule.id))
        .all();
      // The receiver's 500 came before stop(): a failure like any other, retried after the
      // usual delay (60 s here), one attempt of the three spent.
      expect(run).toMatchObject({
        status: "failed",
        attempts: 1,
        nextAttemptAt: new Date(Date.parse(MONDAY) + 60_000).toISOString(),
        leaseOwner: null,
      });
      expect(run?.error).toContain(`webhook:${failing.url}: answered HTTP 500`);
      expect(run?.error).toContain(
        `webhook:${slow.url}: abandoned: the scheduler is stopping (aborted)`,
      );
    } finally {
      await Promise.all([failing.close(), slow.close()]);
    }
  }, 60_000);
});

describe("an SMTP server that accepts and never greets", () => {
  const mail = { from: "a@test", to: "b@example.org", subject: "s", intro: "i", briefs: [] };

  it("fails a send at the delivery deadline, not nodemailer's 30 s", async () => {
    const silent = await silentSmtpServer();
    try {
      const started = Date.now();
      const error = await sendBriefMail(silent.url, mail, { timeoutMs: 800 }).then(
        () => null,
        (e: Error) => e,
      );
      const took = Date.now() - started;
      expect(error?.message).toBe("no answer in time (timeout)");
      expect(took).toBeGreaterThanOrEqual(750);
      expect(took).toBeLessThan(3_000);
      await expect.poll(() => silent.closedAfter.length).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it("is abandoned, its connection closed, when the signal fires", async () => {
    const silent = await silentSmtpServer();
    try {
      const stop = new AbortController();
      const sending = sendBriefMail(silent.url, mail, {
        timeoutMs: 120_000,
        signal: stop.signal,
      }).then(
        () => null,
        (e: Error) => e,
      );
      await expect.poll(() => silent.connections()).toBe(1);
      const started = Date.now();
      stop.abort();
      expect((await sending)?.message).toBe("abandoned: the scheduler is stopping (aborted)");
      expect(Date.now() - started).toBeLessThan(500);
      await expect.poll(() => silent.closedAfter.length).toBe(1); // we closed it
    } finally {
      await silent.close();
    }
  });

  it("does not hold a stopping scheduler beyond its grace period", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const silent = await silentSmtpServer();
    try {
      const run = await stoppedMidDelivery(
        env,
        silent,
        { name: "mail at shutdown", targets: [{ email: ["desk@example.org"] }] },
        { smtpUrl: silent.url },
      );
      expect(run).toMatchObject({
        status: "failed",
        attempts: 0,
        error: "email:desk@example.org: abandoned: the scheduler is stopping (aborted)",
        nextAttemptAt: MONDAY.replace("Z", ".000Z"),
        leaseOwner: null,
      });
      // Run again against a server that answers, it is delivered.
      const smtp = await smtpReceiver();
      try {
        expect(await env.make({ smtpUrl: smtp.url }).tick()).toBe(1);
        expect(smtp.messages).toHaveLength(1);
      } finally {
        await smtp.close();
      }
    } finally {
      await silent.close();
    }
  }, 60_000);
});
