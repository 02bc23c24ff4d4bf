// Another process holding the write lock must not stall the server: requests that need no write
// answer at once, writes wait asynchronously and, past ATTACHE_BUSY_TIMEOUT_MS, get a coded BUSY.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { SERVER_BUSY_TIMEOUT_MS } from "../../src/db/busy.ts";
import { openDatabase } from "../../src/db/client.ts";
import { schema } from "../../src/graphql/schema.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createTestDb } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";

const { file, dir, db } = createTestDb();
let impatient: RunningServer; // gives up on the database after 1 s
let patient: RunningServer; // waits up to 15 s
beforeAll(async () => {
  const serve = async (busyMs: string) =>
    startServer(
      openDatabase(file, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS }),
      loadConfig({ PORT: "0", ATTACHE_DATA_DIR: dir, ATTACHE_BUSY_TIMEOUT_MS: busyMs }),
      createLogger("silent"),
    );
  impatient = await serve("1000");
  patient = await serve("15000");
});
afterAll(async () => {
  await impatient.close();
  await patient.close();
});

/** Another process takes the write lock, says so, keeps it `ms`, then commits. */
function holdWriteLock(ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const db = require("better-sqlite3")(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    db.prepare("UPDATE countries SET name_en = name_en WHERE code = 'CN'").run();
    require("node:fs").writeSync(1, "locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec("COMMIT");`;
  const child = spawn(process.execPath, ["-e", script, file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const released = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.once("data", () => resolve({ released }));
    child.once("error", reject);
  });
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - started), value };
}

const gql = (server: RunningServer, token: string, query: string) =>
  fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });

const createTopic = (key: string) =>
  `mutation { createTopic(input: { key: "${key}", kind: ISSUE, name: { en: "${key}", zh: "${key}" } }) { key } }`;

describe("while another process holds the write lock for 5 s", () => {
  it("health and reads answer at once; writes wait without blocking, then BUSY or succeed", async () => {
    // A fresh key: its first use is noted, which used to be a write on the request path.
    const reader = await testKey(db, "viewer");
    const editor = await testKey(db, "editor");
    // Warm both servers (first requests compile caches), so the figures are the steady state.
    for (const server of [impatient, patient]) await gql(server, reader, "{ countries { code } }");
    const { released } = await holdWriteLock(5_000);
    const lockedAt = performance.now();

    const health = await timed(async () => (await fetch(`${impatient.url}/healthz`)).json());
    const read = await timed(async () =>
      (await gql(impatient, reader, "{ countries { code } }")).json(),
    );
    const waitingWrite = timed(async () =>
      (await gql(patient, editor, createTopic("waited"))).json(),
    );
    const refusedWrite = timed(async () => {
      const response = await gql(impatient, editor, createTopic("refused"));
      return { status: response.status, body: await response.json() };
    });
    // Both writes are now retrying: the servers still answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const healthDuringRetries = await timed(
      async () => (await fetch(`${patient.url}/healthz`)).status,
    );
    const readDuringRetries = await timed(
      async () => (await gql(patient, reader, "{ countries { code } }")).status,
    );
    const refused = await refusedWrite;
    const waited = await waitingWrite;
    await released;
    // Shown in the test's output: the figures the issue asks about (a bound of 100 ms).
    console.log(
      `lock held 5000 ms: /healthz ${health.ms} ms, read ${read.ms} ms; while writes retry: /healthz ${healthDuringRetries.ms} ms, read ${readDuringRetries.ms} ms; BUSY after ${refused.ms} ms; the waiting write done after ${waited.ms} ms`,
    );

    expect(health.value).toEqual({ status: "ok" });
    expect(read.value).toEqual({
      data: { countries: [{ code: "CN" }, { code: "KG" }, { code: "UZ" }] },
    });
    expect(healthDuringRetries.value).toBe(200);
    expect(readDuringRetries.value).toBe(200);
    // Before, each of these blocked the event loop for the whole busy timeout (5 s). The bound
    // is generous (ten times the 100 ms asked for) because the machine running the tests is
    // shared; the figures above show the real times.
    const slowest = [health, read, healthDuringRetries, readDuringRetries].map((t) => t.ms);
    expect(Math.max(...slowest)).toBeLessThan(1_000);

    expect(refused.value.status).toBe(503);
    expect(refused.value.body.errors[0].extensions).toEqual({ code: "BUSY" });
    expect(refused.value.body.errors[0].message).toMatch(/database is busy/);
    expect(waited.value).toEqual({ data: { createTopic: { key: "waited" } } });
    expect(performance.now() - lockedAt).toBeGreaterThanOrEqual(4_900);
    // Nothing of the refused write was kept.
    expect(
      db.$client.prepare("SELECT key FROM topics WHERE key IN ('waited', 'refused')").all(),
    ).toEqual([{ key: "waited" }]);
  }, 30_000);
});

describe("which mutations are tried again after BUSY", () => {
  const retried = (name: string) => {
    const field = schema.getMutationType()?.getFields()[name];
    if (!field) throw new Error(`no mutation ${name}`);
    const options = field.extensions?.pothosOptions as { retryWhileBusy?: boolean } | undefined;
    return options?.retryWhileBusy === true;
  };

  it("one-transaction writes are; those that send, render or deliver first are not", () => {
    for (const name of ["createTopic", "updateEvent", "importDataset", "createSchedule"]) {
      expect(retried(name), name).toBe(true);
    }
    for (const name of ["generateBrief", "runScheduleNow", "resendPeriod", "testSendSchedule"]) {
      expect(retried(name), name).toBe(false);
    }
  });
});
