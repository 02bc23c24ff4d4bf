// One rule for the texts people type into names and other fields: no control characters, and a
// text that shows nothing (only spaces and invisible characters) is empty. A name read back in a
// terminal (`attache schedule list`), a mail Subject or a PDF cannot then carry an escape
// sequence, a header line break, or look blank while passing "must not be empty".

/** Characters that take no visible room: format characters (zero-width space, joiners, bidi
 * marks, soft hyphen, BOM), spaces of every width, and the Hangul and Braille blanks. */
const INVISIBLE = /[\p{Cf}\p{White_Space}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** True when nothing would show: empty, or only spaces and invisible characters. */
export function blank(text: string): boolean {
  return text.replace(INVISIBLE, "") === "";
}

/**
 * True when `text` holds a control character (C0, DEL, C1) or half of a surrogate pair. Tab and
 * line breaks are allowed in texts of several lines (`lineBreaks`), never in a name.
 */
export function unprintable(text: string, { lineBreaks = false } = {}): boolean {
  for (const char of text) {
    const c = char.codePointAt(0) as number;
    if (lineBreaks && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** What is wrong with a name or other one-line text, or null: the message of a refusal. */
export function nameProblem(text: string): string | null {
  if (unprintable(text)) return "must not contain control characters (line breaks, tabs, escapes)";
  if (blank(text)) return "must not be empty (it holds only spaces or invisible characters)";
  return null;
}
