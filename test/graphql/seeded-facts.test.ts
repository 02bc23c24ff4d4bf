// The curated dataset as a client sees it: the dialogue, its people, documents and sources.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../support/db.ts";
import { graphqlClient, onlyError } from "../support/graphql.ts";

let gql: Awaited<ReturnType<typeof graphqlClient>>;
beforeAll(async () => {
  gql = await graphqlClient(createTestDb().db);
});

const dialogueQuery = `query ($locale: Locale) {
  event(key: "2025-11-19-first-strategic-dialogue") {
    id date title(locale: $locale) firstOfKind status
    place(locale: $locale)
    type { key cameo label(locale: $locale) }
    hostCountry { code }
    participants { role side { code } person { key name(locale: $locale) nameI18n { en zh } } }
    documents { key kind action title(locale: $locale) date validFrom validTo parties { code } }
    statements { key joint side { code } topics { key } }
    citations { source { key title(locale: ZH) publication(locale: ZH) publishedOn page language } }
  }
}`;

type Dialogue = {
  event: {
    id: string;
    date: string;
    title: string;
    firstOfKind: boolean;
    status: string;
    place: string;
    type: { key: string; cameo: string; label: string };
    hostCountry: { code: string };
    participants: {
      role: string;
      side: { code: string };
      person: { key: string; name: string; nameI18n: { en: string; zh: string } };
    }[];
    documents: {
      key: string;
      kind: string;
      action: string;
      title: string;
      date: string;
      validFrom: string | null;
      validTo: string | null;
      parties: { code: string }[];
    }[];
    statements: {
      key: string;
      joint: boolean;
      side: { code: string } | null;
      topics: { key: string }[];
    }[];
    citations: {
      source: {
        key: string;
        title: string;
        publication: string;
        publishedOn: string;
        page: string;
        language: string;
      };
    }[];
  };
};

describe("the first China–Kyrgyzstan strategic dialogue", () => {
  it("is recorded with its participants, documents, statements and source", async () => {
    const { data, errors } = await gql<Dialogue>(dialogueQuery, { locale: "EN" });
    expect(errors).toBeUndefined();
    const event = data?.event;
    expect(event).toMatchObject({
      date: "2025-11-19",
      firstOfKind: true,
      status: "HELD",
      place: "Bishkek",
      type: { key: "strategic_dialogue", cameo: "040" },
      hostCountry: { code: "KG" },
    });
    expect(event?.participants.map((p) => [p.person.key, p.role, p.side.code])).toEqual([
      ["wang-yi", "HEAD_OF_DELEGATION", "CN"],
      ["jeenbek-kulubaev", "HEAD_OF_DELEGATION", "KG"],
    ]);
    const kulubaev = event?.participants[1]?.person;
    expect(kulubaev?.nameI18n).toEqual({ en: "Jeenbek Kulubaev", zh: "热恩别克·库鲁巴耶夫" });
    expect(event?.documents.map((d) => d.key).sort()).toEqual([
      "2025-11-19-joint-statement-first-strategic-dialogue",
      "mfa-cooperation-programme-2026-2027",
    ]);
    const programme = event?.documents.find((d) => d.kind === "COOPERATION_PROGRAMME");
    expect(programme).toMatchObject({
      action: "SIGNED",
      date: "2025-11-19",
      validFrom: "2026",
      validTo: "2027",
      parties: [{ code: "CN" }, { code: "KG" }],
    });
    const statement = event?.documents.find((d) => d.kind === "JOINT_STATEMENT");
    expect(statement?.action).toBe("ISSUED");
    const sides = new Set(
      event?.statements.flatMap((s) =>
        s.topics.map((topic) => `${s.side?.code ?? "joint"}:${topic.key}`),
      ),
    );
    expect(sides).toContain("KG:one_china");
    expect(sides).toContain("KG:xinjiang_tibet_hong_kong");
    expect(sides).toContain("CN:sco_chairmanship");
    expect(event?.citations.map((c) => c.source)).toEqual([
      {
        key: "peoples-daily-2025-11-20-p3-first-strategic-dialogue",
        title: "中吉外长首次战略对话成功举行",
        publication: "人民日报",
        publishedOn: "2025-11-20",
        page: "3",
        language: "zh",
      },
    ]);
  });

  it("speaks Chinese when asked by argument or by header", async () => {
    const byArg = await gql<Dialogue>(dialogueQuery, { locale: "ZH" });
    expect(byArg.data?.event.documents.map((d) => d.title)).toContain(
      "《中吉外交部2026—2027年合作纲要》",
    );
    expect(byArg.data?.event.place).toBe("比什凯克");
    const byHeader = await gql<Dialogue>(dialogueQuery, undefined, {
      "accept-language": "zh-CN,zh;q=0.9,en;q=0.5",
    });
    expect(byHeader.data?.event.participants.map((p) => p.person.name)).toEqual([
      "王毅",
      "热恩别克·库鲁巴耶夫",
    ]);
    expect(byHeader.data?.event.type.label).toBe("战略对话");
  });

  it("finds the event by ID too, and refuses both or neither", async () => {
    const { data } = await gql<Dialogue>(dialogueQuery);
    const byId = await gql<{ event: { key: string } }>(
      `query ($id: ID) { event(id: $id) { key } }`,
      {
        id: data?.event.id,
      },
    );
    expect(byId.data?.event.key).toBe("2025-11-19-first-strategic-dialogue");
    const neither = onlyError(await gql(`{ event { key } }`));
    expect(neither.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "id" });
    const wrongType = onlyError(
      await gql(`query ($id: ID) { event(id: $id) { key } }`, { id: "Q291bnRyeTox" }),
    );
    expect(wrongType.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "id" });
  });

  it("resolves the same event through node(id)", async () => {
    const { data } = await gql<Dialogue>(dialogueQuery);
    const node = await gql<{ node: { __typename: string; key: string } }>(
      `query ($id: ID!) { node(id: $id) { __typename ... on Event { key } } }`,
      { id: data?.event.id },
    );
    expect(node.data?.node).toEqual({
      __typename: "Event",
      key: "2025-11-19-first-strategic-dialogue",
    });
  });
});

describe("relationship(between:)", () => {
  const query = `query ($between: [String!]!) {
    relationship(between: $between) {
      key eventCount
      countries { code }
      partnership { level { key rank label(locale: ZH) } since attestedOn citations { source { key } } }
      partnershipHistory { level { key } since attestedOn }
      events(first: 10) { nodes { key date } }
    }
  }`;

  it("is the same whichever order the countries come in", async () => {
    const a = await gql(query, { between: ["CN", "KG"] });
    const b = await gql(query, { between: ["kg", "cn"] });
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(a.data?.relationship).toMatchObject({
      key: "CN-KG",
      eventCount: 3,
      countries: [{ code: "CN" }, { code: "KG" }],
      partnership: {
        level: {
          key: "comprehensive_strategic_partnership_new_era",
          label: "新时代全面战略伙伴关系",
        },
      },
    });
  });

  it("gives the partnership history oldest first, every step sourced", async () => {
    const { data } = await gql<{
      relationship: {
        partnershipHistory: { level: { key: string } }[];
        partnership: { citations: unknown[] };
      };
    }>(query, { between: ["CN", "KG"] });
    expect(data?.relationship.partnershipHistory.map((p) => p.level.key)).toEqual([
      "strategic_partnership",
      "comprehensive_strategic_partnership",
      "comprehensive_strategic_partnership_new_era",
    ]);
    expect(data?.relationship.partnership.citations.length).toBeGreaterThan(0);
  });

  it("is null for two known countries with nothing recorded", async () => {
    const { data, errors } = await gql(query, { between: ["KG", "UZ"] });
    expect(errors).toBeUndefined();
    expect(data?.relationship).toBeNull();
  });

  it.each([
    [["CN", "XX"], 'unknown country code "XX"'],
    [["CN", "CHN"], '"CHN" is not an ISO 3166-1 alpha-2 country code'],
    [["CN", "CN"], "two different country codes"],
    [["CN"], "two different country codes"],
  ])("refuses %j with BAD_USER_INPUT on `between`", async (between, message) => {
    const error = onlyError(await gql(query, { between }));
    expect(error.message).toContain(message);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "between" });
  });
});

describe("lookups and lists", () => {
  it("lists countries, people, organizations, topics, projects and sources", async () => {
    const { data, errors } = await gql<Record<string, unknown>>(`{
      countries { code name(locale: ZH) }
      country(code: "uz") { code alpha3 numeric name }
      people(country: "KG") { totalCount nodes { key offices { title organization { key } } } }
      organizations(kind: INTERGOVERNMENTAL) { key abbreviation }
      topics(kind: ISSUE) { key }
      projects(country: "UZ") { key status { status } countries { code } mentions { date event { key } } }
      sources(language: "zh", from: "2025-11-20", to: "2025-11-20") { totalCount nodes { key citationCount } }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.countries).toEqual([
      { code: "CN", name: "中国" },
      { code: "KG", name: "吉尔吉斯斯坦" },
      { code: "UZ", name: "乌兹别克斯坦" },
    ]);
    expect(data?.country).toEqual({
      code: "UZ",
      alpha3: "UZB",
      numeric: "860",
      name: "Uzbekistan",
    });
    expect(data?.people).toMatchObject({ totalCount: 2 });
    expect(data?.organizations).toEqual([
      { key: "iomed", abbreviation: "IOMed" },
      { key: "sco", abbreviation: "SCO" },
    ]);
    expect(((data?.topics ?? []) as { key: string }[]).map((t) => t.key)).toContain("one_china");
    const [railway] = (data?.projects ?? []) as {
      key: string;
      countries: { code: string }[];
      mentions: { event: { key: string } }[];
    }[];
    expect(railway?.key).toBe("china-kyrgyzstan-uzbekistan-railway");
    expect(railway?.countries.map((c) => c.code)).toEqual(["CN", "KG", "UZ"]);
    expect(railway?.mentions.length).toBeGreaterThanOrEqual(2);
    const sources = data?.sources as { totalCount: number; nodes: { citationCount: number }[] };
    expect(sources.totalCount).toBe(2);
    for (const s of sources.nodes) expect(s.citationCount).toBeGreaterThan(0);
  });

  it("filters statements by side and topic", async () => {
    const { data } = await gql<{
      statements: {
        totalCount: number;
        nodes: { quote: { zh: string } | null; speaker: { key: string } }[];
      };
    }>(`{ statements(side: "KG", topic: "one_china") {
      totalCount nodes { quote { zh } speaker { key } }
    } }`);
    expect(data?.statements.totalCount).toBe(1);
    expect(data?.statements.nodes[0]?.speaker.key).toBe("jeenbek-kulubaev");
    expect(data?.statements.nodes[0]?.quote?.zh).toContain("一个中国原则");
  });

  it("lists what both sides said jointly with side JOINT", async () => {
    const { data, errors } = await gql<{
      statements: { nodes: { joint: boolean; side: unknown; kind: string }[] };
    }>(
      `{ statements(side: "JOINT", relationship: "CN-KG") { nodes { joint side { code } kind } } }`,
    );
    expect(errors).toBeUndefined();
    for (const s of data?.statements.nodes ?? [])
      expect(s).toMatchObject({ joint: true, side: null });
  });

  it("filters documents by relationship, party and kind", async () => {
    const { data } = await gql<{ documents: { totalCount: number; nodes: { key: string }[] } }>(
      `{ documents(relationship: "KG-CN", country: "KG", kind: JOINT_STATEMENT) { totalCount nodes { key } } }`,
    );
    expect(data?.documents).toEqual({
      totalCount: 1,
      nodes: [{ key: "2025-11-19-joint-statement-first-strategic-dialogue" }],
    });
  });

  it("refuses an unknown country in a lookup", async () => {
    const error = onlyError(await gql(`{ country(code: "ZZ") { code } }`));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "code" });
  });
});
