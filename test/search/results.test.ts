// Search answers short terms from the trigram vocabulary, lists the newest matches of a very
// frequent term unranked, and still finds what it found before on the seed data: every record whose title or body contains every
// term (the LIKE scan's answer), ranked by bm25 as before.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, migrateDatabase, migrationsFolder, openDatabase } from "../../src/db/client.ts";
import { seedDatabase } from "../../src/db/seed.ts";
import { checkSearchText, MAX_TERMS } from "../../src/search/query.ts";
import { RANK_LIMIT, search } from "../../src/search/search.ts";
import { createTestDb, tempDir } from "../support/db.ts";

type IndexRow = { kind: string; entityId: number; title: string; body: string };

let db: Db;
let index: IndexRow[];
beforeAll(() => {
  db = createTestDb().db;
  index = db.all<IndexRow>(
    sql`SELECT kind, entity_id AS entityId, title, body FROM search_index ORDER BY rowid`,
  );
});

/** What the search should find: records with every term in their title or in their body. */
function containing(terms: string[]) {
  return index
    .filter((row) =>
      terms.every((term) =>
        [row.title, row.body].some((text) => text.toLowerCase().includes(term.toLowerCase())),
      ),
    )
    .map((row) => `${row.kind}:${row.entityId}`)
    .sort();
}

const found = async (query: string, limit = 100) =>
  (await search(db, query, { limit })).map((hit) => `${hit.kind}:${hit.entityId}`);

// Chinese and English, two to many characters, frequent, rare and absent, at a column's end.
const queries = [
  "铁路",
  "中吉",
  "合作",
  "王毅", // the end of a person's title
  "凯克", // the end of an event's body (比什凯克)
  "北极",
  "Yi",
  "EU",
  "of",
  "zq",
  "中吉乌铁路",
  "战略对话",
  "比什凯克",
  "Kyrgyzstan",
  "railway",
  "Bishkek",
  "xyzzy",
  "Wang Yi",
  "铁路 合作",
  "王毅 Bishkek",
  "中国 吉尔吉斯斯坦 合作",
];

describe("search results on the seed data", () => {
  it.each(queries)("%s: every record containing every term, none other", async (query) => {
    const terms = checkSearchText(query, "query");
    expect((await found(query)).sort()).toEqual(containing(terms));
  });

  it("finds something for most of these queries (the comparison is not vacuous)", async () => {
    const counts = await Promise.all(queries.map(async (q) => (await found(q)).length));
    const nonEmpty = counts.filter((n) => n > 0);
    expect(nonEmpty.length).toBeGreaterThanOrEqual(queries.length - 4);
  });

  it.each(["中吉乌铁路", "Kyrgyzstan", "合作伙伴关系", "Bishkek"])(
    "%s: ranked by bm25 as before",
    async (query) => {
      const before = db
        .all<{ kind: string; entityId: number }>(sql`
          SELECT kind, entity_id AS entityId FROM search_index WHERE search_index MATCH ${`"${query}"`}
          ORDER BY bm25(search_index, 0, 0, 10.0, 1.0), rowid LIMIT 100`)
        .map((row) => `${row.kind}:${row.entityId}`);
      expect(await found(query)).toEqual(before);
    },
  );

  it("marks the term in the excerpt of a short-term hit", async () => {
    const [hit] = await search(db, "王毅", { limit: 1 });
    expect(hit?.snippet).toContain("«王毅»");
    expect(hit?.title.endsWith(" ")).toBe(false);
  });

  it("marks the term in the snippet of a hit of longer terms", async () => {
    const hits = await search(db, "Bishkek", { limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    // snippet() counts trigrams, so a short fragment may cut the marked word.
    for (const hit of hits) expect(hit.snippet.toLowerCase()).toContain("«bish");
  });
});

describe("a term in more records than are ranked", () => {
  it("lists the newest matches first, unranked; rarer terms stay ranked", async () => {
    const { db: big } = createTestDb({ seed: false });
    const add = big.$client.prepare(
      "INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (?, 'event', ?, ?, '')",
    );
    big.$client.transaction(() => {
      add.run(16 + 1, 1, "zebrafish okapi");
      for (let id = 2; id <= RANK_LIMIT + 5; id++) add.run(id * 16 + 1, id, `zebrafish ${id}`);
    })();
    const frequent = await search(big, "zebrafish", { limit: 3 });
    expect(frequent.map((hit) => [hit.entityId, hit.score])).toEqual([
      [RANK_LIMIT + 5, null],
      [RANK_LIMIT + 4, null],
      [RANK_LIMIT + 3, null],
    ]);
    expect(frequent[0]?.snippet).toContain("«zebrafish»");
    const [rare] = await search(big, "okapi", { limit: 3 });
    expect(rare?.entityId).toBe(1);
    expect(typeof rare?.score).toBe("number");
    const both = await search(big, "zebrafish okapi", { limit: 3 });
    expect(both.map((hit) => [hit.entityId, hit.score])).toEqual([[1, null]]);
  });
});

describe("search terms", () => {
  it.each([
    ["铁", "too short"],
    ["a 铁路", "too short"],
    [Array.from({ length: MAX_TERMS + 1 }, (_, i) => `w${i}x`).join(" "), "the limit is 8"],
    ["  ", "empty"],
  ])("refuses %j", (query, message) => {
    expect(() => checkSearchText(query, "query")).toThrow(message);
  });
});

describe("a database indexed before the vocabulary", () => {
  it("finds two-character terms at a column's end once migrated", async () => {
    const dir = tempDir();
    const older = path.join(dir, "drizzle");
    fs.cpSync(migrationsFolder, older, { recursive: true });
    for (const name of fs.readdirSync(older)) {
      if (name.endsWith("_search_vocabulary"))
        fs.rmSync(path.join(older, name), { recursive: true });
    }
    const file = path.join(dir, "attache.db");
    const before = openDatabase(file);
    migrate(before, { migrationsFolder: older });
    await seedDatabase(before);
    migrateDatabase(before);
    const hits = (await search(before, "王毅", { limit: 10 })).map((h) => h.kind);
    before.$client.close();
    expect(hits).toContain("person");
  });
});
