// Chinese typography: official prose uses full-width punctuation (，。；：（）？！) next to Chinese
// characters. Reports copied from the web often carry half-width commas between Chinese characters
// (the seed article does); texts are normalised on input and every Chinese output is checked.

const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’《》]/u;
const FULL_WIDTH: Record<string, string> = {
  ",": "，",
  ";": "；",
  ":": "：",
  "?": "？",
  "!": "！",
  "(": "（",
  ")": "）",
};

const FULL_SET = new Set([...Object.values(FULL_WIDTH), "。"]);

const isHan = (char: string | undefined) => char !== undefined && HAN.test(char);

/**
 * Half-width , ; : ? ! ( ) touching a Chinese character (ignoring spaces between) become full-width,
 * and the spaces around them go; a "." after a Chinese character becomes "。". Text without
 * Chinese is returned as it is.
 */
export function normalizeText(text: string): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  const chars = [...text];
  const out: string[] = [];
  const neighbour = (from: number, step: number) => {
    let i = from + step;
    while (chars[i] === " ") i += step;
    return chars[i];
  };
  chars.forEach((char, i) => {
    const full = FULL_WIDTH[char];
    const before = neighbour(i, -1);
    const after = neighbour(i, 1);
    if (full && (isHan(before) || isHan(after))) {
      while (out.at(-1) === " ") out.pop();
      out.push(full);
      return;
    }
    if (char === "." && isHan(before) && !/\d/.test(after ?? "")) {
      while (out.at(-1) === " ") out.pop();
      out.push("。");
      return;
    }
    // Full-width punctuation carries its own spacing.
    if (char === " " && FULL_SET.has(out.at(-1) ?? "")) return;
    out.push(char);
  });
  return out.join("");
}

/** Half-width punctuation next to a Chinese character: what a Chinese page must not print. */
export function halfWidthNextToHan(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/[,;:()](?=\p{Script=Han})|(?<=\p{Script=Han})[,;:()]/gu)) {
    found.push(text.slice(Math.max(0, (m.index ?? 0) - 6), (m.index ?? 0) + 7));
  }
  return found;
}
