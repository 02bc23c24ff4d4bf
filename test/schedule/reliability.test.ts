// A weekly summary a desk can rely on, with real receivers on loopback (the official Standard
// Webhooks library verifying every POST), real SMTP and real Chromium: secrets kept, pause and
// resume, give-up, alerts and resends, leases renewed, test-sends, unsubscribe links, skip-if-empty.
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { deliveries, scheduleRuns } from "../../src/db/schema.ts";
import { createLogger } from "../../src/log.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import {
  activeTargets,
  createSchedule,
  pauseSchedule,
  resumeSchedule,
  rotateWebhookSecret,
  updateSchedule,
} from "../../src/schedule/store.ts";
import { startServer } from "../../src/server.ts";
import { smtpReceiver, verifiesWith, webhookReceiver } from "../support/receivers.ts";
import { LINK_SECRET, loopbackPolicy, scheduleEnv } from "../support/schedules.ts";

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

// Thursday of ISO week 2025-W47; its Monday 07:00 UTC run covers 17–23 November.
const THURSDAY = "2025-11-20T00:00:00Z";
const MONDAY = "2025-11-24T08:00:00Z";
const weekly = { cron: "0 7 * * 1", timezone: "UTC", relationships: ["CN-KG"] };
const ALERT_SECRET = `whsec_${Buffer.from("alerts-alerts-alerts-abc").toString("base64")}`;

describe("a weekly summary over months", () => {
  it("keeps its webhook secret through an edit, pause and resume; a rotation signs with both during its grace", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const { schedule, secrets } = await createSchedule(
      env.db,
      { ...weekly, name: "kept", targets: [{ webhook: "http://127.0.0.1:1/placeholder" }] },
      loopbackPolicy,
      env.at(THURSDAY),
    );
    const secret = secrets[0]?.secret as string;
    const hook = await webhookReceiver(secret);
    try {
      // The real URL, named by an edit; then an unrelated edit that names the targets again.
      await updateSchedule(
        env.db,
        schedule.id,
        1,
        { ...weekly, name: "kept", targets: [{ webhook: hook.url }] },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      const newSecret = (await activeTargets(env.db, schedule.id))[0]?.secret as string;
      await updateSchedule(
        env.db,
        schedule.id,
        2,
        { ...weekly, name: "kept", locales: ["en"], targets: [{ webhook: hook.url }] },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      await pauseSchedule(env.db, schedule.id, env.at(THURSDAY));
      await resumeSchedule(env.db, schedule.id, env.at(THURSDAY));
      env.clock.at = new Date(MONDAY);
      await env.make().tick();
      const [message] = hook.of("schedule.briefs.ready");
      expect(message && verifiesWith(newSecret, message)).toBe(true);

      // Rotation: the new secret is shown once; for the grace period both signatures are sent.
      const target = (await activeTargets(env.db, schedule.id))[0]?.id as number;
      const rotated = await rotateWebhookSecret(env.db, target, 3_600_000, env.at(MONDAY));
      await env.make().resend(schedule.id, "2025-11-17", "test");
      const resent = hook.of("schedule.briefs.ready")[1];
      expect(resent?.id).not.toBe(message?.id); // a resend is a new message
      expect(resent && verifiesWith(rotated.secret, resent)).toBe(true);
      expect(resent && verifiesWith(newSecret, resent)).toBe(true);
    } finally {
      await hook.close();
    }
  }, 60_000);

  it("gives up after the last attempt, alerts the owner by email and webhook, and resends on request", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const hook = await webhookReceiver(
      `whsec_${Buffer.from("down-over-lunch-secret!!").toString("base64")}`,
      (n) => (n <= 3 ? 503 : 200),
    );
    const alerts = await webhookReceiver(ALERT_SECRET);
    const smtp = await smtpReceiver();
    try {
      const { schedule } = await createSchedule(
        env.db,
        {
          ...weekly,
          name: "down",
          owner: "owner@example.org",
          targets: [
            {
              webhook: hook.url,
              secret: `whsec_${Buffer.from("down-over-lunch-secret!!").toString("base64")}`,
            },
            { webhook: alerts.url, secret: ALERT_SECRET, alert: true },
          ],
        },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      const scheduler = env.make({ smtpUrl: smtp.url }); // three attempts, 1 and 2 minutes apart
      env.clock.at = new Date(MONDAY);
      await scheduler.tick();
      env.clock.at = new Date("2025-11-24T08:01:00Z");
      await scheduler.tick();
      env.clock.at = new Date("2025-11-24T08:03:00Z");
      await scheduler.tick();
      env.clock.at = new Date("2025-11-25T08:00:00Z");
      expect(await scheduler.tick()).toBe(0); // nothing more is tried

      const [run] = env.db.select().from(scheduleRuns).all();
      expect(run).toMatchObject({ status: "gave_up", attempts: 3, nextAttemptAt: null });
      expect(run?.error).toContain("answered HTTP 503");
      // The owner heard of the first failure and of giving up, not of every retry.
      expect(smtp.messages.map((m) => m.subject)).toEqual([
        'Attaché: "down" failed for 2025-11-17 to 2025-11-23',
        'Attaché: "down" gave up on 2025-11-17 to 2025-11-23',
      ]);
      expect(smtp.envelopes).toEqual([["owner@example.org"], ["owner@example.org"]]);
      expect(smtp.messages[1]?.text).toContain(
        'attache schedule resend "down" --period 2025-11-17',
      );
      expect(alerts.received.map((m) => [m.type, m.verified])).toEqual([
        ["schedule.run.failed", true],
        ["schedule.run.gave_up", true],
      ]);

      await expect(scheduler.runNow(schedule.id, "test")).rejects.toMatchObject({
        code: "CONFLICT",
      });
      const resent = await scheduler.resend(schedule.id, "2025-11-20", "test");
      expect(resent).toMatchObject({ status: "done", attempts: 1 });
      expect(hook.of("schedule.briefs.ready")).toHaveLength(1);
      expect(hook.of("schedule.run.completed")).toHaveLength(1);
    } finally {
      await hook.close();
      await alerts.close();
      await smtp.close();
    }
  }, 60_000);

  it("renews the lease of a run that outlasts it, so another scheduler never runs it too", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const secret = `whsec_${Buffer.from("a-slow-slow-slow-receiver").toString("base64")}`;
    const hook = await webhookReceiver(secret, (n) => (n === 1 ? "hang" : 200));
    try {
      await createSchedule(
        env.db,
        { ...weekly, name: "slow", targets: [{ webhook: hook.url, secret }] },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      const options = { leaseMs: 60_000, renewEveryMs: 20, webhookTimeoutMs: 60_000 };
      const holder = env.make(options);
      const other = env.make(options);
      env.clock.at = new Date(MONDAY);
      const arrived = hook.nextCall();
      const working = holder.tick();
      await arrived; // the holder is delivering; the receiver keeps it waiting
      env.clock.at = new Date("2025-11-24T08:30:00Z"); // far past the lease it first took
      await once(holder.events, "lease");
      expect(await other.tick()).toBe(0);
      hook.release(200);
      expect(await working).toBe(1);
      expect(hook.calls()).toBe(2); // the briefs, then "completed": once each
      const [run] = env.db.select().from(scheduleRuns).all();
      expect(run).toMatchObject({ status: "done", attempts: 1 });
    } finally {
      await hook.close();
    }
  }, 60_000);

  it("test-sends to one address only and leaves the period undelivered", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const smtp = await smtpReceiver();
    try {
      const { schedule } = await createSchedule(
        env.db,
        { ...weekly, name: "test-send", targets: [{ email: ["desk@example.org"] }] },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      env.clock.at = new Date(MONDAY);
      const scheduler = env.make({ smtpUrl: smtp.url });
      const result = await scheduler.testSend(schedule.id, { email: "me@example.org" }, "test");
      expect(result).toMatchObject({ delivered: true, period: { from: "2025-11-17" } });
      expect(smtp.envelopes).toEqual([["me@example.org"]]);
      expect(smtp.messages[0]?.subject).toMatch(/^\[Test\] /);
      expect(env.db.select().from(scheduleRuns).all()).toEqual([]);
      expect(env.db.select().from(deliveries).all()).toEqual([]);
      // The real delivery still happens, to the real target.
      expect(await scheduler.tick()).toBe(1);
      expect(smtp.envelopes).toEqual([["me@example.org"], ["desk@example.org"]]);
    } finally {
      await smtp.close();
    }
  }, 60_000);

  it("sends each address its own message in its language, and an unsubscribe link removes exactly that address", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const smtp = await smtpReceiver();
    const config = loadConfig({ PORT: "0", ATTACHE_DATA_DIR: env.dir });
    const server = await startServer(env.db, config, createLogger("silent"), {
      linkSecret: LINK_SECRET,
    });
    try {
      const { schedule } = await createSchedule(
        env.db,
        {
          ...weekly,
          name: "recipients",
          locales: ["en", "zh"],
          targets: [
            { email: ["a@example.org", "b@example.org"], locales: ["en"] },
            { email: ["c@example.org"], locales: ["zh"] },
          ],
        },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      env.clock.at = new Date(MONDAY);
      await env.make({ smtpUrl: smtp.url }).tick();
      // Targets are delivered to a few at once: the order of arrival is not the targets' order.
      expect([...smtp.envelopes].sort()).toEqual([
        ["a@example.org"],
        ["b@example.org"],
        ["c@example.org"],
      ]);
      const to = (mail: (typeof smtp.messages)[number]) =>
        mail.to && "text" in mail.to ? mail.to.text : "";
      const [a, b, c] = [...smtp.messages].sort((x, y) => to(x).localeCompare(to(y)));
      expect(a?.to && "text" in a.to ? a.to.text : "").toBe("a@example.org");
      expect(a?.attachments.map((f) => f.filename)).toEqual([expect.stringMatching(/-en\.pdf$/)]);
      expect(c?.subject).toBe("recipients：周报（2025-11-17至2025-11-23）");
      expect(c?.text).toContain("简报见附件");
      expect(c?.attachments.map((f) => f.filename)).toEqual([expect.stringMatching(/-zh\.pdf$/)]);

      const header = (mail: typeof a, name: string) =>
        mail?.headerLines.find((h) => h.key === name)?.line ?? "";
      const link = (mail: typeof a) =>
        header(mail, "list-unsubscribe").match(/<(http[^>]+)>/)?.[1] as string;
      expect(header(b, "list-unsubscribe-post")).toBe(
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
      );
      const onServer = (url: string) => url.replace("http://attache.test", server.url);
      // Opening the link asks; only the POST (what one-click mail clients send) unsubscribes.
      const page = await fetch(onServer(link(a)));
      expect(await page.text()).toContain("Stop sending");
      expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(page.headers.get("x-frame-options")).toBe("DENY");
      expect(await activeTargets(env.db, schedule.id)).toHaveLength(3);
      const done = await fetch(onServer(link(a)), { method: "POST" });
      expect(done.status).toBe(200);
      expect((await activeTargets(env.db, schedule.id)).map((t) => t.address)).toEqual([
        "b@example.org",
        "c@example.org",
      ]);
      const forged = await fetch(onServer(link(b).replace(/.$/, "x")), { method: "POST" });
      expect(forged.status).toBe(404);
      expect(await activeTargets(env.db, schedule.id)).toHaveLength(2);
    } finally {
      await server.close();
      await smtp.close();
    }
  }, 60_000);

  it("skips an empty week when asked, and records why", async () => {
    const env = scheduleEnv("2025-11-27T00:00:00Z", pool);
    const smtp = await smtpReceiver();
    try {
      await createSchedule(
        env.db,
        {
          ...weekly,
          name: "quiet",
          skipIfEmpty: true,
          targets: [{ email: ["desk@example.org"] }],
        },
        loopbackPolicy,
        env.at("2025-11-27T00:00:00Z"),
      );
      env.clock.at = new Date("2025-12-01T08:00:00Z"); // the week of 24–30 November: nothing
      await env.make({ smtpUrl: smtp.url }).tick();
      const [run] = env.db.select().from(scheduleRuns).all();
      expect(run).toMatchObject({ status: "skipped", reason: "nothing recorded in the period" });
      expect(run?.briefIds).toBeNull();
      expect(smtp.messages).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it("records periods that end while paused as skipped, and delivers them on resume only when asked", async () => {
    const env = scheduleEnv(THURSDAY, pool);
    const secret = `whsec_${Buffer.from("paused-paused-paused-abc").toString("base64")}`;
    const hook = await webhookReceiver(secret);
    try {
      const { schedule } = await createSchedule(
        env.db,
        { ...weekly, name: "paused", targets: [{ webhook: hook.url, secret }] },
        loopbackPolicy,
        env.at(THURSDAY),
      );
      const scheduler = env.make();
      await pauseSchedule(env.db, schedule.id, env.at(THURSDAY));
      env.clock.at = new Date(MONDAY);
      expect(await scheduler.tick()).toBe(0);
      await expect(scheduler.runNow(schedule.id, "test")).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("paused"),
      });
      await resumeSchedule(env.db, schedule.id, env.at(MONDAY));
      expect(await scheduler.tick()).toBe(0);
      expect(env.db.select().from(scheduleRuns).all()).toMatchObject([
        { status: "skipped", reason: "paused" },
      ]);
      expect(hook.calls()).toBe(0);

      // Paused again over another Monday; this time the desk asks to catch up.
      await pauseSchedule(env.db, schedule.id, env.at(MONDAY));
      env.clock.at = new Date("2025-12-01T08:00:00Z");
      await resumeSchedule(env.db, schedule.id, {
        ...env.at("2025-12-01T08:00:00Z"),
        catchUp: true,
      });
      expect(await scheduler.tick()).toBe(1);
      expect(
        hook
          .of("schedule.briefs.ready")
          .map((m) => (m.payload as { data: { period: { from: string } } }).data.period.from),
      ).toEqual(["2025-11-24"]);
    } finally {
      await hook.close();
    }
  }, 60_000);
});

describe("stopping", () => {
  it("claims nothing more once stopped, and lets the run in progress finish", async () => {
    const env = scheduleEnv("2025-11-18T00:00:00Z", pool);
    const secret = `whsec_${Buffer.from("stop-stop-stop-stop-stop").toString("base64")}`;
    const hook = await webhookReceiver(secret, (n) => (n === 1 ? "hang" : 200));
    try {
      await createSchedule(
        env.db,
        {
          ...weekly,
          cron: "0 0 * * *",
          period: "previous_day",
          catchUp: 2,
          name: "daily",
          targets: [{ webhook: hook.url, secret }],
        },
        loopbackPolicy,
        env.at("2025-11-18T00:00:00Z"),
      );
      const scheduler = env.make();
      env.clock.at = new Date("2025-11-20T01:00:00Z"); // two days are due
      const arrived = hook.nextCall();
      const working = scheduler.tick();
      await arrived;
      const stopped = scheduler.stop(); // SIGTERM does this
      hook.release(200);
      await stopped;
      expect(await working).toBe(1);
      expect(
        env.db
          .select()
          .from(scheduleRuns)
          .all()
          .map((r) => r.status),
      ).toEqual(["done", "pending"]);
    } finally {
      await hook.close();
    }
  }, 60_000);
});
