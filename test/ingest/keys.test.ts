// Record keys of a draft: unique, readable, and handed out in time linear in their number (a
// report repeating one sentence must not block the server that drafts it).

import { describe, expect, it } from "vitest";
import { KeyMaker } from "../../src/ingest/keys.ts";

describe("KeyMaker", () => {
  it("adds -2, -3 … past the keys already taken, in order", () => {
    const keys = new KeyMaker(["wang-yi", "wang-yi-3"]);
    expect(["wang-yi", "wang-yi", "wang-yi", "li-qiang"].map((k) => keys.make(k))).toEqual([
      "wang-yi-2",
      "wang-yi-4",
      "wang-yi-5",
      "li-qiang",
    ]);
    // A base that is itself a suffixed key is not handed out twice.
    expect(keys.make("wang-yi-5")).toBe("wang-yi-5-2");
  });

  it("keeps every key within 100 characters, however many share a base", () => {
    const keys = new KeyMaker();
    const base = "a".repeat(120);
    const made = Array.from({ length: 1200 }, () => keys.make(base));
    expect(new Set(made).size).toBe(1200);
    expect(Math.max(...made.map((k) => k.length))).toBeLessThanOrEqual(100);
    expect(made.at(-1)).toMatch(/^a+-1200$/);
  });

  it("hands out 10,000 keys of one base without probing each suffix again", () => {
    // Probing from -2 on every call takes 50 million look-ups here (seconds); remembering the
    // next suffix takes 10,000 (milliseconds).
    const keys = new KeyMaker();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) keys.make("cn-bilateral-relations-2025-11-19");
    expect(keys.make("cn-bilateral-relations-2025-11-19")).toBe(
      "cn-bilateral-relations-2025-11-19-10001",
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
