// Every mutation of the schema writes an audit entry, under the caller's key name. The walk reads
// the mutation fields from the schema: a mutation added without an example here fails the first
// test; one whose write is not audited fails the second.
import { afterAll, describe, expect, it } from "vitest";
import { schema } from "../../src/graphql/schema.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";
import { schedulesGraphQL } from "../support/schedules.ts";

const SOURCE = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";
const text = (en: string) =>
  JSON.stringify({ en, zh: `${en}（中）` }).replace(/"(en|zh)":/g, "$1:");
const cite = `[{ source: "${SOURCE}" }]`;

/** Mutations that write nothing (and so have nothing to audit). */
const writeNothing = new Set(["draftFromArticle"]);

/** Ids earlier calls returned, for the calls after them. */
const ids: Record<string, string> = {};
const schedule = () => `"${ids.schedule}"`;
const target = () => `"${ids.target}"`;

/** A call of each mutation that succeeds, in an order where each finds what it needs. */
const examples: [field: string, operation: string | (() => string)][] = [
  [
    "createTopic",
    `createTopic(input: { key: "walk-topic", kind: ISSUE, name: ${text("Walk")} }) { key }`,
  ],
  [
    "updateTopic",
    `updateTopic(key: "walk-topic", version: 1, patch: { kind: INITIATIVE }) { key }`,
  ],
  ["deleteTopic", `deleteTopic(key: "walk-topic", version: 2) { key }`],
  [
    "createSource",
    `createSource(input: { key: "walk-source", language: "en", publishedOn: "2026-01-02", publication: ${text("P")}, title: ${text("T")} }) { key }`,
  ],
  ["updateSource", `updateSource(key: "walk-source", version: 1, patch: { page: "4" }) { key }`],
  ["deleteSource", `deleteSource(key: "walk-source", version: 2) { key }`],
  [
    "createOrganization",
    `createOrganization(input: { key: "walk-org", kind: MINISTRY, scope: NATIONAL, name: ${text("Org")} }) { key }`,
  ],
  [
    "updateOrganization",
    `updateOrganization(key: "walk-org", version: 1, patch: { abbreviation: "WO" }) { key }`,
  ],
  ["deleteOrganization", `deleteOrganization(key: "walk-org", version: 2) { key }`],
  ["createPerson", `createPerson(input: { key: "walk-person", name: ${text("Person")} }) { key }`],
  [
    "updatePerson",
    `updatePerson(key: "walk-person", version: 1, patch: { country: "UZ" }) { key }`,
  ],
  ["deletePerson", `deletePerson(key: "walk-person", version: 2) { key }`],
  [
    "createCountry",
    `createCountry(input: { code: "TJ", alpha3: "TJK", numeric: "762", name: { en: "Tajikistan", zh: "塔吉克斯坦" } }) { code }`,
  ],
  ["updateCountry", `updateCountry(code: "TJ", version: 1, patch: { aliases: ["塔方"] }) { code }`],
  [
    "createPartnershipLevel",
    `createPartnershipLevel(input: { key: "walk_level", rank: 4, label: ${text("walk level")} }) { key }`,
  ],
  [
    "updatePartnershipLevel",
    `updatePartnershipLevel(key: "walk_level", version: 1, patch: { qualifiers: ["new_era"] }) { key }`,
  ],
  [
    "createRelationship",
    `createRelationship(input: { between: ["KG", "UZ"], partnerships: [{ level: "strategic_partnership", since: "2017-10-05", sources: ${cite} }] }) { key }`,
  ],
  [
    "addPartnershipStep",
    `addPartnershipStep(between: ["KG", "UZ"], version: 1, step: { level: "comprehensive_strategic_partnership", since: "2024-06-01", sources: ${cite} }) { key }`,
  ],
  [
    "removePartnershipStep",
    `removePartnershipStep(between: ["KG", "UZ"], version: 2, level: "strategic_partnership") { key }`,
  ],
  [
    "updateRelationship",
    `updateRelationship(between: ["KG", "UZ"], version: 3, patch: { summary: ${text("S")} }) { key }`,
  ],
  [
    "createEvent",
    `createEvent(input: { key: "2026-01-10-walk", between: ["KG", "UZ"], type: "visit", date: "2026-01-10", title: ${text("Visit")}, sources: ${cite} }) { key }`,
  ],
  [
    "updateEvent",
    `updateEvent(key: "2026-01-10-walk", version: 1, patch: { summary: ${text("Held")} }) { key }`,
  ],
  [
    "createDocument",
    `createDocument(input: { key: "walk-doc", kind: MOU, action: SIGNED, between: ["KG", "UZ"], title: ${text("MoU")}, parties: [{ country: "KG" }, { country: "UZ" }], sources: ${cite} }) { key }`,
  ],
  [
    "updateDocument",
    `updateDocument(key: "walk-doc", version: 1, patch: { date: "2026-01" }) { key }`,
  ],
  ["deleteDocument", `deleteDocument(key: "walk-doc", version: 2) { key }`],
  [
    "createProject",
    `createProject(input: { key: "walk-project", name: ${text("Road")}, countries: ["KG", "UZ"] }) { key }`,
  ],
  [
    "updateProject",
    `updateProject(key: "walk-project", version: 1, patch: { statusHistory: [{ status: UNDER_CONSTRUCTION, date: "2026", sources: ${cite} }] }) { key }`,
  ],
  [
    "createProjectMention",
    `createProjectMention(input: { key: "walk-mention", project: "walk-project", date: "2026-01-10", note: ${text("Roads")}, sources: ${cite} }) { key }`,
  ],
  [
    "updateProjectMention",
    `updateProjectMention(key: "walk-mention", version: 1, patch: { date: "2026-01" }) { key }`,
  ],
  ["deleteProjectMention", `deleteProjectMention(key: "walk-mention", version: 2) { key }`],
  ["deleteProject", `deleteProject(key: "walk-project", version: 2) { key }`],
  [
    "createStatement",
    `createStatement(input: { key: "walk-statement", kind: SUPPORT, side: "UZ", event: "2026-01-10-walk", topics: ["connectivity"], date: "2026-01-10", text: ${text("Support")}, sources: ${cite} }) { key }`,
  ],
  [
    "updateStatement",
    `updateStatement(key: "walk-statement", version: 1, patch: { kind: WILLINGNESS }) { key }`,
  ],
  [
    "createTarget",
    `createTarget(input: { key: "walk-target", between: ["KG", "UZ"], title: ${text("Trade")}, amount: 5, unit: "USD", by: "at_an_early_date", status: AGREED, statements: ["walk-statement"], sources: ${cite} }) { key }`,
  ],
  ["updateTarget", `updateTarget(key: "walk-target", version: 1, patch: { status: MET }) { key }`],
  ["deleteTarget", `deleteTarget(key: "walk-target", version: 2) { key }`],
  ["deleteStatement", `deleteStatement(key: "walk-statement", version: 2) { key }`],
  ["deleteEvent", `deleteEvent(key: "2026-01-10-walk", version: 2) { key }`],
  ["deleteRelationship", `deleteRelationship(between: ["KG", "UZ"], version: 4) { key }`],
  [
    "importDataset",
    `importDataset(name: "walk.yaml", content: "format: 2\\ntopics:\\n  - key: walk-import\\n    kind: issue\\n    name: { en: Imported, zh: 导入 }\\n") { created }`,
  ],
  ["createApiKey", `createApiKey(name: "walk-key", role: VIEWER) { token }`],
  ["revokeApiKey", `revokeApiKey(name: "walk-key") { name }`],
  [
    "generateBrief",
    `generateBrief(input: { between: ["CN", "KG"], asOf: "2025-11-24", waitMs: 0 }) { status }`,
  ],
  [
    "createSchedule",
    `createSchedule(input: { name: "walk", cron: "0 7 * * 1", timezone: "Asia/Bishkek", relationships: ["CN-KG"] }) { schedule { id } }`,
  ],
  [
    "updateSchedule",
    () =>
      `updateSchedule(id: ${schedule()}, version: 1, input: { name: "walk", cron: "0 8 * * 1", timezone: "Asia/Bishkek", relationships: ["CN-KG"] }) { schedule { id } }`,
  ],
  [
    "addScheduleTargets",
    () =>
      `addScheduleTargets(schedule: ${schedule()}, targets: [{ webhook: "https://example.org/hook" }]) { newSecrets { target { id } } }`,
  ],
  ["rotateWebhookSecret", () => `rotateWebhookSecret(target: ${target()}) { url }`],
  ["removeScheduleTarget", () => `removeScheduleTarget(target: ${target()}) { id }`],
  ["pauseSchedule", () => `pauseSchedule(id: ${schedule()}) { id }`],
  ["resumeSchedule", () => `resumeSchedule(id: ${schedule()}) { id }`],
  ["previewSchedule", () => `previewSchedule(id: ${schedule()}) { briefs { status } }`],
  [
    "testSendSchedule",
    () => `testSendSchedule(id: ${schedule()}, email: "analyst@example.org") { __typename }`,
  ],
  ["runScheduleNow", () => `runScheduleNow(id: ${schedule()}) { periodStart }`],
  [
    "resendPeriod",
    () => `resendPeriod(schedule: ${schedule()}, period: "${ids.period}") { status }`,
  ],
  ["deleteSchedule", () => `deleteSchedule(id: ${schedule()})`],
];

const { db } = createTestDb();
// Previews, test sends and runs render a weekly summary for real.
const pool = new BrowserPool();
const { briefs, yoga } = schedulesGraphQL(db, createTestDb().dir, pool);
afterAll(async () => {
  await briefs.idle();
  await pool.close();
});
const token = await testKey(db, "admin", "walker");

const actorsSince = (id: number) =>
  (
    db.$client.prepare("SELECT actor FROM audit_log WHERE id > ?").all(id) as { actor: string }[]
  ).map((e) => e.actor);
const lastAudit = () =>
  db.$client.prepare("SELECT id, actor FROM audit_log ORDER BY id DESC LIMIT 1").get() as
    | { id: number; actor: string }
    | undefined;

describe("the audit walk", () => {
  it("has a successful call of every mutation in the schema", () => {
    const fields = Object.keys(schema.getMutationType()?.getFields() ?? {});
    const covered = new Set(examples.map(([field]) => field));
    expect(fields.filter((f) => !covered.has(f) && !writeNothing.has(f))).toEqual([]);
  });

  it.each(examples)(
    "%s writes an audit entry under the caller's key",
    async (_field, operation) => {
      const before = lastAudit()?.id ?? 0;
      const response = await yoga.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation { ${typeof operation === "string" ? operation : operation()} }`,
        }),
      });
      const body = (await response.json()) as { errors?: unknown; data?: unknown };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      const found = JSON.stringify(body.data);
      ids.schedule ??= /"schedule":\{"id":"([^"]+)"/.exec(found)?.[1] as string;
      ids.target ??= /"target":\{"id":"([^"]+)"/.exec(found)?.[1] as string;
      ids.period ??= /"periodStart":"(\d{4}-\d\d-\d\d)/.exec(found)?.[1] as string;
      // The call's own entry (a run also records the briefs it requests, as the schedule).
      expect(actorsSince(before)).toContain("walker");
    },
  );
});
