// Lists nested in a cycle (Statement.event → Event.statements …) are counted as full before a
// query runs, every selected field a value (scalars and aliases too), so a small query that would
// answer with millions of values or megabytes of text is refused, while the operations the README
// and the dossier benchmark show still run; `nodes(ids:)` takes 100 IDs, each once.
import fs from "node:fs";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOSSIER_QUERY } from "../../bench/dossier.ts";
import { loadConfig } from "../../src/config.ts";
import { encodeId } from "../../src/graphql/ids.ts";
import { operationOf } from "../../src/graphql/operation.ts";
import { operationValues } from "../../src/graphql/result-size.ts";
import { schema } from "../../src/graphql/schema.ts";
import { graphiqlDefaultQuery } from "../../src/graphql/yoga.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createTestDb } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";

const { db, dir } = createTestDb();
const token = await testKey(db, "viewer");
const adminToken = await testKey(db, "admin");
const config = loadConfig({ PORT: "0", ATTACHE_DATA_DIR: dir, ATTACHE_RESPONSE_CACHE_MB: "0" });
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(db, config, createLogger("silent"));
});
afterAll(() => server.close());

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

async function post(
  query: string,
  variables?: Record<string, unknown>,
  bearer = token,
): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

/** Statement.event → Event.statements, `levels` times, under the first three events. */
function fanout(levels: number, first = 3): string {
  let inner = "key";
  for (let i = 0; i < levels; i++) inner = `statements { event { ${inner} } }`;
  return `events(first: ${first}) { nodes { ${inner} } }`;
}

describe("lists nested in a cycle", () => {
  it("are refused before they run, naming the limit", async () => {
    const started = performance.now();
    const { data, errors } = await post(`{ ${fanout(4)} }`);
    const took = performance.now() - started;
    expect(data ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      limit: "values",
      maximum: 100_000,
    });
    expect(errors?.[0]?.message).toMatch(/at most 100,000 are allowed \(ATTACHE_MAX_VALUES\)/);
    expect(took).toBeLessThan(1000);
  });

  it("count every alias: four of a smaller cycle are refused together", async () => {
    const aliases = [2, 3, 4, 5].map((first, i) => `a${i}: ${fanout(3, first)}`).join(" ");
    const { errors } = await post(`{ ${aliases} }`);
    expect(errors?.[0]?.extensions?.limit).toBe("values");
  });

  it("still answer when they stay within the limit", async () => {
    const { data, errors } = await post(`{ ${fanout(2)} }`);
    expect(errors).toBeUndefined();
    expect(data?.events).toBeTruthy();
  });
});

/** The operations of the README's graphql blocks, each with its name. */
function readmeOperations(): { name: string; document: string }[] {
  const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap(([, document = ""]) =>
    parse(document).definitions.flatMap((definition) =>
      definition.kind === "OperationDefinition" && definition.name
        ? [{ name: definition.name.value, document }]
        : [],
    ),
  );
}

describe("the operations the README and the benchmarks show", () => {
  const operations = readmeOperations();

  it("are all within the limit, mutations included", () => {
    expect(operations.length).toBeGreaterThan(8);
    for (const { name, document } of operations) {
      const found = operationOf(parse(document), name);
      if (!found) throw new Error(`no operation ${name}`);
      const values = operationValues(schema, found.operation, found.fragments, {});
      expect(values, name).toBeLessThanOrEqual(config.limits.values);
    }
  });

  it("run: the README's queries, the dossier and GraphiQL's first query", async () => {
    const queries = operations.filter(({ document, name }) =>
      new RegExp(`query ${name}\\b`).test(document),
    );
    expect(queries.map(({ name }) => name)).toEqual(
      expect.arrayContaining(["Relationship", "Engagements", "Dossier", "Search"]),
    );
    const runs = [
      ...queries.map(({ name, document }) => ({ name, document, variables: {} })),
      { name: "bench dossier", document: DOSSIER_QUERY, variables: { between: ["CN", "KG"] } },
      { name: "GraphiQL", document: graphiqlDefaultQuery(false), variables: {} },
    ];
    // As an admin, who may read the audit log (EventHistory): the limits are the same for all.
    for (const { name, document, variables } of runs) {
      const { data, errors } = await post(document, variables, adminToken);
      const codes = (errors ?? []).map((error) => error.extensions?.code);
      expect(codes, name).not.toContain("QUERY_TOO_COMPLEX");
      expect(data, name).toBeTruthy();
    }
  });
});

describe("scalars under aliases inside nested lists", () => {
  // Event:2 has 17 statements; ten aliases of each statement's text at every level.
  const E = encodeId("Event", 2);
  const S = `id key text ${"abcdefghij"
    .split("")
    .map((a, i) => `${a}: text(locale: ${i % 2 ? "EN" : "ZH"})`)
    .join(" ")} date kind joint verb`;
  const nested = (ids: string[]) =>
    `{ nodes(ids: ${JSON.stringify(ids)}) { ... on Event { statements { ${S} event { statements { ${S} event { statements { ${S} } } } } } } } }`;

  it("are counted, and refused before they run (the same event five times answered 42 MB)", async () => {
    for (const ids of [[E, E, E, E, E], [E]]) {
      const started = performance.now();
      const { data, errors } = await post(nested(ids));
      const took = performance.now() - started;
      expect(data ?? null).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({
        code: "QUERY_TOO_COMPLEX",
        limit: "values",
      });
      expect(took).toBeLessThan(500);
    }
  });
});

describe("the limit's older name", () => {
  it("ATTACHE_MAX_OBJECTS still sets it, ATTACHE_MAX_VALUES first", () => {
    expect(loadConfig({}).limits.values).toBe(100_000);
    expect(loadConfig({ ATTACHE_MAX_OBJECTS: "250000" }).limits.values).toBe(250_000);
    expect(
      loadConfig({ ATTACHE_MAX_OBJECTS: "250000", ATTACHE_MAX_VALUES: "7000" }).limits.values,
    ).toBe(7_000);
  });
});

describe("nodes(ids:)", () => {
  const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
  const id = encodeId("Country", 1);
  const distinct = (n: number) => Array.from({ length: n }, (_, i) => encodeId("Country", i + 1));

  it("takes 100 IDs", async () => {
    const { data, errors } = await post(query, { ids: distinct(100) });
    expect(errors).toBeUndefined();
    expect(data?.nodes).toHaveLength(100);
  });

  it("refuses more, naming ids", async () => {
    const { data, errors } = await post(query, { ids: distinct(5000) });
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "ids" });
    expect(errors?.[0]?.message).toMatch(/at most 100 IDs/);
  });

  it("refuses an ID given twice, naming ids", async () => {
    const { data, errors } = await post(query, { ids: [id, encodeId("Country", 2), id] });
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "ids" });
    expect(errors?.[0]?.message).toBe(`ids: each ID at most once; "${id}" is given twice`);
  });
});
