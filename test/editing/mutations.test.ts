// Each mutation: it does what it says, refuses bad input with the code and argument at fault, and
// leaves a record for the audit log. (Refusal without the right role: test/auth/mutation-rules.)
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createTestDb } from "../support/db.ts";
import { type GraphQLResponse, graphqlClient, onlyError } from "../support/graphql.ts";

const SOURCE = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";
const cite = [{ source: SOURCE, locator: "para 2" }];
const text = (en: string, zh: string) => ({ en, zh });

type Gql = ReturnType<typeof graphqlClient>;
let db: Db;
let gql: Gql;
beforeAll(() => {
  db = createTestDb().db;
  gql = graphqlClient(db, {}, { role: "editor" });
});

const auditCount = () =>
  (db.$client.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;

function data<T>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

function refused(response: GraphQLResponse, code: string, argumentName: string) {
  const error = onlyError(response);
  expect(error.extensions, error.message).toMatchObject({ code, argumentName });
  expect(response.data?.[Object.keys(response.data ?? {})[0] ?? ""] ?? null).toBeNull();
  return error;
}

type Case = {
  /** GraphQL type name: createX, updateX, deleteX. */
  name: string;
  key: string;
  input: Record<string, unknown>;
  /** Fields to select on the returned record. */
  select: string;
  created: Record<string, unknown>;
  badInput: [Record<string, unknown>, string];
  patch: Record<string, unknown>;
  patched: Record<string, unknown>;
  badPatch: [Record<string, unknown>, string];
};

const cases: Case[] = [
  {
    name: "Topic",
    key: "water",
    input: { key: "water", kind: "cooperation_area", name: text("Water", "水") },
    select: "key kind name",
    created: { key: "water", kind: "cooperation_area", name: "Water" },
    badInput: [{ key: "Water Resources", kind: "issue", name: text("W", "水") }, "input.key"],
    patch: { name: text("Water resources", "水资源") },
    patched: { name: "Water resources" },
    badPatch: [{ kind: "hobby" }, "patch.kind"],
  },
  {
    name: "Source",
    key: "xinhua-2026-01-02",
    input: {
      key: "xinhua-2026-01-02",
      publication: text("Xinhua", "新华社"),
      title: text("A report", "一篇报道"),
      language: "zh",
      publishedOn: "2026-01-02",
      url: "https://example.org/report",
    },
    select: "key language publishedOn url page",
    created: { key: "xinhua-2026-01-02", language: "zh", publishedOn: "2026-01-02", page: null },
    badInput: [
      {
        key: "bad-url",
        publication: text("X", "新"),
        title: text("T", "题"),
        language: "zh",
        publishedOn: "2026-01-02",
        url: "not a url",
      },
      "input.url",
    ],
    patch: { page: "4", url: null },
    patched: { page: "4", url: null },
    badPatch: [{ language: "chinese" }, "patch.language"],
  },
  {
    name: "Organization",
    key: "mfa-uz",
    input: {
      key: "mfa-uz",
      kind: "ministry",
      name: text("Ministry of Foreign Affairs of Uzbekistan", "乌兹别克斯坦外交部"),
      country: "UZ",
    },
    select: "key kind abbreviation country { code }",
    created: { key: "mfa-uz", kind: "ministry", abbreviation: null, country: { code: "UZ" } },
    badInput: [
      { key: "mfa-xx", kind: "ministry", name: text("M", "部"), country: "XX" },
      "input.country",
    ],
    patch: { abbreviation: "MFA UZ" },
    patched: { abbreviation: "MFA UZ" },
    badPatch: [{ country: "ZZ" }, "patch.country"],
  },
  {
    name: "Person",
    key: "bakhtiyor-saidov",
    input: {
      key: "bakhtiyor-saidov",
      name: text("Bakhtiyor Saidov", "赛义多夫"),
      country: "UZ",
      offices: [
        { title: text("Minister of Foreign Affairs", "外长"), from: "2022-07-01", sources: cite },
      ],
    },
    select: "key name country { code } offices { title from to }",
    created: {
      key: "bakhtiyor-saidov",
      country: { code: "UZ" },
      offices: [{ title: "Minister of Foreign Affairs", from: "2022-07-01", to: null }],
    },
    badInput: [
      {
        key: "nobody",
        name: text("No Body", "无名"),
        offices: [
          { title: text("Minister", "部长"), organization: "ghost-ministry", sources: cite },
        ],
      },
      "input.offices[0].organization",
    ],
    patch: {
      offices: [
        {
          title: text("Minister of Foreign Affairs", "外长"),
          from: "2022-07-01",
          to: "2026-01-01",
          sources: cite,
        },
      ],
    },
    patched: {
      offices: [{ title: "Minister of Foreign Affairs", from: "2022-07-01", to: "2026-01-01" }],
    },
    badPatch: [
      {
        offices: [
          { title: text("Minister", "部长"), from: "2026-01-01", to: "2020-01-01", sources: cite },
        ],
      },
      "patch.offices[0].to",
    ],
  },
  {
    name: "Event",
    key: "2026-01-10-kulubaev-visits-beijing",
    input: {
      key: "2026-01-10-kulubaev-visits-beijing",
      between: ["KG", "CN"],
      type: "visit",
      status: "SCHEDULED",
      date: "2026-01-10",
      host: "CN",
      place: text("Beijing", "北京"),
      title: text("Kulubaev visits Beijing", "库鲁巴耶夫访问北京"),
      topics: ["connectivity"],
      participants: [
        { person: "jeenbek-kulubaev", role: "GUEST" },
        { person: "wang-yi", role: "HOST" },
      ],
      sources: cite,
    },
    select:
      "key status date title participants { role person { key } side { code } } topics { key }",
    created: {
      key: "2026-01-10-kulubaev-visits-beijing",
      status: "SCHEDULED",
      participants: [
        { role: "GUEST", person: { key: "jeenbek-kulubaev" }, side: { code: "KG" } },
        { role: "HOST", person: { key: "wang-yi" }, side: { code: "CN" } },
      ],
      topics: [{ key: "connectivity" }],
    },
    badInput: [
      {
        key: "2026-ghost",
        between: ["KG", "CN"],
        type: "visit",
        date: "2026-01-10",
        title: text("A visit", "访问"),
        participants: [
          { person: "wang-yi", role: "HOST" },
          { person: "ghost", role: "GUEST" },
        ],
        sources: cite,
      },
      "input.participants[1].person",
    ],
    patch: { status: "HELD", summary: text("It took place.", "访问如期举行。") },
    patched: { status: "HELD" },
    badPatch: [{ endDate: "2025-12-31" }, "patch.endDate"],
  },
  {
    name: "Document",
    key: "2026-01-10-mou-connectivity",
    input: {
      key: "2026-01-10-mou-connectivity",
      kind: "mou",
      title: text("MoU on connectivity", "互联互通谅解备忘录"),
      event: "2025-11-19-first-strategic-dialogue",
      parties: [{ country: "KG" }, { country: "CN", organization: "mfa-cn" }],
      sources: cite,
    },
    select: "key kind signedOn event { key } parties { code }",
    created: {
      key: "2026-01-10-mou-connectivity",
      signedOn: null,
      event: { key: "2025-11-19-first-strategic-dialogue" },
      parties: [{ code: "CN" }, { code: "KG" }],
    },
    badInput: [
      {
        key: "double-party",
        kind: "mou",
        title: text("MoU", "备忘录"),
        parties: [{ country: "CN" }, { country: "CN" }],
        sources: cite,
      },
      "input.parties[1].country",
    ],
    patch: { signedOn: "2026-01-11", event: null },
    patched: { signedOn: "2026-01-11", event: null },
    badPatch: [{ event: "ghost-event" }, "patch.event"],
  },
  {
    name: "Project",
    key: "bishkek-ring-road",
    input: {
      key: "bishkek-ring-road",
      status: "planned",
      name: text("Bishkek ring road", "比什凯克环城公路"),
      countries: ["KG", "CN"],
      topics: ["connectivity"],
      mentions: [{ date: "2025-11-19", note: text("Discussed", "双方讨论"), sources: cite }],
    },
    select: "key status countries { code } mentions { date note }",
    created: {
      key: "bishkek-ring-road",
      status: "planned",
      countries: [{ code: "CN" }, { code: "KG" }],
      mentions: [{ date: "2025-11-19", note: "Discussed" }],
    },
    badInput: [
      { key: "no-country", status: "planned", name: text("P", "项目"), countries: [] },
      "input.countries",
    ],
    patch: { status: "under_construction" },
    patched: { status: "under_construction" },
    badPatch: [{ status: "finished" }, "patch.status"],
  },
  {
    name: "Position",
    key: "uz-supports-railway-2026-01-10",
    input: {
      key: "uz-supports-railway-2026-01-10",
      kind: "support",
      side: "UZ",
      topic: "connectivity",
      project: "china-kyrgyzstan-uzbekistan-railway",
      date: "2026-01-10",
      text: text("Uzbekistan supports the railway", "乌方支持铁路建设"),
      sources: cite,
    },
    select: "key kind side { code } project { key } quote { zh }",
    created: {
      key: "uz-supports-railway-2026-01-10",
      kind: "support",
      side: { code: "UZ" },
      project: { key: "china-kyrgyzstan-uzbekistan-railway" },
      quote: null,
    },
    badInput: [
      {
        key: "ghost-topic",
        kind: "position",
        side: "UZ",
        topic: "ghost",
        date: "2026-01-10",
        text: text("T", "文"),
        sources: cite,
      },
      "input.topic",
    ],
    patch: { quote: { zh: "全力支持" } },
    patched: { quote: { zh: "全力支持" } },
    badPatch: [{ sources: [] }, "patch.sources"],
  },
];

describe.each(cases)("$name", (c) => {
  const create = `mutation ($input: ${c.name}Input!) { create${c.name}(input: $input) { ${c.select} version } }`;
  const update = `mutation ($key: String!, $version: Int!, $patch: ${c.name}Patch!) {
    update${c.name}(key: $key, version: $version, patch: $patch) { ${c.select} version }
  }`;
  const remove = `mutation ($key: String!, $version: Int!) { delete${c.name}(key: $key, version: $version) { id key } }`;
  const field = (verb: string) => `${verb}${c.name}`;

  it("creates, updates and deletes, one audit entry each", async () => {
    const before = auditCount();
    const created = data(
      await gql<Record<string, Record<string, unknown>>>(create, { input: c.input }),
    );
    expect(created[field("create")]).toMatchObject({ ...c.created, version: 1 });
    const updated = data(
      await gql<Record<string, Record<string, unknown>>>(update, {
        key: c.key,
        version: 1,
        patch: c.patch,
      }),
    );
    expect(updated[field("update")]).toMatchObject({ ...c.patched, version: 2 });
    // The same patch again changes nothing: no new version, no audit entry.
    const again = data(
      await gql<Record<string, Record<string, unknown>>>(update, {
        key: c.key,
        version: 2,
        patch: c.patch,
      }),
    );
    expect(again[field("update")]?.version).toBe(2);
    const deleted = data(
      await gql<Record<string, { key: string }>>(remove, { key: c.key, version: 2 }),
    );
    expect(deleted[field("delete")]?.key).toBe(c.key);
    expect(auditCount()).toBe(before + 3);
    refused(await gql(remove, { key: c.key, version: 2 }), "NOT_FOUND", "key");
  });

  it("refuses invalid input and an existing key, writing nothing", async () => {
    const before = auditCount();
    const [bad, argumentName] = c.badInput;
    refused(await gql(create, { input: bad }), "BAD_USER_INPUT", argumentName);
    data(await gql(create, { input: c.input }));
    refused(await gql(create, { input: c.input }), "CONFLICT", "input.key");
    const [badPatch, patchArgument] = c.badPatch;
    refused(
      await gql(update, { key: c.key, version: 1, patch: badPatch }),
      "BAD_USER_INPUT",
      patchArgument,
    );
    refused(
      await gql(update, { key: "no-such-key", version: 1, patch: c.patch }),
      "NOT_FOUND",
      "key",
    );
    expect(auditCount()).toBe(before + 1);
    data(await gql(remove, { key: c.key, version: 1 }));
  });
});

describe("deleting what others refer to", () => {
  it("is refused with CONFLICT, naming what refers to it", async () => {
    const cases: [string, string][] = [
      ["deletePerson", "wang-yi"],
      ["deleteTopic", "connectivity"],
      ["deleteSource", SOURCE],
      ["deleteOrganization", "mfa-cn"],
      ["deleteEvent", "2025-11-19-first-strategic-dialogue"],
      ["deleteProject", "china-kyrgyzstan-uzbekistan-railway"],
    ];
    for (const [mutation, key] of cases) {
      const error = refused(
        await gql(`mutation ($key: String!) { ${mutation}(key: $key, version: 1) { key } }`, {
          key,
        }),
        "CONFLICT",
        "key",
      );
      expect(error.message).toMatch(/refer to it/);
    }
    refused(
      await gql(`mutation { deleteRelationship(between: ["CN", "KG"], version: 1) { key } }`),
      "CONFLICT",
      "between",
    );
  });
});

describe("relationships and partnership changes", () => {
  const select = "key version partnership { level label since } partnershipHistory { since }";

  it("creates a relationship, upgrades it, removes a step, and deletes it", async () => {
    const created = data(
      await gql<{ createRelationship: Record<string, unknown> }>(
        `mutation ($input: RelationshipInput!) { createRelationship(input: $input) { ${select} } }`,
        {
          input: {
            between: ["UZ", "KG"],
            summary: text("Neighbours.", "邻国。"),
            partnerships: [{ level: "strategic_partnership", since: "2017-10-05", sources: cite }],
          },
        },
      ),
    );
    expect(created.createRelationship).toMatchObject({
      key: "KG-UZ",
      version: 1,
      partnership: { level: "strategic_partnership", since: "2017-10-05" },
    });
    const upgraded = data(
      await gql<{ addPartnershipStep: Record<string, unknown> }>(
        `mutation { addPartnershipStep(between: ["KG", "UZ"], version: 1, step: {
          level: "comprehensive_strategic_partnership", since: "2024-06-01",
          label: { en: "comprehensive strategic partnership", zh: "全面战略伙伴关系" },
          sources: [{ source: "${SOURCE}" }] }) { ${select} } }`,
      ),
    );
    expect(upgraded.addPartnershipStep).toMatchObject({
      version: 2,
      partnership: { level: "comprehensive_strategic_partnership", since: "2024-06-01" },
      partnershipHistory: [{ since: "2017-10-05" }, { since: "2024-06-01" }],
    });
    const removed = data(
      await gql<{ removePartnershipStep: Record<string, unknown> }>(
        `mutation { removePartnershipStep(between: ["UZ", "KG"], version: 2, since: "2017-10-05") { ${select} } }`,
      ),
    );
    expect(removed.removePartnershipStep).toMatchObject({
      version: 3,
      partnershipHistory: [{ since: "2024-06-01" }],
    });
    const summary = data(
      await gql<{ updateRelationship: { version: number; summary: string | null } }>(
        `mutation { updateRelationship(between: ["KG", "UZ"], version: 3, patch: { summary: null }) { version summary } }`,
      ),
    );
    expect(summary.updateRelationship).toEqual({ version: 4, summary: null });
    expect(
      data(
        await gql<{ deleteRelationship: { key: string } }>(
          `mutation { deleteRelationship(between: ["KG", "UZ"], version: 4) { key } }`,
        ),
      ).deleteRelationship.key,
    ).toBe("KG-UZ");
  });

  it("refuses bad pairs, unknown levels, a second step on one date and missing steps", async () => {
    refused(
      await gql(`mutation { createRelationship(input: { between: ["KG", "KG"] }) { key } }`),
      "BAD_USER_INPUT",
      "input.between",
    );
    refused(
      await gql(`mutation { createRelationship(input: { between: ["CN", "KG"] }) { key } }`),
      "CONFLICT",
      "input.between",
    );
    refused(
      await gql(
        `mutation { updateRelationship(between: ["KG", "XX"], version: 1, patch: {}) { key } }`,
      ),
      "NOT_FOUND",
      "between",
    );
    refused(
      await gql(
        `mutation { updateRelationship(between: ["CN", "KG"], version: 1, patch: { partnerships: [{ level: "best_friends", since: "2020-01-01", sources: [{ source: "${SOURCE}" }] }] }) { key } }`,
      ),
      "BAD_USER_INPUT",
      "patch.partnerships[0].level",
    );
    const step = (since: string, level = "strategic_partnership") =>
      `step: { level: "${level}", since: "${since}", sources: [{ source: "${SOURCE}" }] }`;
    refused(
      await gql(
        `mutation { addPartnershipStep(between: ["CN", "KG"], version: 1, ${step("2023-05-18")}) { key } }`,
      ),
      "CONFLICT",
      "step.since",
    );
    refused(
      await gql(
        `mutation { addPartnershipStep(between: ["CN", "KG"], version: 1, ${step("2026-01-01", "nope")}) { key } }`,
      ),
      "BAD_USER_INPUT",
      "step.level",
    );
    refused(
      await gql(
        `mutation { removePartnershipStep(between: ["CN", "KG"], version: 1, since: "1999-01-01") { key } }`,
      ),
      "NOT_FOUND",
      "since",
    );
    refused(
      await gql(`mutation { createRelationship(input: { between: ["KG"] }) { key } }`),
      "BAD_USER_INPUT",
      "input.between",
    );
  });
});

describe("API keys over GraphQL", () => {
  it("lets an admin create a key (token shown once) and revoke it", async () => {
    const admin = graphqlClient(db, {}, { role: "admin" });
    const created = data(
      await admin<{ createApiKey: { token: string; key: { name: string; role: string } } }>(
        `mutation { createApiKey(name: "analyst-1", role: EDITOR) { token key { name role prefix active } } }`,
      ),
    );
    expect(created.createApiKey.token).toMatch(/^att_/);
    const asNewKey = graphqlClient(db, {}, { token: created.createApiKey.token });
    expect(data(await asNewKey<{ me: { name: string } }>("{ me { name role } }")).me).toEqual({
      name: "analyst-1",
      role: "EDITOR",
    });
    const listed = data(
      await admin<{ apiKeys: Record<string, unknown>[] }>("{ apiKeys { name prefix active } }"),
    );
    expect(JSON.stringify(listed)).not.toContain(created.createApiKey.token);
    const revoked = data(
      await admin<{ revokeApiKey: { active: boolean } }>(
        `mutation { revokeApiKey(name: "analyst-1") { active revokedAt } }`,
      ),
    );
    expect(revoked.revokeApiKey.active).toBe(false);
    expect((await asNewKey("{ me { name } }")).status).toBe(401);
  });

  it("refuses bad names, unknown roles, duplicates and unknown keys", async () => {
    const admin = graphqlClient(db, {}, { role: "admin" });
    refused(
      await admin(`mutation { createApiKey(name: "Bad Name", role: VIEWER) { token } }`),
      "BAD_USER_INPUT",
      "name",
    );
    refused(
      await admin(`mutation { createApiKey(name: "seed", role: VIEWER) { token } }`),
      "BAD_USER_INPUT",
      "name",
    );
    data(await admin(`mutation { createApiKey(name: "twice", role: VIEWER) { token } }`));
    refused(
      await admin(`mutation { createApiKey(name: "twice", role: ADMIN) { token } }`),
      "CONFLICT",
      "name",
    );
    refused(await admin(`mutation { revokeApiKey(name: "ghost") { name } }`), "NOT_FOUND", "name");
    const unknownRole = await admin(`mutation { createApiKey(name: "x", role: ROOT) { token } }`);
    expect(unknownRole.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("importDataset", () => {
  const importMutation = `mutation ($content: String!, $format: DatasetFormat, $dryRun: Boolean) {
    importDataset(content: $content, format: $format, dryRun: $dryRun, name: "uz.yaml") {
      dryRun changed created updated unchanged sections { section created updated unchanged }
    }
  }`;
  const file = `relationships:
  - between: [CN, UZ]
events:
  - key: 2026-02-01-cn-uz-talks
    between: [UZ, CN]
    type: talks
    date: 2026-02-01
    title: { en: China–Uzbekistan talks, zh: 中乌会谈 }
    sources: [${SOURCE}]
`;

  it("imports a file (a dry run first), then finds nothing to change in it", async () => {
    const admin = graphqlClient(db, {}, { role: "admin" });
    const dry = data(
      await admin<{ importDataset: Record<string, unknown> }>(importMutation, {
        content: file,
        dryRun: true,
      }),
    );
    expect(dry.importDataset).toMatchObject({ dryRun: true, changed: true, created: 2 });
    expect(
      data(await admin<{ event: null }>(`{ event(key: "2026-02-01-cn-uz-talks") { key } }`)).event,
    ).toBeNull();

    const first = data(
      await admin<{ importDataset: Record<string, unknown> }>(importMutation, { content: file }),
    );
    expect(first.importDataset).toEqual({
      dryRun: false,
      changed: true,
      created: 2,
      updated: 0,
      unchanged: 0,
      sections: [
        { section: "relationships", created: 1, updated: 0, unchanged: 0 },
        { section: "events", created: 1, updated: 0, unchanged: 0 },
      ],
    });
    const second = data(
      await admin<{ importDataset: Record<string, unknown> }>(importMutation, { content: file }),
    );
    expect(second.importDataset).toMatchObject({
      changed: false,
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it("refuses a file with a problem, listing every problem, writing nothing", async () => {
    const admin = graphqlClient(db, {}, { role: "admin" });
    const before = auditCount();
    const bad = file
      .replace("2026-02-01-cn-uz-talks", "2026-02-02-other-talks")
      .replace("type: talks", "type: tea_party");
    const error = refused(
      await admin(importMutation, {
        content: `${bad}    participants: [{ person: ghost, role: guest }]\n`,
      }),
      "BAD_USER_INPUT",
      "content",
    );
    expect(error.extensions?.problems).toEqual([
      { file: "uz.yaml", path: "events[0].type", message: 'unknown event type "tea_party"' },
      {
        file: "uz.yaml",
        path: "events[0].participants[0].person",
        message: 'unknown person "ghost"',
      },
    ]);
    expect(error.message).toMatch(/nothing was written/);
    refused(
      await admin(importMutation, { content: "{ not json", format: "JSON" }),
      "BAD_USER_INPUT",
      "content",
    );
    expect(auditCount()).toBe(before);
  });
});

describe("lengths", () => {
  it("refuses a text over 10,000 characters, naming the field", async () => {
    refused(
      await gql(`mutation ($input: TopicInput!) { createTopic(input: $input) { key } }`, {
        input: { key: "long", kind: "issue", name: { en: "Long", zh: "长".repeat(10_001) } },
      }),
      "BAD_USER_INPUT",
      "input.name.zh",
    );
  });
});
