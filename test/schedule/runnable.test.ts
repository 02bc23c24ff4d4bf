// A schedule is refused when it could never run: an event-brief schedule (no period names an
// event) is refused naming the template.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";
import { schedulesGraphQL } from "../support/schedules.ts";

type Gql = <T>(
  query: string,
  variables?: object,
) => Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

async function clients(db: Db, dir: string) {
  const { yoga } = schedulesGraphQL(db, dir, pool);
  const as =
    (token: string): Gql =>
    async (query, variables) => {
      const response = await yoga.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    };
  return { admin: as(await testKey(db, "admin")), editor: as(await testKey(db, "editor")) };
}

const create = `mutation ($input: ScheduleInput!) { createSchedule(input: $input) { schedule { id template } } }`;
const weekly = { cron: "0 7 * * 1", timezone: "UTC" };

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
