import { describe, expect, it } from "vitest";
import { locatorParagraphs, paragraphRuns } from "../../src/domain/citations.ts";

describe("paragraph locators", () => {
  it.each([
    ["para 4", [4]],
    ["paras 2, 5", [2, 5]],
    ["paras 2-4", [2, 3, 4]],
    ["Paras. 2–3, 7", [2, 3, 7]],
    ["title", null],
    ["p. 3", null],
  ])("reads %j as %j", (locator, paragraphs) => {
    expect(locatorParagraphs(locator)).toEqual(paragraphs);
  });

  it("prints three or more in a row as a range, two as two", () => {
    expect(paragraphRuns([7, 2, 3, 4, 9, 10, 3])).toEqual([
      [2, 4],
      [7, 7],
      [9, 9],
      [10, 10],
    ]);
  });
});
