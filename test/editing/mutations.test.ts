// Each mutation: it does what it says, refuses bad input with the code and argument at fault, and
// leaves a record for the audit log. (Refusal without the right role: test/auth/mutation-rules.)
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createTestDb } from "../support/db.ts";
import { type GraphQLResponse, graphqlClient, onlyError } from "../support/graphql.ts";

const SOURCE = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";
const cite = [{ source: SOURCE, locator: "para 2" }];
const text = (en: string, zh: string) => ({ en, zh });

type Gql = Awaited<ReturnType<typeof graphqlClient>>;
let db: Db;
let gql: Gql;
beforeAll(async () => {
  db = createTestDb().db;
  gql = await graphqlClient(db, {}, { role: "editor" });
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
    input: { key: "water", kind: "COOPERATION_AREA", name: text("Water", "水") },
    select: "key kind name",
    created: { key: "water", kind: "COOPERATION_AREA", name: "Water" },
    badInput: [{ key: "Water Resources", kind: "ISSUE", name: text("W", "水") }, "input.key"],
    patch: { name: text("Water resources", "水资源") },
    patched: { name: "Water resources" },
    badPatch: [{ kind: "HOBBY" }, "patch.kind"],
  },
  {
    name: "Source",
    key: "xinhua-2026-01-02",
    input: {
      key: "xinhua-2026-01-02",
      publication: text("Xinhua", "新华社"),
      title: { zh: "一篇报道" },
      language: "zh",
      publishedOn: "2026-01-02",
      url: "https://example.org/report",
    },
    select: "key language publishedOn url page titleI18n { zh languages untranslated }",
    created: {
      key: "xinhua-2026-01-02",
      language: "zh",
      publishedOn: "2026-01-02",
      page: null,
      titleI18n: { zh: "一篇报道", languages: ["ZH"], untranslated: true },
    },
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
    key: "cn-kg-law-enforcement",
    input: {
      key: "cn-kg-law-enforcement",
      kind: "MECHANISM",
      scope: "BILATERAL",
      name: { zh: "中吉执法安全合作机制" },
      between: ["KG", "CN"],
    },
    select: "key kind scope abbreviation relationship { key } nameI18n { en zh untranslated }",
    created: {
      key: "cn-kg-law-enforcement",
      kind: "MECHANISM",
      scope: "BILATERAL",
      abbreviation: null,
      relationship: { key: "CN-KG" },
      nameI18n: { en: null, zh: "中吉执法安全合作机制", untranslated: true },
    },
    badInput: [
      {
        key: "mfa-xx",
        kind: "MINISTRY",
        scope: "MULTILATERAL",
        name: text("M", "部"),
        country: "XX",
      },
      "input.country",
    ],
    patch: { abbreviation: "LEC", name: text("Law-enforcement mechanism", "中吉执法安全合作机制") },
    patched: { abbreviation: "LEC", nameI18n: { untranslated: false } },
    badPatch: [{ country: "ZZ" }, "patch.country"],
  },
  {
    name: "Person",
    key: "bakhtiyor-saidov",
    input: {
      key: "bakhtiyor-saidov",
      name: text("Bakhtiyor Saidov", "赛义多夫"),
      aliases: ["赛义多夫外长"],
      country: "UZ",
      offices: [
        { title: text("Minister of Foreign Affairs", "外长"), from: "2022-07", sources: cite },
      ],
    },
    select: "key name aliases country { code } offices { title from to }",
    created: {
      key: "bakhtiyor-saidov",
      aliases: ["赛义多夫外长"],
      country: { code: "UZ" },
      offices: [{ title: "Minister of Foreign Affairs", from: "2022-07", to: null }],
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
          from: "2022-07",
          to: "2026",
          sources: cite,
        },
      ],
    },
    patched: {
      offices: [{ title: "Minister of Foreign Affairs", from: "2022-07", to: "2026" }],
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
    key: "2026-01-kulubaev-visits-beijing",
    input: {
      key: "2026-01-kulubaev-visits-beijing",
      between: ["KG", "CN"],
      type: "visit",
      status: "SCHEDULED",
      date: "2026-01",
      host: "CN",
      place: text("Beijing", "北京"),
      title: text("Kulubaev visits Beijing", "库鲁巴耶夫访问北京"),
      ordinal: 2,
      topics: ["connectivity"],
      participants: [
        { person: "jeenbek-kulubaev", role: "GUEST" },
        { person: "wang-yi", role: "HOST" },
      ],
      sources: cite,
    },
    select:
      "key status date ordinal title participants { role person { key } side { code } } topics { key }",
    created: {
      key: "2026-01-kulubaev-visits-beijing",
      status: "SCHEDULED",
      date: "2026-01",
      ordinal: 2,
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
    patch: {
      status: "HELD",
      date: "2026-01-10",
      summary: text("It took place.", "访问如期举行。"),
    },
    patched: { status: "HELD", date: "2026-01-10" },
    badPatch: [{ parent: "ghost-event" }, "patch.parent"],
  },
  {
    name: "Document",
    key: "2026-01-10-mou-connectivity",
    input: {
      key: "2026-01-10-mou-connectivity",
      kind: "MOU",
      action: "SIGNED",
      title: text("MoU on connectivity", "互联互通谅解备忘录"),
      event: "2025-11-19-first-strategic-dialogue",
      parties: [{ country: "KG" }, { country: "CN", organization: "mfa-cn" }],
      sources: cite,
    },
    select: "key kind action date relationship { key } event { key } parties { code }",
    created: {
      key: "2026-01-10-mou-connectivity",
      kind: "MOU",
      action: "SIGNED",
      date: null,
      relationship: { key: "CN-KG" },
      event: { key: "2025-11-19-first-strategic-dialogue" },
      parties: [{ code: "CN" }, { code: "KG" }],
    },
    badInput: [
      {
        key: "double-party",
        kind: "MOU",
        action: "SIGNED",
        title: text("MoU", "备忘录"),
        between: ["CN", "KG"],
        parties: [{ country: "CN" }, { country: "CN" }],
        sources: cite,
      },
      "input.parties[1].country",
    ],
    patch: { date: "2026-01", validFrom: "2026", validTo: "2027" },
    patched: { date: "2026-01" },
    badPatch: [{ event: "ghost-event" }, "patch.event"],
  },
  {
    name: "Project",
    key: "bishkek-ring-road",
    input: {
      key: "bishkek-ring-road",
      name: text("Bishkek ring road", "比什凯克环城公路"),
      countries: ["KG", "CN"],
      topics: ["connectivity"],
    },
    select: "key status { status } statusHistory { status date } countries { code }",
    created: {
      key: "bishkek-ring-road",
      status: null,
      statusHistory: [],
      countries: [{ code: "CN" }, { code: "KG" }],
    },
    badInput: [{ key: "no-country", name: text("P", "项目"), countries: [] }, "input.countries"],
    patch: {
      statusHistory: [
        { status: "AGREED", date: "2025-11", sources: cite },
        { status: "UNDER_CONSTRUCTION", date: "2026", sources: cite },
      ],
    },
    patched: {
      status: { status: "UNDER_CONSTRUCTION" },
      statusHistory: [
        { status: "AGREED", date: "2025-11" },
        { status: "UNDER_CONSTRUCTION", date: "2026" },
      ],
    },
    badPatch: [
      { statusHistory: [{ status: "AGREED", date: "2025-11", sources: [] }] },
      "patch.statusHistory[0].sources",
    ],
  },
  {
    name: "ProjectMention",
    key: "railway-mention-2026-01",
    input: {
      key: "railway-mention-2026-01",
      project: "china-kyrgyzstan-uzbekistan-railway",
      date: "2026-01",
      note: { zh: "双方同意加快铁路建设" },
      sources: cite,
    },
    select: "key date project { key } event { key } note noteI18n { languages }",
    created: {
      key: "railway-mention-2026-01",
      date: "2026-01",
      project: { key: "china-kyrgyzstan-uzbekistan-railway" },
      event: null,
      note: "双方同意加快铁路建设",
      noteI18n: { languages: ["ZH"] },
    },
    badInput: [
      {
        key: "ghost-mention",
        project: "ghost-project",
        date: "2026",
        note: { en: "A mention" },
        sources: cite,
      },
      "input.project",
    ],
    patch: { event: "2025-11-19-first-strategic-dialogue", date: "2025-11-19" },
    patched: { event: { key: "2025-11-19-first-strategic-dialogue" }, date: "2025-11-19" },
    badPatch: [{ event: "ghost-event" }, "patch.event"],
  },
  {
    name: "Statement",
    key: "joint-railway-2026-01",
    input: {
      key: "joint-railway-2026-01",
      kind: "AGREEMENT",
      side: "joint",
      between: ["CN", "KG"],
      verb: "同意",
      topics: ["connectivity"],
      projects: ["china-kyrgyzstan-uzbekistan-railway"],
      date: "2026-01",
      text: { zh: "双方同意加快中吉乌铁路建设" },
      sources: cite,
    },
    select:
      "key kind joint side { code } verb date relationship { key } projects { key } quote { zh } textI18n { languages }",
    created: {
      key: "joint-railway-2026-01",
      kind: "AGREEMENT",
      joint: true,
      side: null,
      verb: "同意",
      date: "2026-01",
      relationship: { key: "CN-KG" },
      projects: [{ key: "china-kyrgyzstan-uzbekistan-railway" }],
      quote: null,
      textI18n: { languages: ["ZH"] },
    },
    badInput: [
      {
        key: "ghost-topic",
        kind: "POSITION",
        side: "KG",
        between: ["CN", "KG"],
        topics: ["ghost"],
        date: "2026-01-10",
        text: text("T", "文"),
        sources: cite,
      },
      "input.topics[0]",
    ],
    patch: { quote: { zh: "双方同意" } },
    patched: { quote: { zh: "双方同意" } },
    badPatch: [{ side: "UZ" }, "patch.side"],
  },
  {
    name: "Target",
    key: "cn-kg-trade-target",
    input: {
      key: "cn-kg-trade-target",
      between: ["KG", "CN"],
      title: text("Raise bilateral trade", "提升双边贸易额"),
      amount: 30_000_000_000,
      unit: "USD",
      by: "at_an_early_date",
      status: "AGREED",
      date: "2025-11-19",
      sources: cite,
    },
    select: "key title amount unit by byNote status date relationship { key } statements { key }",
    created: {
      key: "cn-kg-trade-target",
      amount: 30_000_000_000,
      unit: "USD",
      by: null,
      byNote: "at_an_early_date",
      status: "AGREED",
      date: "2025-11-19",
      relationship: { key: "CN-KG" },
      statements: [],
    },
    badInput: [
      {
        key: "no-unit",
        between: ["KG", "CN"],
        title: text("Trade", "贸易"),
        amount: 5,
        status: "PROPOSED",
        sources: cite,
      },
      "input.unit",
    ],
    patch: { by: "2030", status: "IN_PROGRESS" },
    patched: { by: "2030", byNote: null, status: "IN_PROGRESS" },
    badPatch: [{ by: "2030-02-30" }, "patch.by"],
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
  const select =
    "key version partnership { level { key rank } since attestedOn } partnershipHistory { level { key } since attestedOn }";

  it("creates a relationship, adds an attested step, removes a step, and deletes it", async () => {
    const created = data(
      await gql<{ createRelationship: Record<string, unknown> }>(
        `mutation ($input: RelationshipInput!) { createRelationship(input: $input) { ${select} } }`,
        {
          input: {
            between: ["UZ", "KG"],
            summary: { en: "Neighbours." },
            partnerships: [{ level: "strategic_partnership", since: "2017-10", sources: cite }],
          },
        },
      ),
    );
    expect(created.createRelationship).toMatchObject({
      key: "KG-UZ",
      version: 1,
      partnership: { level: { key: "strategic_partnership" }, since: "2017-10", attestedOn: null },
    });
    // A source of 2024-06-01 says the pair is at a higher level; when it was established is unknown.
    const attested = data(
      await gql<{ addPartnershipStep: Record<string, unknown> }>(
        `mutation { addPartnershipStep(between: ["KG", "UZ"], version: 1, step: {
          level: "comprehensive_strategic_partnership", attestedOn: "2024-06-01",
          sources: [{ source: "${SOURCE}" }] }) { ${select} } }`,
      ),
    );
    expect(attested.addPartnershipStep).toMatchObject({
      version: 2,
      partnership: {
        level: { key: "comprehensive_strategic_partnership" },
        since: null,
        attestedOn: "2024-06-01",
      },
      partnershipHistory: [
        { level: { key: "strategic_partnership" }, since: "2017-10" },
        { level: { key: "comprehensive_strategic_partnership" }, attestedOn: "2024-06-01" },
      ],
    });
    const removed = data(
      await gql<{ removePartnershipStep: Record<string, unknown> }>(
        `mutation { removePartnershipStep(between: ["UZ", "KG"], version: 2, level: "strategic_partnership") { ${select} } }`,
      ),
    );
    expect(removed.removePartnershipStep).toMatchObject({
      version: 3,
      partnershipHistory: [{ level: { key: "comprehensive_strategic_partnership" } }],
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

  it("refuses bad pairs, unknown levels, a second step at one level and missing steps", async () => {
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
    const unknownLevel = refused(
      await gql(
        `mutation { updateRelationship(between: ["CN", "KG"], version: 1, patch: { partnerships: [{ level: "best_friends", since: "2020", sources: [{ source: "${SOURCE}" }] }] }) { key } }`,
      ),
      "BAD_USER_INPUT",
      "patch.partnerships[0].level",
    );
    expect(unknownLevel.message).toContain("strategic_partnership");
    const step = (level: string, date = `since: "2026-01-01"`) =>
      `step: { level: "${level}", ${date}, sources: [{ source: "${SOURCE}" }] }`;
    refused(
      await gql(
        `mutation { addPartnershipStep(between: ["CN", "KG"], version: 1, ${step("comprehensive_strategic_partnership_new_era")}) { key } }`,
      ),
      "CONFLICT",
      "step.level",
    );
    refused(
      await gql(
        `mutation { addPartnershipStep(between: ["CN", "KG"], version: 1, ${step("nope")}) { key } }`,
      ),
      "BAD_USER_INPUT",
      "step.level",
    );
    refused(
      await gql(
        `mutation { addPartnershipStep(between: ["CN", "KG"], version: 1, ${step("partnership", `since: "2020", attestedOn: "2021"`)}) { key } }`,
      ),
      "BAD_USER_INPUT",
      "step.since",
    );
    refused(
      await gql(
        `mutation { removePartnershipStep(between: ["CN", "KG"], version: 1, level: "partnership") { key } }`,
      ),
      "NOT_FOUND",
      "level",
    );
    refused(
      await gql(`mutation { createRelationship(input: { between: ["KG"] }) { key } }`),
      "BAD_USER_INPUT",
      "input.between",
    );
  });
});

describe("reference data (admin): countries and the partnership ladder", () => {
  it("adds a country and a level, then uses them", async () => {
    const admin = await graphqlClient(db, {}, { role: "admin" });
    const country = data(
      await admin<{ createCountry: Record<string, unknown> }>(
        `mutation ($input: CountryInput!) { createCountry(input: $input) { code alpha3 name(locale: ZH) aliases version } }`,
        {
          input: {
            code: "KZ",
            alpha3: "KAZ",
            numeric: "398",
            name: text("Kazakhstan", "哈萨克斯坦"),
            aliases: ["哈方"],
          },
        },
      ),
    );
    expect(country.createCountry).toEqual({
      code: "KZ",
      alpha3: "KAZ",
      name: "哈萨克斯坦",
      aliases: ["哈方"],
      version: 1,
    });
    const renamed = data(
      await admin<{ updateCountry: Record<string, unknown> }>(
        `mutation { updateCountry(code: "KZ", version: 1, patch: { aliases: ["哈方", "哈国"] }) { aliases version } }`,
      ),
    );
    expect(renamed.updateCountry).toEqual({ aliases: ["哈方", "哈国"], version: 2 });

    const level = data(
      await admin<{ createPartnershipLevel: Record<string, unknown> }>(
        `mutation ($input: PartnershipLevelInput!) { createPartnershipLevel(input: $input) { key rank qualifiers label(locale: ZH) } }`,
        {
          input: {
            key: "all_weather_test_partnership",
            label: text("all-weather test partnership", "全天候测试伙伴关系"),
            rank: 42,
            qualifiers: ["all_weather"],
          },
        },
      ),
    );
    expect(level.createPartnershipLevel).toEqual({
      key: "all_weather_test_partnership",
      rank: 42,
      qualifiers: ["all_weather"],
      label: "全天候测试伙伴关系",
    });
    const ladder = data(
      await gql<{ partnershipLevels: { key: string; rank: number }[] }>(
        "{ partnershipLevels { key rank } }",
      ),
    ).partnershipLevels;
    expect(ladder.map((l) => l.rank)).toEqual([...ladder.map((l) => l.rank)].sort((a, b) => a - b));
    expect(ladder.map((l) => l.key)).toContain("all_weather_test_partnership");
    data(
      await gql(
        `mutation { createRelationship(input: { between: ["KZ", "CN"], partnerships: [{ level: "all_weather_test_partnership", attestedOn: "2025", sources: [{ source: "${SOURCE}" }] }] }) { key } }`,
      ),
    );
  });

  it("is for admins only", async () => {
    const error = onlyError(
      await gql(
        `mutation { updatePartnershipLevel(key: "partnership", version: 1, patch: { rank: 3 }) { key } }`,
      ),
    );
    expect(error.extensions).toMatchObject({ code: "FORBIDDEN", requiredRole: "admin" });
  });

  it("an unknown country code names the field and says how to add the country", async () => {
    const error = refused(
      await gql(
        `mutation { createEvent(input: { key: "2026-x", between: ["CN", "KG"], host: "TM", type: "talks", date: "2026", title: { en: "Talks" }, sources: [{ source: "${SOURCE}" }] }) { key } }`,
      ),
      "BAD_USER_INPUT",
      "input.host",
    );
    expect(error.message).toMatch(/createCountry/);
    expect(error.message).toMatch(/countries/);
    const filter = onlyError(await gql(`{ statements(side: "TM") { totalCount } }`));
    expect(filter.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "side" });
    expect(filter.message).toMatch(/createCountry/);
  });
});

describe("API keys over GraphQL", () => {
  it("lets an admin create a key (token shown once) and revoke it", async () => {
    const admin = await graphqlClient(db, {}, { role: "admin" });
    const created = data(
      await admin<{ createApiKey: { token: string; key: { name: string; role: string } } }>(
        `mutation { createApiKey(name: "analyst-1", role: EDITOR) { token key { name role prefix active } } }`,
      ),
    );
    expect(created.createApiKey.token).toMatch(/^att_/);
    const asNewKey = await graphqlClient(db, {}, { token: created.createApiKey.token });
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
    const admin = await graphqlClient(db, {}, { role: "admin" });
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
    expect(unknownRole.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "role",
    });
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
    const admin = await graphqlClient(db, {}, { role: "admin" });
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

  it("moves a record to another relationship only when allowMoves says so", async () => {
    const admin = await graphqlClient(db, {}, { role: "admin" });
    const moving = `relationships:
  - between: [CN, UZ]
statements:
  - key: kg-one-china-principle-2025-11-19
    kind: position
    between: [CN, UZ]
    side: UZ
    date: 2025-11-21
    topics: [one_china]
    text: { zh: 乌方恪守一个中国原则。 }
    sources: [${SOURCE}]
`;
    const move = `mutation Move($content: String!, $allowMoves: Boolean) {
      importDataset(content: $content, allowMoves: $allowMoves, dryRun: true) { updated }
    }`;
    const error = refused(await admin(move, { content: moving }), "BAD_USER_INPUT", "content");
    expect(error.message).toContain("allowMoves: true");
    const allowed = await admin<{ importDataset: { updated: number } }>(move, {
      content: moving,
      allowMoves: true,
    });
    expect(data(allowed).importDataset.updated).toBe(1);
  });

  it("refuses a file with a problem, listing every problem, writing nothing", async () => {
    const admin = await graphqlClient(db, {}, { role: "admin" });
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
      {
        file: "uz.yaml",
        path: "events[0].type",
        message: expect.stringMatching(/^unknown event type "tea_party"; known: .*\btalks\b/),
      },
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
        input: { key: "long", kind: "ISSUE", name: { en: "Long", zh: "长".repeat(10_001) } },
      }),
      "BAD_USER_INPUT",
      "input.name.zh",
    );
  });

  it("refuses a name that shows nothing, or holds a control character", async () => {
    const create = `mutation ($input: TopicInput!) { createTopic(input: $input) { key } }`;
    refused(
      await gql(create, {
        input: { key: "zw-only", kind: "ISSUE", name: { en: "\u200b\u200b", zh: "\u200b" } },
      }),
      "BAD_USER_INPUT",
      "input.name.en",
    );
    refused(
      await gql(create, {
        input: { key: "esc", kind: "ISSUE", name: { en: "Red\u001b[31m", zh: "红" } },
      }),
      "BAD_USER_INPUT",
      "input.name.en",
    );
  });
});
