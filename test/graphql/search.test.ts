// search(query): one search across entities, Chinese and English, kept current by triggers.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { events } from "../../src/db/schema.ts";
import { createTestDb } from "../support/db.ts";
import { graphqlClient, onlyError } from "../support/graphql.ts";

type Hits = {
  search: {
    kind: string;
    snippet: string;
    node: { __typename: string; key?: string; name?: string };
  }[];
};
const searchQuery = `query ($q: String!, $kinds: [SearchKind!], $first: Int) {
  search(query: $q, kinds: $kinds, first: $first) {
    kind snippet
    node { __typename ... on Project { key name } ... on Event { key } ... on Person { key name } }
  }
}`;

let db: Db;
let gql: Awaited<ReturnType<typeof graphqlClient>>;
beforeAll(async () => {
  db = createTestDb().db;
  gql = await graphqlClient(db);
});

async function hits(q: string, kinds?: string[]) {
  const { data, errors } = await gql<Hits>(searchQuery, { q, kinds, first: 50 });
  expect(errors).toBeUndefined();
  return data?.search ?? [];
}

describe("search", () => {
  it("finds the railway project by its Chinese name", async () => {
    const found = await hits("中吉乌铁路", ["PROJECT"]);
    expect(found[0]?.node).toMatchObject({
      __typename: "Project",
      key: "china-kyrgyzstan-uzbekistan-railway",
    });
    expect(found[0]?.snippet).toContain("«中吉乌铁路»");
  });

  it("finds it by a two-character word, which the trigram index alone cannot", async () => {
    const found = await hits("铁路");
    expect(found.map((h) => h.node.key)).toContain("china-kyrgyzstan-uzbekistan-railway");
    expect(found.find((h) => h.kind === "PROJECT")?.snippet).toContain("«铁路»");
  });

  it("finds it in English, case-insensitively", async () => {
    const found = await hits("RAILWAY", ["PROJECT"]);
    expect(found.map((h) => h.node.key)).toEqual(["china-kyrgyzstan-uzbekistan-railway"]);
  });

  it("returns typed hits of several kinds", async () => {
    const kinds = new Set((await hits("王毅")).map((h) => h.kind));
    expect(kinds).toContain("PERSON");
    expect(kinds).toContain("EVENT");
  });

  it("requires every term", async () => {
    expect(await hits("铁路 nonexistentword")).toEqual([]);
  });

  it("treats FTS syntax in the query as text", async () => {
    expect(await hits('"中吉 OR NEAR(')).toEqual([]);
  });

  it("finds an edit at once", async () => {
    expect(await hits("Issyk-Kul")).toEqual([]);
    db.update(events)
      .set({ summaryEn: "Talks continued on the shore of Issyk-Kul." })
      .where(eq(events.key, "2025-11-19-japarov-meets-wang-yi"))
      .run();
    const found = await hits("Issyk-Kul");
    expect(found.map((h) => h.node.key)).toEqual(["2025-11-19-japarov-meets-wang-yi"]);
  });

  it.each([
    ["", "empty"],
    ["铁".repeat(201), "the limit is 200"],
    ["铁", "too short"],
  ])("refuses %j with BAD_USER_INPUT on query", async (q, message) => {
    const error = onlyError(await gql(searchQuery, { q }));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "query" });
    expect(error.message).toContain(message);
  });
});
