// The scheduler with a controllable clock, real Chromium, a real webhook receiver and SMTP server.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BriefService } from "../../src/briefs/service.ts";
import { briefs as briefRows, deliveries, scheduleRuns } from "../../src/db/schema.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import type { Target } from "../../src/schedule/definition.ts";
import { ScheduleSpecError } from "../../src/schedule/due.ts";
import { Scheduler } from "../../src/schedule/scheduler.ts";
import { createSchedule } from "../../src/schedule/store.ts";
import { createTestDb } from "../support/db.ts";
import { smtpReceiver, webhookReceiver } from "../support/receivers.ts";

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

function setUp(start: string) {
  const t = createTestDb();
  const clock = {
    at: new Date(start),
    now() {
      return this.at;
    },
  };
  const briefs = new BriefService({ db: t.db, dataDir: t.dir, pool, clock: () => clock.at });
  const make = (delivery: { smtpUrl?: string; webhookTimeoutMs?: number } = {}) =>
    new Scheduler({
      db: t.db,
      briefs,
      clock,
      publicUrl: "http://attache.test",
      delivery: {
        smtpUrl: delivery.smtpUrl ?? null,
        mailFrom: "attache@test",
        webhookTimeoutMs: delivery.webhookTimeoutMs ?? 5_000,
      },
      retryBaseMs: 60_000,
    });
  return { ...t, clock, briefs, make };
}

describe("a weekly China–Kyrgyzstan summary", () => {
  it("runs once for the week, delivers a signed webhook and an email whose PDF is the stored one", async () => {
    const env = setUp("2025-11-20T00:00:00Z");
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const hook = await webhookReceiver(secret);
    const smtp = await smtpReceiver();
    try {
      const schedule = createSchedule(
        env.db,
        {
          name: "CN-KG weekly",
          cron: "0 7 * * 1",
          timezone: "Asia/Bishkek",
          scope: { relationships: ["KG-CN"] },
          locales: ["en", "zh"],
          targets: [
            { type: "webhook", url: hook.url, secret },
            { type: "email", to: ["analyst@example.org"] },
          ],
        },
        env.clock.at,
      );
      const scheduler = env.make({ smtpUrl: smtp.url });
      expect(await scheduler.tick()).toBe(0); // nothing due on Thursday
      env.clock.at = new Date("2025-11-24T01:00:00Z"); // Monday 07:00 in Bishkek
      expect(await scheduler.tick()).toBe(1);
      expect(await scheduler.tick()).toBe(0); // and never again for that week

      const runs = env.db
        .select()
        .from(scheduleRuns)
        .where(eq(scheduleRuns.scheduleId, schedule.id))
        .all();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "done", periodStart: "2025-11-16T18:00:00.000Z" });
      expect(runs[0]?.briefIds).toHaveLength(2);

      expect(hook.received).toHaveLength(1);
      const message = hook.received[0];
      expect(message?.verified).toBe(true);
      const payload = message?.payload as {
        period: { from: string; to: string };
        briefs: { sha256: string; downloadUrl: string }[];
      };
      expect(payload.period).toMatchObject({
        from: "2025-11-17",
        to: "2025-11-23",
        isoWeek: "2025-W47",
      });
      expect(payload.briefs).toHaveLength(2);
      expect(payload.briefs[0]?.downloadUrl).toMatch(
        /^http:\/\/attache\.test\/briefs\/[A-Za-z0-9_-]{22}\.pdf/,
      );

      expect(smtp.messages).toHaveLength(1);
      const mail = smtp.messages[0];
      expect(mail?.to && "text" in mail.to ? mail.to.text : "").toContain("analyst@example.org");
      expect(mail?.attachments).toHaveLength(2);
      for (const attachment of mail?.attachments ?? []) {
        const sha = createHash("sha256").update(attachment.content).digest("hex");
        expect(payload.briefs.map((b) => b.sha256)).toContain(sha);
        const publicId = payload.briefs
          .find((b) => b.sha256 === sha)
          ?.downloadUrl.match(/([A-Za-z0-9_-]{22})\.pdf/)?.[1] as string;
        const stored = env.db
          .select()
          .from(briefRows)
          .where(eq(briefRows.publicId, publicId))
          .get();
        expect(
          createHash("sha256")
            .update(fs.readFileSync(env.briefs.filePath(stored?.file as string)))
            .digest("hex"),
        ).toBe(sha);
      }
      expect(mail?.text).toContain("2025-11-17");
    } finally {
      await hook.close();
      await smtp.close();
    }
  }, 120_000);

  it("retries a failing target with backoff and never resends to one that succeeded", async () => {
    const env = setUp("2025-11-20T00:00:00Z");
    const good = await webhookReceiver("whsec_Z29vZA==");
    const flaky = await webhookReceiver("whsec_Zmxha3k=", (n) => (n <= 2 ? 500 : 200));
    try {
      createSchedule(
        env.db,
        {
          name: "two targets",
          cron: "0 7 * * 1",
          timezone: "UTC",
          scope: { countries: ["KG"] },
          targets: [
            { type: "webhook", url: good.url, secret: "whsec_Z29vZA==" },
            { type: "webhook", url: flaky.url, secret: "whsec_Zmxha3k=" },
          ],
        },
        env.clock.at,
      );
      const scheduler = env.make();
      env.clock.at = new Date("2025-11-24T08:00:00Z");
      await scheduler.tick();
      let [run] = env.db.select().from(scheduleRuns).all();
      expect(run).toMatchObject({ status: "failed", attempts: 1 });
      expect(run?.error).toContain("answered 500");
      expect(run?.nextAttemptAt).toBe("2025-11-24T08:01:00.000Z");

      await scheduler.tick(); // too early for the retry
      expect(flaky.calls()).toBe(1);
      env.clock.at = new Date("2025-11-24T08:01:00Z");
      await scheduler.tick(); // second attempt fails again; backoff doubles
      [run] = env.db.select().from(scheduleRuns).all();
      expect(run?.nextAttemptAt).toBe("2025-11-24T08:03:00.000Z");
      env.clock.at = new Date("2025-11-24T08:03:00Z");
      await scheduler.tick();
      [run] = env.db.select().from(scheduleRuns).all();
      expect(run?.status).toBe("done");
      expect(good.received).toHaveLength(1); // one copy, however many retries
      expect(flaky.received).toHaveLength(1);
      const rows = env.db.select().from(deliveries).all();
      expect(rows.map((d) => [d.status, d.attempts])).toEqual([
        ["sent", 1],
        ["sent", 3],
      ]);
    } finally {
      await good.close();
      await flaky.close();
    }
  }, 120_000);

  it("records a receiver that never answers, and an unreachable SMTP server, without crashing", async () => {
    const env = setUp("2025-11-20T00:00:00Z");
    const silent = await webhookReceiver("whsec_c2lsZW50", () => "hang");
    try {
      createSchedule(
        env.db,
        {
          name: "silent",
          cron: "0 7 * * 1",
          timezone: "UTC",
          scope: { relationships: ["CN-KG"] },
          targets: [
            { type: "webhook", url: silent.url, secret: "whsec_c2lsZW50" },
            { type: "email", to: ["a@example.org"] },
          ],
        },
        env.clock.at,
      );
      const scheduler = env.make({ smtpUrl: "smtp://127.0.0.1:9", webhookTimeoutMs: 300 });
      env.clock.at = new Date("2025-11-24T08:00:00Z");
      await scheduler.tick();
      const [run] = env.db.select().from(scheduleRuns).all();
      expect(run?.status).toBe("failed");
      expect(run?.error).toMatch(/timeout|aborted/i);
      expect(run?.error).toMatch(/email:a@example.org/);
    } finally {
      await silent.close();
    }
  }, 60_000);

  it("catches up a week of downtime, and runs each period once", async () => {
    const env = setUp("2025-10-01T00:00:00Z");
    const hook = await webhookReceiver("whsec_ZG93bg==");
    try {
      createSchedule(
        env.db,
        {
          name: "daily",
          cron: "0 6 * * *",
          timezone: "Europe/Berlin",
          period: "previous_day",
          catchUp: 3,
          scope: { relationships: ["CN-KG"] },
          targets: [{ type: "webhook", url: hook.url, secret: "whsec_ZG93bg==" }],
        },
        env.clock.at,
      );
      const scheduler = env.make();
      env.clock.at = new Date("2025-10-26T12:00:00Z"); // a week down, across the DST change
      expect(await scheduler.tick()).toBe(3);
      const periods = hook.received.map(
        (m) => (m.payload as { period: { from: string } }).period.from,
      );
      expect(periods).toEqual(["2025-10-23", "2025-10-24", "2025-10-25"]);
      expect(await scheduler.tick()).toBe(0);
      expect(hook.received).toHaveLength(3);
    } finally {
      await hook.close();
    }
  }, 120_000);

  it("runs a schedule on demand, once per period", async () => {
    const env = setUp("2025-11-24T08:00:00Z");
    createSchedule(
      env.db,
      { name: "now", cron: "0 7 1 1 *", timezone: "UTC", scope: { relationships: ["CN-KG"] } },
      env.clock.at,
    );
    const scheduler = env.make();
    const first = await scheduler.runNow(1);
    expect(first.status).toBe("done");
    const again = await scheduler.runNow(1);
    expect(again.id).toBe(first.id);
    expect(env.db.select().from(scheduleRuns).all()).toHaveLength(1);
  }, 60_000);
});

describe("schedule definitions", () => {
  const { db } = createTestDb();
  const base = {
    name: "x",
    cron: "0 7 * * 1",
    timezone: "UTC",
    scope: { relationships: ["CN-KG"] },
  };
  it.each([
    [{ cron: "61 * * * *" }, "cron"],
    [{ cron: "every monday" }, "cron"],
    [{ timezone: "Mars/Olympus" }, "timezone"],
    [{ scope: { countries: ["XX"] } }, "scope.countries"],
    [{ scope: { relationships: ["KG-UZ"] } }, "scope.relationships"],
    [{ scope: {} }, "scope"],
    [{ targets: [{ type: "webhook" as const, url: "ftp://example.org/x" }] }, "targets[0].url"],
    [{ targets: [{ type: "email" as const, to: ["not-an-address"] }] }, "targets[0].to"],
    [{ period: "fortnight" }, "period"],
  ])("refuses %j naming %s", (change, argumentName) => {
    expect(() => createSchedule(db, { ...base, ...change } as never)).toThrow(ScheduleSpecError);
    try {
      createSchedule(db, { ...base, ...change } as never);
    } catch (error) {
      expect((error as ScheduleSpecError).argumentName).toBe(argumentName);
    }
  });

  it("generates a webhook secret when none is given", () => {
    const row = createSchedule(db, {
      ...base,
      name: "secret",
      targets: [{ type: "webhook", url: "https://example.org/h" }],
    });
    expect((row.targets as Target[])[0]).toMatchObject({
      type: "webhook",
      secret: expect.stringMatching(/^whsec_/),
    });
  });
});
