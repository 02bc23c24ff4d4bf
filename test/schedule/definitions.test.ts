// Schedule definitions: every bad input refused with the GraphQL input field at fault and nothing
// written; webhook destinations checked for each forbidden address class when saved; targets keep
// their secrets across edits; writes audited; deletes soft; old databases migrate their targets.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { migrateDatabase, migrationsFolder, openDatabase } from "../../src/db/client.ts";
import { auditLog, scheduleRuns, schedules, scheduleTargets } from "../../src/db/schema.ts";
import { Refusal } from "../../src/domain/refusal.ts";
import { allowNothing, parseAllowList } from "../../src/net/allow-list.ts";
import type { ScheduleInput } from "../../src/schedule/definition.ts";
import {
  activeTargets,
  addTargets,
  createSchedule,
  deleteSchedule,
  findSchedule,
  pauseSchedule,
  removeTarget,
  resumeSchedule,
  rotateWebhookSecret,
  signingSecrets,
  updateSchedule,
} from "../../src/schedule/store.ts";
import { createTestDb, tempDir } from "../support/db.ts";

const policy = { allow: allowNothing, smtpConfigured: true };
const by = { actor: "test" };
const base: ScheduleInput = {
  name: "weekly",
  cron: "0 7 * * 1",
  timezone: "UTC",
  relationships: ["CN-KG"],
};
const SECRET = `whsec_${Buffer.from("a-secret-of-24-bytes-abc").toString("base64")}`;

async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

describe("bad schedule input", () => {
  const { db } = createTestDb();
  it.each<[string, string, Partial<ScheduleInput>]>([
    ["an invalid cron", "input.cron", { cron: "61 * * * *" }],
    ["a cron that never fires", "input.cron", { cron: "0 0 30 2 *" }],
    ["a cron with a seconds field", "input.cron", { cron: "* * * * * *" }],
    ["an unknown zone", "input.timezone", { timezone: "Mars/Olympus" }],
    ["an unknown period rule", "input.period", { period: "fortnight" }],
    ["an unknown country", "input.countries", { countries: ["XX"], relationships: [] }],
    ["a country with no relationship", "input.countries", { countries: ["UZ"], relationships: [] }],
    ["an unrecorded relationship", "input.relationships", { relationships: ["KG-UZ"] }],
    ["an empty scope", "input.relationships", { relationships: [] }],
    ["a repeated locale", "input.locales", { locales: ["en", "zh", "EN"] }],
    ["an unsupported locale", "input.locales", { locales: ["fr"] }],
    [
      "an owner that is not one address",
      "input.owner",
      { owner: "desk@example.org, boss@example.org" },
    ],
    ["catchUp out of range", "input.catchUp", { catchUp: 0 }],
    // One rule for names (domain/plain-text.ts): printed in terminals and mail Subjects.
    ["a name with a line break", "input.name", { name: "Weekly\r\nBcc: x@attacker.example" }],
    ["a name with an escape sequence", "input.name", { name: "Weekly\u001b[31mRED" }],
    ["a name of invisible characters only", "input.name", { name: "\u200b\u2060 \u200b" }],
    [
      "a full-width address that looks like a@example.org",
      "input.targets[0].email[0]",
      { targets: [{ email: ["\uff41@example.org"] }] },
    ],
    [
      "an address with a zero-width space",
      "input.targets[0].email[1]",
      { targets: [{ email: ["b@example.org", "a\u200b@example.org"] }] },
    ],
    ["an owner with a zero-width space", "input.owner", { owner: "desk\u200b@example.org" }],
    [
      "a webhook that is not http(s)",
      "input.targets[0].webhook",
      { targets: [{ webhook: "ftp://example.org/x" }] },
    ],
    [
      "credentials in a URL",
      "input.targets[0].webhook",
      { targets: [{ webhook: "https://user:pw@example.org/h" }] },
    ],
    [
      "a secret that is not base64",
      "input.targets[0].secret",
      { targets: [{ webhook: "https://example.org/h", secret: "whsec_not base64!" }] },
    ],
    [
      "a secret without its prefix",
      "input.targets[0].secret",
      { targets: [{ webhook: "https://example.org/h", secret: SECRET.slice(6) }] },
    ],
    [
      "a secret too short",
      "input.targets[0].secret",
      { targets: [{ webhook: "https://example.org/h", secret: "whsec_c2hvcnQ=" }] },
    ],
    [
      "two addresses as one",
      "input.targets[0].email[0]",
      { targets: [{ email: ["a,b@example.org"] }] },
    ],
    [
      "a display name",
      "input.targets[0].email[1]",
      { targets: [{ email: ["ok@example.org", "Desk <desk@example.org>"] }] },
    ],
    [
      "a target both webhook and email",
      "input.targets[0]",
      { targets: [{ webhook: "https://example.org/h", email: ["a@example.org"] }] },
    ],
    [
      "a target's repeated locale",
      "input.targets[0].locales",
      { targets: [{ email: ["a@example.org"], locales: ["zh", "zh"] }] },
    ],
    [
      "the same target twice",
      "input.targets",
      { targets: [{ email: ["a@example.org"] }, { email: ["A@example.org"] }] },
    ],
  ])("refuses %s, naming %s", async (_what, argumentName, change) => {
    const error = await refusal(createSchedule(db, { ...base, ...change }, policy, by));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(db.select().from(schedules).all()).toHaveLength(0);
    expect(db.select().from(scheduleTargets).all()).toHaveLength(0);
  });

  it("refuses an email target where no SMTP server is configured", async () => {
    const error = await refusal(
      createSchedule(
        db,
        { ...base, targets: [{ email: ["desk@example.org"] }] },
        { allow: allowNothing, smtpConfigured: false },
        by,
      ),
    );
    expect(error).toMatchObject({ argumentName: "input.targets[0].email" });
    expect(error.message).toContain("ATTACHE_SMTP_URL");
  });

  it("refuses an owner, who is alerted by email, where no SMTP server is configured", async () => {
    const error = await refusal(
      createSchedule(
        db,
        { ...base, owner: "desk@example.org" },
        { allow: allowNothing, smtpConfigured: false },
        by,
      ),
    );
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.owner" });
    expect(error.message).toContain("ATTACHE_SMTP_URL");
    expect(db.select().from(schedules).all()).toHaveLength(0);
  });

  it("answers a duplicate name with CONFLICT", async () => {
    await createSchedule(db, { ...base, name: "taken" }, policy, by);
    const error = await refusal(createSchedule(db, { ...base, name: "taken" }, policy, by));
    expect(error).toMatchObject({ code: "CONFLICT", argumentName: "input.name" });
  });
});

describe("the number of targets", () => {
  const emails = (n: number, at = "example.org") =>
    Array.from({ length: n }, (_, i) => `reader${i}@${at}`);

  it("is at most 100 a schedule, refused at once with the target that goes over named", async () => {
    const { db } = createTestDb();
    const started = Date.now();
    const flood = await refusal(
      createSchedule(db, { ...base, targets: [{ email: emails(5000) }] }, policy, by),
    );
    expect(Date.now() - started).toBeLessThan(500);
    expect(flood).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.targets[0].email" });
    expect(flood.message).toBe(
      "a schedule has at most 100 targets, each email address and webhook one; this would make 5000",
    );
    const webhooks = Array.from({ length: 101 }, (_, i) => ({
      webhook: `http://127.0.0.1/hook/${i}`,
    }));
    const loop = { allow: parseAllowList("127.0.0.0/8"), smtpConfigured: true };
    expect(
      await refusal(createSchedule(db, { ...base, targets: webhooks }, loop, by)),
    ).toMatchObject({ argumentName: "input.targets[100].webhook" });
    expect(db.select().from(schedules).all()).toEqual([]);

    const { schedule } = await createSchedule(
      db,
      { ...base, targets: [{ email: emails(99) }, { webhook: "http://127.0.0.1/hook" }] },
      loop,
      by,
    );
    expect(await activeTargets(db, schedule.id)).toHaveLength(100);
    const edit = { ...base, targets: [{ email: emails(100) }, { webhook: "http://127.0.0.1/x" }] };
    expect(await refusal(updateSchedule(db, schedule.id, 1, edit, loop, by))).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.targets[1].webhook",
    });
    // Adding counts the targets it has: one more is one too many.
    const more = await refusal(
      addTargets(db, schedule.id, [{ email: ["one-more@example.org"] }], loop, by),
    );
    expect(more).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "targets[0].email" });
    expect(more.message).toBe(
      "a schedule has at most 100 targets, each email address and webhook one; this would make 101 (100 already)",
    );
    expect(
      await refusal(addTargets(db, schedule.id, [{ email: emails(5000, "x.org") }], loop, by)),
    ).toMatchObject({ argumentName: "targets[0].email" });
    expect(await activeTargets(db, schedule.id)).toHaveLength(100);
  });
});

describe("webhook destinations when a target is saved", () => {
  const { db } = createTestDb();
  // Each forbidden class, in the spellings that reach it; none is ever contacted.
  it.each([
    ["loopback", "http://127.0.0.1:9/h"],
    ["loopback by name", "http://localhost:9/h"],
    ["loopback as one number", "http://2130706433:9/h"],
    ["loopback in hex", "http://0x7f.1:9/h"],
    ["loopback in octal", "http://017700000001:9/h"],
    ["IPv6 loopback", "http://[::1]:9/h"],
    ["IPv4-mapped IPv6 loopback", "http://[::ffff:127.0.0.1]:9/h"],
    ["private 10/8", "http://10.0.0.5/h"],
    ["private 172.16/12", "http://172.16.0.1/h"],
    ["private 192.168/16", "http://192.168.1.1/h"],
    ["link-local (cloud metadata)", "http://169.254.169.254/latest/meta-data"],
    ["IPv6 link-local", "http://[fe80::1]/h"],
    ["IPv6 unique local", "http://[fd00::1]/h"],
    ["unspecified", "http://0.0.0.0:9/h"],
    ["unspecified as 0", "http://0:9/h"],
    ["shared address space", "http://100.64.0.1/h"],
  ])("refuses %s (%s)", async (_class, url) => {
    const error = await refusal(
      createSchedule(db, { ...base, name: url, targets: [{ webhook: url }] }, policy, by),
    );
    expect(error).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.targets[0].webhook",
    });
    expect(error.message).toContain("ATTACHE_WEBHOOK_ALLOW");
  });

  it("accepts what an admin allow-lists, by range or by host name", async () => {
    for (const [allow, url] of [
      ["10.0.0.0/8", "http://10.0.0.5/h"],
      ["127.0.0.1", "http://2130706433:9/h"],
      ["localhost", "http://localhost:9/h"],
    ] as const) {
      const { schedule } = await createSchedule(
        db,
        { ...base, name: `allowed ${allow}`, targets: [{ webhook: url }] },
        { allow: parseAllowList(allow), smtpConfigured: false },
        by,
      );
      expect(await activeTargets(db, schedule.id)).toHaveLength(1);
    }
  });
});

describe("targets keep their secrets", () => {
  const { db } = createTestDb();
  const allow = { allow: parseAllowList("127.0.0.1"), smtpConfigured: true };

  it("across edits, pause and resume; rotation is explicit and shown once", async () => {
    const { schedule, secrets } = await createSchedule(
      db,
      {
        ...base,
        targets: [{ webhook: "http://127.0.0.1:9/a" }, { email: ["desk@example.org"] }],
      },
      allow,
      by,
    );
    expect(secrets).toHaveLength(1);
    const [made] = secrets;
    // An unrelated edit naming the same targets, without their secrets.
    const edited = await updateSchedule(
      db,
      schedule.id,
      1,
      {
        ...base,
        cron: "0 8 * * 1",
        targets: [{ webhook: "http://127.0.0.1:9/a" }, { email: ["desk@example.org"] }],
      },
      allow,
      by,
    );
    expect(edited.secrets).toEqual([]);
    // An edit that leaves targets out leaves them alone.
    await updateSchedule(db, schedule.id, 2, { ...base, enabled: false }, allow, by);
    await pauseSchedule(db, schedule.id, by);
    await resumeSchedule(db, schedule.id, by);
    const [webhook] = await activeTargets(db, schedule.id);
    expect(webhook?.id).toBe(made?.targetId);
    expect(webhook?.secret).toBe(made?.secret);
    expect(await activeTargets(db, schedule.id)).toHaveLength(2);

    // Changing a secret by editing is refused; rotating gives a new one, the old one in grace.
    const error = await refusal(
      updateSchedule(
        db,
        schedule.id,
        (await findSchedule(db, "weekly"))?.version as number,
        { ...base, targets: [{ webhook: "http://127.0.0.1:9/a", secret: SECRET }] },
        allow,
        by,
      ),
    );
    expect(error.argumentName).toBe("input.targets[0].secret");
    const now = new Date("2026-01-01T00:00:00Z");
    const rotated = await rotateWebhookSecret(db, webhook?.id as number, 3_600_000, { ...by, now });
    expect(rotated.secret).not.toBe(made?.secret);
    expect(signingSecrets(rotated.target, now)).toEqual([rotated.secret, made?.secret]);
    expect(signingSecrets(rotated.target, new Date("2026-01-01T01:00:00Z"))).toEqual([
      rotated.secret,
    ]);
  });

  it("adds and removes targets without rewriting the schedule, each moving its version on", async () => {
    const { schedule } = await createSchedule(db, { ...base, name: "targets" }, allow, by);
    const added = await addTargets(
      db,
      schedule.id,
      [{ webhook: "http://127.0.0.1:9/b" }, { email: ["a@example.org", "b@example.org"] }],
      allow,
      by,
    );
    expect(added.targets.map((t) => t.address ?? t.url)).toEqual([
      "http://127.0.0.1:9/b",
      "a@example.org",
      "b@example.org",
    ]);
    expect(added.secrets).toHaveLength(1);
    const again = await refusal(
      addTargets(db, schedule.id, [{ email: ["a@example.org"] }], allow, by),
    );
    expect(again.code).toBe("CONFLICT");
    await removeTarget(db, added.targets[1]?.id as number, by);
    expect((await activeTargets(db, schedule.id)).map((t) => t.address ?? t.url)).toEqual([
      "http://127.0.0.1:9/b",
      "b@example.org",
    ]);
    // The definition stays; the version moves on (one add, one removal), so that an update
    // read before either is refused rather than undoing it.
    const after = await findSchedule(db, "targets");
    expect(after).toMatchObject({
      cron: schedule.cron,
      name: schedule.name,
      scope: schedule.scope,
    });
    expect(after?.version).toBe(schedule.version + 2);
  });
});

describe("schedule writes", () => {
  it("are audited, never with secrets; a deleted schedule keeps its runs and frees its name", async () => {
    const { db } = createTestDb();
    const { schedule, secrets } = await createSchedule(
      db,
      { ...base, targets: [{ webhook: "http://127.0.0.1:9/a" }] },
      { allow: parseAllowList("127.0.0.1"), smtpConfigured: false },
      by,
    );
    await pauseSchedule(db, schedule.id, by);
    await resumeSchedule(db, schedule.id, by);
    db.insert(scheduleRuns)
      .values({ scheduleId: schedule.id, periodStart: "2025-11-17", periodEnd: "2025-11-24" })
      .run();
    await deleteSchedule(db, schedule.id, by);
    const entries = db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => e.entityType === "schedule");
    expect(entries.map((e) => [e.entityType, e.action])).toEqual([
      ["schedule", "create"],
      ["schedule", "pause"],
      ["schedule", "resume"],
      ["schedule", "delete"],
    ]);
    expect(JSON.stringify(entries)).not.toContain(secrets[0]?.secret.slice(6));
    expect(db.select().from(scheduleRuns).all()).toHaveLength(1);
    expect(await findSchedule(db, "weekly")).toBeUndefined();
    await createSchedule(db, base, policy, by);
    expect((await findSchedule(db, "weekly"))?.id).not.toBe(schedule.id);
  });
});

describe("migrating a database made before schedule targets", () => {
  it("moves each webhook's secret and each address into target records", async () => {
    const dir = tempDir();
    // The migrations as they were: every folder before this change.
    const before = path.join(dir, "migrations");
    for (const name of fs.readdirSync(migrationsFolder).sort()) {
      if (name >= "20261201151559") break;
      fs.cpSync(path.join(migrationsFolder, name), path.join(before, name), { recursive: true });
    }
    const file = path.join(dir, "old.db");
    const old = new Database(file);
    migrate(drizzle({ client: old }), { migrationsFolder: before });
    old
      .prepare(
        `INSERT INTO schedules (name, cron, timezone, scope, locales, targets, enabled)
         VALUES ('old', '0 7 * * 1', 'UTC', '{"relationships":["CN-KG"]}', '["en"]', ?, 0)`,
      )
      .run(
        JSON.stringify([
          { type: "webhook", url: "https://example.org/h", secret: SECRET },
          { type: "email", to: ["a@example.org", "b@example.org"] },
        ]),
      );
    old
      .prepare(
        `INSERT INTO schedule_runs (schedule_id, period_start, period_end, status) VALUES (1, 'a', 'b', 'done')`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO deliveries (run_id, target, status) VALUES (1, 'webhook:https://example.org/h', 'sent')`,
      )
      .run();
    old.close();

    const db = openDatabase(file);
    migrateDatabase(db);
    const targets = await activeTargets(db, 1);
    expect(targets.map((t) => [t.kind, t.url ?? t.address, t.secret])).toEqual([
      ["webhook", "https://example.org/h", SECRET],
      ["email", "a@example.org", null],
      ["email", "b@example.org", null],
    ]);
    expect(db.$client.prepare("SELECT target_id FROM deliveries").get()).toEqual({
      target_id: targets[0]?.id,
    });
    expect(await findSchedule(db, "old")).toMatchObject({
      enabled: false,
      pausedAt: expect.any(String),
    });
    expect(db.select().from(scheduleRuns).all()).toHaveLength(1);
    db.$client.close();
  });
});
