// A worker killed (-9) in the middle of a run: a scheduler started afterwards on this host sees
// that the holder is gone and completes the period at once, in one tick, not after the lease.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { BriefService } from "../../src/briefs/service.ts";
import { scheduleRuns } from "../../src/db/schema.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { Scheduler } from "../../src/schedule/scheduler.ts";
import { createSchedule } from "../../src/schedule/store.ts";
import { createTestDb } from "../support/db.ts";
import { webhookReceiver } from "../support/receivers.ts";
import { loopback, loopbackPolicy } from "../support/schedules.ts";

let pool: BrowserPool;
let worker: ChildProcess | undefined;
beforeAll(() => {
  pool = new BrowserPool();
});
afterEach(() => {
  if (worker?.exitCode === null) worker.kill("SIGKILL");
});
afterAll(() => pool.close());

it("completes a killed holder's period once, in the next tick", async () => {
  const { db, dir } = createTestDb();
  const secret = `whsec_${Buffer.from("killed-in-the-middle-abc").toString("base64")}`;
  // The first delivery is held open until the worker is killed; later ones are answered.
  const hook = await webhookReceiver(secret, (n) => (n === 1 ? "hang" : 200));
  try {
    await createSchedule(
      db,
      {
        name: "daily",
        cron: "0 0 * * *",
        timezone: "UTC",
        period: "previous_day",
        catchUp: 1,
        relationships: ["CN-KG"],
        targets: [{ webhook: hook.url, secret }],
      },
      loopbackPolicy,
      { actor: "test", now: new Date(Date.now() - 2 * 86_400_000) },
    );
    const arrived = hook.nextCall();
    const logs: string[] = [];
    worker = spawn(process.execPath, [path.resolve("bin/attache.mjs"), "worker"], {
      env: {
        ...process.env,
        ATTACHE_DATA_DIR: dir,
        ATTACHE_SCHEDULER_TICK_MS: "100",
        ATTACHE_WEBHOOK_ALLOW: "127.0.0.1",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    worker.stderr?.on("data", (chunk) => logs.push(String(chunk)));
    await arrived;
    const exited = new Promise((resolve) => worker?.once("exit", resolve));
    worker.kill("SIGKILL");
    await exited;
    expect(db.select().from(scheduleRuns).all(), logs.join("")).toMatchObject([
      { status: "running", attempts: 1 },
    ]);

    // A restart: the lease still has ten minutes to run, but its holder is known to be gone.
    const scheduler = new Scheduler({
      db,
      briefs: new BriefService({ db, dataDir: dir, pool }),
      publicUrl: "http://attache.test",
      delivery: {
        smtpUrl: null,
        mailFrom: "a@test",
        webhookTimeoutMs: 5_000,
        webhookAllow: loopback,
      },
    });
    expect(await scheduler.tick()).toBe(1);
    expect(db.select().from(scheduleRuns).all()).toMatchObject([{ status: "done", attempts: 2 }]);
    expect(hook.of("schedule.briefs.ready")).toHaveLength(1);
    await scheduler.stop();
  } finally {
    await hook.close();
  }
}, 90_000);
