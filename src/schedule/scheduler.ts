// The scheduler: plans due (schedule, period) runs, leases one at a time, makes its briefs through
// the same generateBrief path as every caller, archives and delivers them.
// Exactly once: a unique key on (schedule, period) and a lease that the holder renews while it
// works. A lease is taken over when it expires, or at once when its holder is known dead (a
// process on this host that is gone). A run that exhausts its attempts ends GAVE_UP, alerted, and
// can be resent; nothing is lost silently.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { writeAudit } from "../audit/log.ts";
import { linkSecret } from "../auth/link-secret.ts";
import { briefFileName } from "../briefs/file-name.ts";
import type { TemplateName } from "../briefs/model.ts";
import { relationshipsInScope, type Scope } from "../briefs/scope.ts";
import type { BriefRow, BriefService } from "../briefs/service.ts";
import { descriptors } from "../briefs/templates.ts";
import { type Config, defaultRetry, type RetryPolicy } from "../config.ts";
import { isBusy } from "../db/busy.ts";
import type { Db } from "../db/client.ts";
import { deliveries, events, relationships, scheduleRuns, schedules } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { isIsoDate } from "../domain/dates.ts";
import type { Locale } from "../domain/locale.ts";
import {
  localDate,
  type Period,
  type PeriodRule,
  periodContaining,
  previousPeriod,
} from "../domain/periods.ts";
import { Refusal } from "../domain/refusal.ts";
import { type BriefLinks, briefLinksFromConfig } from "../http/brief-links.ts";
import type { Logger } from "../log.ts";
import type { WebhookAllowList } from "../net/allow-list.ts";
import { processAlive, thisHost } from "../process-alive.ts";
import {
  type DeliveryPolicy,
  isEmailAddress,
  newWebhookSecret,
  type ScheduleRow,
  targetKey,
} from "./definition.ts";
import { DeliveryAbandoned } from "./delivery/abandoned.ts";
import { destinationProblem } from "./delivery/destination.ts";
import { sendBriefMail } from "./delivery/email.ts";
import { postWebhook } from "./delivery/webhook.ts";
import { duePeriods } from "./due.ts";
import {
  alertText,
  briefsPayload,
  envelope,
  mailText,
  type RunContext,
  summaryCadence,
  unsubscribeToken,
  type WebhookEvent,
} from "./messages.ts";
import { retryDelayMs } from "./retry.ts";
import {
  activeTargets,
  liveSchedule,
  pausedPeriods,
  recordRun,
  signingSecrets,
  skippedWhilePaused,
  type TargetRow,
} from "./store.ts";

export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

export type RunRow = typeof scheduleRuns.$inferSelect;

export type SchedulerOptions = {
  db: Db;
  briefs: BriefService;
  clock?: Clock;
  logger?: Logger;
  publicUrl: string;
  delivery: {
    smtpUrl: string | null;
    mailFrom: string;
    webhookTimeoutMs: number;
    webhookAllow: WebhookAllowList;
  };
  /** Signs unsubscribe links; without it, emails carry none. */
  linkSecret?: string;
  /** Signed, expiring brief links for emails and webhooks; without it, links need a key. */
  briefLinks?: BriefLinks;
  /** How long a claimed run is ours without renewal before another process may take it over. */
  leaseMs?: number;
  /** How often (real time) a working holder renews its lease; a third of the lease by default. */
  renewEveryMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * How many of a run's targets are delivered to at once (4 by default), so that one slow
   * receiver holds the others of its run for no longer than the delivery deadline, if at all.
   */
  deliveryConcurrency?: number;
  /**
   * How long stop() lets the run in progress finish before it abandons the deliveries still in
   * flight; one webhook deadline (delivery.webhookTimeoutMs) by default.
   */
  stopGraceMs?: number;
};

/** Schedulers of this process that may hold leases: another one of them is alive by definition. */
const liveOwners = new Set<string>();

/** Whether the process named in a lease owner ("host:pid:nonce") still runs. */
function holderAlive(owner: string): boolean {
  if (liveOwners.has(owner)) return true;
  const [host = "", pid] = owner.split(":");
  if (host === thisHost && Number(pid) === process.pid) return false;
  return processAlive(host, Number(pid));
}

export type TestSendResult = {
  period: Period;
  briefs: BriefRow[];
  delivered: boolean;
  error: string | null;
  /** The secret that signed a test webhook to a URL that is not one of the targets. */
  secret: string | null;
};

type Outcome = {
  failures: string[];
  statuses: { target: string; status: string }[];
  /** How many of the failures are deliveries stop() abandoned, not a receiver's answer. */
  abandoned?: number;
};

/** The earliest date a period can be asked for (resend, preview). */
const EARLIEST_PERIOD = "1900-01-01";

export class Scheduler {
  readonly owner = `${thisHost}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** "lease" (run id) each time a working run's lease is renewed. */
  readonly events = new EventEmitter();
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<number> | null = null;
  private stopping = false;
  /** Aborted when stop() stops waiting: deliveries in flight are abandoned, no new one starts. */
  private readonly abandon = new AbortController();

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.retry = { ...defaultRetry, ...options.retry };
    liveOwners.add(this.owner);
  }

  private get leaseMs() {
    return this.options.leaseMs ?? 10 * 60_000;
  }

  /** What may be saved as a target here (for the API and CLI that create schedules). */
  get policy(): DeliveryPolicy {
    const { delivery } = this.options;
    return { allow: delivery.webhookAllow, smtpConfigured: delivery.smtpUrl !== null };
  }

  /** Plans what is due, then runs every run that is ready. Returns how many it executed. */
  async tick(): Promise<number> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      if (this.stopping) return 0;
      await this.plan();
      let executed = 0;
      for (
        let run = await this.claim();
        run;
        run = this.stopping ? undefined : await this.claim()
      ) {
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
          // Another process writing is a wait, not a failure: the next tick tries again.
          isBusy(error)
            ? this.options.logger?.info("scheduler tick deferred: the database is busy", {})
            : this.options.logger?.error("scheduler tick failed", { error: String(error) }),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(loop, intervalMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  /**
   * Claims nothing more; the run in progress may finish (its lease is renewed until then) within
   * the grace period. After it, the deliveries still in flight are abandoned and no other one
   * starts: the run is left failed, ready to run again at once, its attempt not counted, unless
   * a target had failed it on its own before (then it is a failed attempt like any other).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ticking = this.ticking;
    if (ticking) {
      const graceMs = this.options.stopGraceMs ?? this.options.delivery.webhookTimeoutMs;
      let grace: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        ticking.then(
          () => true,
          () => true,
        ),
        new Promise<false>((resolve) => {
          grace = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(grace);
      if (!finished) {
        this.options.logger?.warn("scheduler stopping: abandoning the deliveries in flight", {
          graceMs,
        });
        this.abandon.abort();
      }
      await ticking;
    }
    liveOwners.delete(this.owner);
  }

  /**
   * Inserts a pending run for every due period of a running schedule that has none (the unique
   * key drops repeats); for a paused one, records the periods that ended meanwhile as skipped.
   * Most ticks find every run recorded: they only read, and take the write lock only when a run
   * is missing, so a tick does not wait for another process's writes when it has none to make.
   */
  async plan(): Promise<void> {
    const { db } = this.options;
    const now = this.clock.now();
    const missing = await inTransaction(db, "read", () => this.unrecordedRuns(now));
    if (missing.length === 0) return;
    await inTransaction(db, "write", async () => {
      // Read again under the lock: another process may have recorded some of them meanwhile.
      for (const run of await this.unrecordedRuns(now)) {
        await recordRun(db, run.scheduleId, run.period, now, run.paused ? skippedWhilePaused : {});
      }
    });
  }

  /**
   * The runs plan records that are not recorded yet: the due periods of running schedules, and
   * the periods of paused ones that ended while they were paused.
   */
  private async unrecordedRuns(
    now: Date,
  ): Promise<{ scheduleId: number; period: Period; paused: boolean }[]> {
    const { db } = this.options;
    const wanted = (await db.select().from(schedules).where(isNull(schedules.deletedAt))).flatMap(
      (schedule) =>
        (schedule.enabled
          ? duePeriods({ ...schedule, period: schedule.period as PeriodRule }, now)
          : pausedPeriods(schedule, now)
        ).map((period) => ({ scheduleId: schedule.id, period, paused: !schedule.enabled })),
    );
    if (wanted.length === 0) return [];
    const recorded = new Set(
      (
        await db
          .select({ scheduleId: scheduleRuns.scheduleId, start: scheduleRuns.periodStart })
          .from(scheduleRuns)
          .where(
            and(
              inArray(scheduleRuns.scheduleId, [...new Set(wanted.map((w) => w.scheduleId))]),
              inArray(scheduleRuns.periodStart, [...new Set(wanted.map((w) => w.period.start))]),
            ),
          )
      ).map((r) => `${r.scheduleId} ${r.start}`),
    );
    return wanted.filter((w) => !recorded.has(`${w.scheduleId} ${w.period.start}`));
  }

  /**
   * Runs the latest complete period of a running schedule now. A period already finished (done,
   * given up, skipped) is refused: resending it is an explicit resendPeriod.
   */
  async runNow(scheduleId: number, actor: string): Promise<RunRow> {
    const { db } = this.options;
    const schedule = await liveSchedule(db, scheduleId);
    if (!schedule.enabled) {
      throw new Refusal(
        `schedule "${schedule.name}" is paused: resume it first (a test-send works while paused)`,
        "CONFLICT",
        "id",
      );
    }
    const period = previousPeriod(
      schedule.period as PeriodRule,
      this.clock.now(),
      schedule.timezone,
    );
    const run = await this.runFor(schedule, period);
    if (["done", "gave_up", "skipped"].includes(run.status)) {
      throw new Refusal(
        `the period ${period.from} to ${period.to} is already ${run.status.replace("_", " ")}; to send it again, resend it (resendPeriod, or attache schedule resend)`,
        "CONFLICT",
        "id",
        [],
        { run: run.id, status: run.status, period: period.from },
      );
    }
    await this.audit(actor, "run", schedule, { period: period.from });
    return this.executeNow(run.id);
  }

  /**
   * Sends a period again: to one target, or (without one) to every target that has not received
   * it, or to all of them when all had. A resend is a new message (new webhook-id).
   */
  async resend(
    scheduleId: number,
    periodDate: string,
    actor: string,
    targetId?: number,
  ): Promise<RunRow> {
    const { db } = this.options;
    const schedule = await liveSchedule(db, scheduleId, "schedule");
    const period = this.periodOf(schedule, periodDate);
    const targets = await activeTargets(db, scheduleId, "delivery");
    if (targetId !== undefined && !targets.some((t) => t.id === targetId)) {
      throw new Refusal(`no target ${targetId} on this schedule`, "NOT_FOUND", "target");
    }
    const run = await this.runFor(schedule, period);
    if (run.status === "running") {
      throw new Refusal("this period is being run right now", "CONFLICT", "period");
    }
    await inTransaction(db, "write", async () => {
      const rows = await db.select().from(deliveries).where(eq(deliveries.runId, run.id));
      const again =
        targetId !== undefined
          ? rows.filter((d) => d.targetId === targetId)
          : rows.every((d) => d.status === "sent")
            ? rows
            : [];
      for (const row of again) {
        await db
          .update(deliveries)
          .set({ status: "pending", resends: row.resends + 1, error: null })
          .where(eq(deliveries.id, row.id));
      }
      await db
        .update(scheduleRuns)
        .set({ status: "pending", attempts: 0, error: null, reason: null, nextAttemptAt: null })
        .where(eq(scheduleRuns.id, run.id));
      await this.writeAudit(actor, "resend", schedule, {
        period: period.from,
        target: targetId ?? null,
      });
    });
    return this.executeNow(run.id, targetId);
  }

  /** Renders a period's briefs without sending anything (the latest complete one by default). */
  async preview(
    scheduleId: number,
    actor: string,
    periodDate?: string | null,
  ): Promise<{ period: Period; briefs: BriefRow[] }> {
    const schedule = await liveSchedule(this.options.db, scheduleId);
    const period = periodDate
      ? this.periodOf(schedule, periodDate)
      : previousPeriod(schedule.period as PeriodRule, this.clock.now(), schedule.timezone);
    await this.audit(actor, "preview", schedule, { period: period.from });
    const briefs = await this.makeBriefs(schedule, period, schedule.locales as Locale[]);
    return { period, briefs };
  }

  /**
   * Sends the latest complete period to one address or URL, as a test: no run, no delivery is
   * recorded, so the period stays undelivered for its real targets.
   */
  async testSend(
    scheduleId: number,
    to: { email?: string | null; webhook?: string | null },
    actor: string,
  ): Promise<TestSendResult> {
    const { db, delivery } = this.options;
    const schedule = await liveSchedule(db, scheduleId);
    if (!to.email === !to.webhook) {
      throw new Refusal("give either an email address or a webhook URL", "BAD_USER_INPUT", "email");
    }
    let secrets: string[] = [];
    let secret: string | null = null;
    if (to.email) {
      if (!isEmailAddress(to.email)) {
        throw new Refusal(`"${to.email}" is not one email address`, "BAD_USER_INPUT", "email");
      }
      if (!delivery.smtpUrl) {
        throw new Refusal("no SMTP server is configured here", "BAD_USER_INPUT", "email");
      }
    } else if (to.webhook) {
      const problem = await destinationProblem(to.webhook, delivery.webhookAllow);
      if (problem) throw new Refusal(problem, "BAD_USER_INPUT", "webhook");
      const url = new URL(to.webhook).toString();
      const known = (await activeTargets(db, scheduleId)).find((t) => t.url === url);
      secret = known ? null : newWebhookSecret();
      secrets = known ? signingSecrets(known, this.clock.now()) : [secret as string];
    }
    const period = previousPeriod(
      schedule.period as PeriodRule,
      this.clock.now(),
      schedule.timezone,
    );
    await this.audit(actor, "test_send", schedule, {
      period: period.from,
      to: to.email ?? to.webhook,
    });
    const briefs = await this.makeBriefs(schedule, period, schedule.locales as Locale[]);
    const context = this.context(schedule, null, period, briefs);
    try {
      if (to.email) {
        await this.sendMail(context, to.email, schedule.locales as Locale[], null, true);
      } else {
        await postWebhook(
          { url: to.webhook as string, secrets },
          {
            id: `msg_test_${randomUUID()}`,
            payload: envelope("schedule.briefs.test", this.clock.now(), briefsPayload(context)),
          },
          this.webhookOptions(),
        );
      }
      return { period, briefs, delivered: true, error: null, secret };
    } catch (error) {
      return { period, briefs, delivered: false, error: (error as Error).message, secret };
    }
  }

  /**
   * The period a date falls in, which must have ended. The date is a real calendar day (not
   * 2025-02-30, which Date.parse rolls into March) from 1900 on; a date after today (in the
   * schedule's zone) is refused before any period is computed around it (9999-12-31 has none).
   */
  private periodOf(schedule: ScheduleRow, date: string): Period {
    if (/^\d{4}-\d{2}-\d{2}$/.test(date) && date < EARLIEST_PERIOD) {
      throw new Refusal(
        `${date} is before ${EARLIEST_PERIOD}: no schedule covers a period that early`,
        "BAD_USER_INPUT",
        "period",
      );
    }
    if (!isIsoDate(date)) {
      throw new Refusal(
        `"${date}" is not a calendar date (YYYY-MM-DD)`,
        "BAD_USER_INPUT",
        "period",
      );
    }
    if (date > localDate(this.clock.now(), schedule.timezone)) {
      throw new Refusal(`the period of ${date} has not ended yet`, "BAD_USER_INPUT", "period");
    }
    const period = periodContaining(schedule.period as PeriodRule, date, schedule.timezone);
    if (period.end > this.clock.now().toISOString()) {
      throw new Refusal(`the period of ${date} has not ended yet`, "BAD_USER_INPUT", "period");
    }
    return period;
  }

  /** The run of a period, made pending if there was none. */
  private async runFor(schedule: ScheduleRow, period: Period): Promise<RunRow> {
    const { db } = this.options;
    return inTransaction(db, "write", async () => {
      await recordRun(db, schedule.id, period, this.clock.now());
      const [run] = await db
        .select()
        .from(scheduleRuns)
        .where(
          and(eq(scheduleRuns.scheduleId, schedule.id), eq(scheduleRuns.periodStart, period.start)),
        );
      return run as RunRow;
    });
  }

  private async executeNow(runId: number, onlyTarget?: number): Promise<RunRow> {
    const claimed = await this.claim(runId, true);
    if (claimed) await this.execute(claimed, onlyTarget);
    const [run] = await this.options.db
      .select()
      .from(scheduleRuns)
      .where(eq(scheduleRuns.id, runId));
    return run as RunRow;
  }

  /** Audits an operation on a schedule, in a write transaction of its own. */
  private async audit(
    actor: string,
    action: "run" | "resend" | "test_send" | "preview",
    schedule: ScheduleRow,
    after: unknown,
  ): Promise<void> {
    await inTransaction(this.options.db, "write", () =>
      this.writeAudit(actor, action, schedule, after),
    );
  }

  /** The audit entry of an operation on a schedule, in the caller's write transaction. */
  private async writeAudit(
    actor: string,
    action: "run" | "resend" | "test_send" | "preview",
    schedule: ScheduleRow,
    after: unknown,
  ): Promise<void> {
    await writeAudit(this.options.db, {
      actor,
      action,
      entityType: "schedule",
      entityId: schedule.id,
      entityKey: schedule.name,
      before: null,
      after,
    });
  }

  /**
   * Takes one ready run under a lease, atomically: pending ones, failed ones whose retry time has
   * come (or at once, on demand), and running ones whose holder's lease has expired or whose
   * holder is known dead. Runs of paused or deleted schedules wait (unless asked for by id).
   */
  private async claim(runId?: number, onDemand = false): Promise<RunRow | undefined> {
    const { db } = this.options;
    // Most ticks find nothing to run: look before taking the write lock, as plan does.
    const found = await inTransaction(db, "read", async () =>
      db
        .select({ id: scheduleRuns.id })
        .from(scheduleRuns)
        .where(await this.claimable(runId, onDemand))
        .limit(1),
    );
    if (found.length === 0) return undefined;
    return inTransaction(db, "write", async () => {
      const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
      const [claimed] = await db
        .update(scheduleRuns)
        .set({
          status: "running",
          leaseOwner: this.owner,
          leaseExpiresAt: leaseUntil,
          attempts: sql`${scheduleRuns.attempts} + 1`,
        })
        // Asked again under the lock: another process may have claimed it meanwhile.
        .where(await this.claimable(runId, onDemand))
        .returning();
      return claimed;
    });
  }

  /** Which run a claim takes: `runId` if it is ready, else the oldest ready run of a live schedule. */
  private async claimable(runId: number | undefined, onDemand: boolean): Promise<SQL> {
    const { db } = this.options;
    const now = this.clock.now().toISOString();
    const orphaned = (
      await db
        .select({ id: scheduleRuns.id, owner: scheduleRuns.leaseOwner })
        .from(scheduleRuns)
        .where(eq(scheduleRuns.status, "running"))
    )
      .filter((r) => r.owner && !holderAlive(r.owner))
      .map((r) => r.id);
    const ready = sql`(
      ${scheduleRuns.status} = 'pending'
      OR (${scheduleRuns.status} = 'failed' AND ${scheduleRuns.attempts} < ${this.retry.maxAttempts}
          AND (${scheduleRuns.nextAttemptAt} <= ${now} OR ${onDemand ? sql`1` : sql`0`}))
      OR (${scheduleRuns.status} = 'running'
          AND (${scheduleRuns.leaseExpiresAt} < ${now} OR ${inArray(scheduleRuns.id, orphaned)}))
    )`;
    const live = sql`${scheduleRuns.scheduleId} IN (SELECT id FROM schedules WHERE enabled = 1 AND deleted_at IS NULL)`;
    return runId
      ? sql`${scheduleRuns.id} = ${runId} AND ${ready}`
      : sql`${scheduleRuns.id} = (SELECT id FROM schedule_runs WHERE ${ready} AND ${live} ORDER BY period_start, id LIMIT 1)`;
  }

  /** Extends our lease; false when it is no longer ours (then we must stop touching the run). */
  private async renew(runId: number): Promise<boolean> {
    const { db } = this.options;
    const until = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    const renewed = await inTransaction(db, "write", () =>
      db
        .update(scheduleRuns)
        .set({ leaseExpiresAt: until })
        .where(
          and(
            eq(scheduleRuns.id, runId),
            eq(scheduleRuns.status, "running"),
            eq(scheduleRuns.leaseOwner, this.owner),
          ),
        )
        .returning({ id: scheduleRuns.id }),
    );
    const held = renewed.length > 0;
    if (held) this.events.emit("lease", runId);
    return held;
  }

  /** Ends a run we hold, only if we still hold it. */
  private async finish(runId: number, values: Partial<RunRow>): Promise<boolean> {
    const { db } = this.options;
    const finished = await inTransaction(db, "write", () =>
      db
        .update(scheduleRuns)
        .set({ ...values, leaseOwner: null, leaseExpiresAt: null })
        .where(and(eq(scheduleRuns.id, runId), eq(scheduleRuns.leaseOwner, this.owner)))
        .returning({ id: scheduleRuns.id }),
    );
    return finished.length > 0;
  }

  private async execute(run: RunRow, onlyTarget?: number): Promise<void> {
    const { db, logger } = this.options;
    const heartbeat = setInterval(
      () => {
        this.renew(run.id).catch((error: unknown) =>
          logger?.warn("schedule run lease not renewed", { run: run.id, error: String(error) }),
        );
      },
      this.options.renewEveryMs ?? this.leaseMs / 3,
    );
    heartbeat.unref();
    const [schedule] = await db.select().from(schedules).where(eq(schedules.id, run.scheduleId));
    const period = schedule && this.periodOfRun(schedule, run);
    try {
      if (!schedule || !period) return;
      if (schedule.skipIfEmpty && !(await this.hadActivity(schedule, period))) {
        await this.finish(run.id, {
          status: "skipped",
          reason: "nothing recorded in the period",
          finishedAt: this.clock.now().toISOString(),
        });
        logger?.info("schedule run skipped: empty period", { schedule: schedule.name, period });
        return;
      }
      let outcome: Outcome;
      let made: BriefRow[] = [];
      try {
        const targets = await activeTargets(db, schedule.id, "delivery");
        made = await this.makeBriefs(schedule, period, this.localesFor(schedule, targets));
        await inTransaction(db, "write", () =>
          db
            .update(scheduleRuns)
            .set({ briefIds: made.map((b) => b.id) })
            .where(eq(scheduleRuns.id, run.id)),
        );
        outcome = await this.deliver(run, schedule, period, made, targets, onlyTarget);
      } catch (error) {
        const message = (error as Error).message;
        outcome = {
          failures: [message],
          statuses: [],
          abandoned: this.abandonedBy(error) ? 1 : 0,
        };
      }
      if (outcome.failures.length > 0 && outcome.failures.length === outcome.abandoned) {
        // Cut short by stop(), not failed by a receiver: the attempt does not count, nobody is
        // alerted, and the run is ready again at once (for another worker, or the next start).
        // A failure of its own (an HTTP 500 before stop()) counts as any other: else a worker
        // restarted in a loop would retry a failing target for ever, and no one would hear of it.
        const error = outcome.failures.join("; ");
        await this.finish(run.id, {
          status: "failed",
          attempts: run.attempts - 1,
          error,
          nextAttemptAt: this.clock.now().toISOString(),
        });
        logger?.warn("schedule run interrupted by shutdown", {
          schedule: schedule.name,
          period: period.from,
          error,
        });
        return;
      }
      if (outcome.failures.length === 0) {
        if (
          !(await this.finish(run.id, {
            status: "done",
            error: null,
            finishedAt: this.clock.now().toISOString(),
          }))
        )
          return;
        logger?.info("schedule run done", { schedule: schedule.name, period: period.from });
        await this.announce(schedule, run.id, period, made, "schedule.run.completed", outcome);
        return;
      }
      const gaveUp = run.attempts >= this.retry.maxAttempts;
      const delay = retryDelayMs(this.retry, run.attempts);
      const nextAttemptAt = gaveUp
        ? null
        : new Date(this.clock.now().getTime() + delay).toISOString();
      const error = outcome.failures.join("; ");
      if (
        !(await this.finish(run.id, {
          status: gaveUp ? "gave_up" : "failed",
          error,
          nextAttemptAt,
          finishedAt: gaveUp ? this.clock.now().toISOString() : null,
        }))
      )
        return;
      (gaveUp ? logger?.error : logger?.warn)?.call(
        logger,
        gaveUp ? "schedule run gave up" : "schedule run failed",
        { schedule: schedule.name, period: period.from, attempts: run.attempts, error },
      );
      // The owner hears of the first failure and of giving up, not of every retry between.
      if (gaveUp || run.attempts === 1) {
        await this.alert(schedule, run, period, made, outcome, gaveUp, nextAttemptAt);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  private periodOfRun(schedule: ScheduleRow, run: RunRow): Period {
    const zoneDay = (instant: string) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: schedule.timezone }).format(new Date(instant));
    return {
      from: zoneDay(run.periodStart),
      to: zoneDay(new Date(Date.parse(run.periodEnd) - 1).toISOString()),
      start: run.periodStart,
      end: run.periodEnd,
    };
  }

  /** Whether anything was recorded in the period: an engagement of a relationship in scope. */
  private async hadActivity(schedule: ScheduleRow, period: Period): Promise<boolean> {
    const keys = await relationshipsInScope(this.options.db, schedule.scope as Scope);
    const [found] = await this.options.db
      .select({ id: events.id })
      .from(events)
      .innerJoin(relationships, eq(relationships.id, events.relationshipId))
      .where(
        and(
          inArray(relationships.key, keys),
          sql`${events.dateFrom} <= ${period.to} AND ${events.dateTo} >= ${period.from}`,
        ),
      )
      .limit(1);
    return found !== undefined;
  }

  /** Every locale some target reads (each target's own, or the schedule's). */
  private localesFor(schedule: ScheduleRow, targets: TargetRow[]): Locale[] {
    const fallback = schedule.locales as Locale[];
    if (targets.length === 0) return fallback;
    return [...new Set(targets.flatMap((t) => (t.locales as Locale[] | null) ?? fallback))];
  }

  /**
   * The same path as every other caller; an identical brief already made is reused. A template
   * that covers a scope makes one brief of it per locale, any other one per relationship.
   */
  private async makeBriefs(
    schedule: ScheduleRow,
    period: Period,
    locales: Locale[],
  ): Promise<BriefRow[]> {
    const scope = schedule.scope as Scope;
    const template = schedule.template as TemplateName;
    const subjects = descriptors[template].scoped
      ? [{ relationships: scope.relationships, countries: scope.countries }]
      : (await relationshipsInScope(this.options.db, scope)).map((key) => ({
          between: key.split("-"),
        }));
    const made: BriefRow[] = [];
    for (const subject of subjects) {
      for (const locale of locales) {
        const brief = await this.options.briefs.generate(
          {
            template: schedule.template,
            ...subject,
            period: { from: period.from, to: period.to },
            asOf: period.to,
            locale,
            cadence: summaryCadence[schedule.period as PeriodRule],
          },
          { waitMs: 5 * 60_000, requestedBy: `schedule:${schedule.name}` },
        );
        if (brief.status !== "done") {
          throw new Error(`brief ${brief.id} ${brief.status}: ${brief.error ?? ""}`);
        }
        made.push(brief);
      }
    }
    return made;
  }

  private context(
    schedule: ScheduleRow,
    runId: number | null,
    period: Period,
    briefs: BriefRow[],
  ): RunContext {
    return {
      schedule: { id: schedule.id, name: schedule.name, period: schedule.period as PeriodRule },
      runId,
      period,
      briefs,
      link: (b) =>
        this.options.briefLinks?.signed(b.publicId as string, "pdf") ??
        `${this.options.publicUrl}/briefs/${b.publicId}.pdf`,
    };
  }

  private webhookOptions() {
    const { delivery } = this.options;
    return {
      timeoutMs: delivery.webhookTimeoutMs,
      allow: delivery.webhookAllow,
      signal: this.abandon.signal,
    };
  }

  private async sendMail(
    context: RunContext,
    address: string,
    locales: Locale[],
    targetId: number | null,
    test = false,
  ): Promise<void> {
    const { delivery, linkSecret, publicUrl } = this.options;
    if (!delivery.smtpUrl) throw new Error("no SMTP server configured (ATTACHE_SMTP_URL)");
    const [language = "en"] = locales;
    const text = mailText(language, context, test);
    const briefs = context.briefs.filter((b) => locales.includes(b.locale as Locale));
    await sendBriefMail(
      delivery.smtpUrl,
      {
        from: delivery.mailFrom,
        to: address,
        ...text,
        briefs: briefs.map((b) => ({
          fileName: briefFileName(b),
          path: this.options.briefs.filePath(b.file as string),
          title: b.title ?? briefFileName(b),
          downloadUrl: context.link(b),
        })),
        ...(linkSecret && targetId !== null
          ? { unsubscribeUrl: `${publicUrl}/unsubscribe/${unsubscribeToken(linkSecret, targetId)}` }
          : {}),
      },
      this.mailOptions(),
    );
  }

  /** An email's deadlines are a webhook's, and stop() abandons it as it does a webhook. */
  private mailOptions() {
    return { timeoutMs: this.options.delivery.webhookTimeoutMs, signal: this.abandon.signal };
  }

  /**
   * Sends to every target not yet sent (or only `onlyTarget`); returns what failed. A sent target
   * is never sent again, unless resent. Stops if our lease was lost meanwhile.
   */
  private async deliver(
    run: RunRow,
    schedule: ScheduleRow,
    period: Period,
    made: BriefRow[],
    targets: TargetRow[],
    onlyTarget?: number,
  ): Promise<Outcome> {
    const { db } = this.options;
    const context = this.context(schedule, run.id, period, made);
    const scheduleLocales = schedule.locales as Locale[];
    // Each target's statuses and failures, in the targets' order whatever order they finish in.
    const results = targets.map(() => ({
      failures: [] as string[],
      statuses: [] as Outcome["statuses"],
      abandoned: 0,
    }));
    await eachLimited(targets, this.options.deliveryConcurrency ?? 4, async (target, index) => {
      const outcome = results[index] as Outcome;
      const key = targetKey(target);
      const row = await inTransaction(db, "write", async () => {
        await db
          .insert(deliveries)
          .values({ runId: run.id, target: key, targetId: target.id })
          .onConflictDoNothing();
        const [found] = await db
          .select()
          .from(deliveries)
          .where(and(eq(deliveries.runId, run.id), eq(deliveries.target, key)));
        return found;
      });
      if (!row) return;
      if (row.status === "sent" || (onlyTarget !== undefined && target.id !== onlyTarget)) {
        outcome.statuses.push({ target: key, status: row.status });
        return;
      }
      if (!(await this.renew(run.id))) throw new Error("lease lost to another process");
      const locales = (target.locales as Locale[] | null) ?? scheduleLocales;
      try {
        if (target.kind === "webhook") {
          const own = {
            ...context,
            briefs: made.filter((b) => locales.includes(b.locale as Locale)),
          };
          await postWebhook(
            { url: target.url as string, secrets: signingSecrets(target, this.clock.now()) },
            {
              // Stable across retries, so a receiver can drop a repeat it already processed.
              id: `msg_run${run.id}_d${row.id}${row.resends ? `_r${row.resends}` : ""}`,
              payload: envelope("schedule.briefs.ready", this.clock.now(), briefsPayload(own)),
            },
            this.webhookOptions(),
          );
        } else {
          await this.sendMail(context, target.address as string, locales, target.id);
        }
        const sentAt = this.clock.now().toISOString();
        await inTransaction(db, "write", () =>
          db
            .update(deliveries)
            .set({ status: "sent", attempts: row.attempts + 1, error: null, sentAt })
            .where(eq(deliveries.id, row.id)),
        );
        outcome.statuses.push({ target: key, status: "sent" });
      } catch (error) {
        const message = (error as Error).message;
        outcome.failures.push(`${key}: ${message}`);
        if (this.abandonedBy(error)) outcome.abandoned = (outcome.abandoned ?? 0) + 1;
        outcome.statuses.push({ target: key, status: "failed" });
        await inTransaction(db, "write", () =>
          db
            .update(deliveries)
            .set({ status: "failed", attempts: row.attempts + 1, error: message })
            .where(eq(deliveries.id, row.id)),
        );
      }
    });
    return {
      failures: results.flatMap((r) => r.failures),
      statuses: results.flatMap((r) => r.statuses),
      abandoned: results.reduce((sum, r) => sum + r.abandoned, 0),
    };
  }

  /**
   * Whether a delivery failed because stop() abandoned it: the signal is set and the error is the
   * one a webhook or an email abandoned by it throws (not a timeout or an answer that came first).
   */
  private abandonedBy(error: unknown): boolean {
    return this.abandon.signal.aborted && error instanceof DeliveryAbandoned;
  }

  /** A run's final word to webhook targets: completed only when every target succeeded. */
  private async announce(
    schedule: ScheduleRow,
    runId: number,
    period: Period,
    made: BriefRow[],
    type: WebhookEvent,
    outcome: Outcome,
    only?: TargetRow[],
  ): Promise<void> {
    const to = only ?? (await activeTargets(this.options.db, schedule.id, "delivery"));
    const payload = envelope(type, this.clock.now(), {
      ...briefsPayload(this.context(schedule, runId, period, made)),
      targets: outcome.statuses,
      errors: outcome.failures,
    });
    const webhooks = to.filter((t) => t.kind === "webhook");
    await eachLimited(webhooks, this.options.deliveryConcurrency ?? 4, async (target) => {
      try {
        await postWebhook(
          { url: target.url as string, secrets: signingSecrets(target, this.clock.now()) },
          { id: `msg_run${runId}_${type.split(".").pop()}_t${target.id}`, payload },
          this.webhookOptions(),
        );
      } catch (error) {
        this.options.logger?.warn("run status not delivered", {
          schedule: schedule.name,
          target: targetKey(target),
          error: (error as Error).message,
        });
      }
    });
  }

  /** Tells the owner (by email) and the alert webhooks that a run failed or gave up. */
  private async alert(
    schedule: ScheduleRow,
    run: RunRow,
    period: Period,
    made: BriefRow[],
    outcome: Outcome,
    gaveUp: boolean,
    nextAttemptAt: string | null,
  ): Promise<void> {
    const { db, delivery, logger } = this.options;
    const alertTargets = await activeTargets(db, schedule.id, "alert");
    await this.announce(
      schedule,
      run.id,
      period,
      made,
      gaveUp ? "schedule.run.gave_up" : "schedule.run.failed",
      outcome,
      alertTargets,
    );
    const context = this.context(schedule, run.id, period, made);
    const text = alertText(
      context,
      {
        gaveUp,
        attempts: run.attempts,
        maxAttempts: this.retry.maxAttempts,
        errors: outcome.failures,
      },
      nextAttemptAt,
    );
    const addresses = [
      ...(schedule.owner ? [schedule.owner] : []),
      ...alertTargets.filter((t) => t.kind === "email").map((t) => t.address as string),
    ];
    for (const address of addresses) {
      if (!delivery.smtpUrl) break;
      try {
        await sendBriefMail(
          delivery.smtpUrl,
          {
            from: delivery.mailFrom,
            to: address,
            ...text,
            briefs: [],
          },
          this.mailOptions(),
        );
      } catch (error) {
        logger?.error("alert not delivered", {
          schedule: schedule.name,
          to: address,
          error: (error as Error).message,
        });
      }
    }
  }
}

/**
 * Calls `work` for every item, at most `limit` at a time, and waits for all of them. After one
 * throws no further item is started; the first error is thrown once the started ones end.
 */
async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | null = null;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw (failed as { error: unknown }).error;
}

/** A scheduler wired from configuration: what the server and `attache worker` both run. */
export function schedulerFromConfig(
  db: Db,
  briefs: BriefService,
  config: Config,
  logger?: Logger,
): Scheduler {
  return new Scheduler({
    db,
    briefs,
    logger,
    publicUrl: config.publicUrl,
    delivery: config.delivery,
    retry: config.retry,
    linkSecret: linkSecret(config),
    briefLinks: briefLinksFromConfig(config),
  });
}
