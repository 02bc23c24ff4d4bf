// Schedules in the database: create, update, pause, resume, delete (softly: runs and deliveries
// stay), and their targets: add, remove, rotate a webhook secret. Every write is audited in the
// same transaction; audit entries never carry secrets.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { writeAudit } from "../audit/log.ts";
import type { Db } from "../db/client.ts";
import { scheduleRuns, schedules, scheduleTargets } from "../db/schema.ts";
import type { PeriodRule } from "../domain/periods.ts";
import { Refusal } from "../domain/refusal.ts";
import {
  type CheckedTarget,
  checkSchedule,
  checkTargets,
  type DeliveryPolicy,
  newWebhookSecret,
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
export function liveSchedule(db: Db, id: number, argumentName = "id"): ScheduleRow {
  const row = db
    .select()
    .from(schedules)
    .where(and(eq(schedules.id, id), isNull(schedules.deletedAt)))
    .get();
  if (!row) throw notFound(`schedule ${id}`, argumentName);
  return row;
}

export function findSchedule(db: Db, idOrName: string): ScheduleRow | undefined {
  const byId = /^\d+$/.test(idOrName)
    ? eq(schedules.id, Number(idOrName))
    : eq(schedules.name, idOrName);
  return db
    .select()
    .from(schedules)
    .where(and(byId, isNull(schedules.deletedAt)))
    .get();
}

/** The targets a schedule uses now (removed ones are kept for history, not used). */
export function activeTargets(db: Db, scheduleId: number, role?: TargetRole): TargetRow[] {
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
    .orderBy(scheduleTargets.id)
    .all();
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

function auditSchedule(
  db: Db,
  actor: string,
  action: Parameters<typeof writeAudit>[1]["action"],
  row: ScheduleRow,
  before: unknown,
  after: unknown,
): void {
  writeAudit(db.$client, {
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
function scheduleSnapshot(db: Db, row: ScheduleRow) {
  return { ...row, targets: activeTargets(db, row.id).map(publicTarget) };
}

function insertTargets(db: Db, scheduleId: number, targets: CheckedTarget[], at: string) {
  const secrets: NewSecret[] = [];
  for (const target of targets) {
    const secret = target.kind === "webhook" ? (target.secret ?? newWebhookSecret()) : null;
    const row = db
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
      .returning()
      .get();
    if (target.kind === "webhook" && !target.secret) {
      secrets.push({ targetId: row.id, url: target.url, secret: secret as string });
    }
  }
  return secrets;
}

function refuseTakenName(db: Db, name: string, id: number | null, argumentName: string): void {
  const other = db
    .select({ id: schedules.id })
    .from(schedules)
    .where(eq(schedules.name, name))
    .get();
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
  const values = checkSchedule(db, input);
  const targets = await checkTargets(input.targets ?? [], policy, "input.targets");
  return db.transaction((tx) => {
    refuseTakenName(db, values.name, null, "input.name");
    const at = now.toISOString();
    const schedule = tx
      .insert(schedules)
      .values({ ...values, pausedAt: values.enabled ? null : at, createdAt: at, updatedAt: at })
      .returning()
      .get();
    const secrets = insertTargets(db, schedule.id, targets, at);
    auditSchedule(db, actor, "create", schedule, null, scheduleSnapshot(db, schedule));
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
  const values = checkSchedule(db, input);
  const targets = input.targets ? await checkTargets(input.targets, policy, "input.targets") : null;
  return db.transaction((tx) => {
    const current = liveSchedule(db, id);
    if (current.version !== version) {
      throw new Refusal(
        `schedule ${id} changed since version ${version} (now ${current.version}); read it again`,
        "CONFLICT",
        "version",
      );
    }
    refuseTakenName(db, values.name, id, "input.name");
    const before = scheduleSnapshot(db, current);
    const at = now.toISOString();
    let secrets: NewSecret[] = [];
    if (targets) {
      const existing = new Map(activeTargets(db, id).map((t) => [targetKey(t), t]));
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
          tx.update(scheduleTargets)
            .set({ locales: target.locales, role: target.role })
            .where(eq(scheduleTargets.id, kept.id))
            .run();
        }
      }
      for (const [key, target] of existing) {
        if (!wanted.has(key)) {
          tx.update(scheduleTargets)
            .set({ removedAt: at })
            .where(eq(scheduleTargets.id, target.id))
            .run();
        }
      }
      secrets = insertTargets(
        db,
        id,
        targets.filter((t) => !existing.has(targetKey(t))),
        at,
      );
    }
    const pausing = !values.enabled && current.enabled;
    const resuming = values.enabled && !current.enabled;
    const schedule = tx
      .update(schedules)
      .set({
        ...values,
        ...(pausing ? { pausedAt: at } : resuming ? { pausedAt: null } : {}),
        version: version + 1,
        updatedAt: at,
      })
      .where(eq(schedules.id, id))
      .returning()
      .get() as ScheduleRow;
    if (resuming) recordPausedPeriods(db, current, now, false);
    auditSchedule(db, actor, "update", schedule, before, scheduleSnapshot(db, schedule));
    return { schedule, secrets };
  });
}

/** Soft delete: the schedule stops and frees its name; its runs and deliveries stay. */
export function deleteSchedule(db: Db, id: number, { actor, now = new Date() }: WriteOptions) {
  db.transaction((tx) => {
    const current = liveSchedule(db, id);
    const deleted = tx
      .update(schedules)
      .set({
        name: `${current.name} (deleted #${id})`,
        enabled: false,
        deletedAt: now.toISOString(),
        version: sql`${schedules.version} + 1`,
      })
      .where(eq(schedules.id, id))
      .returning()
      .get() as ScheduleRow;
    auditSchedule(db, actor, "delete", current, scheduleSnapshot(db, current), deleted);
  });
  return true;
}

/** Pauses: no run starts; periods ending while paused are recorded as skipped. */
export function pauseSchedule(db: Db, id: number, { actor, now = new Date() }: WriteOptions) {
  return db.transaction((tx) => {
    const current = liveSchedule(db, id);
    if (!current.enabled) return current;
    const row = tx
      .update(schedules)
      .set({
        enabled: false,
        pausedAt: now.toISOString(),
        version: current.version + 1,
        updatedAt: now.toISOString(),
      })
      .where(eq(schedules.id, id))
      .returning()
      .get() as ScheduleRow;
    auditSchedule(db, actor, "pause", row, { enabled: true }, { enabled: false });
    return row;
  });
}

/**
 * Resumes. The periods that ended while paused stay skipped, unless `catchUp`: then they run
 * (at most the schedule's catchUp most recent ones, as after downtime).
 */
export function resumeSchedule(
  db: Db,
  id: number,
  { catchUp = false, actor, now = new Date() }: WriteOptions & { catchUp?: boolean },
) {
  return db.transaction((tx) => {
    const current = liveSchedule(db, id);
    if (current.enabled) return current;
    recordPausedPeriods(db, current, now, catchUp);
    const row = tx
      .update(schedules)
      .set({
        enabled: true,
        pausedAt: null,
        version: current.version + 1,
        updatedAt: now.toISOString(),
      })
      .where(eq(schedules.id, id))
      .returning()
      .get() as ScheduleRow;
    auditSchedule(db, actor, "resume", row, { enabled: false }, { enabled: true, catchUp });
    return row;
  });
}

/**
 * Records every due period that ended while a schedule was paused: skipped, or pending when the
 * caller asked to catch up (then skipped ones of that pause become pending again).
 */
export function recordPausedPeriods(db: Db, schedule: ScheduleRow, now: Date, catchUp: boolean) {
  const since = schedule.pausedAt ?? schedule.updatedAt;
  const periods = duePeriods({ ...schedule, period: schedule.period as PeriodRule }, now).filter(
    (p) => p.end > since,
  );
  for (const period of periods) {
    db.insert(scheduleRuns)
      .values({
        scheduleId: schedule.id,
        periodStart: period.start,
        periodEnd: period.end,
        status: catchUp ? "pending" : "skipped",
        reason: catchUp ? null : "paused",
        createdAt: now.toISOString(),
      })
      .onConflictDoNothing()
      .run();
    if (catchUp) {
      db.update(scheduleRuns)
        .set({ status: "pending", reason: null })
        .where(
          and(
            eq(scheduleRuns.scheduleId, schedule.id),
            eq(scheduleRuns.periodStart, period.start),
            eq(scheduleRuns.status, "skipped"),
            eq(scheduleRuns.reason, "paused"),
          ),
        )
        .run();
    }
  }
}

function liveTarget(db: Db, targetId: number, argumentName: string): TargetRow {
  const target = db
    .select()
    .from(scheduleTargets)
    .where(and(eq(scheduleTargets.id, targetId), isNull(scheduleTargets.removedAt)))
    .get();
  if (!target) throw notFound(`target ${targetId}`, argumentName);
  liveSchedule(db, target.scheduleId, argumentName);
  return target;
}

function auditTarget(
  db: Db,
  actor: string,
  action: Parameters<typeof writeAudit>[1]["action"],
  target: TargetRow,
  before: TargetRow | null,
  after: TargetRow | null,
): void {
  writeAudit(db.$client, {
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
  liveSchedule(db, scheduleId, "schedule");
  const checked = await checkTargets(inputs, policy, "targets");
  return db.transaction(() => {
    const taken = new Set(activeTargets(db, scheduleId).map(targetKey));
    const clash = checked.find((t) => taken.has(targetKey(t)));
    if (clash) {
      throw new Refusal(`${targetKey(clash)} is already a target`, "CONFLICT", "targets");
    }
    const before = new Set(activeTargets(db, scheduleId).map((t) => t.id));
    const secrets = insertTargets(db, scheduleId, checked, now.toISOString());
    const added = activeTargets(db, scheduleId).filter((t) => !before.has(t.id));
    for (const target of added) auditTarget(db, actor, "create", target, null, target);
    return { targets: added, secrets };
  });
}

/** Removes one target; its past deliveries keep naming it. */
export function removeTarget(
  db: Db,
  targetId: number,
  { actor, now = new Date() }: WriteOptions,
  argumentName = "target",
): TargetRow {
  return db.transaction((tx) => {
    const target = liveTarget(db, targetId, argumentName);
    const removed = tx
      .update(scheduleTargets)
      .set({ removedAt: now.toISOString() })
      .where(eq(scheduleTargets.id, targetId))
      .returning()
      .get() as TargetRow;
    auditTarget(db, actor, "delete", target, target, null);
    return removed;
  });
}

/**
 * A new signing secret for a webhook target, shown once. During `graceMs` the previous secret
 * signs too (Standard Webhooks receivers accept any listed signature), so receivers can switch.
 */
export function rotateWebhookSecret(
  db: Db,
  targetId: number,
  graceMs: number,
  { actor, now = new Date() }: WriteOptions,
): { target: TargetRow; secret: string } {
  if (!Number.isInteger(graceMs) || graceMs < 0 || graceMs > 30 * 86_400_000) {
    throw new Refusal("the grace period is 0 to 720 hours", "BAD_USER_INPUT", "graceHours");
  }
  return db.transaction((tx) => {
    const current = liveTarget(db, targetId, "target");
    if (current.kind !== "webhook") {
      throw new Refusal("only webhook targets have secrets", "BAD_USER_INPUT", "target");
    }
    const secret = newWebhookSecret();
    const target = tx
      .update(scheduleTargets)
      .set({
        secret,
        previousSecret: graceMs > 0 ? current.secret : null,
        previousSecretUntil: graceMs > 0 ? new Date(now.getTime() + graceMs).toISOString() : null,
      })
      .where(eq(scheduleTargets.id, targetId))
      .returning()
      .get() as TargetRow;
    auditTarget(db, actor, "rotate", target, current, target);
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

export function listRuns(db: Db, scheduleId: number, limit = 20) {
  return db
    .select()
    .from(scheduleRuns)
    .where(eq(scheduleRuns.scheduleId, scheduleId))
    .orderBy(desc(scheduleRuns.periodStart))
    .limit(limit)
    .all();
}
