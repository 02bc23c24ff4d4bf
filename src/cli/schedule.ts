// `attache schedule list|add|run|runs|pause|resume|resend|test-send|preview` and `attache worker`.
import { inArray } from "drizzle-orm";
import { startBriefRuntime } from "../briefs/runtime.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { holdDatabase } from "../db/holders.ts";
import { deliveries } from "../db/schema.ts";
import { localDate } from "../domain/periods.ts";
import { briefLinksFromConfig } from "../http/brief-links.ts";
import { createLogger } from "../log.ts";
import type { TargetInput } from "../schedule/definition.ts";
import { nextFireTimes } from "../schedule/due.ts";
import { type RunRow, schedulerFromConfig } from "../schedule/scheduler.ts";
import {
  activeTargets,
  addTargets,
  createSchedule,
  findSchedule,
  listRuns,
  pauseSchedule,
  removeTarget,
  resumeSchedule,
  rotateWebhookSecret,
} from "../schedule/store.ts";
import { withDatabase } from "./database.ts";
import { CliError } from "./io.ts";

const actor = { actor: "cli" };

async function schedulerFor(db: Db, config: Config) {
  const logger = createLogger(config.logLevel);
  const runtime = await startBriefRuntime(db, config, logger);
  const scheduler = schedulerFromConfig(db, runtime.service, config, logger);
  return { scheduler, runtime, logger };
}

/** Runs `use` with a scheduler whose brief runtime is closed afterwards. */
function withScheduler<T>(
  config: Config,
  use: (db: Db, scheduler: Awaited<ReturnType<typeof schedulerFor>>["scheduler"]) => Promise<T>,
) {
  return withDatabase(config, async (db) => {
    const { scheduler, runtime } = await schedulerFor(db, config);
    try {
      return await use(db, scheduler);
    } finally {
      await scheduler.stop();
      await runtime.close();
    }
  });
}

const print = (line: string) => process.stdout.write(`${line}\n`);

const describeTarget = (t: { kind: string; url: string | null; address: string | null }) =>
  t.kind === "webhook" ? `webhook ${t.url}` : `email ${t.address}`;

/** When a run fires, as its owner reads it: "Mon 7 Dec 2026, 07:00 Asia/Bishkek (01:00 UTC)". */
export function fireTime(at: Date, timezone: string): string {
  const clock = (timeZone: string, date: boolean) =>
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      ...(date ? { weekday: "short", day: "numeric", month: "short", year: "numeric" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .format(at)
      .replace(",", "");
  const local = clock(timezone, true);
  return timezone === "UTC" ? `${local} UTC` : `${local} ${timezone} (${clock("UTC", false)} UTC)`;
}

const nextFire = (cron: string, timezone: string, count: number) =>
  nextFireTimes(cron, timezone, new Date(), count).map((at) => fireTime(at, timezone));

export const list = (config: Config) =>
  withDatabase(config, async (db) => {
    const rows = await db.query.schedules.findMany({
      where: { deletedAt: { isNull: true } },
      orderBy: { name: "asc" },
    });
    for (const s of rows) {
      const next = s.enabled
        ? `next ${nextFire(s.cron, s.timezone, 1)[0]}`
        : `paused since ${s.pausedAt}`;
      const targets = (await activeTargets(db, s.id)).map(describeTarget).join(", ");
      print(`${s.id}\t${s.name}\t${s.cron} ${s.timezone}\t${s.template}\t${next}\t${targets}`);
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
  owner?: string;
  alertWebhook?: string;
  catchUp?: string;
  skipIfEmpty?: boolean;
};

export const add = (config: Config, values: AddOptions) =>
  withDatabase(config, async (db) => {
    const targets: TargetInput[] = [
      ...(values.webhook ?? []).map((webhook) => ({ webhook })),
      ...(values.email?.length ? [{ email: values.email }] : []),
      ...(values.alertWebhook ? [{ webhook: values.alertWebhook, alert: true }] : []),
    ];
    const { schedule, secrets } = await createSchedule(
      db,
      {
        name: values.name,
        cron: values.cron,
        timezone: values.timezone,
        template: values.template,
        period: values.period,
        relationships: values.relationship ?? [],
        countries: values.country ?? [],
        locales: (values.locale ?? []).flatMap((l) => l.split(",")),
        targets,
        owner: values.owner,
        catchUp: values.catchUp ? Number(values.catchUp) : undefined,
        skipIfEmpty: values.skipIfEmpty ?? false,
      },
      {
        allow: config.delivery.webhookAllow,
        smtpConfigured: config.delivery.smtpUrl !== null,
      },
      actor,
    );
    print(`created schedule ${schedule.id} "${schedule.name}"`);
    for (const s of secrets) print(`webhook ${s.url} signing secret (shown once): ${s.secret}`);
    print(`next runs: ${nextFire(schedule.cron, schedule.timezone, 3).join("; ")}`);
    return 0;
  });

async function scheduleNamed(db: Db, which: string) {
  const schedule = await findSchedule(db, which);
  if (!schedule) throw new CliError(`no schedule "${which}" (attache schedule list shows them)`, 2);
  return schedule;
}

/** Its runs, newest period first: the period in its zone, status, attempts, each target's result. */
export const runs = (config: Config, which: string, options: { limit?: string } = {}) =>
  withDatabase(config, async (db) => {
    const schedule = await scheduleNamed(db, which);
    const rows = await listRuns(db, schedule.id, Number(options.limit ?? 20));
    const sent = await db
      .select()
      .from(deliveries)
      .where(
        inArray(
          deliveries.runId,
          rows.map((r) => r.id),
        ),
      );
    print("period\tstatus\tattempts\ttargets");
    for (const r of rows) {
      const targets = sent
        .filter((d) => d.runId === r.id)
        .map(
          (d) => `${d.target} ${d.status}${d.error && d.status !== "sent" ? ` (${d.error})` : ""}`,
        )
        .join("; ");
      const note = r.reason ?? (r.status === "gave_up" || !targets ? (r.error ?? "") : "");
      print(`${localPeriod(r, schedule.timezone)}\t${r.status}\t${r.attempts}\t${targets || note}`);
    }
    return 0;
  });

/** A period as its schedule's zone reads it: 2025-11-17..2025-11-23. */
const localPeriod = (run: { periodStart: string; periodEnd: string }, zone: string) =>
  `${localDate(new Date(run.periodStart), zone)}..${localDate(new Date(Date.parse(run.periodEnd) - 1), zone)}`;

const reportRun = (run: RunRow, zone: string) => {
  print(`${localPeriod(run, zone)}: ${run.status}${run.error ? ` (${run.error})` : ""}`);
  return run.status === "done" ? 0 : 1;
};

export const runNow = (config: Config, which: string) =>
  withScheduler(config, async (db, scheduler) => {
    const schedule = await scheduleNamed(db, which);
    return reportRun(await scheduler.runNow(schedule.id, actor.actor), schedule.timezone);
  });

export const pause = (config: Config, which: string) =>
  withDatabase(config, async (db) => {
    const row = await pauseSchedule(db, (await scheduleNamed(db, which)).id, actor);
    print(`paused "${row.name}": periods ending from now on are skipped`);
    return 0;
  });

export const resume = (config: Config, which: string, options: { catchUp?: boolean } = {}) =>
  withDatabase(config, async (db) => {
    const row = await resumeSchedule(db, (await scheduleNamed(db, which)).id, {
      ...actor,
      catchUp: options.catchUp ?? false,
    });
    print(
      `resumed "${row.name}"${options.catchUp ? ": the periods missed while paused will run" : ""}`,
    );
    return 0;
  });

export const resend = (
  config: Config,
  which: string,
  options: { period: string; target?: string },
) =>
  withScheduler(config, async (db, scheduler) => {
    const schedule = await scheduleNamed(db, which);
    let targetId: number | undefined;
    if (options.target) {
      const target = (await activeTargets(db, schedule.id, "delivery")).find(
        (t) => t.url === options.target || t.address === options.target?.toLowerCase(),
      );
      if (!target) throw new CliError(`--target: "${options.target}" is not a target of it`, 2);
      targetId = target.id;
    }
    return reportRun(
      await scheduler.resend(schedule.id, options.period, actor.actor, targetId),
      schedule.timezone,
    );
  });

export const testSend = (
  config: Config,
  which: string,
  options: { email?: string; webhook?: string },
) =>
  withScheduler(config, async (db, scheduler) => {
    const { id } = await scheduleNamed(db, which);
    const result = await scheduler.testSend(id, options, actor.actor);
    const to = options.email ?? options.webhook;
    print(
      result.delivered
        ? `test of ${result.period.from}..${result.period.to} sent to ${to} (the period is not marked delivered)`
        : `test to ${to} failed: ${result.error}`,
    );
    if (result.secret) print(`signed with this secret (made for the test): ${result.secret}`);
    return result.delivered ? 0 : 1;
  });

export const preview = (config: Config, which: string, options: { period?: string }) =>
  withScheduler(config, async (db, scheduler) => {
    const { period, briefs } = await scheduler.preview(
      (await scheduleNamed(db, which)).id,
      actor.actor,
      options.period,
    );
    print(`period ${period.from}..${period.to}: nothing sent`);
    const links = briefLinksFromConfig(config);
    for (const b of briefs) {
      print(`${b.locale}\t${b.title ?? ""}\t${links.signed(b.publicId as string, "pdf")}`);
    }
    return 0;
  });

async function targetNamed(db: Db, scheduleId: number, which: string) {
  const target = (await activeTargets(db, scheduleId)).find(
    (t) => t.url === which || t.address === which.toLowerCase(),
  );
  if (!target) throw new CliError(`"${which}" is not a target of it (schedule list shows them)`, 2);
  return target;
}

export const addTarget = (
  config: Config,
  which: string,
  options: { webhook?: string; email?: string[]; locale?: string[]; alert?: boolean },
) =>
  withDatabase(config, async (db) => {
    const { secrets, targets } = await addTargets(
      db,
      (await scheduleNamed(db, which)).id,
      [
        {
          webhook: options.webhook,
          email: options.email,
          locales: options.locale?.flatMap((l) => l.split(",")),
          alert: options.alert,
        },
      ],
      { allow: config.delivery.webhookAllow, smtpConfigured: config.delivery.smtpUrl !== null },
      actor,
    );
    for (const t of targets) print(`added ${describeTarget(t)}`);
    for (const s of secrets) print(`webhook ${s.url} signing secret (shown once): ${s.secret}`);
    return 0;
  });

export const removeTargetNamed = (config: Config, which: string, target: string) =>
  withDatabase(config, async (db) => {
    const schedule = await scheduleNamed(db, which);
    const { id } = await targetNamed(db, schedule.id, target);
    const removed = await removeTarget(db, id, actor);
    print(`removed ${describeTarget(removed)} from "${schedule.name}"`);
    return 0;
  });

export const rotateSecret = (
  config: Config,
  which: string,
  url: string,
  options: { graceHours?: string },
) =>
  withDatabase(config, async (db) => {
    const target = await targetNamed(db, (await scheduleNamed(db, which)).id, url);
    const hours = Number(options.graceHours ?? 0);
    const { secret } = await rotateWebhookSecret(db, target.id, hours * 3_600_000, actor);
    print(`webhook ${url} new signing secret (shown once): ${secret}`);
    if (hours > 0) print(`the previous secret signs too for ${hours} hours`);
    return 0;
  });

/** `attache worker`: runs schedules, beside or instead of the server's own scheduler. */
export const worker = (config: Config) =>
  withDatabase(config, async (db) => {
    const { scheduler, runtime, logger } = await schedulerFor(db, config);
    const release = holdDatabase(config.dbFile, "worker");
    scheduler.start(config.scheduler.tickMs);
    logger.info("worker started", { owner: scheduler.owner, tickMs: config.scheduler.tickMs });
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    // No new run is claimed from here on; the one in progress finishes first.
    await scheduler.stop();
    await runtime.close();
    release();
    logger.info("worker stopped");
    return 0;
  });
