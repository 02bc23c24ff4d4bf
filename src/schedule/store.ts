// Schedules in the database: create, update, pause, resume, delete (softly: runs and deliveries
// stay), and their targets: add, remove, rotate a webhook secret. Every write is audited in the
// same transaction; audit entries never carry secrets.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { writeAudit } from "../audit/log.ts";
import type { Db } from "../db/client.ts";
import { scheduleRuns, schedules, scheduleTargets } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Period, PeriodRule } from "../domain/periods.ts";
import { Refusal } from "../domain/refusal.ts";
import {
  type CheckedTarget,
  checkSchedule,
  checkTargets,
  type DeliveryPolicy,
  newWebhookSecret,
  refuseTooManyTargets,
  type ScheduleInput,
  type ScheduleRow,
  type TargetInput,
  type TargetRole,
  targetKey,
} from "./definition.ts";
import { duePeriods } from "./due.ts";

export type TargetRow = typeof scheduleTargets.$inferSelect;
export type WriteOptions = { actor: string; now?: Date };
/** A webhook secret made or rotated by a write: shown to the caller this once. */
export type NewSecret = { targetId: number; url: string; secret: string };

const notFound = (what: string, argumentName: string) =>
  new Refusal(`no ${what}`, "NOT_FOUND", argumentName);

/** The live schedule with this id, or a NOT_FOUND refusal naming `argumentName`. */
export async function liveSchedule(db: Db, id: number, argumentName = "id"): Promise<ScheduleRow> {
  const [row] = await db
    .select()
    .from(schedules)
    .where(and(eq(schedules.id, id), isNull(schedules.deletedAt)));
  if (!row) throw notFound(`schedule ${id}`, argumentName);
  return row;
}

export async function findSchedule(db: Db, idOrName: string): Promise<ScheduleRow | undefined> {
  const byId = /^\d+$/.test(idOrName)
    ? eq(schedules.id, Number(idOrName))
    : eq(schedules.name, idOrName);
  const [row] = await db
    .select()
    .from(schedules)
    .where(and(byId, isNull(schedules.deletedAt)));
  return row;
}

/** The targets a schedule uses now (removed ones are kept for history, not used). */
export async function activeTargets(
  db: Db,
  scheduleId: number,
  role?: TargetRole,
): Promise<TargetRow[]> {
  return db
    .select()
    .from(scheduleTargets)
    .where(
      and(
        eq(scheduleTargets.scheduleId, scheduleId),
        isNull(scheduleTargets.removedAt),
        role ? eq(scheduleTargets.role, role) : undefined,
      ),
    )
    .orderBy(scheduleTargets.id);
}

/** A target as shown to people and written to the audit log: never its secrets. */
function publicTarget(t: TargetRow) {
  return {
    id: t.id,
    kind: t.kind,
    role: t.role,
    url: t.url,
    address: t.address,
    locales: t.locales as string[] | null,
    previousSecretUntil: t.previousSecretUntil,
  };
}

async function auditSchedule(
  db: Db,
  actor: string,
  action: Parameters<typeof writeAudit>[1]["action"],
  row: ScheduleRow,
  before: unknown,
  after: unknown,
): Promise<void> {
  await writeAudit(db, {
    actor,
    action,
    entityType: "schedule",
    entityId: row.id,
    entityKey: row.name,
    before,
    after,
  });
}

/** A schedule and its targets as the audit log records them. */
/** A schedule as the audit log keeps it, with its targets (read now unless given). */
async function scheduleSnapshot(db: Db, row: ScheduleRow, targets?: TargetRow[]) {
  return { ...row, targets: (targets ?? (await activeTargets(db, row.id))).map(publicTarget) };
}

async function insertTargets(db: Db, scheduleId: number, targets: CheckedTarget[], at: string) {
  const secrets: NewSecret[] = [];
  for (const target of targets) {
    const secret = target.kind === "webhook" ? (target.secret ?? newWebhookSecret()) : null;
    const [row] = await db
      .insert(scheduleTargets)
      .values({
        scheduleId,
        kind: target.kind,
        role: target.role,
        url: target.kind === "webhook" ? target.url : null,
        address: target.kind === "email" ? target.address : null,
        locales: target.locales,
        secret,
        createdAt: at,
      })
      .returning();
    if (row && target.kind === "webhook" && !target.secret) {
      secrets.push({ targetId: row.id, url: target.url, secret: secret as string });
    }
  }
  return secrets;
}

async function refuseTakenName(
  db: Db,
  name: string,
  id: number | null,
  argumentName: string,
): Promise<void> {
  const [other] = await db
    .select({ id: schedules.id })
    .from(schedules)
    .where(eq(schedules.name, name));
  if (other && other.id !== id) {
    throw new Refusal(`a schedule named "${name}" exists`, "CONFLICT", argumentName);
  }
}

export async function createSchedule(
  db: Db,
  input: ScheduleInput,
  policy: DeliveryPolicy,
  { actor, now = new Date() }: WriteOptions,
): Promise<{ schedule: ScheduleRow; secrets: NewSecret[] }> {
  const values = await checkSchedule(db, input, policy);
  const targets = await checkTargets(input.targets ?? [], policy, "input.targets");
  return inTransaction(db, "write", async () => {
    await refuseTakenName(db, values.name, null, "input.name");
    const at = now.toISOString();
    const [schedule] = (await db
      .insert(schedules)
      .values({ ...values, pausedAt: values.enabled ? null : at, createdAt: at, updatedAt: at })
      .returning()) as [ScheduleRow];
    const secrets = await insertTargets(db, schedule.id, targets, at);
    await auditSchedule(db, actor, "create", schedule, null, await scheduleSnapshot(db, schedule));
    return { schedule, secrets };
  });
}

/**
 * Replaces a schedule's definition; `version` must be the one the caller read. Targets named
 * again (same URL or address) keep their records and secrets; `targets` absent leaves them all.
 */
export async function updateSchedule(
  db: Db,
  id: number,
  version: number,
  input: ScheduleInput,
  policy: DeliveryPolicy,
  { actor, now = new Date() }: WriteOptions,
): Promise<{ schedule: ScheduleRow; secrets: NewSecret[] }> {
  const values = await checkSchedule(db, input, policy);
  const targets = input.targets ? await checkTargets(input.targets, policy, "input.targets") : null;
  return inTransaction(db, "write", async () => {
    const current = await liveSchedule(db, id);
    if (current.version !== version) {
      throw new Refusal(
        `schedule ${id} changed since version ${version} (now ${current.version}); read it again`,
        "CONFLICT",
        "version",
      );
    }
    await refuseTakenName(db, values.name, id, "input.name");
    const currentTargets = await activeTargets(db, id);
    const before = await scheduleSnapshot(db, current, currentTargets);
    const at = now.toISOString();
    let secrets: NewSecret[] = [];
    if (targets) {
      const existing = new Map(currentTargets.map((t) => [targetKey(t), t]));
      const wanted = new Set(targets.map(targetKey));
      for (const [i, target] of targets.entries()) {
        const kept = existing.get(targetKey(target));
        if (kept && target.kind === "webhook" && target.secret && target.secret !== kept.secret) {
          throw new Refusal(
            "a target keeps its secret across edits; rotate it with rotateWebhookSecret",
            "BAD_USER_INPUT",
            `input.targets[${i}].secret`,
          );
        }
        if (kept) {
          await db
            .update(scheduleTargets)
            .set({ locales: target.locales, role: target.role })
            .where(eq(scheduleTargets.id, kept.id));
        }
      }
      for (const [key, target] of existing) {
        if (!wanted.has(key)) {
          await db
            .update(scheduleTargets)
            .set({ removedAt: at })
            .where(eq(scheduleTargets.id, target.id));
        }
      }
      secrets = await insertTargets(
        db,
        id,
        targets.filter((t) => !existing.has(targetKey(t))),
        at,
      );
    }
    const pausing = !values.enabled && current.enabled;
    const resuming = values.enabled && !current.enabled;
    const [schedule] = (await db
      .update(schedules)
      .set({
        ...values,
        ...(pausing ? { pausedAt: at } : resuming ? { pausedAt: null } : {}),
        version: version + 1,
        updatedAt: at,
      })
      .where(eq(schedules.id, id))
      .returning()) as [ScheduleRow];
    if (resuming) await recordPausedPeriods(db, current, now, false);
    await auditSchedule(
      db,
      actor,
      "update",
      schedule,
      before,
      await scheduleSnapshot(db, schedule),
    );
    return { schedule, secrets };
  });
}

/** Soft delete: the schedule stops and frees its name; its runs and deliveries stay. */
export async function deleteSchedule(
  db: Db,
  id: number,
  { actor, now = new Date() }: WriteOptions,
): Promise<true> {
  await inTransaction(db, "write", async () => {
    const current = await liveSchedule(db, id);
    const [deleted] = (await db
      .update(schedules)
      .set({
        name: `${current.name} (deleted #${id})`,
        enabled: false,
        deletedAt: now.toISOString(),
        version: sql`${schedules.version} + 1`,
      })
      .where(eq(schedules.id, id))
      .returning()) as [ScheduleRow];
    await auditSchedule(db, actor, "delete", current, await scheduleSnapshot(db, current), deleted);
  });
  return true;
}

/** Pauses: no run starts; periods ending while paused are recorded as skipped. */
export async function pauseSchedule(
  db: Db,
  id: number,
  { actor, now = new Date() }: WriteOptions,
): Promise<ScheduleRow> {
  return inTransaction(db, "write", async () => {
    const current = await liveSchedule(db, id);
    if (!current.enabled) return current;
    const [row] = (await db
      .update(schedules)
      .set({
        enabled: false,
        pausedAt: now.toISOString(),
        version: current.version + 1,
        updatedAt: now.toISOString(),
      })
      .where(eq(schedules.id, id))
      .returning()) as [ScheduleRow];
    await auditSchedule(db, actor, "pause", row, { enabled: true }, { enabled: false });
    return row;
  });
}

/**
 * Resumes. The periods that ended while paused stay skipped, unless `catchUp`: then they run
 * (at most the schedule's catchUp most recent ones, as after downtime).
 */
export async function resumeSchedule(
  db: Db,
  id: number,
  { catchUp = false, actor, now = new Date() }: WriteOptions & { catchUp?: boolean },
): Promise<ScheduleRow> {
  return inTransaction(db, "write", async () => {
    const current = await liveSchedule(db, id);
    if (current.enabled) return current;
    await recordPausedPeriods(db, current, now, catchUp);
    const [row] = (await db
      .update(schedules)
      .set({
        enabled: true,
        pausedAt: null,
        version: current.version + 1,
        updatedAt: now.toISOString(),
      })
      .where(eq(schedules.id, id))
      .returning()) as [ScheduleRow];
    await auditSchedule(db, actor, "resume", row, { enabled: false }, { enabled: true, catchUp });
    return row;
  });
}

/**
 * Records a schedule's run of a period unless one is recorded already (pending, unless `start`
 * says otherwise). In the caller's transaction.
 */
export async function recordRun(
  db: Db,
  scheduleId: number,
  period: { start: string; end: string },
  at: Date,
  start: { status?: "pending" | "skipped"; reason?: string | null } = {},
): Promise<void> {
  await db
    .insert(scheduleRuns)
    .values({
      scheduleId,
      periodStart: period.start,
      periodEnd: period.end,
      createdAt: at.toISOString(),
      ...start,
    })
    .onConflictDoNothing();
}

/** The due periods of a paused schedule that ended while it was paused. */
export function pausedPeriods(schedule: ScheduleRow, now: Date): Period[] {
  const since = schedule.pausedAt ?? schedule.updatedAt;
  return duePeriods({ ...schedule, period: schedule.period as PeriodRule }, now).filter(
    (p) => p.end > since,
  );
}

/** How a period that ended while its schedule was paused is recorded, unless caught up. */
export const skippedWhilePaused = { status: "skipped", reason: "paused" } as const;

/**
 * Records every due period that ended while a schedule was paused: skipped, or pending when the
 * caller asked to catch up (then skipped ones of that pause become pending again). Runs in the
 * caller's write transaction.
 */
export async function recordPausedPeriods(
  db: Db,
  schedule: ScheduleRow,
  now: Date,
  catchUp: boolean,
): Promise<void> {
  for (const period of pausedPeriods(schedule, now)) {
    await recordRun(
      db,
      schedule.id,
      period,
      now,
      catchUp ? { status: "pending", reason: null } : skippedWhilePaused,
    );
    if (catchUp) {
      await db
        .update(scheduleRuns)
        .set({ status: "pending", reason: null })
        .where(
          and(
            eq(scheduleRuns.scheduleId, schedule.id),
            eq(scheduleRuns.periodStart, period.start),
            eq(scheduleRuns.status, "skipped"),
            eq(scheduleRuns.reason, "paused"),
          ),
        );
    }
  }
}

/**
 * A change to a schedule's targets is a change to the schedule: its version moves on, so an
 * update built from an earlier read (and its list of targets) is refused, not applied over it.
 */
async function targetsChanged(db: Db, scheduleId: number, at: string): Promise<void> {
  await db
    .update(schedules)
    .set({ version: sql`${schedules.version} + 1`, updatedAt: at })
    .where(eq(schedules.id, scheduleId));
}

async function liveTarget(db: Db, targetId: number, argumentName: string): Promise<TargetRow> {
  const [target] = await db
    .select()
    .from(scheduleTargets)
    .where(and(eq(scheduleTargets.id, targetId), isNull(scheduleTargets.removedAt)));
  if (!target) throw notFound(`target ${targetId}`, argumentName);
  await liveSchedule(db, target.scheduleId, argumentName);
  return target;
}

async function auditTarget(
  db: Db,
  actor: string,
  action: Parameters<typeof writeAudit>[1]["action"],
  target: TargetRow,
  before: TargetRow | null,
  after: TargetRow | null,
): Promise<void> {
  await writeAudit(db, {
    actor,
    action,
    entityType: "schedule_target",
    entityId: target.id,
    entityKey: targetKey(target),
    before: before && publicTarget(before),
    after: after && publicTarget(after),
  });
}

/** Adds targets to a schedule without touching the others. */
export async function addTargets(
  db: Db,
  scheduleId: number,
  inputs: TargetInput[],
  policy: DeliveryPolicy,
  { actor, now = new Date() }: WriteOptions,
): Promise<{ targets: TargetRow[]; secrets: NewSecret[] }> {
  await liveSchedule(db, scheduleId, "schedule");
  const checked = await checkTargets(inputs, policy, "targets");
  return inTransaction(db, "write", async () => {
    const current = await activeTargets(db, scheduleId);
    refuseTooManyTargets(inputs, "targets", current.length);
    const taken = new Set(current.map(targetKey));
    const clash = checked.find((t) => taken.has(targetKey(t)));
    if (clash) {
      throw new Refusal(`${targetKey(clash)} is already a target`, "CONFLICT", "targets");
    }
    const before = new Set(current.map((t) => t.id));
    const secrets = await insertTargets(db, scheduleId, checked, now.toISOString());
    const added = (await activeTargets(db, scheduleId)).filter((t) => !before.has(t.id));
    for (const target of added) await auditTarget(db, actor, "create", target, null, target);
    if (added.length > 0) await targetsChanged(db, scheduleId, now.toISOString());
    return { targets: added, secrets };
  });
}

/** Removes one target; its past deliveries keep naming it. */
export async function removeTarget(
  db: Db,
  targetId: number,
  { actor, now = new Date() }: WriteOptions,
  argumentName = "target",
): Promise<TargetRow> {
  return inTransaction(db, "write", async () => {
    const target = await liveTarget(db, targetId, argumentName);
    const [removed] = (await db
      .update(scheduleTargets)
      .set({ removedAt: now.toISOString() })
      .where(eq(scheduleTargets.id, targetId))
      .returning()) as [TargetRow];
    await auditTarget(db, actor, "delete", target, target, null);
    await targetsChanged(db, target.scheduleId, now.toISOString());
    return removed;
  });
}

/**
 * A new signing secret for a webhook target, shown once. During `graceMs` the previous secret
 * signs too (Standard Webhooks receivers accept any listed signature), so receivers can switch.
 */
export async function rotateWebhookSecret(
  db: Db,
  targetId: number,
  graceMs: number,
  { actor, now = new Date() }: WriteOptions,
): Promise<{ target: TargetRow; secret: string }> {
  if (!Number.isInteger(graceMs) || graceMs < 0 || graceMs > 30 * 86_400_000) {
    throw new Refusal("the grace period is 0 to 720 hours", "BAD_USER_INPUT", "graceHours");
  }
  return inTransaction(db, "write", async () => {
    const current = await liveTarget(db, targetId, "target");
    if (current.kind !== "webhook") {
      throw new Refusal("only webhook targets have secrets", "BAD_USER_INPUT", "target");
    }
    const secret = newWebhookSecret();
    const [target] = (await db
      .update(scheduleTargets)
      .set({
        secret,
        previousSecret: graceMs > 0 ? current.secret : null,
        previousSecretUntil: graceMs > 0 ? new Date(now.getTime() + graceMs).toISOString() : null,
      })
      .where(eq(scheduleTargets.id, targetId))
      .returning()) as [TargetRow];
    await auditTarget(db, actor, "rotate", target, current, target);
    return { target, secret };
  });
}

/** The secrets that sign a webhook now: the current one, and the previous one in its grace. */
export function signingSecrets(target: TargetRow, now: Date): string[] {
  const previous =
    target.previousSecret &&
    target.previousSecretUntil &&
    target.previousSecretUntil > now.toISOString()
      ? [target.previousSecret]
      : [];
  return [target.secret as string, ...previous];
}

export async function listRuns(db: Db, scheduleId: number, limit = 20) {
  return db
    .select()
    .from(scheduleRuns)
    .where(eq(scheduleRuns.scheduleId, scheduleId))
    .orderBy(desc(scheduleRuns.periodStart))
    .limit(limit);
}
