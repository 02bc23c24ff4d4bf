// Dates in a report resolved against its publication date, as precise as the words are:
// 2023年11月21日 → 2023-11-21; 11月19日 → the last 19 November not after publication;
// 27日 → the last 27th; 2023年11月 → 2023-11; 今年 → the year; 上月 → the month before.
import { addDays } from "../domain/dates.ts";
import { daysIn, type PartialDate } from "../domain/partial-date.ts";

export type FoundDate = { date: PartialDate; text: string; at: number };

const pad = (n: number) => String(n).padStart(2, "0");

/** The latest year in which month/day falls on or before the publication date. */
function yearFor(published: string, month: number, day: number): number {
  const year = Number(published.slice(0, 4));
  const candidate = `${year}-${pad(month)}-${pad(day)}`;
  // A report can announce an event a few days ahead; beyond a week it is last year's date.
  return candidate > addDays(published, 7) ? year - 1 : year;
}

function monthBefore(published: string, months: number): string {
  const [y, m] = published.split("-").map(Number) as [number, number];
  const total = y * 12 + (m - 1) - months;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

const NUMBER = "(\\d{1,4}|[〇零一二三四五六七八九十]{1,3})";
const PATTERNS: {
  re: RegExp;
  resolve: (m: RegExpExecArray, published: string) => string | null;
}[] = [
  {
    re: new RegExp(`(\\d{4})年${NUMBER}月${NUMBER}日`, "g"),
    resolve: (m, _p) => fullDate(Number(m[1]), toNumber(m[2]), toNumber(m[3])),
  },
  {
    re: new RegExp(`(\\d{4})年${NUMBER}月(?!${NUMBER}日)`, "g"),
    resolve: (m) => {
      const month = toNumber(m[2]);
      return month >= 1 && month <= 12 ? `${m[1]}-${pad(month)}` : null;
    },
  },
  {
    re: new RegExp(`(?<![\\d年])${NUMBER}月${NUMBER}日`, "g"),
    resolve: (m, published) => {
      const month = toNumber(m[1]);
      const day = toNumber(m[2]);
      if (month < 1 || month > 12) return null;
      return fullDate(yearFor(published, month, day), month, day);
    },
  },
  {
    // "27日在天津": a day of the publication month (or the month before, if later than it).
    re: /(?<![\d月年])(\d{1,2})日(?=[在同与上下晚中午至到，、）\s]|电)/g,
    resolve: (m, published) => {
      const day = Number(m[1]);
      const [y, mo] = published.split("-").map(Number) as [number, number];
      const sameMonth = `${y}-${pad(mo)}-${pad(day)}`;
      if (day <= daysIn(y, mo) && sameMonth <= published) return sameMonth;
      const before = monthBefore(published, 1);
      const [by, bm] = before.split("-").map(Number) as [number, number];
      return day <= daysIn(by, bm) ? `${before}-${pad(day)}` : null;
    },
  },
  { re: /今年/g, resolve: (_m, p) => p.slice(0, 4) },
  { re: /去年/g, resolve: (_m, p) => String(Number(p.slice(0, 4)) - 1) },
  {
    re: /(?<!年)(\d{4})年(?![\d〇零一二三四五六七八九十]{1,2}月|底|初)/g,
    resolve: (m) => m[1] ?? null,
  },
  { re: /上月|上个月/g, resolve: (_m, p) => monthBefore(p, 1) },
  { re: /本月|这个月/g, resolve: (_m, p) => p.slice(0, 7) },
  { re: /昨天|昨日/g, resolve: (_m, p) => addDays(p, -1) },
  { re: /今天|今日/g, resolve: (_m, p) => p },
];

function toNumber(text: string | undefined): number {
  if (!text) return Number.NaN;
  if (/^\d+$/.test(text)) return Number(text);
  const digits: Record<string, number> = {
    〇: 0,
    零: 0,
    一: 1,
    二: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  if (text === "十") return 10;
  const [tens, ones] = text.split("十");
  if (ones === undefined) return digits[text] ?? Number.NaN;
  return (tens ? (digits[tens] ?? 0) : 1) * 10 + (ones ? (digits[ones] ?? 0) : 0);
}

function fullDate(year: number, month: number, day: number): string | null {
  if (!(month >= 1 && month <= 12) || !(day >= 1 && day <= daysIn(year, month))) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Every date expression in a sentence, in text order, the longest one where two overlap. */
export function findDates(sentence: string, published: string): FoundDate[] {
  const found: FoundDate[] = [];
  const taken: [number, number][] = [];
  for (const { re, resolve } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const date = resolve(m, published);
      if (!date) continue;
      taken.push([start, end]);
      found.push({ date, text: m[0], at: start });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** The first day-precise date in a sentence, if any (an event's date). */
export function firstDay(sentence: string, published: string): string | undefined {
  return findDates(sentence, published).find((d) => d.date.length === 10)?.date;
}
