// `attache schedule list|add|run|runs` and `attache worker`.
import { parseArgs } from "node:util";
import { startBriefRuntime } from "../briefs/runtime.ts";
import type { Config } from "../config.ts";
import { type Db, migrateDatabase, openDatabase } from "../db/client.ts";
import { schedules } from "../db/schema.ts";
import { createLogger } from "../log.ts";
import type { Target } from "../schedule/definition.ts";
import { nextFireTimes, ScheduleSpecError } from "../schedule/due.ts";
import { schedulerFromConfig } from "../schedule/scheduler.ts";
import { createSchedule, findSchedule, listRuns, publicTargets } from "../schedule/store.ts";
import { CliError, type Command } from "./io.ts";

const usage = `usage:
  attache schedule list
  attache schedule add --name NAME --cron "0 7 * * 1" --timezone Asia/Bishkek
        (--relationship CN-KG | --country CN)... [--locale en,zh] [--template weekly-summary]
        [--period previous_iso_week|previous_day|previous_month] [--catch-up 4]
        [--webhook URL]... [--email ADDRESS]...
  attache schedule run NAME|ID        run its latest complete period now
  attache schedule runs NAME|ID       its runs, newest first`;

function withDb<T>(config: Config, use: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(config.dbFile);
  migrateDatabase(db);
  return use(db).finally(() => db.$client.close());
}

function schedulerFor(db: Db, config: Config) {
  const logger = createLogger(config.logLevel);
  const runtime = startBriefRuntime(db, config, logger);
  const scheduler = schedulerFromConfig(db, runtime.service, config, logger);
  return { scheduler, runtime, logger };
}

const print = (line: string) => process.stdout.write(`${line}\n`);

export const scheduleCommand: Command = async ([action, ...args], config) => {
  switch (action) {
    case "list":
      return withDb(config, async (db) => {
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
    case "add":
      return withDb(config, async (db) => {
        const { values } = parseArgs({
          args,
          options: {
            name: { type: "string" },
            cron: { type: "string" },
            timezone: { type: "string" },
            template: { type: "string" },
            period: { type: "string" },
            relationship: { type: "string", multiple: true },
            country: { type: "string", multiple: true },
            locale: { type: "string", multiple: true },
            webhook: { type: "string", multiple: true },
            email: { type: "string", multiple: true },
            "catch-up": { type: "string" },
          },
        });
        if (!values.name || !values.cron || !values.timezone) throw new CliError(usage, 2);
        const targets: Target[] = [
          ...(values.webhook ?? []).map((url) => ({ type: "webhook" as const, url, secret: "" })),
          ...(values.email?.length ? [{ type: "email" as const, to: values.email }] : []),
        ];
        try {
          const row = createSchedule(db, {
            name: values.name,
            cron: values.cron,
            timezone: values.timezone,
            template: values.template,
            period: values.period,
            scope: { relationships: values.relationship ?? [], countries: values.country ?? [] },
            locales: (values.locale ?? []).flatMap((l) => l.split(",")),
            targets: targets.map((t) => (t.type === "webhook" ? { type: t.type, url: t.url } : t)),
            catchUp: values["catch-up"] ? Number(values["catch-up"]) : undefined,
          });
          print(`created schedule ${row.id} "${row.name}"`);
          for (const t of row.targets as Target[]) {
            if (t.type === "webhook")
              print(`webhook ${t.url} signing secret (shown once): ${t.secret}`);
          }
          print(
            `next runs: ${nextFireTimes(row.cron, row.timezone, new Date(), 3)
              .map((d) => d.toISOString())
              .join(", ")}`,
          );
          return 0;
        } catch (error) {
          if (error instanceof ScheduleSpecError)
            throw new CliError(`--${error.argumentName}: ${error.message}`, 2);
          throw error;
        }
      });
    case "run":
    case "runs":
      return withDb(config, async (db) => {
        const schedule = args[0] ? findSchedule(db, args[0]) : undefined;
        if (!schedule) throw new CliError(`no schedule "${args[0] ?? ""}"\n${usage}`, 2);
        if (action === "runs") {
          for (const r of listRuns(db, schedule.id)) {
            print(
              `${r.id}\t${r.periodStart} → ${r.periodEnd}\t${r.status}\tattempts ${r.attempts}\t${r.error ?? ""}`,
            );
          }
          return 0;
        }
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
    default:
      throw new CliError(usage, 2);
  }
};

/** `attache worker`: runs schedules, beside or instead of the server's own scheduler. */
export const workerCommand: Command = async (_args, config) =>
  withDb(config, async (db) => {
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
