// Search work counts against a per-request budget: what a search text asks of the index is
// refused with QUERY_TOO_COMPLEX before any of it runs.
import { beforeAll, describe, expect, it } from "vitest";
import { searchCost } from "../../src/search/query.ts";
import { createTestDb, type TestDb } from "../support/db.ts";
import { graphqlClient, onlyError } from "../support/graphql.ts";

let test: TestDb;
let gql: Awaited<ReturnType<typeof graphqlClient>>;
beforeAll(async () => {
  test = createTestDb();
  gql = await graphqlClient(test.db);
});

const searchStatements = () => test.log.statements.filter((s) => s.includes("search_index"));

describe("the search budget", () => {
  it("refuses 30 aliases of a search with 37 short terms, running none of them", async () => {
    const terms = Array.from({ length: 37 }, (_, i) => String.fromCodePoint(0x4e00 + i).repeat(2));
    const aliases = Array.from({ length: 30 }, (_, i) => `s${i}: search(query: $q) { kind }`).join(
      " ",
    );
    test.log.clear();
    const response = await gql(`query ($q: String!) { ${aliases} }`, { q: terms.join(" ") });
    const error = onlyError(response);
    expect(error.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(error.message).toContain("search work");
    expect(searchStatements()).toEqual([]);
  });

  it("counts every search filter of the request", async () => {
    const events = (alias: string) =>
      `${alias}: events(first: 5, filter: { search: "铁路 合作" }) { nodes { key } }`;
    const budget = await graphqlClient(test.db, {
      ATTACHE_MAX_SEARCH_COST: String(searchCost("铁路 合作")),
    });
    expect((await budget(`{ ${events("a")} }`)).errors).toBeUndefined();
    const twice = onlyError(await budget(`{ ${events("a")} ${events("b")} }`));
    expect(twice.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("counts searches in fragments and from variables", async () => {
    const query = `query ($q: String!) { ...F a: search(query: $q) { kind } } fragment F on Query { b: search(query: $q) { kind } }`;
    const budget = await graphqlClient(test.db, {
      ATTACHE_MAX_SEARCH_COST: String(2 * searchCost("铁路 合作") - 1),
    });
    expect(onlyError(await budget(query, { q: "铁路 合作" })).extensions?.code).toBe(
      "QUERY_TOO_COMPLEX",
    );
    expect((await budget(query, { q: "铁路合作" })).errors).toBeUndefined();
  });

  it("lets an ordinary search through", async () => {
    const { data, errors } = await gql<{ search: unknown[] }>(
      `{ search(query: "中吉乌铁路 railway") { kind } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.search.length).toBeGreaterThan(0);
  });
});

describe("counting every match", () => {
  it("costs more than a page: three aliased totalCounts of a short term are refused, one passes", async () => {
    const count = (alias: string) =>
      `${alias}: events(first: 1, filter: { search: "ta" }) { totalCount }`;
    test.log.clear();
    const three = onlyError(await gql(`{ ${count("a")} ${count("b")} ${count("c")} }`));
    expect(three.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(searchStatements()).toEqual([]);
    expect((await gql(`{ ${count("a")} }`)).errors).toBeUndefined();
  });
});
