// gather(spec): the model the templates receive, from a real seeded SQLite file.

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { BriefInputError, gather } from "../../src/briefs/gather.ts";
import type { BriefModel, NoteSpec, WeeklySummarySpec } from "../../src/briefs/model.ts";
import { latestReportDate } from "../../src/briefs/runtime.ts";
import { datasetFileSchema } from "../../src/dataset/format.ts";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { writeDataset } from "../../src/dataset/write.ts";
import type { Db } from "../../src/db/client.ts";
import * as t from "../../src/db/schema.ts";
import { addDays } from "../../src/domain/dates.ts";
import { renderHtml } from "../../src/render/html.ts";
import { createTestDb } from "../support/db.ts";
import { addPakistan } from "../support/pakistan.ts";
import { addUzbekistan } from "../support/uzbekistan.ts";

/** The weekly summary of the week before a spec's as-of date, for the same relationship. */
const weekOf = ({ between, asOf, locale, format }: NoteSpec): WeeklySummarySpec => ({
  template: "weekly-summary",
  scope: { relationships: [between.join("-")], countries: [] },
  period: { from: "2025-11-17", to: "2025-11-23" },
  asOf,
  locale,
  format,
});

const spec: NoteSpec = {
  template: "briefing-note",
  between: ["CN", "KG"],
  period: { from: "2024-11-25", to: "2025-11-24" },
  asOf: "2025-11-24",
  locale: "en",
  format: "A4",
};

let db: Db;
let model: BriefModel;
beforeAll(async () => {
  db = createTestDb().db;
  model = await gather(db, spec);
});

/** Every citation number the model holds. */
function allCites(m: BriefModel): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const item of v) walk(item);
      return;
    }
    const cites = (v as { cites?: number[] }).cites;
    if (cites) out.push(...cites);
    for (const [k, child] of Object.entries(v)) if (k !== "cites") walk(child);
  };
  walk(m);
  return out;
}

describe("gather for a briefing note", () => {
  it("holds the period's engagements, the visit's meetings under it, and true document verbs", () => {
    expect(model.engagements.map((e) => [e.key, e.parent])).toEqual([
      ["2025-11-19-wang-yi-visits-kyrgyzstan", null],
      ["2025-11-19-japarov-meets-wang-yi", "2025-11-19-wang-yi-visits-kyrgyzstan"],
      ["2025-11-19-first-strategic-dialogue", "2025-11-19-wang-yi-visits-kyrgyzstan"],
    ]);
    expect(model.documents.map((d) => [d.kind, d.action])).toEqual([
      ["joint_statement", "issued"],
      ["cooperation_programme", "signed"],
    ]);
    expect(model.bottomLine.lead?.engagement.key).toBe("2025-11-19-wang-yi-visits-kyrgyzstan");
    expect(model.bottomLine.lead?.meetings).toHaveLength(2);
  });

  it("reads 愿 as willingness and 'will study joining' as a pending decision", () => {
    const byKey = new Map(model.statements.map((s) => [s.key, s]));
    expect(byKey.get("cn-enrich-new-era-partnership-2025-11-19")?.kind).toBe("willingness");
    expect(byKey.get("kg-combat-three-evils-2025-11-19")?.kind).toBe("commitment");
    expect(byKey.get("kg-study-joining-iomed-2025-11-19")?.pending).toBe(true);
  });

  it("puts core interests and IOMed in the bottom line, the railway and the SCO in key points, each statement once", () => {
    const used = [...model.bottomLine.statements.flat(), ...model.keyPoints].map((s) => s.key);
    expect(new Set(used).size).toBe(used.length);
    const bottom = model.bottomLine.statements.flat().map((s) => s.key);
    expect(bottom).toEqual(
      expect.arrayContaining([
        "kg-supports-china-core-interests-2025-11-19",
        "cn-supports-kg-sovereignty-2025-11-19",
        "kg-study-joining-iomed-2025-11-19",
      ]),
    );
    // Each further fact is a sentence of its own, within five sentences; the rest are key points.
    expect(model.bottomLine.statements.filter((s) => s.length > 1)).toHaveLength(2);
    const points = model.keyPoints.map((s) => s.key);
    expect(points.some((k) => k.includes("railway"))).toBe(true);
    expect(points.some((k) => k.includes("sco"))).toBe(true);
    expect(model.keyPoints.length).toBeLessThanOrEqual(6);
  });

  it("cites only what it prints, numbered from 1 in reading order", () => {
    const cites = new Set(allCites(model));
    expect([...cites].sort()).toEqual(model.sources.map((s) => s.n));
    expect(model.sources.map((s) => s.n)).toEqual(model.sources.map((_, i) => i + 1));
  });

  it("says whose voice the statements come through", () => {
    expect(model.sourcing.publications.map((p) => p.name.en)).toEqual(["People's Daily"]);
    expect(model.sourcing.reportedOnly).toEqual([{ side: "KG", by: "CN" }]);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it("reports nothing after asOf, and only scheduled events as coming", async () => {
    const early = await gather(db, {
      ...spec,
      asOf: "2025-11-18",
      period: { from: "2025-01-01", to: "2025-11-18" },
    });
    expect(early.engagements).toEqual([]);
    expect(early.upcoming).toEqual([]);
    expect(early.documents).toEqual([]);
    expect(early.partnership.current?.since).toBe("2023-05-18");
  });

  it("gathers a visit with its meetings for an event brief, and refuses an unknown event", async () => {
    const visit = await gather(db, {
      ...spec,
      template: "event-brief",
      event: "2025-11-19-wang-yi-visits-kyrgyzstan",
    });
    expect(visit.engagements).toHaveLength(3);
    expect(visit.documents).toHaveLength(2);
    expect(visit.statements.length).toBeGreaterThan(30);
    await expect(gather(db, { ...spec, template: "event-brief", event: "nope" })).rejects.toThrow(
      BriefInputError,
    );
  });

  it("refuses a pair with no recorded relationship", async () => {
    await expect(gather(db, { ...spec, between: ["KG", "UZ"] })).rejects.toThrow(
      "no relationship KG-UZ",
    );
  });

  it("bounds a weekly summary's late records", async () => {
    const [week] = (await gather(db, weekOf(spec))).sections;
    expect(week?.engagements).toHaveLength(3);
    expect(week?.changes?.late.shown.length).toBeLessThanOrEqual(10);
  });
});

describe("bounded lists on a large database", () => {
  it("lists ten late records and counts the rest, and caps engagements without SQL variable limits", async () => {
    const { db: big } = createTestDb();
    const [rel] = await big.select().from(t.relationships).where(eq(t.relationships.key, "CN-KG"));
    const [talks] = await big.select().from(t.eventTypes).where(eq(t.eventTypes.key, "talks"));
    const rows = Array.from({ length: 1_200 }, (_, i) => {
      const date = addDays("2021-01-01", i % 700);
      return {
        key: `bulk-${i}`,
        relationshipId: rel?.id as number,
        typeId: talks?.id as number,
        date,
        dateFrom: date,
        dateTo: date,
        titleEn: `Bulk talks ${i}`,
        titleZh: `批量会谈${i}`,
        // Entered during the week of the summary, about earlier dates.
        createdAt: "2025-11-18T10:00:00.000Z",
      };
    });
    for (let i = 0; i < rows.length; i += 200)
      await big.insert(t.events).values(rows.slice(i, i + 200));
    const week = await gather(big, weekOf(spec));
    expect(week.sections[0]?.changes?.late.total).toBe(1_200);
    expect(week.sections[0]?.changes?.late.shown).toHaveLength(10);
    const html = renderHtml(week, {
      locale: "en",
      format: "A4",
      classification: null,
      drafter: null,
    }).html;
    expect(html).toContain("Only the latest are listed; 1190 more are on record");
    const zh = renderHtml(
      { ...week, spec: { ...week.spec, locale: "zh" } },
      { locale: "zh", format: "A4", classification: null, drafter: null },
    ).html;
    expect(zh).toContain("仅列出最近的记录，另有1190项");
    const dossier = await gather(big, {
      ...spec,
      template: "dossier",
      period: { from: "2021-01-01", to: "2025-11-24" },
    });
    expect(dossier.engagements.length).toBeLessThanOrEqual(40);
    expect(dossier.totals.engagements).toBe(1_203);
  });
});

describe("engagements only a later source reports", () => {
  it("are neither listed nor counted, however many there are, nor crowd out known ones", async () => {
    const { db: own } = createTestDb();
    await addPakistan(own);
    // Fifty more rounds in 2025, all known from the report of 21 May 2026 alone.
    const events = Array.from({ length: 50 }, (_, i) => ({
      key: `later-known-${i}`,
      between: ["CN", "PK"],
      type: "talks",
      date: addDays("2025-06-01", i),
      title: { en: `Talks ${i}`, zh: `会谈${i}` },
      sources: ["peoples-daily-2026-05-21-p1-cn-pk-strategic-dialogue"],
    }));
    await writeDataset(own, [{ file: "later.yaml", data: datasetFileSchema.parse({ events }) }]);
    const dossier = await gather(own, {
      ...spec,
      template: "dossier",
      between: ["CN", "PK"],
      period: { from: "2025-05-19", to: "2026-05-18" },
      asOf: "2026-05-18",
    });
    expect(dossier.engagements).toEqual([]);
    expect(dossier.totals.engagements).toBe(0);

    // Three earlier rounds known by then: listed, though fifty later-known ones are more recent.
    const sources = [
      {
        key: "xinhua-2025-05-30",
        publication: { en: "Xinhua News Agency", zh: "新华社" },
        title: { en: "Talks", zh: "会谈" },
        language: "zh",
        publishedOn: "2025-05-30",
      },
    ];
    const early = [0, 1, 2].map((i) => ({
      key: `known-early-${i}`,
      between: ["CN", "PK"],
      type: "talks",
      date: addDays("2025-05-25", i),
      title: { en: `Early talks ${i}`, zh: `早先会谈${i}` },
      sources: ["xinhua-2025-05-30"],
    }));
    await writeDataset(own, [
      { file: "early.yaml", data: datasetFileSchema.parse({ sources, events: early }) },
    ]);
    const again = await gather(own, {
      ...spec,
      template: "dossier",
      between: ["CN", "PK"],
      period: { from: "2025-05-19", to: "2026-05-18" },
      asOf: "2026-05-18",
    });
    expect(again.engagements.map((e) => e.key)).toEqual(early.map((e) => e.key));
    expect(again.totals.engagements).toBe(3);
  });
});

describe("what to watch", () => {
  it("does not take a joint statement for the answer to one side's request", async () => {
    const { db: own } = createTestDb();
    await writeDataset(own, [
      parseDatasetText(
        "joint.yaml",
        `format: 2
statements:
  - key: joint-connectivity-2025-11-19
    kind: agreement
    side: joint
    between: [CN, KG]
    topics: [connectivity]
    date: 2025-11-19
    text: { en: Both sides agreed to speed up the railway., zh: 双方同意加快推进铁路建设。 }
    sources: [peoples-daily-2025-11-20-p3-japarov-meets-wang-yi]
`,
      ),
    ]);
    const watched = (await gather(own, spec)).watch.find(
      (w) => w.kind === "request" && w.topic.key === "connectivity",
    );
    expect(watched).toMatchObject({ kind: "request", responses: [] });
  });
});

describe("what was known by the brief's date", () => {
  it("leaves out facts and sources that only a later report gives", async () => {
    const { db: own } = createTestDb();
    await writeDataset(own, [
      parseDatasetText(
        "later.yaml",
        `format: 2
sources:
  - key: xinhua-2025-11-28
    publication: { en: Xinhua News Agency, zh: 新华社 }
    title: { en: Next round agreed, zh: 双方商定下一轮对话 }
    language: zh
    publishedOn: 2025-11-28
events:
  - key: 2027-second-strategic-dialogue
    between: [CN, KG]
    type: strategic_dialogue
    status: scheduled
    date: 2027
    title: { en: Second strategic dialogue, zh: 第二次战略对话 }
    sources: [xinhua-2025-11-28]
statements:
  - key: joint-next-round-2025-11-19
    kind: agreement
    side: joint
    between: [CN, KG]
    topics: [bilateral_relations]
    date: 2025-11-19
    text: { en: Both sides agreed to hold the next round in Beijing., zh: 双方商定下一轮对话在北京举行。 }
    sources: [xinhua-2025-11-28]
`,
      ),
    ]);
    const before = await gather(own, spec);
    const after = await gather(own, {
      ...spec,
      asOf: "2025-11-30",
      period: { ...spec.period, to: "2025-11-30" },
    });
    for (const [m, knownYet] of [
      [before, false],
      [after, true],
    ] as const) {
      expect(m.upcoming.some((e) => e.key === "2027-second-strategic-dialogue")).toBe(knownYet);
      expect(m.statements.some((s) => s.key === "joint-next-round-2025-11-19")).toBe(knownYet);
      expect(m.sources.some((s) => s.key === "xinhua-2025-11-28")).toBe(knownYet);
    }
  });
});

describe("an event brief dated before its event", () => {
  const eventBrief = (asOf: string) =>
    gather(db, {
      ...spec,
      template: "event-brief",
      event: "2025-11-19-wang-yi-visits-kyrgyzstan",
      asOf,
      period: { from: "2024-11-19", to: asOf },
    });

  it("is refused: the visit was held after that date", async () => {
    await expect(eventBrief("2025-11-18")).rejects.toThrow(
      'event "2025-11-19-wang-yi-visits-kyrgyzstan" was held on 2025-11-19, after the brief\'s date (2025-11-18); brief it as of 2025-11-20 or later',
    );
  });

  it("is refused while every report of the event is still to be published", async () => {
    // Held on the 19th, reported on the 20th: on the 19th nothing is on record yet.
    await expect(eventBrief("2025-11-19")).rejects.toThrow(
      "is not on record as of 2025-11-19: every source that reports it was published later; brief it as of 2025-11-20 or later",
    );
    await expect(eventBrief("2025-11-20")).resolves.toMatchObject({
      engagements: expect.arrayContaining([
        expect.objectContaining({ key: "2025-11-19-wang-yi-visits-kyrgyzstan" }),
      ]),
    });
  });
});

describe("sources", () => {
  it("are numbered as printed: a bottom line without engagements cites the standing level first", async () => {
    const quiet = await gather(db, {
      ...spec,
      template: "dossier",
      asOf: "2024-01-01",
      period: { from: "2023-01-02", to: "2024-01-01" },
    });
    expect(quiet.bottomLine.lead).toBeNull();
    const first = quiet.sources[0];
    expect(first?.publishedOn).toBe(quiet.partnership.current?.since);
  });
});

describe("a project's status", () => {
  it("is cited, and not known before its source is published", async () => {
    const { db: own } = createTestDb();
    await addPakistan(own);
    // The ML-1 framework agreement of the 19th, reported on the 21st; the project is mentioned
    // in a report of the 18th, so that a brief as of the 20th has it, without that status.
    await writeDataset(own, [
      parseDatasetText(
        "earlier.yaml",
        `format: 2
sources:
  - key: xinhua-2026-05-18-ml1
    publication: { en: Xinhua News Agency, zh: 新华社 }
    title: { en: ML-1 talks, zh: 1号铁路干线磋商 }
    language: zh
    publishedOn: 2026-05-18
projectMentions:
  - key: ml-1-2026-05-18
    project: ml-1-railway-upgrade
    date: 2026-05-18
    note: { en: Talks on the ML-1 upgrade, zh: 双方就1号铁路干线升级进行磋商 }
    sources: [xinhua-2026-05-18-ml1]
statements:
  - key: cn-ml1-2026-05-18
    kind: willingness
    side: CN
    between: [CN, PK]
    topics: [connectivity]
    projects: [ml-1-railway-upgrade]
    date: 2026-05-18
    text: { en: China is ready to upgrade ML-1 with Pakistan., zh: 中方愿同巴方推进1号铁路干线升级。 }
    sources: [xinhua-2026-05-18-ml1]
`,
      ),
    ]);
    const week = (asOf: string) =>
      gather(own, {
        template: "weekly-summary",
        scope: { relationships: ["CN-PK"], countries: [] },
        period: { from: "2026-05-18", to: "2026-05-24" },
        asOf,
        locale: "en",
        format: "A4",
      });
    const ml1 = (m: BriefModel) =>
      m.sections[0]?.changes?.projects.find((c) => c.project.key === "ml-1-railway-upgrade");
    expect(ml1(await week("2026-05-24"))?.project.statusStep.cites).toHaveLength(1);
    expect(ml1(await week("2026-05-20"))).toBeUndefined();
    const note = await gather(own, {
      ...spec,
      between: ["CN", "PK"],
      asOf: "2026-05-20",
      period: { from: "2025-05-21", to: "2026-05-20" },
    });
    expect(note.projects.map((p) => [p.key, p.status])).toContainEqual([
      "ml-1-railway-upgrade",
      null,
    ]);
  });
});

describe("an event brief on one meeting of a visit", () => {
  it("leads with that meeting, not with where relations stand", async () => {
    const m = await gather(db, {
      ...spec,
      template: "event-brief",
      event: "2025-11-19-first-strategic-dialogue",
    });
    expect(m.bottomLine.lead?.engagement.key).toBe("2025-11-19-first-strategic-dialogue");
  });
});

describe("an event brief's what to watch", () => {
  it("lists what is scheduled next, the round agreed at the event among it", async () => {
    const { db: own } = createTestDb();
    await addPakistan(own);
    const m = await gather(own, {
      ...spec,
      between: ["CN", "PK"],
      template: "event-brief",
      event: "2026-05-19-cn-pk-seventh-strategic-dialogue",
      asOf: "2026-05-24",
      period: { from: "2025-05-25", to: "2026-05-24" },
    });
    const next = m.watch.flatMap((w) => (w.kind === "event" ? [w.event.key] : []));
    expect(next).toEqual(["2026-cpec-jcc-14th-meeting", "2027-cn-pk-eighth-strategic-dialogue"]);
  });
});

describe("the lead of a trip recorded without its visit", () => {
  it("takes in the other engagements of the same days, city and person, and names the city", async () => {
    const { db: own } = createTestDb();
    await addUzbekistan(own);
    await writeDataset(own, [
      parseDatasetText(
        "received.yaml",
        `format: 2
people:
  - { key: shavkat-mirziyoyev, name: { en: Shavkat Mirziyoyev, zh: 米尔济约耶夫 }, country: UZ }
events:
  - key: 2025-11-19-mirziyoyev-receives-wang-yi
    between: [CN, UZ]
    type: meeting
    date: 2025-11-19
    place: { en: "Kuksaroy Presidential Residence, Tashkent", zh: 塔什干库克萨罗伊总统官邸 }
    title: { en: Mirziyoyev receives Wang Yi, zh: 米尔济约耶夫会见王毅 }
    participants:
      - { person: shavkat-mirziyoyev, role: host, side: UZ }
      - { person: wang-yi, role: guest, side: CN }
    sources: [mfa-cn-2025-11-21-uz-dialogue]
`,
      ),
    ]);
    const m = await gather(own, { ...spec, between: ["CN", "UZ"] });
    expect(m.bottomLine.lead?.meetings.map((e) => e.key)).toEqual([
      "2025-11-19-mirziyoyev-receives-wang-yi",
      "2025-11-20-cn-uz-strategic-dialogue",
    ]);
    const lead = (locale: "en" | "zh") =>
      /<section class="bottom-line"[\s\S]*?<\/section>/.exec(
        renderHtml(
          { ...m, spec: { ...m.spec, locale } },
          { locale, format: "A4", classification: "UNCLASSIFIED", drafter: null },
        ).html,
      )?.[0] ?? "";
    expect(lead("en")).toContain("On 19–20 November 2025 in Tashkent, ");
    expect(lead("zh")).toContain("在塔什干受到");
  });
});

describe("the sample brief's date", () => {
  it("is the day the latest engagement was reported, so the brief knows it", async () => {
    const day = await latestReportDate(db, "CN-KG");
    expect(day).toBe("2025-11-20");
    const sample = await gather(db, {
      ...spec,
      asOf: day as string,
      period: { ...spec.period, to: day as string },
    });
    expect(sample.bottomLine.lead?.engagement.key).toBe("2025-11-19-wang-yi-visits-kyrgyzstan");
  });
});
