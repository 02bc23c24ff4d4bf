// Schedules in the database: create, update, delete, list; runs listed per schedule.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { scheduleRuns, schedules } from "../db/schema.ts";
import { checkSchedule, type ScheduleInput, type ScheduleRow } from "./definition.ts";
import { ScheduleSpecError } from "./due.ts";

export function createSchedule(db: Db, input: ScheduleInput, now = new Date()): ScheduleRow {
  const values = checkSchedule(db, input);
  if (
    db.select({ id: schedules.id }).from(schedules).where(eq(schedules.name, values.name)).get()
  ) {
    throw new ScheduleSpecError(`a schedule named "${values.name}" exists`, "name");
  }
  const at = now.toISOString();
  return db
    .insert(schedules)
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning()
    .get();
}

/** Replaces a schedule's definition; `version` must be the one the caller read. */
export function updateSchedule(
  db: Db,
  id: number,
  version: number,
  input: ScheduleInput,
  now = new Date(),
): ScheduleRow {
  return db.transaction((tx) => {
    const current = tx.select().from(schedules).where(eq(schedules.id, id)).get();
    if (!current) throw new ScheduleSpecError(`no schedule ${id}`, "id");
    if (current.version !== version) {
      throw new ScheduleSpecError(
        `schedule ${id} changed since version ${version} (now ${current.version}); read it again`,
        "version",
      );
    }
    const values = checkSchedule(db, input);
    const row = tx
      .update(schedules)
      .set({ ...values, version: version + 1, updatedAt: now.toISOString() })
      .where(eq(schedules.id, id))
      .returning()
      .get();
    return row as ScheduleRow;
  });
}

export function deleteSchedule(db: Db, id: number): boolean {
  return db.delete(schedules).where(eq(schedules.id, id)).run().changes > 0;
}

export function findSchedule(db: Db, idOrName: string): ScheduleRow | undefined {
  const byId = /^\d+$/.test(idOrName)
    ? eq(schedules.id, Number(idOrName))
    : eq(schedules.name, idOrName);
  return db.select().from(schedules).where(byId).get();
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

/** A schedule as shown to users: webhook secrets are never shown again after creation. */
export function publicTargets(row: ScheduleRow) {
  return (row.targets as { type: string; url?: string; to?: string[] }[]).map((t) =>
    t.type === "webhook" ? { type: t.type, url: t.url } : { type: t.type, to: t.to },
  );
}
