// Every mutation is one transaction: a failure half-way leaves nothing behind (no row, no audit
// entry, no search entry). And full-text search sees an edit at once.
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createTestDb } from "../support/db.ts";
import { graphqlClient } from "../support/graphql.ts";

const SOURCE = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";

function counts(db: Db) {
  const n = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
  return {
    events: n("SELECT count(*) AS n FROM events"),
    participants: n("SELECT count(*) AS n FROM event_participants"),
    citations: n("SELECT count(*) AS n FROM citations"),
    audit: n("SELECT count(*) AS n FROM audit_log"),
    search: n("SELECT count(*) AS n FROM search_index"),
  };
}

describe("a mutation that fails while writing", () => {
  it("writes nothing at all", async () => {
    const { db } = createTestDb();
    const gql = await graphqlClient(db, {}, { role: "editor" });
    // The database itself refuses the last row the mutation writes: its citation.
    db.$client.exec(`CREATE TRIGGER refuse_citation BEFORE INSERT ON citations
      WHEN NEW.locator = 'boom' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    const before = counts(db);
    const response = await gql(
      `mutation { createEvent(input: {
        key: "2026-04-01-doomed", between: ["CN", "KG"], type: "talks", date: "2026-04-01",
        title: { en: "Doomed talks about zeppelins", zh: "注定失败的会谈" },
        participants: [{ person: "wang-yi", role: HOST }],
        sources: [{ source: "${SOURCE}", locator: "boom" }] }) { key } }`,
    );
    expect(response.errors?.[0]?.message).toBe("Unexpected error.");
    expect(JSON.stringify(response)).not.toContain("refused by test");
    expect(counts(db)).toEqual(before);
    const { data } = await gql<{ search: unknown[] }>(`{ search(query: "zeppelins") { kind } }`);
    expect(data?.search).toEqual([]);
  });

  it("leaves an update's record as it was", async () => {
    const { db } = createTestDb();
    const gql = await graphqlClient(db, {}, { role: "editor" });
    db.$client.exec(`CREATE TRIGGER refuse_citation BEFORE INSERT ON citations
      WHEN NEW.locator = 'boom' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    const read = `{ event(key: "2025-11-19-first-strategic-dialogue") { version title participants { person { key } } citations { locator } } }`;
    const before = (await gql(read)).data;
    const response = await gql(
      `mutation { updateEvent(key: "2025-11-19-first-strategic-dialogue", version: 1, patch: {
        title: { en: "Renamed", zh: "改名" }, participants: [],
        sources: [{ source: "${SOURCE}", locator: "boom" }] }) { version } }`,
    );
    expect(response.errors?.[0]?.message).toBe("Unexpected error.");
    expect((await gql(read)).data).toEqual(before);
  });
});

describe("full-text search after an edit", () => {
  it("finds the new words at once, and no longer the old ones", async () => {
    const { db } = createTestDb();
    const gql = await graphqlClient(db, {}, { role: "editor" });
    const find = async (q: string) =>
      (
        await gql<{ search: { node: { key?: string } }[] }>(
          `query ($q: String!) { search(query: $q, kinds: [EVENT, DOCUMENT]) { node { ... on Event { key } ... on Document { key } } } }`,
          { q },
        )
      ).data?.search.map((hit) => hit.node.key);

    await gql(
      `mutation { createEvent(input: {
        key: "2026-05-01-hydropower", between: ["CN", "KG"], type: "talks", date: "2026-05-01",
        title: { en: "Talks on the Kambarata hydropower plant", zh: "坎巴拉塔水电站会谈" },
        sources: [{ source: "${SOURCE}" }] }) { key } }`,
    );
    expect(await find("Kambarata")).toEqual(["2026-05-01-hydropower"]);
    expect(await find("水电")).toEqual(["2026-05-01-hydropower"]); // two characters: the LIKE path

    await gql(
      `mutation { updateEvent(key: "2026-05-01-hydropower", version: 1, patch: {
        title: { en: "Talks on the Naryn cascade", zh: "纳伦梯级电站会谈" } }) { version } }`,
    );
    expect(await find("Naryn")).toEqual(["2026-05-01-hydropower"]);
    expect(await find("Kambarata")).toEqual([]);

    await gql(`mutation { deleteEvent(key: "2026-05-01-hydropower", version: 2) { key } }`);
    expect(await find("Naryn")).toEqual([]);

    await gql(
      `mutation { updateDocument(key: "mfa-cooperation-programme-2026-2027", version: 1, patch: {
        summary: { en: "Covers consular matters and glaciology", zh: "涵盖领事事务和冰川学" } }) { version } }`,
    );
    expect(await find("glaciology")).toEqual(["mfa-cooperation-programme-2026-2027"]);
  });
});
