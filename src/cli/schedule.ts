// `attache schedule list|add|run|runs` and `attache worker`.
import { startBriefRuntime } from "../briefs/runtime.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { schedules } from "../db/schema.ts";
import { createLogger } from "../log.ts";
import type { Target } from "../schedule/definition.ts";
import { nextFireTimes } from "../schedule/due.ts";
import { schedulerFromConfig } from "../schedule/scheduler.ts";
import { createSchedule, findSchedule, listRuns, publicTargets } from "../schedule/store.ts";
import { withDatabase } from "./database.ts";
import { CliError } from "./io.ts";

function schedulerFor(db: Db, config: Config) {
  const logger = createLogger(config.logLevel);
  const runtime = startBriefRuntime(db, config, logger);
  const scheduler = schedulerFromConfig(db, runtime.service, config, logger);
  return { scheduler, runtime, logger };
}

const print = (line: string) => process.stdout.write(`${line}\n`);

export const list = (config: Config) =>
  withDatabase(config, async (db) => {
    for (const s of db.select().from(schedules).all()) {
      const next = s.enabled
        ? nextFireTimes(s.cron, s.timezone, new Date(), 1)[0]?.toISOString()
        : "disabled";
      print(
        `${s.id}\t${s.name}\t${s.cron} ${s.timezone}\t${s.template}\tnext ${next}\t${JSON.stringify(publicTargets(s))}`,
      );
    }
    return 0;
  });

export type AddOptions = {
  name: string;
  cron: string;
  timezone: string;
  template?: string;
  period?: string;
  relationship?: string[];
  country?: string[];
  locale?: string[];
  webhook?: string[];
  email?: string[];
  catchUp?: string;
};

export const add = (config: Config, values: AddOptions) =>
  withDatabase(config, async (db) => {
    const targets: Target[] = [
      ...(values.webhook ?? []).map((url) => ({ type: "webhook" as const, url, secret: "" })),
      ...(values.email?.length ? [{ type: "email" as const, to: values.email }] : []),
    ];
    const row = createSchedule(db, {
      name: values.name,
      cron: values.cron,
      timezone: values.timezone,
      template: values.template,
      period: values.period,
      scope: { relationships: values.relationship ?? [], countries: values.country ?? [] },
      locales: (values.locale ?? []).flatMap((l) => l.split(",")),
      targets: targets.map((t) => (t.type === "webhook" ? { type: t.type, url: t.url } : t)),
      catchUp: values.catchUp ? Number(values.catchUp) : undefined,
    });
    print(`created schedule ${row.id} "${row.name}"`);
    for (const t of row.targets as Target[]) {
      if (t.type === "webhook") print(`webhook ${t.url} signing secret (shown once): ${t.secret}`);
    }
    print(
      `next runs: ${nextFireTimes(row.cron, row.timezone, new Date(), 3)
        .map((d) => d.toISOString())
        .join(", ")}`,
    );
    return 0;
  });

function scheduleNamed(db: Db, which: string) {
  const schedule = findSchedule(db, which);
  if (!schedule) throw new CliError(`no schedule "${which}" (attache schedule list shows them)`, 2);
  return schedule;
}

export const runs = (config: Config, which: string) =>
  withDatabase(config, async (db) => {
    for (const r of listRuns(db, scheduleNamed(db, which).id)) {
      print(
        `${r.id}\t${r.periodStart} → ${r.periodEnd}\t${r.status}\tattempts ${r.attempts}\t${r.error ?? ""}`,
      );
    }
    return 0;
  });

export const runNow = (config: Config, which: string) =>
  withDatabase(config, async (db) => {
    const schedule = scheduleNamed(db, which);
    const { scheduler, runtime } = schedulerFor(db, config);
    try {
      const run = await scheduler.runNow(schedule.id);
      print(
        `run ${run.id} ${run.periodStart} → ${run.periodEnd}: ${run.status}${run.error ? ` (${run.error})` : ""}`,
      );
      return run.status === "done" ? 0 : 1;
    } finally {
      await runtime.close();
    }
  });

/** `attache worker`: runs schedules, beside or instead of the server's own scheduler. */
export const worker = (config: Config) =>
  withDatabase(config, async (db) => {
    const { scheduler, runtime, logger } = schedulerFor(db, config);
    scheduler.start(config.scheduler.tickMs);
    logger.info("worker started", { owner: scheduler.owner, tickMs: config.scheduler.tickMs });
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    await scheduler.stop();
    await runtime.close();
    logger.info("worker stopped");
    return 0;
  });
