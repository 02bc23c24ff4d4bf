// Dates as precise as the source: a year ("2023"), a month ("2023-11") or a day ("2023-11-05").
// A partial date stands for the range of days it covers; filters and sorting use that range (the
// renderer prints it by its precision: "November 2023" / "2023年11月"). Pure.

export type PartialDate = string;

const FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Days in a month (1–12) of a year. */
export const daysIn = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Why `value` is not a partial date, in words a person can act on, or null when it is one.
 * "2025-11-31" → "November 2025 has 30 days".
 */
export function partialDateProblem(value: string): string | null {
  const m = FORM.exec(value);
  if (!m) return `"${value}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`;
  const year = Number(m[1]);
  if (m[2] === undefined) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return `"${value}": there is no month ${m[2]}`;
  if (m[3] === undefined) return null;
  const day = Number(m[3]);
  const last = daysIn(year, month);
  if (day < 1 || day > last) return `${MONTHS[month - 1]} ${year} has ${last} days`;
  return null;
}

/** The first day the date covers, YYYY-MM-DD. */
export function rangeStart(date: PartialDate): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** The last day the date covers, YYYY-MM-DD. */
export function rangeEnd(date: PartialDate): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [y, m] = date.split("-").map(Number) as [number, number];
    return `${date}-${String(daysIn(y, m)).padStart(2, "0")}`;
  }
  return date;
}

/** Orders by the start of the range, a coarser date before the finer ones it contains. */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  return rangeStart(a).localeCompare(rangeStart(b)) || a.length - b.length;
}

/** Whether the date is certainly on or before `day` (its whole range is). */
export function isOnOrBefore(date: PartialDate, day: string): boolean {
  return rangeEnd(date) <= day;
}

/** Whether the date's range meets the period [from, to] (inclusive days). */
export function overlaps(date: PartialDate, from: string, to: string): boolean {
  return rangeStart(date) <= to && rangeEnd(date) >= from;
}
