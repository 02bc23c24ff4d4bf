// The scheduler: plans due (schedule, period) runs, leases one at a time, makes its briefs through
// the same generateBrief path as every caller, archives and delivers them.
// Exactly once: a unique key on (schedule, period) and a lease with expiry, so any number of
// processes on one database never run a period twice; a crashed holder's lease expires.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { briefFileName } from "../briefs/file-name.ts";
import type { BriefRow, BriefService } from "../briefs/service.ts";
import type { Db } from "../db/client.ts";
import { deliveries, scheduleRuns, schedules } from "../db/schema.ts";
import { isoWeekLabel, type PeriodRule, previousPeriod } from "../domain/periods.ts";
import type { Logger } from "../log.ts";
import { relationshipsInScope, type Scope, type Target, targetKey } from "./definition.ts";
import { sendBriefMail } from "./delivery/email.ts";
import { postWebhook } from "./delivery/webhook.ts";
import { duePeriods } from "./due.ts";

export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

export type RunRow = typeof scheduleRuns.$inferSelect;

export type SchedulerOptions = {
  db: Db;
  briefs: BriefService;
  clock?: Clock;
  logger?: Logger;
  publicUrl: string;
  delivery: { smtpUrl: string | null; mailFrom: string; webhookTimeoutMs: number };
  /** How long a claimed run is ours before another process may take it over. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Retry delay after the n-th failed attempt: base × 2^(n−1), capped at an hour. */
  retryBaseMs?: number;
};

export class Scheduler {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<number> | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Plans what is due, then runs every run that is ready. Returns how many it executed. */
  async tick(): Promise<number> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      this.plan();
      let executed = 0;
      for (let run = this.claim(); run; run = this.claim()) {
        await this.execute(run);
        executed++;
      }
      return executed;
    })().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  start(intervalMs: number): void {
    const loop = () => {
      this.tick()
        .catch((error: unknown) =>
          this.options.logger?.error("scheduler tick failed", { error: String(error) }),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(loop, intervalMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /** Inserts a pending run for every due period that has none (the unique key drops repeats). */
  plan(): void {
    const { db } = this.options;
    const now = this.clock.now();
    for (const schedule of db.select().from(schedules).where(eq(schedules.enabled, true)).all()) {
      for (const period of duePeriods(
        { ...schedule, period: schedule.period as PeriodRule },
        now,
      )) {
        db.insert(scheduleRuns)
          .values({
            scheduleId: schedule.id,
            periodStart: period.start,
            periodEnd: period.end,
            createdAt: now.toISOString(),
          })
          .onConflictDoNothing()
          .run();
      }
    }
  }

  /** Runs the latest complete period of a schedule now; a period already done is returned as is. */
  async runNow(scheduleId: number): Promise<RunRow> {
    const { db } = this.options;
    const schedule = db.select().from(schedules).where(eq(schedules.id, scheduleId)).get();
    if (!schedule) throw new Error(`no schedule ${scheduleId}`);
    const period = previousPeriod(
      schedule.period as PeriodRule,
      this.clock.now(),
      schedule.timezone,
    );
    db.insert(scheduleRuns)
      .values({
        scheduleId,
        periodStart: period.start,
        periodEnd: period.end,
        createdAt: this.clock.now().toISOString(),
      })
      .onConflictDoNothing()
      .run();
    const existing = db
      .select()
      .from(scheduleRuns)
      .where(
        and(eq(scheduleRuns.scheduleId, scheduleId), eq(scheduleRuns.periodStart, period.start)),
      )
      .get() as RunRow;
    if (existing.status === "done") return existing;
    const claimed = this.claim(existing.id, true);
    if (claimed) await this.execute(claimed);
    return db.select().from(scheduleRuns).where(eq(scheduleRuns.id, existing.id)).get() as RunRow;
  }

  /**
   * Takes one ready run under a lease, atomically: pending ones, failed ones whose retry time has
   * come (or at once, on demand), and running ones whose holder's lease has expired (it crashed).
   */
  private claim(runId?: number, onDemand = false): RunRow | undefined {
    const now = this.clock.now().toISOString();
    const leaseUntil = new Date(
      this.clock.now().getTime() + (this.options.leaseMs ?? 10 * 60_000),
    ).toISOString();
    const maxAttempts = this.options.maxAttempts ?? 6;
    const ready = sql`(
      ${scheduleRuns.status} = 'pending'
      OR (${scheduleRuns.status} = 'failed' AND ${scheduleRuns.attempts} < ${maxAttempts}
          AND (${scheduleRuns.nextAttemptAt} <= ${now} OR ${onDemand ? sql`1` : sql`0`}))
      OR (${scheduleRuns.status} = 'running' AND ${scheduleRuns.leaseExpiresAt} < ${now})
    )`;
    const pick = runId
      ? sql`${scheduleRuns.id} = ${runId} AND ${ready}`
      : sql`${scheduleRuns.id} = (SELECT id FROM schedule_runs WHERE ${ready} ORDER BY period_start, id LIMIT 1)`;
    return this.options.db
      .update(scheduleRuns)
      .set({
        status: "running",
        leaseOwner: this.owner,
        leaseExpiresAt: leaseUntil,
        attempts: sql`${scheduleRuns.attempts} + 1`,
      })
      .where(pick)
      .returning()
      .get();
  }

  private async execute(run: RunRow): Promise<void> {
    const { db, briefs, logger } = this.options;
    const schedule = db.select().from(schedules).where(eq(schedules.id, run.scheduleId)).get();
    if (!schedule) return;
    const zoneDay = (instant: string) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: schedule.timezone }).format(new Date(instant));
    const period = {
      from: zoneDay(run.periodStart),
      to: zoneDay(new Date(Date.parse(run.periodEnd) - 1).toISOString()),
    };
    try {
      // The same path as every other caller; an identical brief already made is reused.
      const made: BriefRow[] = [];
      for (const key of relationshipsInScope(db, schedule.scope as Required<Scope>)) {
        for (const locale of schedule.locales as string[]) {
          const brief = await briefs.generate(
            {
              template: schedule.template,
              between: key.split("-"),
              period,
              asOf: period.to,
              locale,
            },
            { waitMs: 5 * 60_000, requestedBy: `schedule:${schedule.name}` },
          );
          if (brief.status !== "done")
            throw new Error(`brief ${brief.id} ${brief.status}: ${brief.error ?? ""}`);
          made.push(brief);
        }
      }
      db.update(scheduleRuns)
        .set({ briefIds: made.map((b) => b.id) })
        .where(eq(scheduleRuns.id, run.id))
        .run();
      const failures = await this.deliver(run, schedule, period, made);
      if (failures.length > 0) throw new Error(failures.join("; "));
      db.update(scheduleRuns)
        .set({
          status: "done",
          error: null,
          leaseOwner: null,
          leaseExpiresAt: null,
          finishedAt: this.clock.now().toISOString(),
        })
        .where(eq(scheduleRuns.id, run.id))
        .run();
      logger?.info("schedule run done", {
        schedule: schedule.name,
        period,
        briefs: made.map((b) => b.id),
      });
    } catch (error) {
      const attempts = run.attempts;
      const delay = Math.min((this.options.retryBaseMs ?? 30_000) * 2 ** (attempts - 1), 3_600_000);
      db.update(scheduleRuns)
        .set({
          status: "failed",
          error: (error as Error).message,
          leaseOwner: null,
          leaseExpiresAt: null,
          nextAttemptAt: new Date(this.clock.now().getTime() + delay).toISOString(),
        })
        .where(eq(scheduleRuns.id, run.id))
        .run();
      logger?.warn("schedule run failed", {
        schedule: schedule.name,
        period,
        attempts,
        error: (error as Error).message,
      });
    }
  }

  /** Sends to every target not yet sent; returns what failed. Sent targets are never sent again. */
  private async deliver(
    run: RunRow,
    schedule: typeof schedules.$inferSelect,
    period: { from: string; to: string },
    made: BriefRow[],
  ): Promise<string[]> {
    const { db, delivery, publicUrl } = this.options;
    const failures: string[] = [];
    const link = (b: BriefRow) => `${publicUrl}/briefs/${b.publicId}.pdf`;
    for (const target of schedule.targets as Target[]) {
      const key = targetKey(target);
      db.insert(deliveries).values({ runId: run.id, target: key }).onConflictDoNothing().run();
      const row = db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.runId, run.id), eq(deliveries.target, key)))
        .get();
      if (!row || row.status === "sent") continue;
      try {
        if (target.type === "webhook") {
          await postWebhook(
            target,
            {
              // Stable across retries, so a receiver can drop a repeat it already processed.
              id: `msg_run${run.id}_d${row.id}`,
              payload: {
                type: "schedule.run.completed",
                schedule: { id: schedule.id, name: schedule.name },
                period: {
                  ...period,
                  start: run.periodStart,
                  end: run.periodEnd,
                  isoWeek: isoWeekLabel(period.from),
                },
                briefs: made.map((b) => ({
                  id: b.id,
                  locale: b.locale,
                  template: b.template,
                  downloadUrl: link(b),
                  sha256: b.sha256,
                  pages: b.pages,
                })),
              },
            },
            { timeoutMs: delivery.webhookTimeoutMs, now: this.clock.now() },
          );
        } else {
          if (!delivery.smtpUrl) throw new Error("no SMTP server configured (ATTACHE_SMTP_URL)");
          await sendBriefMail(delivery.smtpUrl, {
            from: delivery.mailFrom,
            to: target.to,
            subject: `${schedule.name}: ${period.from} – ${period.to}`,
            intro: `Attaché summary "${schedule.name}" for ${period.from} to ${period.to}. The briefs are attached.`,
            briefs: made.map((b) => ({
              fileName: briefFileName(b),
              path: this.options.briefs.filePath(b.file as string),
              title: b.title ?? briefFileName(b),
              downloadUrl: link(b),
            })),
          });
        }
        db.update(deliveries)
          .set({
            status: "sent",
            attempts: row.attempts + 1,
            error: null,
            sentAt: this.clock.now().toISOString(),
          })
          .where(eq(deliveries.id, row.id))
          .run();
      } catch (error) {
        const message = `${key}: ${(error as Error).message}`;
        failures.push(message);
        db.update(deliveries)
          .set({ status: "failed", attempts: row.attempts + 1, error: message })
          .where(eq(deliveries.id, row.id))
          .run();
      }
    }
    return failures;
  }
}

/** A scheduler wired from configuration: what the server and `attache worker` both run. */
export function schedulerFromConfig(
  db: Db,
  briefs: BriefService,
  config: { publicUrl: string; delivery: SchedulerOptions["delivery"] },
  logger?: Logger,
): Scheduler {
  return new Scheduler({
    db,
    briefs,
    logger,
    publicUrl: config.publicUrl,
    delivery: config.delivery,
  });
}
