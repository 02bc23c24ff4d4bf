// The scheduler with a controllable clock, real Chromium, a real webhook receiver and SMTP server.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBusy } from "../../src/db/busy.ts";
import { briefs as briefRows, deliveries, scheduleRuns } from "../../src/db/schema.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createSchedule, pauseSchedule } from "../../src/schedule/store.ts";
import { pdfText } from "../support/pdf-text.ts";
import { smtpReceiver, webhookReceiver } from "../support/receivers.ts";
import { loopbackPolicy, scheduleEnv } from "../support/schedules.ts";
import { addUzbekistan } from "../support/uzbekistan.ts";

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

const setUp = (start: string) => scheduleEnv(start, pool);
// Standard Webhooks secrets: "whsec_" and the base64 of 24 bytes.
const GOOD = "whsec_Z29vZC1nb29kLWdvb2QtZ29vZC1nb29k";
const FLAKY = "whsec_Zmxha3ktZmxha3ktZmxha3ktZmxha3kt";
const SILENT = "whsec_c2lsZW50LXNpbGVudC1zaWxlbnQtc2ls";
const DOWN = "whsec_ZG93bi1kb3duLWRvd24tZG93bi1kb3du";

describe("a weekly China–Kyrgyzstan summary", () => {
  it("runs once for the week, delivers a signed webhook and an email whose PDF is the stored one", async () => {
    const env = setUp("2025-11-20T00:00:00Z");
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const hook = await webhookReceiver(secret);
    const smtp = await smtpReceiver();
    try {
      const { schedule } = await createSchedule(
        env.db,
        {
          name: "CN-KG weekly",
          cron: "0 7 * * 1",
          timezone: "Asia/Bishkek",
          relationships: ["KG-CN"],
          locales: ["en", "zh"],
          targets: [{ webhook: hook.url, secret }, { email: ["analyst@example.org"] }],
        },
        loopbackPolicy,
        { actor: "test", now: env.clock.at },
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

      // The briefs, then the run's outcome: completed, since every target succeeded.
      expect(hook.received.map((m) => m.type)).toEqual([
        "schedule.briefs.ready",
        "schedule.run.completed",
      ]);
      expect(hook.received.every((m) => m.verified)).toBe(true);
      const message = hook.received[0];
      const payload = (message?.payload as { data: unknown } | undefined)?.data as {
        schedule: { id: string };
        run: { id: string };
        title: string;
        period: { from: string; to: string };
        briefs: { id: string; sha256: string; downloadUrl: string }[];
      };
      expect(payload.period).toMatchObject({
        from: "2025-11-17",
        to: "2025-11-23",
        start: "2025-11-16T18:00:00.000Z",
        end: "2025-11-23T18:00:00.000Z",
        isoWeek: "2025-W47",
      });
      expect(payload.title).toBe("Weekly summary");
      // The API's global ids, which node(id) accepts.
      expect(Buffer.from(payload.schedule.id, "base64url").toString()).toBe(
        `Schedule:${schedule.id}`,
      );
      expect(Buffer.from(payload.run.id, "base64url").toString()).toMatch(/^ScheduleRun:\d+$/);
      expect(Buffer.from(payload.briefs[0]?.id ?? "", "base64url").toString()).toMatch(
        /^Brief:\d+$/,
      );
      const completed = hook.received[1]?.payload as { data: { targets: unknown[] } };
      expect(completed.data.targets).toEqual([
        { target: `webhook:${hook.url}`, status: "sent" },
        { target: "email:analyst@example.org", status: "sent" },
      ]);
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
      expect(mail?.subject).toBe("CN-KG weekly: weekly summary, 2025-11-17 to 2025-11-23");
    } finally {
      await hook.close();
      await smtp.close();
    }
  }, 120_000);

  it("delivers one PDF covering every relationship the schedule names", async () => {
    const env = setUp("2025-11-20T00:00:00Z");
    await addUzbekistan(env.db);
    const smtp = await smtpReceiver();
    try {
      await createSchedule(
        env.db,
        {
          name: "Central Asia weekly",
          cron: "0 7 * * 1",
          timezone: "UTC",
          relationships: ["CN-KG", "CN-UZ"],
          targets: [{ email: ["desk@example.org"] }],
        },
        loopbackPolicy,
        { actor: "test", now: env.clock.at },
      );
      env.clock.at = new Date("2025-11-24T08:00:00Z");
      expect(await env.make({ smtpUrl: smtp.url }).tick()).toBe(1);
      const [run] = env.db.select().from(scheduleRuns).all();
      expect(run).toMatchObject({ status: "done" });
      expect(run?.briefIds).toHaveLength(1);
      const attachments = smtp.messages[0]?.attachments ?? [];
      expect(attachments.map((a) => a.filename)).toEqual([
        "CN-KG+CN-UZ-weekly-summary-2025-11-23-en.pdf",
      ]);
      const text = (await pdfText(attachments[0]?.content as Buffer)).replace(/\s+/g, " ");
      expect(text).toContain("China–Kyrgyzstan and China–Uzbekistan: weekly summary");
      expect(text).toContain("Wang Yi visits Kyrgyzstan");
      expect(text).toContain("China–Uzbekistan foreign ministers' strategic dialogue (Tashkent)");
    } finally {
      await smtp.close();
    }
  }, 120_000);

  it("retries a failing target with backoff and never resends to one that succeeded", async () => {
    const env = setUp("2025-11-20T00:00:00Z");
    const good = await webhookReceiver(GOOD);
    const flaky = await webhookReceiver(FLAKY, (n) => (n <= 2 ? 500 : 200));
    try {
      await createSchedule(
        env.db,
        {
          name: "two targets",
          cron: "0 7 * * 1",
          timezone: "UTC",
          countries: ["KG"],
          targets: [
            { webhook: good.url, secret: GOOD },
            { webhook: flaky.url, secret: FLAKY },
          ],
        },
        loopbackPolicy,
        { actor: "test", now: env.clock.at },
      );
      const scheduler = env.make();
      env.clock.at = new Date("2025-11-24T08:00:00Z");
      await scheduler.tick();
      let [run] = env.db.select().from(scheduleRuns).all();
      expect(run).toMatchObject({ status: "failed", attempts: 1 });
      expect(run?.error).toContain("answered HTTP 500");
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
      // One copy, however many retries; "completed" only once every target had succeeded.
      expect(good.received.map((m) => m.type)).toEqual([
        "schedule.briefs.ready",
        "schedule.run.completed",
      ]);
      expect(flaky.of("schedule.briefs.ready")).toHaveLength(1);
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
    const silent = await webhookReceiver(SILENT, () => "hang");
    try {
      await createSchedule(
        env.db,
        {
          name: "silent",
          cron: "0 7 * * 1",
          timezone: "UTC",
          relationships: ["CN-KG"],
          targets: [{ webhook: silent.url, secret: SILENT }, { email: ["a@example.org"] }],
        },
        loopbackPolicy,
        { actor: "test", now: env.clock.at },
      );
      const scheduler = env.make({ smtpUrl: "smtp://127.0.0.1:9", webhookTimeoutMs: 300 });
      env.clock.at = new Date("2025-11-24T08:00:00Z");
      await scheduler.tick();
      const [run] = env.db.select().from(scheduleRuns).all();
      expect(run?.status).toBe("failed");
      // Each failure keeps its cause.
      expect(run?.error).toContain(`webhook:${silent.url}: no answer in time (timeout)`);
      expect(run?.error).toContain("email:a@example.org");
      expect(run?.error).toContain("ECONNREFUSED");
    } finally {
      await silent.close();
    }
  }, 60_000);

  it("catches up a week of downtime, and runs each period once", async () => {
    const env = setUp("2025-10-01T00:00:00Z");
    const hook = await webhookReceiver(DOWN);
    try {
      await createSchedule(
        env.db,
        {
          name: "daily",
          cron: "0 6 * * *",
          timezone: "Europe/Berlin",
          period: "previous_day",
          catchUp: 3,
          relationships: ["CN-KG"],
          targets: [{ webhook: hook.url, secret: DOWN }],
        },
        loopbackPolicy,
        { actor: "test", now: env.clock.at },
      );
      const scheduler = env.make();
      env.clock.at = new Date("2025-10-26T12:00:00Z"); // a week down, across the DST change
      expect(await scheduler.tick()).toBe(3);
      const periods = hook
        .of("schedule.briefs.ready")
        .map((m) => (m.payload as { data: { period: { from: string } } }).data.period.from);
      expect(periods).toEqual(["2025-10-23", "2025-10-24", "2025-10-25"]);
      expect(await scheduler.tick()).toBe(0);
      expect(hook.of("schedule.briefs.ready")).toHaveLength(3);
      // Daily periods carry no ISO week.
      expect(hook.received[0]?.payload).toMatchObject({
        data: {
          title: "Daily summary",
          period: { rule: "previous_day" },
          // The brief itself is titled by the same rule.
          briefs: [{ title: expect.stringContaining(": daily summary, ") }],
        },
      });
      expect(JSON.stringify(hook.received[0]?.payload)).not.toContain("isoWeek");
    } finally {
      await hook.close();
    }
  }, 120_000);

  it("runs a schedule on demand once; a finished period asks for an explicit resend", async () => {
    const env = setUp("2025-11-24T08:00:00Z");
    const { schedule } = await createSchedule(
      env.db,
      { name: "now", cron: "0 7 1 1 *", timezone: "UTC", relationships: ["CN-KG"] },
      loopbackPolicy,
      { actor: "test", now: env.clock.at },
    );
    const scheduler = env.make();
    const first = await scheduler.runNow(schedule.id, "test");
    expect(first.status).toBe("done");
    await expect(scheduler.runNow(schedule.id, "test")).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("resendPeriod"),
    });
    expect(env.db.select().from(scheduleRuns).all()).toHaveLength(1);
  }, 60_000);
});

describe("planning", () => {
  it("takes no write lock when every due run is recorded, and records a missing one once", async () => {
    const env = setUp("2025-10-01T00:00:00Z");
    const daily = {
      cron: "0 6 * * *",
      timezone: "UTC",
      period: "previous_day" as const,
      catchUp: 2,
      relationships: ["CN-KG"],
    };
    const { schedule: running } = await createSchedule(
      env.db,
      { ...daily, name: "running" },
      loopbackPolicy,
      env.at("2025-10-01T00:00:00Z"),
    );
    const { schedule: paused } = await createSchedule(
      env.db,
      { ...daily, name: "paused" },
      loopbackPolicy,
      env.at("2025-10-01T00:00:00Z"),
    );
    await pauseSchedule(env.db, paused.id, env.at("2025-10-01T00:00:00Z"));
    const runs = () =>
      env.db
        .select({
          schedule: scheduleRuns.scheduleId,
          from: scheduleRuns.periodStart,
          status: scheduleRuns.status,
          createdAt: scheduleRuns.createdAt,
        })
        .from(scheduleRuns)
        .orderBy(scheduleRuns.scheduleId, scheduleRuns.periodStart)
        .all();
    const scheduler = env.make();
    env.clock.at = new Date("2025-10-10T12:00:00Z");
    await scheduler.plan();
    const planned = [
      { schedule: running.id, from: "2025-10-08T00:00:00.000Z", status: "pending" },
      { schedule: running.id, from: "2025-10-09T00:00:00.000Z", status: "pending" },
      { schedule: paused.id, from: "2025-10-08T00:00:00.000Z", status: "skipped" },
      { schedule: paused.id, from: "2025-10-09T00:00:00.000Z", status: "skipped" },
    ];
    expect(runs()).toMatchObject(planned);

    // Another connection holds the write lock; this one gives up on a lock at once.
    const other = new Database(env.file);
    env.db.$client.pragma("busy_timeout = 0");
    other.exec("BEGIN IMMEDIATE");
    try {
      // Nothing is missing: the tick only reads, so it neither waits nor fails.
      await scheduler.plan();
      expect(runs()).toMatchObject(planned);
      // A new day is due: that needs the lock.
      env.clock.at = new Date("2025-10-11T12:00:00Z");
      await expect(scheduler.plan().catch((error: unknown) => isBusy(error))).resolves.toBe(true);
    } finally {
      other.exec("ROLLBACK");
      other.close();
      env.db.$client.pragma("busy_timeout = 5000");
    }

    // Another process plans the running schedule's new day first: it holds the lock, records the
    // run, and commits a moment later. This tick saw both new runs missing; it waits for the lock,
    // finds that one recorded, and records only the paused schedule's.
    const script = `
      const db = require("better-sqlite3")(process.argv[1]);
      db.exec("BEGIN IMMEDIATE");
      db.prepare("INSERT INTO schedule_runs (schedule_id, period_start, period_end, created_at) VALUES (?, ?, ?, 'other process')")
        .run(Number(process.argv[2]), "2025-10-10T00:00:00.000Z", "2025-10-11T00:00:00.000Z");
      require("node:fs").writeSync(1, "locked\\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      db.exec("COMMIT");`;
    const child = spawn(process.execPath, ["-e", script, env.file, String(running.id)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise((resolve, reject) => {
      child.stdout.once("data", resolve);
      child.once("error", reject);
    });
    await scheduler.plan();
    expect(await exited).toBe(0);
    expect(runs()).toMatchObject([
      ...planned.slice(0, 2),
      {
        schedule: running.id,
        from: "2025-10-10T00:00:00.000Z",
        status: "pending",
        createdAt: "other process",
      },
      ...planned.slice(2),
      { schedule: paused.id, from: "2025-10-10T00:00:00.000Z", status: "skipped" },
    ]);
    await scheduler.plan();
    expect(runs()).toHaveLength(6);
  }, 60_000);
});

describe("an idle tick", () => {
  it("only reads: another connection's write lock neither stalls nor fails it", async () => {
    const env = setUp("2025-10-01T00:00:00Z");
    const scheduler = env.make();
    env.clock.at = new Date("2025-10-10T12:00:00Z");
    const other = new Database(env.file);
    env.db.$client.pragma("busy_timeout = 0");
    other.exec("BEGIN IMMEDIATE");
    try {
      await expect(scheduler.tick()).resolves.toBe(0);
    } finally {
      other.exec("ROLLBACK");
      other.close();
      env.db.$client.pragma("busy_timeout = 5000");
    }
  });
});
