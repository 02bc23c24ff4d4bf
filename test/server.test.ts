// The real server over real HTTP, and `attache serve` as a real process that stops on SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/keys.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { createTestDb, tempDir } from "./support/db.ts";

let server: RunningServer;
let token: string;
beforeAll(async () => {
  const { db } = createTestDb();
  token = (await createApiKey(db, { name: "reader", role: "viewer" }, "test")).token;
  const config = loadConfig({ PORT: "0", ATTACHE_MAX_BODY_BYTES: "2000" });
  server = await startServer(db, config, createLogger("silent"));
});
afterAll(() => server.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body,
  });

describe("HTTP", () => {
  it("answers a GraphQL query", async () => {
    const response = await post(
      JSON.stringify({
        query: `query Level { relationship(between: ["KG", "CN"]) { key partnership { level { label } } } }`,
      }),
      { "accept-language": "zh" },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: {
        relationship: { key: "CN-KG", partnership: { level: { label: "新时代全面战略伙伴关系" } } },
      },
    });
  });

  it("serves GraphiQL to a browser", async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("GraphiQL");
  });

  it("reports health and readiness", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: "ready" });
  });

  it("refuses a body over the limit before reading it", async () => {
    const query = `{ countries { code } }${" ".repeat(3000)}`;
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers 404 on unknown paths", async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });
});

describe("attache serve", () => {
  it("migrates, seeds, serves, logs JSON lines and stops cleanly on SIGTERM", async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [path.resolve("bin/attache.mjs"), "serve"], {
      env: { ...process.env, PORT: "0", ATTACHE_DATA_DIR: dataDir, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const url = await new Promise<string>((resolve, reject) => {
      // Generous: the machine running the tests may be busy with other Chromium jobs.
      const timer = setTimeout(() => reject(new Error(`no start:\n${stdout}\n${stderr}`)), 60_000);
      child.stdout.on("data", () => {
        const match = /GraphiQL at (http:\/\/\S+)\/graphql/.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    // The first start makes an admin key and prints its token, once.
    const adminToken = /Admin API token[^:]*: (att_\S+)/.exec(stdout)?.[1];
    expect(adminToken).toBeDefined();
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: "{ countries { code } }" }),
    });
    expect(await response.json()).toEqual({
      data: { countries: [{ code: "CN" }, { code: "KG" }, { code: "UZ" }] },
    });
    // `db reset` refuses to delete the database from under the running server.
    const reset = () =>
      spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), "db", "reset"], {
        env: { ...process.env, ATTACHE_DATA_DIR: dataDir },
        encoding: "utf8",
      });
    const refused = reset();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^attache db reset: .*attache\.db is in use by attache serve \(pid \d+ on .+\): stop it first, or pass --force .*\n$/,
    );
    const after = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: "{ countries { code } }" }),
    });
    expect(after.status).toBe(200);
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    // Once it has stopped, nothing holds the database.
    expect(reset().status).toBe(0);
    const lines = stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(["seeded an empty database", "listening", "request", "stopped"]),
    );
  }, 120_000);
});
