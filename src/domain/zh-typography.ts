// Chinese typography for printed prose: 《》 around titles, small counts in words, offices written
// in full. Pure. Full-width punctuation is zh-text.ts's (normalizeText, halfWidthNextToHan).

/** A title in 《》 (publications, documents), unless it already has them. */
export function zhTitle(title: string): string {
  const t = title.trim();
  return t.startsWith("《") ? t : `《${t}》`;
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** A count as Chinese prose writes it before a classifier: 两份, 三次, 十二项; 100 and up in digits. */
export function zhCount(n: number, classifier: string): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
  if (n === 2) return `两${classifier}`;
  if (n <= 10) return `${DIGITS[n]}${classifier}`;
  if (n < 20) return `十${n === 10 ? "" : DIGITS[n - 10]}${classifier}`;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const units = n % 10;
    return `${DIGITS[tens]}十${units ? DIGITS[units] : ""}${classifier}`;
  }
  return `${n}${classifier}`;
}

// Short forms of offices that official prose writes in full.
const OFFICE_FULL: Record<string, string> = {
  外长: "外交部长",
  防长: "国防部长",
};

/** An office title as official prose writes it (外长 → 外交部长). */
export function zhOffice(title: string): string {
  return OFFICE_FULL[title] ?? title.replace(/外长$/u, "外交部长");
}
