// Which periods of a schedule are due at an instant. Pure: the clock's reading comes in as `now`.
// A period is due once the schedule's cron has fired at or after the period's end; after downtime
// the `catchUp` most recent due periods are returned, so missed weeks are not lost.
import { Cron } from "croner";
import { type Period, type PeriodRule, previousPeriod } from "../domain/periods.ts";
import { Refusal } from "../domain/refusal.ts";

export type ScheduleTiming = {
  cron: string;
  timezone: string;
  period: PeriodRule;
  catchUp: number;
  createdAt: string;
};

export function parseCron(expression: string, timezone: string, argumentName = "cron"): Cron {
  // Croner also takes a seconds field; schedules run at most once a minute (the tick).
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5) {
    throw new Refusal(
      `invalid cron expression "${expression}": five fields (minute hour day-of-month month day-of-week), not ${fields}`,
      "BAD_USER_INPUT",
      argumentName,
    );
  }
  try {
    return new Cron(expression, { timezone, paused: true });
  } catch (error) {
    throw new Refusal(
      `invalid cron expression "${expression}": ${(error as Error).message}`,
      "BAD_USER_INPUT",
      argumentName,
    );
  }
}

/** Due periods, oldest first. */
export function duePeriods(schedule: ScheduleTiming, now: Date): Period[] {
  const cron = parseCron(schedule.cron, schedule.timezone);
  const created = Date.parse(schedule.createdAt);
  const due: Period[] = [];
  let period = previousPeriod(schedule.period, now, schedule.timezone);
  // The latest period may not be due yet (its fire time is still ahead): look one further back.
  for (let i = 0; i <= schedule.catchUp && due.length < schedule.catchUp; i++) {
    const end = Date.parse(period.end);
    if (end <= created) break;
    const fired = cron.nextRun(new Date(end - 1));
    if (fired && fired.getTime() <= now.getTime()) due.unshift(period);
    period = previousPeriod(schedule.period, new Date(Date.parse(period.start)), schedule.timezone);
  }
  return due;
}

/** The next `count` fire times after `after`, as instants. */
export function nextFireTimes(
  cronExpression: string,
  timezone: string,
  after: Date,
  count: number,
): Date[] {
  return parseCron(cronExpression, timezone).nextRuns(count, after);
}
