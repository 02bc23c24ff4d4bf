// Each concept of the data model v2 round-trips through GraphQL: a mutation takes it in the
// dataset file's shape, the export gives back what was sent, and the queries show it.
import { beforeAll, describe, expect, it } from "vitest";
import { exportDataset } from "../../src/dataset/export.ts";
import type { Db } from "../../src/db/client.ts";
import { createTestDb } from "../support/db.ts";
import { type GraphQLResponse, graphqlClient } from "../support/graphql.ts";

const SOURCE = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";
const sources = [{ source: SOURCE, locator: "para 5" }];

let db: Db;
let editor: Awaited<ReturnType<typeof graphqlClient>>;
let admin: Awaited<ReturnType<typeof graphqlClient>>;

function ok<T>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

/** The record of `section` with `key` in an export of the whole store. */
async function exported(section: string, key: string, keyField = "key") {
  const records = (
    (await exportDataset(db)) as unknown as Record<string, Record<string, unknown>[]>
  )[section];
  return records?.find((r) => JSON.stringify(r[keyField]) === JSON.stringify(key));
}

beforeAll(async () => {
  db = createTestDb().db;
  editor = await graphqlClient(db, {}, { role: "editor" });
  admin = await graphqlClient(db, {}, { role: "admin" });
});

describe("round trips through GraphQL mutations", () => {
  it("a partnership level (admin) and a step attested by a source", async () => {
    const level = {
      key: "all_weather_test_partnership",
      label: {
        en: "all-weather comprehensive strategic partnership for a new era",
        zh: "新时代全天候全面战略伙伴关系",
      },
      rank: 9,
      qualifiers: ["all_weather", "new_era"],
    };
    ok(
      await admin(
        `mutation ($input: PartnershipLevelInput!) { createPartnershipLevel(input: $input) { key } }`,
        { input: level },
      ),
    );
    expect(await exported("partnershipLevels", level.key)).toEqual(level);

    const step = { level: level.key, attestedOn: "2025-11", sources };
    const created = ok(
      await editor<{ createRelationship: Record<string, unknown> }>(
        `mutation ($input: RelationshipInput!) { createRelationship(input: $input) {
          partnership { level { key rank qualifiers } since attestedOn citations { locator } }
        } }`,
        { input: { between: ["UZ", "CN"], partnerships: [step] } },
      ),
    );
    expect(created.createRelationship).toEqual({
      partnership: {
        level: { key: level.key, rank: 9, qualifiers: ["all_weather", "new_era"] },
        since: null,
        attestedOn: "2025-11",
        citations: [{ locator: "para 5" }],
      },
    });
    const relationship = (
      (await exportDataset(db)) as unknown as {
        relationships: { between: string[]; partnerships: unknown[] }[];
      }
    ).relationships.find((r) => r.between.join("-") === "CN-UZ");
    expect(relationship?.partnerships).toEqual([step]);
  });

  it("an event dated by its month only, in one language", async () => {
    const input = {
      key: "2023-11-cn-uz-first-strategic-dialogue",
      between: ["CN", "UZ"],
      type: "strategic_dialogue",
      date: "2023-11",
      title: { zh: "中乌外长首次战略对话" },
      ordinal: 1,
      firstOfKind: true,
      sources,
    };
    const event = ok(
      await editor<{ createEvent: Record<string, unknown> }>(
        `mutation ($input: EventInput!) { createEvent(input: $input) {
          date ordinal title(locale: EN) titleI18n { en zh languages untranslated }
        } }`,
        { input },
      ),
    ).createEvent;
    expect(event).toEqual({
      date: "2023-11",
      ordinal: 1,
      // No English title: the Chinese one, marked untranslated.
      title: "中乌外长首次战略对话",
      titleI18n: { en: null, zh: "中乌外长首次战略对话", languages: ["ZH"], untranslated: true },
    });
    expect(await exported("events", input.key)).toMatchObject({
      date: "2023-11",
      title: input.title,
    });
    const inNovember = ok(
      await editor<{ events: { nodes: { key: string }[] } }>(
        `{ events(filter: { relationship: "CN-UZ", from: "2023-11-15", to: "2023-11-30" }) { nodes { key } } }`,
      ),
    );
    expect(inNovember.events.nodes.map((n) => n.key)).toEqual([input.key]);
  });

  it("a joint statement, and a target that it states", async () => {
    const statement = {
      key: "cn-uz-joint-trade-2025-11",
      kind: "agreement",
      between: ["CN", "UZ"],
      side: "joint",
      verb: "同意",
      date: "2025-11",
      topics: ["connectivity"],
      text: { zh: "双方同意尽早实现双边贸易额100亿美元的目标" },
      sources,
    };
    ok(
      await editor(
        `mutation ($input: StatementInput!) { createStatement(input: $input) { key } }`,
        {
          input: { ...statement, kind: "AGREEMENT" },
        },
      ),
    );
    expect(await exported("statements", statement.key)).toMatchObject({
      kind: "agreement",
      side: "joint",
      date: "2025-11",
      text: statement.text,
    });
    const joint = ok(
      await editor<{ statements: { nodes: { key: string; joint: boolean; side: null }[] } }>(
        `{ statements(relationship: "UZ-CN", side: "JOINT") { nodes { key joint side { code } } } }`,
      ),
    );
    expect(joint.statements.nodes).toEqual([{ key: statement.key, joint: true, side: null }]);

    const target = {
      key: "cn-uz-trade-10bn",
      between: ["CN", "UZ"],
      title: { en: "Bilateral trade of USD 10 billion", zh: "双边贸易额100亿美元" },
      amount: 10_000_000_000,
      unit: "USD",
      by: "at_an_early_date",
      status: "agreed",
      date: "2025-11",
      statements: [statement.key],
      sources,
    };
    const created = ok(
      await editor<{ createTarget: Record<string, unknown> }>(
        `mutation ($input: TargetInput!) { createTarget(input: $input) {
          amount unit by byNote status statements { key } citations { locator }
        } }`,
        { input: { ...target, status: "AGREED" } },
      ),
    ).createTarget;
    expect(created).toEqual({
      amount: 10_000_000_000,
      unit: "USD",
      by: null,
      byNote: "at_an_early_date",
      status: "AGREED",
      statements: [{ key: statement.key }],
      citations: [{ locator: "para 5" }],
    });
    expect(await exported("targets", target.key)).toEqual(target);
    const listed = ok(
      await editor<{ targets: { totalCount: number; nodes: { key: string }[] } }>(
        `{ targets(relationship: "CN-UZ", status: AGREED) { totalCount nodes { key } } }`,
      ),
    );
    expect(listed.targets).toEqual({ totalCount: 1, nodes: [{ key: target.key }] });
  });

  it("a project mention, added without restating the project", async () => {
    const before = ok(
      await editor<{ projects: { key: string; summary: string | null; mentions: unknown[] }[] }>(
        `{ projects(country: "UZ") { key summary mentions { date } } }`,
      ),
    ).projects[0];
    const mention = {
      key: "railway-cn-uz-2025-11",
      project: "china-kyrgyzstan-uzbekistan-railway",
      date: "2025-11",
      note: { en: "Both sides will speed up the railway's construction" },
      sources,
    };
    ok(
      await editor(
        `mutation ($input: ProjectMentionInput!) { createProjectMention(input: $input) { key } }`,
        { input: mention },
      ),
    );
    expect(await exported("projectMentions", mention.key)).toEqual(mention);
    const after = ok(
      await editor<{ projects: { key: string; summary: string | null; mentions: unknown[] }[] }>(
        `{ projects(country: "UZ") { key summary mentions { date } } }`,
      ),
    ).projects[0];
    expect(after?.summary).toBe(before?.summary);
    expect(after?.mentions).toHaveLength((before?.mentions.length ?? 0) + 1);
  });

  it("a project's dated status history, its latest step the current status", async () => {
    const statusHistory = [
      { status: "agreed", date: "2024-06", sources },
      { status: "under_construction", date: "2024-12-27", sources },
    ];
    const project = {
      key: "test-road",
      name: { en: "A test road" },
      countries: ["CN", "UZ"],
      statusHistory: statusHistory.map((s) => ({ ...s, status: s.status.toUpperCase() })),
    };
    const created = ok(
      await editor<{ createProject: Record<string, unknown> }>(
        `mutation ($input: ProjectInput!) { createProject(input: $input) {
          status { status date } statusHistory { status date }
        } }`,
        { input: project },
      ),
    ).createProject;
    expect(created).toEqual({
      status: { status: "UNDER_CONSTRUCTION", date: "2024-12-27" },
      statusHistory: [
        { status: "AGREED", date: "2024-06" },
        { status: "UNDER_CONSTRUCTION", date: "2024-12-27" },
      ],
    });
    expect(await exported("projects", project.key)).toMatchObject({ statusHistory });
  });

  it("refuses a day a month does not have, naming the field", async () => {
    const response = await editor(
      `mutation { createProjectMention(input: { key: "x", project: "china-kyrgyzstan-uzbekistan-railway", date: "2025-11-31", note: { en: "x" }, sources: [{ source: "${SOURCE}" }] }) { key } }`,
    );
    expect(response.errors?.[0]?.message).toContain("November 2025 has 30 days");
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
