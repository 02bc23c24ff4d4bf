// The period a resend or a preview asks for is a real calendar date, not too early and not to
// come: 30 February is not taken for 2 March, 9999-12-31 is refused instead of failing inside,
// and the CLI says so with exit 2, as for any bad input.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb, tempDir } from "../support/db.ts";
import { type Client, clientOf, testKey } from "../support/graphql.ts";
import { schedulesGraphQL } from "../support/schedules.ts";

let pool: BrowserPool;
let gql: Client;
let id = "";

beforeAll(async () => {
  const { db, dir } = createTestDb();
  pool = new BrowserPool();
  const { yoga } = schedulesGraphQL(db, dir, pool);
  const token = await testKey(db, "admin");
  gql = clientOf((request) => Promise.resolve(yoga.fetch(request)), token);
  const made = await gql<{ createSchedule: { schedule: { id: string } } }>(
    `mutation { createSchedule(input: { name: "weekly", cron: "0 7 * * 1", timezone: "UTC", relationships: ["CN-KG"] }) { schedule { id } } }`,
  );
  id = made.data?.createSchedule.schedule.id as string;
});
afterAll(() => pool.close());

const asked = [
  ["2025-02-30", /not a calendar date/],
  ["2025-13-01", /not a calendar date/],
  ["9999-12-31", /has not ended yet/],
  ["0001-01-01", /before 1900/],
] as const;

describe("the period asked for", () => {
  it.each(asked)("refuses %s for a resend, naming the period", async (period, message) => {
    const { errors } = await gql(
      `mutation ($id: ID!, $period: String!) { resendPeriod(schedule: $id, period: $period) { status } }`,
      { id, period },
    );
    expect(errors?.[0]?.message).toMatch(message);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "period",
    });
  });

  it.each(asked)("refuses %s for a preview, naming the period", async (period, message) => {
    const { errors } = await gql(
      `mutation ($id: ID!, $period: String!) { previewSchedule(id: $id, period: $period) { periodFrom } }`,
      { id, period },
    );
    expect(errors?.[0]?.message).toMatch(message);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "period",
    });
  });

  it("is refused by `attache schedule preview` with a message and exit 2", () => {
    const dataDir = tempDir();
    const attache = (...args: string[]) =>
      spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), ...args], {
        env: { ...process.env, ATTACHE_DATA_DIR: dataDir },
        encoding: "utf8",
      });
    expect(attache("db", "reset").status).toBe(0);
    const add = attache(
      "schedule",
      "add",
      "--name",
      "weekly",
      "--cron",
      "0 7 * * 1",
      "--timezone",
      "UTC",
      "--relationship",
      "CN-KG",
    );
    expect(add.status, add.stderr).toBe(0);
    for (const [period, message] of [
      ["9999-12-31", /has not ended yet/],
      ["2025-02-30", /not a calendar date/],
    ] as const) {
      const preview = attache("schedule", "preview", "weekly", "--period", period);
      expect(preview.status, preview.stderr).toBe(2);
      expect(preview.stderr).toMatch(message);
      expect(preview.stderr).not.toMatch(/RangeError|\n\s+at /);
    }
  }, 60_000);
});
