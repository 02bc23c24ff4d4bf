// Two real `attache worker` processes on one database file: every due period runs exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { scheduleRuns } from "../../src/db/schema.ts";
import { createSchedule } from "../../src/schedule/store.ts";
import { createTestDb } from "../support/db.ts";
import { webhookReceiver } from "../support/receivers.ts";
import { loopbackPolicy } from "../support/schedules.ts";

const workers: ChildProcess[] = [];
afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
});

it("runs each of the missed days once, whichever worker takes it", async () => {
  const { db, dir } = createTestDb();
  const secret = "whsec_dHdvLXdvcmtlcnMtdHdvLXdvcmtlcnMt";
  const hook = await webhookReceiver(secret);
  try {
    const now = Date.now();
    await createSchedule(
      db,
      {
        name: "daily CN-KG",
        cron: "0 0 * * *",
        timezone: "UTC",
        period: "previous_day",
        catchUp: 4,
        relationships: ["CN-KG"],
        targets: [{ webhook: hook.url, secret }],
      },
      loopbackPolicy,
      { actor: "test", now: new Date(now - 6 * 86_400_000) },
    );
    const logs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const worker = spawn(process.execPath, [path.resolve("bin/attache.mjs"), "worker"], {
        env: {
          ...process.env,
          ATTACHE_DATA_DIR: dir,
          ATTACHE_SCHEDULER_TICK_MS: "100",
          LOG_LEVEL: "info",
          ATTACHE_WEBHOOK_ALLOW: "127.0.0.1",
        },
        stdio: ["ignore", "ignore", "pipe"],
      });
      worker.stderr?.on("data", (chunk) => logs.push(`[${i}] ${chunk}`));
      workers.push(worker);
    }
    const deadline = Date.now() + 90_000;
    let runs = db.select().from(scheduleRuns).all();
    while (Date.now() < deadline) {
      runs = db.select().from(scheduleRuns).all();
      if (runs.length === 4 && runs.every((r) => r.status === "done")) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(
      runs.map((r) => r.status),
      logs.join(""),
    ).toEqual(["done", "done", "done", "done"]);
    expect(new Set(runs.map((r) => r.periodStart)).size).toBe(4);
    expect(runs.every((r) => r.attempts === 1)).toBe(true);
    // Give a slow duplicate the chance to show itself before counting deliveries.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const periods = hook
      .of("schedule.briefs.ready")
      .map((m) => (m.payload as { data: { period: { from: string } } }).data.period.from);
    expect(periods).toHaveLength(4);
    expect(new Set(periods).size).toBe(4);
    expect(hook.received.every((m) => m.verified)).toBe(true);

    const exited = workers.map((w) =>
      w.exitCode !== null
        ? Promise.resolve(w.exitCode)
        : new Promise((resolve) => w.once("exit", resolve)),
    );
    for (const worker of workers) worker.kill("SIGTERM");
    expect(await Promise.all(exited), logs.join("")).toEqual([0, 0]);
  } finally {
    await hook.close();
  }
}, 150_000);
