// Dataset files: errors name the file and the path of the bad field, and nothing is half-written.
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { DatasetError } from "../../src/dataset/problems.ts";
import { writeDataset } from "../../src/dataset/write.ts";
import { events, partnerships, people } from "../../src/db/schema.ts";
import { seedDatabase } from "../../src/db/seed.ts";
import { createTestDb } from "../support/db.ts";

const problemsOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof DatasetError) return error.problems;
    throw error;
  }
  throw new Error("expected a DatasetError");
};

describe("shape validation", () => {
  it("names the file and the path of each bad field", () => {
    const { problems } = parseDatasetText(
      "mine.yaml",
      `events:
  - key: ok-event
    between: [CN, KG]
    type: visit
    date: 2025-02-30
    title: { en: A visit }
    sources: []
`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "mine.yaml", path: "events[0].date" }),
        expect.objectContaining({
          path: "events[0].sources",
          message: "every fact cites at least one source",
        }),
      ]),
    );
  });

  it("reports unparsable YAML and unknown sections", async () => {
    expect(
      (await problemsOf(() => parseDatasetText("a.yaml", "events: ["))).at(0)?.message,
    ).toMatch(/cannot parse/);
    // An unknown section is a problem of its own; the file's other records are still read.
    const loaded = parseDatasetText("b.json", '{"evnts": [], "topics": [{"key": "x"}]}');
    expect(loaded.problems?.map((p) => [p.path, p.message.slice(0, 26)])).toEqual([
      ["evnts", 'unknown section "evnts": t'],
      ["topics[0].kind", "is required"],
      ["topics[0].name", "is required"],
    ]);
  });

  it("says in words what a value should be, whatever the schema's own words", async () => {
    const { problems = [] } = parseDatasetText(
      "w.yaml",
      `format: 2
countries:
  - { code: FR, alpha3: FRA, numeric: "250", name: [France], colour: blue }
events:
  - { key: e, between: [CN, KG, UZ], type: visit, date: 2025-11-19, title: { en: A visit }, ordinal: 0, sources: [x] }
`,
    );
    const messages = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(messages["countries[0]"]).toBe('has no field "colour" (misspelt?)');
    expect(messages["countries[0].name"]).toBe("must be fields (key: value), not a list");
    expect(messages["events[0].between"]).toBe("must have at most 2 items");
    expect(messages["events[0].ordinal"]).toBe("must be at least 1");
    expect(
      problems.every((p) => !/Too (big|small)|Unrecognized|Invalid input/.test(p.message)),
    ).toBe(true);
    expect(
      (await problemsOf(() => parseDatasetText("l.yaml", "- a\n- b\n"))).at(0)?.message,
    ).toMatch(/must hold sections .* not a list/);
  });
});

describe("references", () => {
  it("rejects a broken reference, naming it, and writes nothing", async () => {
    const { db } = createTestDb();
    const before = {
      events: db.select({ n: count() }).from(events).get()?.n,
      people: db.select({ n: count() }).from(people).get()?.n,
    };
    const file = parseDatasetText(
      "new.yaml",
      `people:
  - key: new-person
    name: { en: New Person, zh: 新人 }
    country: KG
events:
  - key: new-event
    between: [CN, KG]
    type: visit
    date: 2026-01-10
    title: { en: A visit, zh: 访问 }
    participants: [{ person: new-person, role: guest }, { person: ghost, role: host }]
    sources: [peoples-daily-2025-11-20-p3-first-strategic-dialogue]
`,
    );
    const problems = await problemsOf(() => writeDataset(db, [file]));
    expect(problems).toEqual([
      {
        file: "new.yaml",
        path: "events[0].participants[1].person",
        message: 'unknown person "ghost"',
      },
    ]);
    expect({
      events: db.select({ n: count() }).from(events).get()?.n,
      people: db.select({ n: count() }).from(people).get()?.n,
    }).toEqual(before);
  });

  it.each([
    ["UZ, KG", 'no relationship KG-UZ: add it under "relationships" first'],
    [
      "CN, XX",
      'unknown country "XX": add it under "countries" in a dataset file or with createCountry',
    ],
  ])(
    "rejects an event between %s, a relationship nobody declared, saying why",
    async (pair, message) => {
      const { db } = createTestDb();
      const file = parseDatasetText(
        "new.yaml",
        `events:
  - key: new-event
    between: [${pair}]
    type: visit
    date: 2026-01-10
    title: { en: A visit, zh: 访问 }
    sources: [peoples-daily-2025-11-20-p3-first-strategic-dialogue]
`,
      );
      expect((await problemsOf(() => writeDataset(db, [file])))[0]).toMatchObject({
        path: "events[0].between",
        message,
      });
    },
  );

  it("keeps what a record does not mention", async () => {
    const { db } = createTestDb();
    const n = () => db.select({ n: count() }).from(partnerships).get()?.n;
    const once = n();
    expect(once).toBe(3);
    await writeDataset(db, [
      parseDatasetText(
        "again.yaml",
        `relationships:
  - between: [CN, KG]
`,
      ),
    ]);
    expect(n()).toBe(once);
  });
});

describe("re-loading", () => {
  it("upserts the seeds by natural key without duplicating anything", async () => {
    const { db } = createTestDb();
    const n = () => db.select({ n: count() }).from(events).get()?.n;
    const once = n();
    await seedDatabase(db);
    expect(n()).toBe(once);
  });
});

describe("unique fields within one import", () => {
  it("refuses two new countries with one alpha3 and numeric code, naming both places", async () => {
    const { db } = createTestDb();
    const file = parseDatasetText(
      "two.yaml",
      `format: 2
countries:
  - { code: FR, alpha3: FRA, numeric: "250", name: { en: France, zh: 法国 } }
  - { code: DE, alpha3: FRA, numeric: "250", name: { en: Germany, zh: 德国 } }
`,
    );
    const problems = await problemsOf(() => writeDataset(db, [file]));
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [
        "countries[1].alpha3",
        'alpha3 "FRA" is declared twice in this import (also in two.yaml: countries[0].alpha3)',
      ],
      [
        "countries[1].numeric",
        'numeric "250" is declared twice in this import (also in two.yaml: countries[0].numeric)',
      ],
    ]);
  });
});

describe("what a small file cannot do", () => {
  it("expand through aliases into a list of thousands, or store control and half characters", () => {
    const terms = Array.from({ length: 201 }, (_, i) => `t${i}`).join(", ");
    const { problems = [] } = parseDatasetText(
      "x.json",
      JSON.stringify({
        topics: [
          { key: "many", kind: "issue", name: { en: "Many", zh: "多" }, terms: terms.split(", ") },
          { key: "nul", kind: "issue", name: { en: "a\u0000b", zh: "a\ud800" } },
        ],
      }),
    );
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ["topics[0].terms", "must have at most 200 items"],
      ["topics[1].name.en", "must not contain control characters or broken (half) characters"],
      ["topics[1].name.zh", "must not contain control characters or broken (half) characters"],
    ]);
    // Names are one line, and one that shows nothing is empty.
    const names = parseDatasetText(
      "x.json",
      JSON.stringify({
        topics: [
          { key: "zw", kind: "issue", name: { en: "\u200b\u200b", zh: "\u200b" } },
          { key: "esc", kind: "issue", name: { en: "Red\u001b[31m", zh: "行\n二" } },
          { key: "c1", kind: "issue", name: { en: "a\u009bb", zh: "正常" }, terms: ["a\tb"] },
          { key: "bidi", kind: "issue", name: { en: "abc\u202Etxt", zh: "甲\u2028乙" } },
        ],
      }),
    );
    expect((names.problems ?? []).map((p) => [p.path, p.message])).toEqual([
      ["topics[0].name.en", "must not be empty (it holds only invisible characters)"],
      ["topics[0].name.zh", "must not be empty (it holds only invisible characters)"],
      ["topics[1].name.en", "must not contain control characters or broken (half) characters"],
      ["topics[1].name.zh", "must not contain control characters (line breaks, tabs, escapes)"],
      ["topics[2].name.en", "must not contain control characters or broken (half) characters"],
      ["topics[2].terms[0]", "must not contain control characters (line breaks, tabs, escapes)"],
      // The rule of schedule names: nothing that reorders what shows, no line separator.
      [
        "topics[3].name.en",
        "must not contain bidi controls (U+202A–202E, U+2066–2069): they reorder what shows",
      ],
      ["topics[3].name.zh", "must not contain control characters (line breaks, tabs, escapes)"],
    ]);
    const aliases = `a: &a [x, x, x]\n${Array.from({ length: 25 }, (_, i) => `b${i}: *a`).join("\n")}\n`;
    expect(() => parseDatasetText("bomb.yaml", aliases)).toThrow(DatasetError);
  });
});
