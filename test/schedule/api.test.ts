// Schedules over GraphQL: create (secrets shown once), list, next runs in the zone, update with
// a version, run now, runs by status, delete; bad input names the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb } from "../support/db.ts";
import { type Client, clientOf, testKey } from "../support/graphql.ts";
import { schedulesGraphQL } from "../support/schedules.ts";

let pool: BrowserPool;
let gql: Client;

beforeAll(async () => {
  const { db, dir } = createTestDb();
  pool = new BrowserPool();
  const { yoga } = schedulesGraphQL(db, dir, pool);
  const token = await testKey(db, "admin");
  gql = clientOf((request) => Promise.resolve(yoga.fetch(request)), token);
});
afterAll(() => pool.close());

const create = `mutation ($input: ScheduleInput!) {
  createSchedule(input: $input) {
    webhookSecrets
    schedule { id name version timezone period nextRunsLocal(count: 2) targets { kind url address } }
  }
}`;

describe("schedules over GraphQL", () => {
  let id = "";
  let version = 0;

  it("creates a weekly China–Kyrgyzstan summary and shows its next runs in its zone", async () => {
    const { data, errors } = await gql<{
      createSchedule: {
        webhookSecrets: string[];
        schedule: {
          id: string;
          version: number;
          nextRunsLocal: string[];
          targets: { url: string | null }[];
        };
      };
    }>(create, {
      input: {
        name: "CN-KG weekly",
        cron: "0 7 * * 1",
        timezone: "Asia/Bishkek",
        relationships: ["CN-KG"],
        locales: ["en", "zh"],
        targets: [{ webhook: "https://example.org/hook" }, { email: ["desk@example.org"] }],
      },
    });
    expect(errors).toBeUndefined();
    const created = data?.createSchedule;
    expect(created?.webhookSecrets[0]).toMatch(/^whsec_/);
    expect(JSON.stringify(created?.schedule.targets)).not.toContain("whsec_");
    for (const at of created?.schedule.nextRunsLocal ?? []) expect(at).toMatch(/T07:00:00\+06:00$/);
    id = created?.schedule.id as string;
    version = created?.schedule.version as number;
  });

  it("lists schedules and their next runs", async () => {
    const { data } = await gql<{ schedules: { name: string }[]; nextRuns: string[] }>(
      `query ($id: ID!) { schedules { name } nextRuns(schedule: $id, count: 3) }`,
      { id },
    );
    expect(data?.schedules.map((s) => s.name)).toEqual(["CN-KG weekly"]);
    expect(data?.nextRuns).toHaveLength(3);
    const { errors } = await gql(`{ nextRuns(schedule: "") }`);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "schedule",
    });
  });

  it("updates with the version it read, and refuses a stale one", async () => {
    const update = `mutation ($id: ID!, $version: Int!, $input: ScheduleInput!) {
      updateSchedule(id: $id, version: $version, input: $input) { schedule { version cron } }
    }`;
    const input = {
      name: "CN-KG weekly",
      cron: "0 8 * * 1",
      timezone: "Asia/Bishkek",
      relationships: ["CN-KG"],
      targets: [],
    };
    const ok = await gql<{ updateSchedule: { schedule: { version: number; cron: string } } }>(
      update,
      {
        id,
        version,
        input,
      },
    );
    expect(ok.data?.updateSchedule.schedule).toEqual({ version: version + 1, cron: "0 8 * * 1" });
    const stale = await gql(update, { id, version, input });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      argumentName: "version",
    });
  });

  it("runs now, and lists the run by status", async () => {
    const run = await gql<{
      runScheduleNow: { status: string; briefs: { status: string; locale: string }[] };
    }>(`mutation ($id: ID!) { runScheduleNow(id: $id) { status briefs { status locale } } }`, {
      id,
    });
    // The update above replaced the definition: one locale, no targets.
    expect(run.data?.runScheduleNow).toEqual({
      status: "DONE",
      briefs: [{ status: "DONE", locale: "EN" }],
    });
    const runs = await gql<{
      scheduleRuns: { totalCount: number; nodes: { deliveries: unknown[] }[] };
    }>(
      `query ($id: ID!) { scheduleRuns(schedule: $id, status: DONE, first: 5) { totalCount nodes { deliveries { status } } } }`,
      { id },
    );
    expect(runs.data?.scheduleRuns).toEqual({ totalCount: 1, nodes: [{ deliveries: [] }] });
  }, 60_000);

  it.each([
    [{ cron: "not a cron" }, "input.cron"],
    [{ timezone: "Asia/Atlantis" }, "input.timezone"],
    [{ countries: ["XX"], relationships: [] }, "input.countries"],
    [{ targets: [{ webhook: "file:///etc/passwd" }] }, "input.targets[0].webhook"],
  ])("refuses %j naming %s", async (change, argumentName) => {
    const { errors } = await gql(create, {
      input: {
        name: "bad",
        cron: "0 7 * * 1",
        timezone: "UTC",
        relationships: ["CN-KG"],
        ...change,
      },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
  });

  it("refuses to run a finished period again, pointing to resendPeriod; resends it; shows the history", async () => {
    const again = await gql(`mutation ($id: ID!) { runScheduleNow(id: $id) { status } }`, { id });
    expect(again.errors?.[0]?.message).toContain("resendPeriod");
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    const badPeriod = await gql(
      `mutation ($id: ID!) { resendPeriod(schedule: $id, period: "last week") { status } }`,
      { id },
    );
    expect(badPeriod.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "period",
    });
    const { data } = await gql<{
      schedules: { lastRun: { status: string; attempts: number }; runs: unknown[] }[];
    }>(`{ schedules { lastRun { status attempts } runs(first: 5) { status } } }`);
    expect(data?.schedules[0]?.lastRun).toEqual({ status: "DONE", attempts: 1 });
  }, 60_000);

  it("previews a chosen period without sending; a test-send names what is missing", async () => {
    const preview = await gql<{
      previewSchedule: { periodFrom: string; periodTo: string; briefs: { title: string }[] };
    }>(
      `mutation ($id: ID!) { previewSchedule(id: $id, period: "2025-11-19") { periodFrom periodTo briefs { title } } }`,
      { id },
    );
    expect(preview.data?.previewSchedule).toMatchObject({
      periodFrom: "2025-11-17",
      periodTo: "2025-11-23",
      briefs: [{ title: expect.stringContaining("weekly summary, 17–23") }],
    });
    const nowhere = await gql(`mutation ($id: ID!) { testSendSchedule(id: $id) { delivered } }`, {
      id,
    });
    expect(nowhere.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "email",
    });
    const refused = await gql(
      `mutation ($id: ID!) { testSendSchedule(id: $id, webhook: "http://169.254.169.254/") { delivered } }`,
      { id },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ argumentName: "webhook" });
  }, 60_000);

  it("pauses and resumes, each audited", async () => {
    const paused = await gql<{ pauseSchedule: { enabled: boolean; pausedAt: string } }>(
      `mutation ($id: ID!) { pauseSchedule(id: $id) { enabled pausedAt } }`,
      { id },
    );
    expect(paused.data?.pauseSchedule.enabled).toBe(false);
    const refused = await gql(`mutation ($id: ID!) { runScheduleNow(id: $id) { status } }`, {
      id,
    });
    expect(refused.errors?.[0]?.message).toContain("paused");
    const resumed = await gql<{ resumeSchedule: { enabled: boolean } }>(
      `mutation ($id: ID!) { resumeSchedule(id: $id) { enabled } }`,
      { id },
    );
    expect(resumed.data?.resumeSchedule.enabled).toBe(true);
    const audit = await gql<{ auditLog: { nodes: { action: string }[] } }>(
      `{ auditLog(entityType: SCHEDULE, first: 20) { nodes { action } } }`,
    );
    expect(audit.data?.auditLog.nodes.map((n) => n.action).sort()).toEqual(
      ["CREATE", "UPDATE", "RUN", "PREVIEW", "PAUSE", "RESUME"].sort(),
    );
  });

  it("adds a target, rotates its secret (shown once), removes it", async () => {
    const added = await gql<{
      addScheduleTargets: { newSecrets: { secret: string; target: { id: string } }[] };
    }>(
      `mutation ($id: ID!) { addScheduleTargets(schedule: $id, targets: [{ webhook: "https://example.org/new" }]) { newSecrets { secret target { id } } } }`,
      { id },
    );
    const [made] = added.data?.addScheduleTargets.newSecrets ?? [];
    expect(made?.secret).toMatch(/^whsec_/);
    const rotated = await gql<{
      rotateWebhookSecret: { secret: string; target: { previousSecretValidUntil: string } };
    }>(
      `mutation ($t: ID!) { rotateWebhookSecret(target: $t, graceHours: 24) { secret target { previousSecretValidUntil } } }`,
      { t: made?.target.id },
    );
    expect(rotated.data?.rotateWebhookSecret.secret).not.toBe(made?.secret);
    expect(rotated.data?.rotateWebhookSecret.target.previousSecretValidUntil).toBeTruthy();
    const removed = await gql<{ removeScheduleTarget: { targets: unknown[] } }>(
      `mutation ($t: ID!) { removeScheduleTarget(target: $t) { targets { url } } }`,
      { t: made?.target.id },
    );
    expect(removed.data?.removeScheduleTarget.targets).toEqual([]);
  });

  it("refuses more than 100 targets, naming the field, in a create and an addition", async () => {
    const emails = Array.from({ length: 101 }, (_, i) => `r${i}@example.org`);
    const created = await gql(create, {
      input: {
        name: "crowded",
        cron: "0 7 * * 1",
        timezone: "UTC",
        relationships: ["CN-KG"],
        targets: [{ email: emails }],
      },
    });
    expect(created.errors?.[0]?.message).toContain("at most 100 targets");
    expect(created.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.targets[0].email",
    });
    const added = await gql(
      `mutation ($id: ID!, $t: [DeliveryTargetInput!]!) { addScheduleTargets(schedule: $id, targets: $t) { newSecrets { secret } } }`,
      { id, t: [{ email: emails }] },
    );
    expect(added.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "targets[0].email",
    });
  });

  it("deletes, keeping the runs", async () => {
    const { data } = await gql<{ deleteSchedule: boolean }>(
      `mutation ($id: ID!) { deleteSchedule(id: $id) }`,
      { id },
    );
    expect(data?.deleteSchedule).toBe(true);
    const after = await gql<{
      schedules: unknown[];
      scheduleRuns: { totalCount: number };
    }>(`query ($id: ID!) { schedules { name } scheduleRuns(schedule: $id) { totalCount } }`, {
      id,
    });
    expect(after.data).toEqual({ schedules: [], scheduleRuns: { totalCount: 1 } });
  });
});
