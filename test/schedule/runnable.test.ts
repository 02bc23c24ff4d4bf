// A schedule is refused when it could never run, and what it runs on is not deleted under it:
// an event-brief schedule (no period names an event) is refused naming the template, and a
// relationship a live schedule covers cannot be deleted (CONFLICT naming the schedule) until the
// schedule is changed or deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb } from "../support/db.ts";
import { clientOf, testKey } from "../support/graphql.ts";
import { schedulesGraphQL } from "../support/schedules.ts";

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

async function clients(db: Db, dir: string) {
  const { yoga } = schedulesGraphQL(db, dir, pool);
  const as = (token: string) => clientOf((request) => Promise.resolve(yoga.fetch(request)), token);
  return { admin: as(await testKey(db, "admin")), editor: as(await testKey(db, "editor")) };
}

const create = `mutation ($input: ScheduleInput!) { createSchedule(input: $input) { schedule { id template } } }`;
const weekly = { cron: "0 7 * * 1", timezone: "UTC" };
const deleteUz = `mutation ($v: Int!) { deleteRelationship(between: ["CN", "UZ"], version: $v) { key } }`;
const uzVersion = (db: Db) =>
  (
    db.$client.prepare("SELECT version FROM relationships WHERE key = 'CN-UZ'").get() as
      | { version: number }
      | undefined
  )?.version;

describe("schedules that could never run", () => {
  it("refuses the event-brief template, naming it, and takes the others", async () => {
    const { db, dir } = createTestDb();
    const { admin } = await clients(db, dir);
    const refused = await admin(create, {
      input: { ...weekly, name: "eb", relationships: ["CN-KG"], template: "event-brief" },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.template",
    });
    expect(refused.errors?.[0]?.message).toMatch(/cannot run the template "event-brief"/);
    for (const template of ["weekly-summary", "briefing-note", "dossier"]) {
      const made = await admin<{ createSchedule: { schedule: { template: string } } }>(create, {
        input: { ...weekly, name: template, relationships: ["CN-KG"], template },
      });
      expect(made.errors).toBeUndefined();
      expect(made.data?.createSchedule.schedule.template).toBe(template);
    }
  });
});

describe("deleting a relationship a schedule runs on", () => {
  it("is refused with CONFLICT naming the schedule, and allowed once the schedule is gone", async () => {
    const { db, dir } = createTestDb();
    const { admin, editor } = await clients(db, dir);
    await editor(`mutation { createRelationship(input: { between: ["CN", "UZ"] }) { key } }`);
    const made = await admin<{ createSchedule: { schedule: { id: string } } }>(create, {
      input: { ...weekly, name: "uz-weekly", relationships: ["CN-UZ"] },
    });
    expect(made.errors).toBeUndefined();

    const refused = await editor(deleteUz, { v: uzVersion(db) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      argumentName: "between",
    });
    expect(refused.errors?.[0]?.message).toContain('schedule "uz-weekly"');
    expect(uzVersion(db)).toBeDefined();

    await admin(`mutation ($id: ID!) { deleteSchedule(id: $id) }`, {
      id: made.data?.createSchedule.schedule.id,
    });
    const deleted = await editor(deleteUz, { v: uzVersion(db) });
    expect(deleted.errors).toBeUndefined();
    expect(uzVersion(db)).toBeUndefined();
  });

  it("is refused when it is all a country-scoped schedule covers of that country", async () => {
    const { db, dir } = createTestDb();
    const { admin, editor } = await clients(db, dir);
    await editor(`mutation { createRelationship(input: { between: ["CN", "UZ"] }) { key } }`);
    const made = await admin(create, { input: { ...weekly, name: "uz-desk", countries: ["UZ"] } });
    expect(made.errors).toBeUndefined();
    const refused = await editor(deleteUz, { v: uzVersion(db) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    expect(refused.errors?.[0]?.message).toContain('schedule "uz-desk" (by country UZ)');
  });
});
