// Chinese typography for printed text: full-width punctuation next to Chinese characters,
// 《》 around titles, Chinese numerals for small counts in prose. Pure; applied where stored
// text is printed (the sources, such as the seed article, use ASCII commas between Chinese
// characters) and checked on every Chinese output.

/** Han characters, CJK punctuation and full-width forms: what makes a neighbour "Chinese". */
const CJK =
  /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2014]/u;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

const FULL: Record<string, string> = {
  ",": "，",
  ";": "；",
  ":": "：",
  "?": "？",
  "!": "！",
  "(": "（",
  ")": "）",
};

const isCjk = (ch: string | undefined) => ch !== undefined && CJK.test(ch);

/**
 * Half-width , ; : ? ! ( ) beside a Chinese character become full-width (a pair of brackets
 * together, when either bracket touches Chinese), and the spaces around them go. Straight
 * double quotes around Chinese become “ ”. Text without Chinese is returned as it is.
 */
export function zhPunctuation(text: string): string {
  if (!HAN.test(text)) return text;
  const chars = [...text];
  // Neighbours skip spaces: "中方, 吉方" is a comma between Chinese characters.
  const neighbour = (i: number, step: -1 | 1) => {
    let j = i + step;
    while (chars[j] === " ") j += step;
    return chars[j];
  };
  const touches = (i: number) => isCjk(neighbour(i, -1)) || isCjk(neighbour(i, 1));
  const convert = new Set<number>();
  const open: number[] = [];
  chars.forEach((ch, i) => {
    if (ch === "(") open.push(i);
    else if (ch === ")") {
      const start = open.pop();
      if (start !== undefined && (touches(start) || touches(i) || hasHan(chars, start, i))) {
        convert.add(start);
        convert.add(i);
      }
    } else if (ch in FULL && touches(i)) {
      // Not a decimal point or time: "3:30" keeps its colon (digits are not Chinese).
      convert.add(i);
    }
  });
  let quoteOpen = true;
  let afterFull = false;
  const out: string[] = [];
  chars.forEach((ch, i) => {
    if (convert.has(i)) {
      // Spaces beside full-width punctuation are dropped.
      while (out.at(-1) === " ") out.pop();
      out.push(FULL[ch] as string);
      afterFull = true;
      return;
    }
    if (ch === " " && afterFull) return;
    afterFull = false;
    if (ch === '"' && touches(i)) {
      out.push(quoteOpen ? "“" : "”");
      quoteOpen = !quoteOpen;
      return;
    }
    out.push(ch);
  });
  return out.join("");
}

function hasHan(chars: string[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (HAN.test(chars[i] as string)) return true;
  return false;
}

/** Half-width , ; : ( ) beside a Chinese character: each offending snippet, for checks. */
export function zhPunctuationProblems(text: string): string[] {
  const problems: string[] = [];
  const chars = [...text];
  chars.forEach((ch, i) => {
    if (!",;:()".includes(ch)) return;
    if (HAN.test(chars[i - 1] ?? "") || HAN.test(chars[i + 1] ?? "")) {
      problems.push(chars.slice(Math.max(0, i - 4), i + 5).join(""));
    }
  });
  return problems;
}

/** A title in 《》 (publications, documents), unless it already has them. */
export function zhTitle(title: string): string {
  const t = title.trim();
  return t.startsWith("《") ? t : `《${t}》`;
}

/** A title without its 《》, for places where the marks would double up. */
export function zhBareTitle(title: string): string {
  return title.trim().replace(/^《(.*)》$/u, "$1");
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
