// The rule of names (schedule names, printed in terminals and mail Subjects): nothing that shows
// blank, reorders what follows, or breaks the line.
import { describe, expect, it } from "vitest";
import { blank, nameProblem } from "../../src/domain/plain-text.ts";

describe("a name", () => {
  it("made only of marks, format or space characters is empty", () => {
    for (const text of [
      "\u034F", // combining grapheme joiner
      "\uFE0F", // variation selector 16
      "\u{E0100}", // variation selector 17
      "\u17B4\u17B5", // Khmer inherent vowels
      "\u0300", // a lone combining grave
      " \u0301\u200B\u3000",
    ]) {
      expect(blank(text), JSON.stringify(text)).toBe(true);
      expect(nameProblem(text), JSON.stringify(text)).toMatch(/must not be empty/);
    }
  });

  it("with marks on letters is not empty", () => {
    expect(nameProblem("Cafe\u0301 weekly")).toBeNull();
    expect(nameProblem("\u2764\uFE0F digest")).toBeNull();
    expect(nameProblem("每周简报")).toBeNull();
    expect(nameProblem("ملخص أسبوعي")).toBeNull();
  });

  it("refuses bidi embeddings, overrides and isolates", () => {
    for (const c of [
      "\u202A",
      "\u202B",
      "\u202C",
      "\u202D",
      "\u202E",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
    ]) {
      expect(nameProblem(`abc${c}txt`), JSON.stringify(c)).toMatch(/bidi/);
    }
    // The implicit marks reorder nothing on their own.
    expect(nameProblem("abc\u200Fdef")).toBeNull();
  });

  it("refuses the Unicode line and paragraph separators", () => {
    expect(nameProblem("a\u2028b")).toMatch(/control characters/);
    expect(nameProblem("a\u2029b")).toMatch(/control characters/);
  });
});
