// Calendar dates as ISO 8601 text (YYYY-MM-DD): comparable as strings, free of time zones.
import { daysIn } from "./partial-date.ts";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Adds whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first day of the twelve months that end on `isoDate` (a brief's default period). */
export function yearEndingOn(isoDate: string): string {
  return addDays(subtractMonths(isoDate, 12), 1);
}

/** The same calendar date a number of months earlier (clamped to the month's end). */
export function subtractMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = daysIn(target.getUTCFullYear(), target.getUTCMonth() + 1);
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
