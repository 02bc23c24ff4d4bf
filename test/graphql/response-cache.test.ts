// Repeated reads come from the response cache, per role and locale, until anything writes to the
// database: a mutation, or another process (an import, any CLI command). Hits are seen as reads
// that run no SQL statement.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyUsage } from "../../src/auth/key-usage.ts";
import { loadConfig } from "../../src/config.ts";
import { encodeId } from "../../src/graphql/ids.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createTestDb, type TestDb } from "../support/db.ts";
import { graphqlClient, testKey } from "../support/graphql.ts";

let test: TestDb;
let viewer: Awaited<ReturnType<typeof graphqlClient>>;
let editor: Awaited<ReturnType<typeof graphqlClient>>;
let server: RunningServer;

/**
 * Whether the last request read data with SQL. The server writes keys' last-used times every few
 * seconds on a timer: such a write falling within a request is not the request's.
 */
const ranSql = () =>
  test.log.statements.some((s) => !/\bapi_keys\b|^\s*(?:begin|commit|rollback)\b/i.test(s));
beforeAll(async () => {
  test = createTestDb();
  viewer = await graphqlClient(test.db);
  editor = await graphqlClient(test.db, {}, { role: "editor" });
  server = await startServer(test.db, loadConfig({ PORT: "0" }), createLogger("silent"));
});
afterAll(() => server.close());

const TOPICS = `{ topics { key name } }`;

/** Runs a read and tells whether it ran SQL (a miss) or not (a hit). */
async function read(client = viewer, query = TOPICS, headers: Record<string, string> = {}) {
  test.log.clear();
  const response = await client(query, undefined, headers);
  expect(response.errors).toBeUndefined();
  return { data: response.data, ranSql: ranSql() };
}

const attache = (...args: string[]) =>
  spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), ...args], {
    env: { ...process.env, ATTACHE_DB_FILE: test.file },
    encoding: "utf8",
  });

describe("the response cache", () => {
  it("serves a repeat without running SQL, per role and locale", async () => {
    const first = await read();
    expect(first.ranSql).toBe(true);
    const again = await read();
    expect(again).toEqual({ data: first.data, ranSql: false });

    expect((await read(editor)).ranSql).toBe(true);
    const zh = await read(viewer, TOPICS, { "x-attache-locale": "zh" });
    expect(zh.ranSql).toBe(true);
    expect(zh.data).not.toEqual(first.data);
    expect((await read(viewer, TOPICS, { "x-attache-locale": "zh" })).ranSql).toBe(false);
  });

  it("is emptied by a mutation", async () => {
    await read();
    expect((await read()).ranSql).toBe(false);
    const { errors } = await editor(
      `mutation { updateTopic(key: "aviation", version: 1, patch: { name: { en: "Civil aviation and airports", zh: "民航" } }) { version } }`,
    );
    expect(errors).toBeUndefined();
    const after = await read();
    expect(after.ranSql).toBe(true);
    expect(JSON.stringify(after.data)).toContain("Civil aviation and airports");
  });

  it("is emptied by an import in another process", { timeout: 60_000 }, async () => {
    await read();
    expect((await read()).ranSql).toBe(false);
    const file = path.join(test.dir, "topic.yaml");
    fs.writeFileSync(
      file,
      "topics:\n  - { key: glaciers, kind: cooperation_area, name: { en: Glaciers, zh: 冰川 } }\n",
    );
    const run = attache("import", file);
    expect(run.status, run.stderr).toBe(0);
    const after = await read();
    expect(after.ranSql).toBe(true);
    expect(JSON.stringify(after.data)).toContain("Glaciers");
  });

  it("is emptied by any CLI write", { timeout: 60_000 }, async () => {
    await read();
    expect((await read()).ranSql).toBe(false);
    const run = attache("keys", "create", "--role", "viewer", "--name", "cache-probe");
    expect(run.status, run.stderr).toBe(0);
    expect((await read()).ranSql).toBe(true);
  });

  it("is not emptied when the times keys were last used are written", async () => {
    const newcomer = await graphqlClient(test.db);
    const first = await read(newcomer);
    expect((await read(newcomer)).ranSql).toBe(false);
    const lastUsed = () =>
      test.db.$client
        .prepare("SELECT count(*) AS n FROM api_keys WHERE last_used_at IS NOT NULL")
        .get();
    const before = lastUsed();
    await keyUsage(test.db).flush(); // what the server does every few seconds
    expect(lastUsed()).not.toEqual(before);
    expect(await read(newcomer)).toEqual({ data: first.data, ranSql: false });
  });

  it("never keeps an answer that depends on the key asking", async () => {
    const me = `{ me { name } }`;
    const other = await graphqlClient(test.db);
    // Same role, same locale, same data: only the key differs.
    const [a, b] = [await viewer(me), await other(me)];
    expect(a.errors).toBeUndefined();
    expect(a.data).not.toEqual(b.data);
  });
});

describe("the response cache over HTTP, per operation of a document", () => {
  // One document, two operations: the one named in the request is what runs and what decides,
  // with the fragments it spreads.
  const DOCUMENT = `query Topics { topics { key } } query Me { ...Who } fragment Who on Query { me { name } }`;
  const post = async (token: string, operationName: string) => {
    test.log.clear();
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: DOCUMENT, operationName }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return { data: body.data, ranSql: ranSql() };
  };

  it("keeps the answer of a cacheable operation though its document holds one that is not", async () => {
    const token = await testKey(test.db, "viewer");
    const first = await post(token, "Topics");
    expect(first.ranSql).toBe(true);
    expect(await post(token, "Topics")).toEqual({ data: first.data, ranSql: false });
  });

  it("does not keep an answer over 1 MiB, which would push out the others", async () => {
    const token = await testKey(test.db, "viewer", "large-reader");
    // Event:2 has 17 statements: 17³ statements' texts in two languages, within the values limit.
    const S = `id key text zh: text(locale: ZH) en: text(locale: EN)`;
    const event = encodeId("Event", 2);
    const large = `{ node(id: "${event}") { ... on Event { statements { ${S} event { statements { ${S} event { statements { ${S} } } } } } } } }`;
    const ask = async (query: string) => {
      test.log.clear();
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      expect(JSON.parse(text).errors).toBeUndefined();
      return { chars: text.length, ranSql: ranSql() };
    };
    const first = await ask(large);
    expect(first.chars).toBeGreaterThan(1024 * 1024);
    expect(first.ranSql).toBe(true);
    expect((await ask(large)).ranSql).toBe(true); // not kept: asked again, read again
    // A small one is kept as before.
    expect((await ask(TOPICS)).ranSql).toBe(true);
    expect((await ask(TOPICS)).ranSql).toBe(false);
  });

  it("never keeps the answer of an operation that depends on the key asking", async () => {
    const [a, b] = [
      await testKey(test.db, "viewer", "first-reader"),
      await testKey(test.db, "viewer", "second-reader"),
    ];
    // The document's other operation was decided (and kept) first.
    await post(a, "Topics");
    expect((await post(a, "Topics")).ranSql).toBe(false);
    expect((await post(a, "Me")).data).toEqual({ me: { name: "first-reader" } });
    expect((await post(b, "Me")).data).toEqual({ me: { name: "second-reader" } });
  });
});
