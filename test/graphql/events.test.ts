// events(filter, orderBy): every filter, paging both ways, and the errors of bad arguments.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../support/db.ts";
import { addExtraEvents } from "../support/extra-events.ts";
import { graphqlClient, onlyError } from "../support/graphql.ts";

type Page = {
  events: {
    totalCount: number;
    nodes: { key: string; date: string }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
};

const pageQuery = `query ($filter: EventFilter, $orderBy: EventOrder, $first: Int, $after: String, $last: Int, $before: String) {
  events(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { key date }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

let gql: Awaited<ReturnType<typeof graphqlClient>>;
beforeAll(async () => {
  const { db } = createTestDb();
  await addExtraEvents(db, 25); // 2024-01-01 … 2024-01-25, plus the 3 seeded events of 2025-11-19
  gql = await graphqlClient(db);
});

async function keys(filter: Record<string, unknown>, orderBy = "DATE_ASC"): Promise<string[]> {
  const { data, errors } = await gql<Page>(pageQuery, { filter, orderBy, first: 100 });
  expect(errors).toBeUndefined();
  expect(data?.events.totalCount).toBe(data?.events.nodes.length);
  return data?.events.nodes.map((n) => n.key) ?? [];
}

describe("paging", () => {
  it("walks forward with first/after, visiting every event once, newest first", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const response: { data?: Page } = await gql<Page>(pageQuery, { first: 10, after });
      const page: Page["events"] | undefined = response.data?.events;
      expect(page?.totalCount).toBe(28);
      seen.push(...(page?.nodes.map((n) => n.key) ?? []));
      if (!page?.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(28);
    expect(new Set(seen).size).toBe(28);
    expect(seen.slice(-2)).toEqual(["extra-001", "extra-000"]);
  });

  it("walks backward with last/before to the same events", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const response: { data?: Page } = await gql<Page>(pageQuery, {
        last: 10,
        before,
        orderBy: "DATE_ASC",
      });
      const page: Page["events"] | undefined = response.data?.events;
      seen.unshift(...(page?.nodes.map((n) => n.key) ?? []));
      if (!page?.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(await keys({}, "DATE_ASC"));
    expect(seen[0]).toBe("extra-000");
  });

  it("refuses a malformed cursor with BAD_USER_INPUT", async () => {
    const response = await gql(pageQuery, { first: 5, after: "not-a-cursor" });
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "after" });
    expect(error.message.toLowerCase()).toContain("cursor");
  });
});

describe("filters", () => {
  it("relationship, in either order", async () => {
    expect(await keys({ relationship: "KG-CN" })).toHaveLength(28);
  });

  it("countries: every listed country takes part", async () => {
    expect(await keys({ countries: ["CN", "KG"] })).toHaveLength(28);
    expect(await keys({ countries: ["UZ"] })).toEqual([]);
  });

  it("from and to, inclusive", async () => {
    expect(await keys({ from: "2024-01-24", to: "2024-01-25" })).toEqual([
      "extra-023",
      "extra-024",
    ]);
    expect(await keys({ from: "2025-11-19" })).toHaveLength(3);
  });

  it("from and to as a month or a year: the days they cover", async () => {
    expect(await keys({ from: "2025-11", to: "2025-11" })).toHaveLength(3);
    expect(await keys({ from: "2024", to: "2024" })).toHaveLength(25);
    expect(await keys({ to: "2024-01-02" })).toEqual(["extra-000", "extra-001"]);
  });

  it("types", async () => {
    expect(await keys({ types: ["strategic_dialogue"] })).toEqual([
      "2025-11-19-first-strategic-dialogue",
    ]);
    expect(await keys({ types: ["talks", "phone_call"] })).toHaveLength(25);
  });

  it("topics", async () => {
    const agriculture = await keys({ topics: ["agriculture"] });
    expect(agriculture).toContain("extra-000");
    expect(agriculture).not.toContain("extra-001");
  });

  it("participant, by key or by ID (participantId)", async () => {
    const byKey = await keys({ participant: "jeenbek-kulubaev" });
    expect(byKey).toContain("2025-11-19-first-strategic-dialogue");
    expect(byKey).not.toContain("2025-11-19-japarov-meets-wang-yi");
    const { data } = await gql<{ people: { nodes: { id: string }[] } }>(
      `{ people(search: "库鲁巴耶夫") { nodes { id } } }`,
    );
    const id = data?.people.nodes[0]?.id;
    expect(await keys({ participantId: id })).toEqual(byKey);
  });

  it("search, in Chinese and English, short terms included", async () => {
    expect(await keys({ search: "战略对话" })).toContain("2025-11-19-first-strategic-dialogue");
    expect(await keys({ search: "strategic dialogue" })).toContain(
      "2025-11-19-first-strategic-dialogue",
    );
    expect(await keys({ search: "会谈" })).toHaveLength(25);
  });

  it("status", async () => {
    expect(await keys({ status: ["SCHEDULED"] })).toEqual([]);
    expect(await keys({ status: ["HELD"] })).toHaveLength(28);
  });

  it("combined", async () => {
    expect(
      await keys({ relationship: "CN-KG", types: ["talks"], from: "2024-01-01", to: "2024-01-05" }),
    ).toEqual(["extra-000", "extra-002", "extra-004"]);
  });
});

describe("bad arguments", () => {
  it.each([
    [{ from: "2025-12-01", to: "2025-01-01" }, "filter.to", "inverted"],
    [{ relationship: "CN-XX" }, "filter.relationship", 'unknown country code "XX"'],
    [{ relationship: "CN-UZ" }, "filter.relationship", "no relationship CN-UZ"],
    [{ countries: ["CHINA"] }, "filter.countries", "not an ISO 3166-1 alpha-2"],
    [{ types: ["banquet"] }, "filter.types", 'unknown event type "banquet"'],
    [{ topics: ["weather"] }, "filter.topics", 'unknown topic "weather"'],
    [{ participant: "nobody" }, "filter.participant", 'unknown person "nobody"'],
    [{ search: "x".repeat(201) }, "filter.search", "the limit is 200"],
    [{ search: "   " }, "filter.search", "empty"],
  ])("%j → BAD_USER_INPUT on %s", async (filter, argumentName, message) => {
    const error = onlyError(await gql(pageQuery, { filter, first: 5 }));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(error.message).toContain(message);
  });

  it("refuses a date that is not a calendar date, saying why", async () => {
    const error = onlyError(await gql(pageQuery, { filter: { from: "2025-11-31" } }));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "filter.from" });
    expect(error.message).toContain("November 2025 has 30 days");
    const literal = onlyError(await gql(`{ events(filter: { to: "2025-13" }) { totalCount } }`));
    expect(literal.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "filter.to" });
    expect(literal.message).toContain("there is no month 13");
  });

  it("names the argument at fault in a literal, however deep, as for variables", async () => {
    const nested = await gql(
      `{ events(filter: { types: ["visit", 7], from: "2025" }) { totalCount } }`,
    );
    expect(onlyError(nested).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "filter.types[1]",
    });
  });
});
