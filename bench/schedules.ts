// Many schedules due in the same minute: all complete, each exactly once, and what a brief costs
// in a scheduled run against the render floor (raw page.pdf() on a warm browser, same process).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer";
import { BriefService } from "../src/briefs/service.ts";
import { migrateDatabase, openDatabase } from "../src/db/client.ts";
import { scheduleRuns } from "../src/db/schema.ts";
import { allowNothing } from "../src/net/allow-list.ts";
import { BrowserPool, resolveChromiumPath } from "../src/render/browser.ts";
import { Scheduler } from "../src/schedule/scheduler.ts";
import { createSchedule } from "../src/schedule/store.ts";
import { type BenchReport, measure } from "./measure.ts";
import { generateSynthetic } from "./synthetic.ts";

export async function runSchedulesBenchmark({
  schedules = 500,
}: {
  schedules?: number;
} = {}): Promise<BenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-bench-schedules-"));
  const db = openDatabase(path.join(dir, "attache.db"));
  migrateDatabase(db);
  const data = generateSynthetic(db, {
    countries: 50,
    relationships: Math.max(schedules, 10),
    events: 20_000,
  });
  const created = new Date("2025-11-19T00:00:00Z"); // so one week is due for each
  for (const [i, key] of data.relationshipKeys.slice(0, schedules).entries()) {
    await createSchedule(
      db,
      { name: `weekly ${i}`, cron: "0 7 * * 1", timezone: "UTC", relationships: [key] },
      { allow: allowNothing, smtpConfigured: false },
      { actor: "bench", now: created },
    );
  }
  const clock = { now: () => new Date("2025-11-24T07:00:30Z") }; // all due this minute
  const executablePath = resolveChromiumPath();
  const pool = new BrowserPool({ executablePath });
  const briefs = new BriefService({ db, dataDir: dir, pool, clock: clock.now });
  // Two schedulers on one database, as a server and a worker would be.
  const make = () =>
    new Scheduler({
      db,
      briefs,
      clock,
      publicUrl: "http://bench.test",
      delivery: {
        smtpUrl: null,
        mailFrom: "bench@test",
        webhookTimeoutMs: 1000,
        webhookAllow: allowNothing,
      },
    });
  const started = performance.now();
  const executed = await Promise.all([make().tick(), make().tick()]);
  const totalMs = performance.now() - started;
  const runs = db.select().from(scheduleRuns).all();
  const done = runs.filter((r) => r.status === "done").length;
  const perPeriod = new Set(runs.map((r) => `${r.scheduleId}@${r.periodStart}`)).size;
  await pool.close();

  // The floor, on a representative weekly-summary HTML of the same run.
  const sample = runs.find((r) => r.status === "done")?.briefIds as number[] | undefined;
  const row = sample?.[0] ? await briefs.get(sample[0]) : null;
  const html = row?.file
    ? fs.readFileSync(briefs.filePath(row.file.replace(/\.pdf$/, ".html")), "utf8")
    : "";
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const floor = await measure(
    async () => {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: "load" });
      await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      await page.close();
    },
    { warmup: 3, iterations: 20 },
  );
  await browser.close();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const perBrief = totalMs / Math.max(1, done);
  return {
    name: `schedules: ${schedules} weekly summaries due in the same minute`,
    context: [
      `${schedules} schedules over ${schedules} synthetic relationships (20,000 events), two schedulers on one database`,
      `executed by each scheduler: ${executed.join(" + ")}`,
    ],
    rows: [
      {
        name: "all runs",
        n: runs.length,
        p50: totalMs,
        note: `${done} done, ${perPeriod} distinct (schedule, period)`,
        targets: [
          { label: "all complete", pass: done === schedules },
          {
            label: "each exactly once",
            pass: runs.length === schedules && perPeriod === schedules,
          },
        ],
      },
      {
        name: "per brief (wall time / briefs)",
        p50: perBrief,
        note: `${(perBrief / floor.p50).toFixed(2)}× the floor`,
      },
      { name: "floor: raw page.pdf() on the same HTML", ...floor },
    ],
    details: [],
  };
}
