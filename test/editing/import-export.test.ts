// Import and export: the round trip gives identical files, a second import changes nothing and
// says so, a changed record is updated (and audited), and one bad record among thousands stops
// everything with an error naming the file, the record and the field.
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { exportDataset, formatDataset } from "../../src/dataset/export.ts";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { DatasetError } from "../../src/dataset/problems.ts";
import { importDataset, type Progress } from "../../src/dataset/write.ts";
import type { Db } from "../../src/db/client.ts";
import { auditLog, events } from "../../src/db/schema.ts";
import { createTestDb } from "../support/db.ts";

const SOURCE = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";
const exportText = async (db: Db, format: "yaml" | "json" = "yaml") =>
  formatDataset(await exportDataset(db), format);
const rows = (db: Db, table: typeof events | typeof auditLog) =>
  db.select({ n: count() }).from(table).get()?.n;

async function problemsOf(fn: () => unknown) {
  try {
    await fn();
  } catch (error) {
    if (error instanceof DatasetError) return error.problems;
    throw error;
  }
  throw new Error("expected a DatasetError");
}

describe("export, import into an empty database, export again", () => {
  it.each(["yaml", "json"] as const)("gives identical %s files", async (format) => {
    const { db } = createTestDb();
    const first = await exportText(db, format);
    const empty = createTestDb({ seed: false }).db;
    const report = await importDataset(empty, [parseDatasetText(`export.${format}`, first)], {
      actor: "test",
    });
    expect(report.created).toBe(report.records);
    expect(await exportText(empty, format)).toBe(first);
  });

  it("exports every section, records in the seeds' format", async () => {
    const { db } = createTestDb();
    const data = await exportDataset(db);
    expect(Object.keys(data)).toEqual([
      "countries",
      "partnershipLevels",
      "eventTypes",
      "topics",
      "sources",
      "relationships",
      "organizations",
      "people",
      "events",
      "documents",
      "projects",
      "projectMentions",
      "statements",
    ]);
    expect(data.relationships?.[0]).toMatchObject({
      between: ["CN", "KG"],
      partnerships: expect.arrayContaining([
        expect.objectContaining({
          level: "comprehensive_strategic_partnership_new_era",
          since: "2023-05-18",
        }),
      ]),
    });
    const text = await exportText(db);
    expect(text).toContain("name: { en: Kyrgyzstan, zh: 吉尔吉斯斯坦 }");
    expect(text).toContain('numeric: "417"'); // stays a string
  });
});

describe("importing what is already there", () => {
  it("changes nothing, says so, and leaves versions and the audit log alone", async () => {
    const { db } = createTestDb();
    const file = parseDatasetText("export.yaml", await exportText(db));
    const auditBefore = rows(db, auditLog);
    const report = await importDataset(db, [file], { actor: "test" });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: report.records });
    expect(report.records).toBeGreaterThan(80);
    expect(rows(db, auditLog)).toBe(auditBefore);
    const versions = db.$client.prepare("SELECT max(version) AS v FROM events").get() as {
      v: number;
    };
    expect(versions.v).toBe(1);
  });

  it("updates only the record that differs, and audits that one", async () => {
    const { db } = createTestDb();
    const text = (await exportText(db)).replace(
      "title: { en: First China–Kyrgyzstan foreign ministers' strategic dialogue,",
      "title: { en: The first China–Kyrgyzstan strategic dialogue of foreign ministers,",
    );
    const auditBefore = rows(db, auditLog) ?? 0;
    const report = await importDataset(db, [parseDatasetText("edited.yaml", text)], {
      actor: "importer",
    });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: report.records - 1 });
    expect(report.sections.find((s) => s.section === "events")).toEqual({
      section: "events",
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    const entries = db.$client
      .prepare(
        "SELECT actor, action, entity_type, entity_key, before, after FROM audit_log WHERE id > ?",
      )
      .all(auditBefore) as Record<string, string>[];
    expect(entries.map((e) => [e.actor, e.action, e.entity_type, e.entity_key])).toEqual([
      ["importer", "update", "event", "2025-11-19-first-strategic-dialogue"],
      ["importer", "import", "dataset", "edited.yaml"],
    ]);
    expect(JSON.parse(entries[0]?.after ?? "{}").title.en).toBe(
      "The first China–Kyrgyzstan strategic dialogue of foreign ministers",
    );
    const row = db.$client
      .prepare("SELECT version FROM events WHERE key = '2025-11-19-first-strategic-dialogue'")
      .get() as { version: number };
    expect(row.version).toBe(2);
  });
});

/** `n` valid events, and the file text; `bad` (an index) gets a participant nobody knows. */
function manyEvents(n: number, bad?: number) {
  const lines = ["events:"];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  - key: bulk-${i}`,
      "    between: [KG, CN]",
      "    type: talks",
      `    date: 2024-0${1 + (i % 9)}-1${i % 10}`,
      `    title: { en: Bulk talks ${i}, zh: 批量会谈${i} }`,
      `    participants: [{ person: ${i === bad ? "no-such-person" : "wang-yi"}, role: host }]`,
      `    sources: [${SOURCE}]`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("a file with one bad record among thousands", () => {
  it("names the file, the record and the field, and writes nothing", async () => {
    const { db } = createTestDb();
    const before = { events: rows(db, events), audit: rows(db, auditLog) };
    const file = parseDatasetText("bulk.yaml", manyEvents(3000, 2718));
    expect(await problemsOf(() => importDataset(db, [file], { actor: "test" }))).toEqual([
      {
        file: "bulk.yaml",
        path: "events[2718].participants[0].person",
        message: 'unknown person "no-such-person"',
      },
    ]);
    expect({ events: rows(db, events), audit: rows(db, auditLog) }).toEqual(before);
  });

  it("imports the same file once corrected, reporting progress as it goes", async () => {
    const { db } = createTestDb();
    const seen: Progress[] = [];
    const report = await importDataset(db, [parseDatasetText("bulk.yaml", manyEvents(3000))], {
      actor: "test",
      onProgress: (p) => seen.push(p),
    });
    expect(report.created).toBe(3000);
    expect(seen.at(0)).toEqual({ phase: "validate", done: 500, total: 3000 });
    expect(seen.at(-1)).toEqual({ phase: "write", done: 3000, total: 3000 });
  });

  it("finds the two records that changed among thousands read in batches, and only those", async () => {
    const { db } = createTestDb();
    await importDataset(db, [parseDatasetText("bulk.yaml", manyEvents(3000))], { actor: "test" });
    // Records 7 and 2,222 fall in different read batches of the write pass.
    const changed = manyEvents(3000)
      .replace("Bulk talks 7,", "Bulk talks seven,")
      .replace("Bulk talks 2222,", "Bulk talks two thousand,");
    const report = await importDataset(db, [parseDatasetText("bulk.yaml", changed)], {
      actor: "test",
    });
    expect([report.created, report.updated, report.unchanged]).toEqual([0, 2, 2998]);
    expect(report.changes.map((c) => [c.key, c.fields.map((f) => f.field)])).toEqual([
      ["bulk-7", ["title"]],
      ["bulk-2222", ["title"]],
    ]);
  });
});

describe("validation of the whole import", () => {
  it("refuses a key declared twice, naming both places", async () => {
    const { db } = createTestDb();
    const a = parseDatasetText("a.yaml", manyEvents(2));
    const b = parseDatasetText("b.yaml", manyEvents(1));
    expect(await problemsOf(() => importDataset(db, [a, b], { actor: "test" }))).toEqual([
      {
        file: "b.yaml",
        path: "events[0].key",
        message: '"bulk-0" is declared twice in this import (also in a.yaml: events[0])',
      },
    ]);
  });

  it("accepts references to records declared anywhere in the import", async () => {
    const { db } = createTestDb({ seed: false });
    // The event comes first in the file list, its country pair and type only in the second file.
    const eventsFile = parseDatasetText("2-events.yaml", manyEvents(1));
    const seeds = await exportText(createTestDb().db);
    const report = await importDataset(db, [eventsFile, parseDatasetText("1-all.yaml", seeds)], {
      actor: "test",
    });
    expect(report.created).toBe(report.records);
  });

  it("refuses lists that name something twice and dates in the wrong order", async () => {
    const { db } = createTestDb();
    const file = parseDatasetText(
      "dup.yaml",
      `people:
  - key: someone
    name: { en: Someone, zh: 某人 }
    offices:
      - { title: { en: Envoy, zh: 特使 }, from: 2020-01-01, to: 2019-01-01, sources: [${SOURCE}] }
      - { title: { en: Envoy, zh: 特使 }, sources: [${SOURCE}] }
events:
  - key: dup-event
    between: [CN, KG]
    type: talks
    date: 2024-01-01
    title: { en: Talks, zh: 会谈 }
    topics: [connectivity, connectivity]
    participants: [{ person: wang-yi, role: host }, { person: wang-yi, role: guest }]
    sources: [${SOURCE}]
`,
    );
    expect(await problemsOf(() => importDataset(db, [file], { actor: "test" }))).toEqual([
      {
        file: "dup.yaml",
        path: "people[0].offices[1].title",
        message: 'office "特使" is listed twice (also at [0])',
      },
      { file: "dup.yaml", path: "people[0].offices[0].to", message: "to is before from" },
      {
        file: "dup.yaml",
        path: "events[0].participants[1].person",
        message: 'person "wang-yi" is listed twice (also at [0])',
      },
      {
        file: "dup.yaml",
        path: "events[0].topics[1]",
        message: 'topic "connectivity" is listed twice (also at [0])',
      },
    ]);
  });

  it("can be run dry: counts what would change, writes nothing", async () => {
    const { db } = createTestDb();
    const before = rows(db, events);
    const report = await importDataset(db, [parseDatasetText("bulk.yaml", manyEvents(10))], {
      actor: "test",
      dryRun: true,
    });
    expect(report).toMatchObject({ dryRun: true, created: 10 });
    expect(rows(db, events)).toBe(before);
  });
});

describe("lengths", () => {
  it("refuses a text over 10,000 characters, naming it", () => {
    const long = "长".repeat(10_001);
    expect(
      parseDatasetText(
        "long.yaml",
        `topics:\n  - { key: long, kind: issue, name: { en: Long, zh: ${long} } }\n`,
      ).problems,
    ).toEqual([
      {
        file: "long.yaml",
        path: "topics[0].name.zh",
        message: "must be at most 10,000 characters",
      },
    ]);
  });
});
