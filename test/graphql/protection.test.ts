// Abusive queries are refused before execution, with a clear error; internals stay masked.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { createTestDb } from "../support/db.ts";
import { graphqlClient } from "../support/graphql.ts";

const gql = await graphqlClient(createTestDb().db, {
  ATTACHE_MAX_DEPTH: "6",
  ATTACHE_MAX_ALIASES: "5",
  ATTACHE_MAX_TOKENS: "400",
  ATTACHE_MAX_COST: "500",
});

describe("query limits", () => {
  it("refuses a query nested too deep", async () => {
    const deep = `{ events(first: 1) { nodes { relationship { events(first: 1) { nodes { relationship { events(first: 1) { nodes { key } } } } } } } } }`;
    const { errors } = await gql(deep);
    expect(errors?.[0]?.message).toMatch(/depth/i);
  });

  it("refuses too many aliases", async () => {
    const aliases = Array.from({ length: 8 }, (_, i) => `a${i}: countries { code }`).join(" ");
    const { errors } = await gql(`{ ${aliases} }`);
    expect(errors?.[0]?.message).toMatch(/alias/i);
  });

  it("refuses too many tokens", async () => {
    const fields = Array.from({ length: 500 }, () => "code").join(" ");
    const { errors } = await gql(`{ countries { ${fields} } }`);
    expect(errors?.[0]?.message).toMatch(/token/i);
  });

  it("refuses a query that costs too much", async () => {
    const costly = await graphqlClient(createTestDb().db, { ATTACHE_MAX_COST: "60" });
    const wide = `{ events(first: 1) { nodes { key title date participants { role person { key name } } documents { key title date } statements { key text } } } }`;
    const { errors } = await costly(wide);
    expect(errors?.[0]?.message).toMatch(/cost/i);
  });

  it("does not suggest field names to a prober", async () => {
    const { errors } = await gql(`{ countrie { code } }`);
    expect(errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it("still answers an ordinary query", async () => {
    const { errors, data } = await gql(`{ countries { code } }`);
    expect(errors).toBeUndefined();
    expect(data?.countries).toHaveLength(3);
  });
});

describe("internal errors", () => {
  it("are masked from the client and logged as errors, with their cause", async () => {
    const { db } = createTestDb();
    const lines: string[] = [];
    const broken = await graphqlClient(
      db,
      {},
      { logger: createLogger("debug", (l) => lines.push(l)) },
    );
    db.$client.exec("DROP TABLE event_participants");
    const { errors } = await broken(`{ events(first: 1) { nodes { participants { role } } } }`);
    expect(errors?.[0]?.message).toBe("Unexpected error.");
    expect(JSON.stringify(errors)).not.toContain("event_participants");
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged.filter((l) => l.level === "error")).toEqual([
      expect.objectContaining({
        msg: "request failed",
        error: expect.stringMatching(/event_participants/),
      }),
    ]);
  });

  it("a refusal of the client's input is logged at debug level, not as an error", async () => {
    const lines: string[] = [];
    const logger = createLogger("debug", (l) => lines.push(l));
    const editor = await graphqlClient(createTestDb().db, {}, { role: "editor", logger });
    const { errors } = await editor(
      `mutation { createTopic(input: { key: "Bad Key", kind: ISSUE, name: { en: "a", zh: "b" } }) { key } }`,
    );
    expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged.filter((l) => l.level === "error")).toEqual([]);
    expect(logged).toContainEqual(
      expect.objectContaining({ level: "debug", msg: "request refused", code: "BAD_USER_INPUT" }),
    );
  });
});
