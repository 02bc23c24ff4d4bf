// A change to a schedule's targets is a change to the schedule: adding or removing a target, or a
// reader unsubscribing, moves its version on, so an update built from an earlier read is refused
// (CONFLICT) instead of dropping a target another admin added or re-adding an unsubscribed reader.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { decodeId } from "../../src/graphql/ids.ts";
import { createLogger } from "../../src/log.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { unsubscribeToken } from "../../src/schedule/messages.ts";
import { activeTargets } from "../../src/schedule/store.ts";
import { startServer } from "../../src/server.ts";
import { createTestDb } from "../support/db.ts";
import { clientOf, testKey } from "../support/graphql.ts";
import { LINK_SECRET, schedulesGraphQL } from "../support/schedules.ts";

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

const create = `mutation ($input: ScheduleInput!) {
  createSchedule(input: $input) { schedule { id version targets { id url address } } }
}`;
const update = `mutation ($id: ID!, $version: Int!, $input: ScheduleInput!) {
  updateSchedule(id: $id, version: $version, input: $input) { schedule { version targets { url address } } }
}`;
const read = `query ($id: ID!) { node(id: $id) { ... on Schedule { version targets { url address } } } }`;
const definition = { cron: "0 7 * * 1", timezone: "UTC", relationships: ["CN-KG"] };

type Created = {
  createSchedule: {
    schedule: {
      id: string;
      version: number;
      targets: { id: string; url: string | null; address: string | null }[];
    };
  };
};

describe("target changes move a schedule's version on", () => {
  it("refuses an update read before another admin added a target, and keeps that target", async () => {
    const { db, dir } = createTestDb();
    const { yoga } = schedulesGraphQL(db, dir, pool);
    const gql = clientOf((r) => Promise.resolve(yoga.fetch(r)), await testKey(db, "admin"));
    const input = {
      ...definition,
      name: "added",
      targets: [{ webhook: "https://a.example.org/x" }],
    };
    const made = await gql<Created>(create, { input });
    expect(made.errors).toBeUndefined();
    const created = made.data?.createSchedule.schedule as Created["createSchedule"]["schedule"];
    const { id, version } = created;

    const added = await gql<{ addScheduleTargets: { schedule: { version: number } } }>(
      `mutation ($id: ID!) { addScheduleTargets(schedule: $id, targets: [{ webhook: "https://b.example.org/y" }]) { schedule { version } } }`,
      { id },
    );
    expect(added.data?.addScheduleTargets.schedule.version).toBe(version + 1);

    const stale = await gql(update, {
      id,
      version,
      input: { ...input, targets: [...input.targets, { webhook: "https://c.example.org/z" }] },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      argumentName: "version",
    });
    const after = await gql<{ node: { targets: { url: string }[] } }>(read, { id });
    expect(after.data?.node.targets.map((t) => t.url)).toEqual([
      "https://a.example.org/x",
      "https://b.example.org/y",
    ]);
  });

  it("refuses an update read before a target was removed", async () => {
    const { db, dir } = createTestDb();
    const { yoga } = schedulesGraphQL(db, dir, pool);
    const gql = clientOf((r) => Promise.resolve(yoga.fetch(r)), await testKey(db, "admin"));
    const input = {
      ...definition,
      name: "removed",
      targets: [{ webhook: "https://a.example.org/x" }, { webhook: "https://b.example.org/y" }],
    };
    const made = await gql<Created>(create, { input });
    const schedule = made.data?.createSchedule.schedule as Created["createSchedule"]["schedule"];
    const removed = await gql<{ removeScheduleTarget: { version: number } }>(
      `mutation ($t: ID!) { removeScheduleTarget(target: $t) { version } }`,
      { t: schedule.targets[1]?.id },
    );
    expect(removed.data?.removeScheduleTarget.version).toBe(schedule.version + 1);
    const stale = await gql(update, { id: schedule.id, version: schedule.version, input });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
  });

  it("does not put back a reader who unsubscribed by the one-click link", async () => {
    const { db, dir } = createTestDb();
    const config = loadConfig({
      PORT: "0",
      ATTACHE_DATA_DIR: dir,
      ATTACHE_SMTP_URL: "smtp://127.0.0.1:9",
    });
    const server = await startServer(db, config, createLogger("silent"), {
      linkSecret: LINK_SECRET,
    });
    try {
      const gql = clientOf(
        (r) => fetch(new URL(new URL(r.url).pathname, server.url), r),
        await testKey(db, "admin"),
      );
      const input = {
        ...definition,
        name: "readers",
        targets: [{ email: ["reader@example.org", "desk@example.org"] }],
      };
      const made = await gql<Created>(create, { input });
      expect(made.errors).toBeUndefined();
      const schedule = made.data?.createSchedule.schedule as Created["createSchedule"]["schedule"];
      const reader = (await activeTargets(db, Number(decodeId(schedule.id).id))).find(
        (t) => t.address === "reader@example.org",
      );
      const token = unsubscribeToken(LINK_SECRET, reader?.id as number);
      const done = await fetch(`${server.url}/unsubscribe/${token}`, { method: "POST" });
      expect(done.status).toBe(200);

      // An admin's edit of the cron, built from the read before the reader left.
      const stale = await gql(update, {
        id: schedule.id,
        version: schedule.version,
        input: { ...input, cron: "0 9 * * 1" },
      });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
      const after = await gql<{ node: { version: number; targets: { address: string }[] } }>(read, {
        id: schedule.id,
      });
      expect(after.data?.node).toEqual({
        version: schedule.version + 1,
        targets: [{ address: "desk@example.org", url: null }],
      });
    } finally {
      await server.close();
    }
  });
});
