// One rule for the texts people type into names and other fields: no control characters, and a
// text that shows nothing (only spaces, invisible characters and marks with nothing to sit on) is
// empty. A name read back in a terminal (`attache schedule list`), a mail Subject or a PDF cannot
// then carry an escape sequence, a header line break, look blank while passing "must not be
// empty", or show its characters in another order than they are stored (bidi overrides).

/** Characters that take no visible room: format characters (zero-width space, joiners, bidi
 * marks, soft hyphen, BOM), spaces of every width, and the Hangul and Braille blanks. */
const INVISIBLE = /[\p{Cf}\p{White_Space}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Combining marks (accents, variation selectors, the grapheme joiner, Khmer inherent vowels):
 * they show only on a character before them, so a text of marks alone shows nothing. */
const MARK = /\p{M}/gu;

/** True when nothing would show: empty, or only spaces, invisible characters and marks. */
export function blank(text: string): boolean {
  return text.replace(INVISIBLE, "").replace(MARK, "") === "";
}

/** Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they reorder what follows,
 * so "abc\u202Etxt" shows as "abctxt" reversed. The implicit marks (LRM, RLM, ALM) reorder
 * nothing on their own and stay allowed. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** The Unicode line and paragraph separators: a line break for a terminal or a PDF. */
const LINE_SEPARATOR = /[\u2028\u2029]/u;

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
  if (unprintable(text) || LINE_SEPARATOR.test(text))
    return "must not contain control characters (line breaks, tabs, escapes)";
  if (BIDI_CONTROL.test(text))
    return "must not contain bidi controls (U+202A–202E, U+2066–2069): they reorder what shows";
  if (blank(text)) return "must not be empty (it holds only spaces or invisible characters)";
  return null;
}
