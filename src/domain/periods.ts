// Reporting periods in a time zone: the ISO week (Monday 00:00 to Monday 00:00 local), the day or
// the calendar month before a given instant. Pure: correct across daylight-saving changes because
// local midnights are converted to instants with the zone's offset at that moment.
import { addDays } from "./dates.ts";

export const periodRules = ["previous_iso_week", "previous_day", "previous_month"] as const;
export type PeriodRule = (typeof periodRules)[number];

export type Period = {
  /** First and last calendar day, inclusive, in the zone. */
  from: string;
  to: string;
  /** The same period as UTC instants: [start, end). */
  start: string;
  end: string;
};

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: Date, zone: string) {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    ms: Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  return wallClock(new Date(instant), zone).ms - Math.floor(instant / 1000) * 1000;
}

/** The instant of local midnight starting `date` in `zone` (the first instant of that day). */
function startOfLocalDay(date: string, zone: string): Date {
  const naive = Date.parse(`${date}T00:00:00Z`);
  let guess = naive - offsetAt(naive, zone);
  // A second pass settles days whose offset differs from the naive guess (DST changes).
  guess = naive - offsetAt(guess, zone);
  // Where midnight does not exist (clocks jump at 00:00), the day starts at the jump.
  if (wallClock(new Date(guess), zone).date < date) guess += 3_600_000;
  return new Date(guess);
}

/** An instant as wall-clock time in a zone with its offset: 2025-11-24T07:00:00+06:00. */
export function localDateTime(instant: Date, zone: string): string {
  const wall = new Date(wallClock(instant, zone).ms).toISOString().slice(0, 19);
  const minutes = Math.round(offsetAt(instant.getTime(), zone) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0");
  const mm = String(Math.abs(minutes) % 60).padStart(2, "0");
  return `${wall}${sign}${hh}:${mm}`;
}

/** The local calendar date of an instant. */
export function localDate(instant: Date, zone: string): string {
  return wallClock(instant, zone).date;
}

/** ISO weekday, Monday 1 … Sunday 7, of a calendar date. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function between(from: string, endExclusive: string, zone: string): Period {
  return {
    from,
    to: addDays(endExclusive, -1),
    start: startOfLocalDay(from, zone).toISOString(),
    end: startOfLocalDay(endExclusive, zone).toISOString(),
  };
}

/** The complete period of a rule that ended last before (or at) `instant`, in `zone`. */
export function previousPeriod(rule: PeriodRule, instant: Date, zone: string): Period {
  const today = localDate(instant, zone);
  switch (rule) {
    case "previous_day":
      return between(addDays(today, -1), today, zone);
    case "previous_iso_week": {
      const monday = addDays(today, 1 - isoWeekday(today));
      return between(addDays(monday, -7), monday, zone);
    }
    case "previous_month": {
      const first = `${today.slice(0, 8)}01`;
      const [y, m] = first.split("-").map(Number) as [number, number];
      const previous = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
      return between(previous, first, zone);
    }
  }
}

/** ISO 8601 week label of a period's first day, e.g. "2025-W47". */
export function isoWeekLabel(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${year}-01-04`;
  const week1Monday = addDays(jan4, 1 - isoWeekday(jan4));
  const week =
    Math.floor(
      (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${week1Monday}T00:00:00Z`)) / 604_800_000,
    ) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The period of a rule that contains a local calendar date, in `zone`. */
export function periodContaining(rule: PeriodRule, date: string, zone: string): Period {
  const next =
    rule === "previous_day"
      ? addDays(date, 1)
      : rule === "previous_iso_week"
        ? addDays(date, 8 - isoWeekday(date))
        : new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1))
            .toISOString()
            .slice(0, 10);
  return previousPeriod(rule, startOfLocalDay(next, zone), zone);
}
