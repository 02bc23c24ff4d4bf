// Ordinals as official prose writes them: "the third round" and 第三次, not "3rd" and 第3次.
import type { Locale } from "./locale.ts";

const EN = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
  "thirteenth",
  "fourteenth",
  "fifteenth",
  "sixteenth",
  "seventeenth",
  "eighteenth",
  "nineteenth",
  "twentieth",
];
const ZH_DIGITS = "零一二三四五六七八九";

/** 1–99 in Chinese numerals (十一, 二十, 三十五); larger numbers in digits. */
export function zhNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const head = tens === 0 ? "" : tens === 1 ? "十" : `${ZH_DIGITS[tens]}十`;
  return `${head}${ones === 0 ? "" : ZH_DIGITS[ones]}`;
}

/** Rounds of a dialogue, consultations or talks are counted in 轮 (第七轮战略对话), others in 次. */
export function zhCounter(label: string): "轮" | "次" {
  return /(?:对话|磋商|谈判|会谈)$/.test(label) ? "轮" : "次";
}

/** "third" / "三" (the caller adds 第…次 or 第…轮, see zhCounter); past twenty, "21st". */
export function ordinalWord(n: number, locale: Locale): string {
  if (locale === "zh") return zhNumeral(n);
  const word = EN[n - 1];
  if (word) return word;
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? "th"
      : n % 10 === 1
        ? "st"
        : n % 10 === 2
          ? "nd"
          : n % 10 === 3
            ? "rd"
            : "th";
  return `${n}${suffix}`;
}
