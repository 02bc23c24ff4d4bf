// The data model says what diplomats say, and no import erases another relationship's facts.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { Canonical } from "../../src/dataset/codec.ts";
import { exportDataset } from "../../src/dataset/export.ts";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { DatasetError } from "../../src/dataset/problems.ts";
import { importDataset } from "../../src/dataset/write.ts";
import { locatorParagraphs } from "../../src/domain/citations.ts";
import { normalizeText } from "../../src/domain/zh-text.ts";
import { createTestDb } from "../support/db.ts";

const problemsOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof DatasetError) return error.problems;
    throw error;
  }
  throw new Error("expected a DatasetError");
};

const PD = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";
const UZ_SOURCE = `format: 2
sources:
  - key: mfa-uz-2025-11-21
    publication: { en: Ministry of Foreign Affairs of China, zh: 中华人民共和国外交部 }
    title: { zh: 王毅同乌兹别克斯坦外长赛义多夫举行中乌外长战略对话 }
    language: zh
    publishedOn: 2025-11-21
relationships:
  - between: [CN, UZ]
    partnerships:
      - { level: all_weather_comprehensive_strategic_partnership_new_era, attestedOn: 2025-11-21, sources: [mfa-uz-2025-11-21] }
`;

const importText = (db: ReturnType<typeof createTestDb>["db"], text: string, options = {}) =>
  importDataset(db, [parseDatasetText("new.yaml", text)], { actor: "test", ...options });

const exported = (db: ReturnType<typeof createTestDb>["db"]) => exportDataset(db);
const find = (records: Canonical[] | undefined, key: string) =>
  records?.find((r) => r.key === key) as Canonical;

describe("dates as precise as the source", () => {
  it("refuses an impossible day, saying why", () => {
    const { problems } = parseDatasetText(
      "d.yaml",
      `format: 2
events:
  - { key: e, between: [CN, KG], type: visit, date: 2025-11-31, title: { en: A visit }, sources: [${PD}] }
`,
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ path: "events[0].date", message: "November 2025 has 30 days" }),
    );
  });

  it("keeps a month or a year as given, through import and export", async () => {
    const { db } = createTestDb();
    await importText(
      db,
      `${UZ_SOURCE}events:
  - { key: first-cn-uz-dialogue, between: [CN, UZ], type: strategic_dialogue, date: 2023-11, title: { zh: 中乌外长首次战略对话 }, sources: [mfa-uz-2025-11-21] }
`,
    );
    const event = find((await exported(db)).events, "first-cn-uz-dialogue");
    expect(event.date).toBe("2023-11");
    expect(event.title).toEqual({ zh: "中乌外长首次战略对话" });
  });
});

describe("the ladder is data, and a level can be attested rather than dated", () => {
  it("imports an attested all-weather level without inventing an establishment date", async () => {
    const { db } = createTestDb();
    await importText(db, UZ_SOURCE);
    const rel = (await exported(db)).relationships?.find(
      (r) => (r.between as string[]).join("-") === "CN-UZ",
    ) as Canonical;
    expect(rel.partnerships).toEqual([
      {
        level: "all_weather_comprehensive_strategic_partnership_new_era",
        attestedOn: "2025-11-21",
        sources: ["mfa-uz-2025-11-21"],
      },
    ]);
  });

  it("lists the known levels when a file names an unknown one", async () => {
    const { db } = createTestDb();
    const problems = await problemsOf(() =>
      importText(db, UZ_SOURCE.replace("all_weather_comprehensive", "everlasting_comprehensive")),
    );
    expect(problems[0]?.message).toMatch(/unknown partnership level "everlasting_/);
    expect(problems[0]?.message).toMatch(/strategic_partnership/);
  });
});

describe("organisations and mechanisms have a scope", () => {
  it("imports a bilateral mechanism with the relationship it belongs to, in one file", async () => {
    const { db } = createTestDb();
    await importText(
      db,
      `${UZ_SOURCE}organizations:
  - { key: cn-uz-law-enforcement-security-cooperation, kind: mechanism, scope: bilateral, between: [UZ, CN], name: { zh: 中乌执法安全合作机制 } }
`,
    );
    expect(
      find((await exported(db)).organizations, "cn-uz-law-enforcement-security-cooperation"),
    ).toEqual({
      key: "cn-uz-law-enforcement-security-cooperation",
      kind: "mechanism",
      scope: "bilateral",
      name: { zh: "中乌执法安全合作机制" },
      between: ["CN", "UZ"],
    });
  });
});

describe("imports that cannot lose data", () => {
  it("refuses a statement key that belongs to another relationship, naming both", async () => {
    const { db } = createTestDb();
    const file = `${UZ_SOURCE}statements:
  - key: kg-one-china-principle-2025-11-19
    kind: position
    between: [CN, UZ]
    side: UZ
    date: 2025-11-21
    topics: [one_china]
    text: { zh: 乌方恪守一个中国原则。 }
    sources: [mfa-uz-2025-11-21]
`;
    const problems = await problemsOf(() => importText(db, file));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/belongs to relationship CN-KG, side KG/);
    expect(problems[0]?.message).toMatch(/move it to relationship CN-UZ, side UZ/);
    expect(find((await exported(db)).statements, "kg-one-china-principle-2025-11-19").side).toBe(
      "KG",
    );

    const report = await importText(db, file, { allowMoves: true });
    expect(report.changes.find((c) => c.key === "kg-one-china-principle-2025-11-19")?.action).toBe(
      "move",
    );
    expect(find((await exported(db)).statements, "kg-one-china-principle-2025-11-19").side).toBe(
      "UZ",
    );
  });

  it("moves an event only with what refers to it, naming what it would leave behind", async () => {
    const { db } = createTestDb();
    const visit = find((await exported(db)).events, "2025-11-19-wang-yi-visits-kyrgyzstan");
    const moved = YAML.stringify({
      format: 2,
      relationships: [{ between: ["CN", "UZ"] }],
      events: [{ ...visit, between: ["CN", "UZ"] }],
    });
    const problems = await problemsOf(() => importText(db, moved, { allowMoves: true }));
    expect(problems.length).toBeGreaterThan(1);
    expect(problems.map((p) => p.message)).toContainEqual(
      'moving event "2025-11-19-wang-yi-visits-kyrgyzstan" to CN-UZ would leave event "2025-11-19-japarov-meets-wang-yi", which refers to it, in CN-KG: move it in this file too, or leave the event where it is',
    );
    expect(problems.some((p) => /would leave statement "/.test(p.message))).toBe(true);
    expect(
      find((await exported(db)).events, "2025-11-19-wang-yi-visits-kyrgyzstan").between,
    ).toEqual(["CN", "KG"]);
  });

  it("adds a mention of the railway from a second file without touching the project or earlier mentions", async () => {
    const { db } = createTestDb();
    const before = find((await exported(db)).projects, "china-kyrgyzstan-uzbekistan-railway");
    await importText(
      db,
      `${UZ_SOURCE}projectMentions:
  - key: railway-2025-11-21-cn-uz-dialogue
    project: china-kyrgyzstan-uzbekistan-railway
    date: 2025-11-21
    note: { zh: 双方同意加快推进中吉乌铁路项目。 }
    sources: [mfa-uz-2025-11-21]
`,
    );
    const after = await exported(db);
    expect(find(after.projects, "china-kyrgyzstan-uzbekistan-railway")).toEqual(before);
    expect(after.projectMentions?.map((m) => m.key)).toEqual([
      "railway-2025-11-19-first-strategic-dialogue",
      "railway-2025-11-19-japarov-meeting",
      "railway-2025-11-21-cn-uz-dialogue",
    ]);
  });

  it("merges citations, offices and steps that arrive from another source", async () => {
    const { db } = createTestDb();
    await importText(
      db,
      `${UZ_SOURCE}people:
  - key: wang-yi
    name: { en: Wang Yi, zh: 王毅 }
    country: CN
    offices:
      - { title: { en: Minister of Foreign Affairs, zh: 外交部长 }, organization: mfa-cn, sources: [mfa-uz-2025-11-21] }
`,
    );
    const wang = find((await exported(db)).people, "wang-yi");
    const offices = wang.offices as { title: { zh: string }; sources: unknown[] }[];
    expect(offices.map((o) => o.title.zh)).toEqual(["中共中央政治局委员", "外交部长"]);
    // The foreign minister's office keeps the People's Daily citations and gains the new one.
    expect(offices[1]?.sources).toEqual([
      { source: "peoples-daily-2025-11-20-p3-japarov-meets-wang-yi", locator: "paras 1, 2" },
      { source: PD, locator: "para 5" },
      "mfa-uz-2025-11-21",
    ]);
  });

  it("reports twenty independent problems of a file in one run, writing nothing", async () => {
    const { db } = createTestDb();
    const bad = Array.from(
      { length: 20 },
      (_, i) =>
        `  - { key: bad-${i}, between: [CN, KG], type: visit, date: 2025-11-19, title: { en: Visit ${i} }, participants: [{ person: ghost-${i}, role: guest }], sources: [${PD}] }`,
    ).join("\n");
    const problems = await problemsOf(() => importText(db, `format: 2\nevents:\n${bad}\n`));
    expect(problems).toHaveLength(20);
    expect(problems[7]).toEqual({
      file: "new.yaml",
      path: "events[7].participants[0].person",
      message: 'unknown person "ghost-7"',
    });
    expect((await exported(db)).events).toHaveLength(3);
  });

  it("reports a record of the wrong shape with the other records' problems, in one run", async () => {
    const { db } = createTestDb();
    const problems = await problemsOf(() =>
      importText(
        db,
        `format: 2
events:
  - { key: shapeless, between: [CN, KG], type: visit, date: 2025-11-31, title: { en: A visit }, sources: [${PD}] }
  - { key: ghostly, between: [CN, KG], type: visit, date: 2025-11-30, title: { en: A visit }, participants: [{ person: ghost, role: guest }], sources: [${PD}] }
  - { key: meeting, parent: shapeless, between: [CN, KG], type: talks, date: 2025-11-30, title: { en: Talks }, sources: [${PD}] }
`,
      ),
    );
    // The meeting refers to the record set aside for its date: that is not a second problem.
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ["events[0].date", "November 2025 has 30 days"],
      ["events[1].participants[0].person", 'unknown person "ghost"'],
    ]);
    expect((await exported(db)).events).toHaveLength(3);
  });

  it("says in words what a field needs", () => {
    const { problems = [] } = parseDatasetText(
      "w.yaml",
      "format: 2\nstatements:\n  - { key: s, kind: pledge }\n",
    );
    const messages = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(messages["statements[0].kind"]).toMatch(/^must be one of .*willingness/);
    expect(messages["statements[0].side"]).toBe("is required");
    expect(problems.every((p) => !/received undefined/.test(p.message))).toBe(true);
  });

  it("lists, in a dry run, what it would create and change, field by field", async () => {
    const { db } = createTestDb();
    const report = await importText(
      db,
      `format: 2
documents:
  - key: mfa-cooperation-programme-2026-2027
    kind: cooperation_programme
    action: signed
    title: { en: "Cooperation Programme between the Ministries of Foreign Affairs of China and Kyrgyzstan for 2026–2027", zh: 《中吉外交部2026—2027年合作纲要》 }
    date: 2025-11-19
    event: 2025-11-19-first-strategic-dialogue
    validFrom: "2026"
    validTo: "2028"
    parties: [{ country: CN, organization: mfa-cn }, { country: KG, organization: mfa-kg }]
    sources: [${PD}]
`,
      { dryRun: true },
    );
    expect(report.changes).toEqual([
      expect.objectContaining({
        key: "mfa-cooperation-programme-2026-2027",
        action: "update",
        fields: expect.arrayContaining([{ field: "validTo", before: "2027", after: "2028" }]),
      }),
    ]);
    expect(
      find((await exported(db)).documents, "mfa-cooperation-programme-2026-2027").validTo,
    ).toBe("2027");
  });

  it("reads a file of the first format, converting it", async () => {
    const { db } = createTestDb();
    await importText(
      db,
      `documents:
  - key: old-style-statement
    kind: joint_statement
    title: { en: An old joint statement, zh: 旧联合声明 }
    signedOn: 2025-11-19
    event: 2025-11-19-first-strategic-dialogue
    parties: [CN, KG]
    sources: [${PD}]
`,
    );
    const doc = find((await exported(db)).documents, "old-style-statement");
    expect(doc).toMatchObject({ action: "issued", date: "2025-11-19", between: ["CN", "KG"] });
  });
});

describe("the seeded China–Kyrgyzstan data says what the article says", () => {
  let data: Awaited<ReturnType<typeof exportDataset>>;
  beforeAll(async () => {
    data = await exportDataset(createTestDb().db);
  });
  const article = fs
    .readFileSync(
      new URL(
        "../../seeds/articles/2025-11-20-china-kyrgyzstan-peoples-daily.zh.txt",
        import.meta.url,
      ),
      "utf8",
    )
    .split("\n")
    .map(normalizeText)
    .join("\n");

  it("has the joint statement issued and the programme signed, valid 2026–2027 only", () => {
    expect(data.documents?.map((d) => [d.key, d.action, d.validFrom, d.validTo])).toEqual([
      ["2025-11-19-joint-statement-first-strategic-dialogue", "issued", undefined, undefined],
      ["mfa-cooperation-programme-2026-2027", "signed", "2026", "2027"],
    ]);
  });

  it("gives no two statements of the relationship the same quote, and every quote is the article's", () => {
    const quotes = (data.statements ?? []).map((s) => (s.quote as { zh: string }).zh);
    expect(new Set(quotes).size).toBe(quotes.length);
    for (const quote of quotes) expect(article).toContain(quote);
  });

  it("records 愿 as willingness, and a joint agreement on the side of both", () => {
    for (const s of data.statements ?? []) {
      const quote = (s.quote as { zh: string }).zh;
      if (/愿/.test(quote) && !/承诺/.test(quote))
        expect([s.key, s.kind]).toEqual([s.key, "willingness"]);
    }
    expect(data.statements?.filter((s) => s.side === "joint").map((s) => s.kind)).toEqual([
      "agreement",
    ]);
  });

  it("locates every citation, and each quote stands in the paragraphs its citation names", () => {
    // Body paragraphs end with 。; the headline, subheadings and references do not.
    const paragraphs = article.split("\n").filter((line) => line.endsWith("。"));
    const citations: { at: string; citation: unknown }[] = [];
    const walk = (value: unknown, at: string): void => {
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) walk(v, `${at}[${i}]`);
      } else if (value && typeof value === "object")
        for (const [key, child] of Object.entries(value)) {
          if (key === "sources" && at !== "") {
            for (const c of child as unknown[]) citations.push({ at, citation: c });
          } else walk(child, at ? `${at}.${key}` : key);
        }
    };
    walk(data, "");
    expect(citations.length).toBeGreaterThan(40);
    for (const { at, citation } of citations) {
      expect(citation, at).toMatchObject({ locator: expect.any(String) });
    }
    for (const s of data.statements ?? []) {
      const quote = (s.quote as { zh: string }).zh;
      for (const c of s.sources as { source: string; locator: string }[]) {
        const named = locatorParagraphs(c.locator) ?? [];
        expect(named.length, `${s.key}: ${c.locator}`).toBeGreaterThan(0);
        const text = named.map((n) => paragraphs[n - 1]).join("");
        expect(text, `${s.key} in ${c.locator}`).toContain(quote);
      }
    }
  });

  it("dates no railway status the article does not give", () => {
    expect(
      find(data.projects, "china-kyrgyzstan-uzbekistan-railway").statusHistory,
    ).toBeUndefined();
  });
});
