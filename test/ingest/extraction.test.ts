// The extractor against hand-written gold annotations (test/fixtures/ingest-gold) and against
// what is stored: the figures recorded in BENCHMARKS.md are held here as floors.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { exportDataset } from "../../src/dataset/export.ts";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { importDataset } from "../../src/dataset/write.ts";
import { draftSections } from "../../src/ingest/draft.ts";
import { draftFromArticle } from "../../src/ingest/draft-article.ts";
import {
  addScores,
  evaluateGoldFolder,
  recall,
  type Scores,
  storedFromFile,
} from "../../src/ingest/evaluate.ts";
import { renderDraft } from "../../src/ingest/render.ts";
import { storedFromDataset } from "../../src/ingest/stored.ts";
import { normaliseText } from "../../src/ingest/text.ts";
import { createTestDb } from "../support/db.ts";

const articles = path.resolve("test/fixtures/articles");
const results = evaluateGoldFolder(
  path.resolve("test/fixtures/ingest-gold"),
  articles,
  storedFromFile(path.resolve("seeds/00-reference.yaml")),
);
const total = (split: string): Scores =>
  results
    .filter((r) => r.gold.split === split)
    .map((r) => r.scores)
    .reduce(addScores);

/** Recall floors: the figures of BENCHMARKS.md ("Ingest"), which a change must not lower. */
const floors: Record<string, Partial<Record<keyof Scores, number>>> = {
  development: {
    people: 1,
    events: 1,
    documents: 1,
    statementsAttributed: 0.97,
    statementsKind: 0.95,
  },
  "held-out": { people: 1, events: 1, documents: 1, statementsAttributed: 1, statementsKind: 0.87 },
};
const seedFloor: Partial<Record<keyof Scores, number>> = {
  people: 1,
  events: 1,
  documents: 1,
  statementsAttributed: 0.96,
  statementsKind: 0.96,
};

describe("extraction quality", () => {
  it("drafts the seed article to its gold annotation, at least to the recorded floor", () => {
    const seed = results.find((r) => r.gold.article.startsWith("2025-11-20-china-kyrgyzstan"));
    for (const [type, floor] of Object.entries(seedFloor)) {
      expect(
        recall(seed?.scores[type as keyof Scores] as Scores["people"]),
        type,
      ).toBeGreaterThanOrEqual(floor);
    }
  });
  for (const [split, floor] of Object.entries(floors)) {
    it(`holds the ${split} articles' figures`, () => {
      const scores = total(split);
      for (const [type, min] of Object.entries(floor)) {
        expect(recall(scores[type as keyof Scores]), `${split} ${type}`).toBeGreaterThanOrEqual(
          min,
        );
      }
    });
  }
  it("drafts every held-out report without error: cited, with a confidence and a review note", () => {
    const heldOut = results.filter((r) => r.gold.split === "held-out");
    expect(heldOut.length).toBeGreaterThanOrEqual(3);
    for (const { draft, gold } of heldOut) {
      const sections = draftSections.filter((s) => (draft.file[s]?.length ?? 0) > 0);
      expect(sections, gold.article).toEqual(
        expect.arrayContaining(["sources", "events", "statements"]),
      );
      for (const note of draft.notes) {
        expect(note.confidence).toBeGreaterThan(0);
        expect(note.confidence).toBeLessThanOrEqual(1);
        expect(Array.isArray(note.review)).toBe(true);
      }
      for (const s of draft.file.statements ?? []) {
        expect(s.sources[0]?.locator).toMatch(/^para \d+/);
        expect(normaliseText(fs.readFileSync(path.join(articles, gold.article), "utf8"))).toContain(
          s.quote.zh,
        );
      }
      expect(renderDraft(draft, gold.article)).toMatch(/^# .*\n[\s\S]*^format: 2$/m);
    }
  });
  it("fills English where it is known and leaves the rest untranslated", () => {
    const nigeria = results.find((r) => r.gold.article.includes("nigeria"))?.draft;
    const xi = nigeria?.file.people?.find((p) => p.name.zh === "习近平");
    expect(xi?.name).toEqual({ zh: "习近平", en: "Xi Jinping" });
    const tinubu = nigeria?.file.people?.find((p) => p.name.zh === "提努布");
    expect(tinubu?.name).toEqual({ zh: "提努布" });
    expect(tinubu?.offices[0]?.title).toEqual({ zh: "总统", en: "President of Nigeria" });
    expect(nigeria?.file.statements?.every((s) => s.text.en === undefined)).toBe(true);
    expect(nigeria?.file.relationships?.[0]?.partnerships).toEqual([
      expect.objectContaining({
        level: "comprehensive_strategic_partnership",
        since: "2024-09-03",
      }),
    ]);
  });
});

describe("what is stored is referenced, not drafted again", () => {
  let stored: ReturnType<typeof storedFromDataset>;
  beforeAll(async () => {
    const { db } = createTestDb();
    stored = storedFromDataset((await exportDataset(db)) as Record<string, unknown>);
  });
  const seed = {
    text: fs.readFileSync(
      path.join(articles, "2025-11-20-china-kyrgyzstan-peoples-daily.zh.txt"),
      "utf8",
    ),
    publication: "人民日报",
    publishedOn: "2025-11-20",
    page: "3",
  };

  it("references the seeded people, events and documents when the seed article is ingested again", () => {
    const draft = draftFromArticle(seed, stored);
    expect(draft.file.people).toBeUndefined();
    expect(draft.file.events).toBeUndefined();
    expect(draft.file.documents).toBeUndefined();
    const referenced = draft.references.map((r) => `${r.section}:${r.key}`);
    expect(referenced).toEqual(
      expect.arrayContaining([
        "people:wang-yi",
        "people:sadyr-japarov",
        "people:jeenbek-kulubaev",
        "people:xi-jinping",
        "events:2025-11-19-wang-yi-visits-kyrgyzstan",
        "events:2025-11-19-japarov-meets-wang-yi",
        "events:2025-11-19-first-strategic-dialogue",
        "documents:2025-11-19-joint-statement-first-strategic-dialogue",
        "documents:mfa-cooperation-programme-2026-2027",
        "projects:china-kyrgyzstan-uzbekistan-railway",
      ]),
    );
    // Statements point at the stored events.
    const events = new Set(stored.events.map((e) => e.key));
    for (const s of draft.file.statements ?? []) expect(events.has(s.event ?? "")).toBe(true);
  });

  it("with merge, leaves out every statement that repeats a stored one", () => {
    const all = draftFromArticle(seed, stored);
    const merged = draftFromArticle(seed, stored, { merge: true });
    const repeats = all.notes.filter((n) =>
      n.review.some((r) => r.startsWith("may repeat stored")),
    );
    expect(repeats.length).toBeGreaterThan(10);
    expect(merged.file.statements?.length).toBe(
      (all.file.statements?.length ?? 0) - repeats.length,
    );
    expect(merged.file.relationships).toBeUndefined();
  });

  it("with merge, drafts only what the curated seed left out, and nothing once that is imported", async () => {
    const { db: own } = createTestDb();
    const lookup = async () =>
      storedFromDataset((await exportDataset(own)) as Record<string, unknown>);
    const first = draftFromArticle(seed, await lookup(), { merge: true });
    // The seed cites the page's two reports separately; the article is their compilation. Its
    // curators left out the summary sections' restatements (paras 12-20).
    expect(Object.keys(first.file)).toEqual(["format", "sources", "statements"]);
    const paras = first.file.statements?.map((s) => Number(s.sources[0]?.locator?.slice(5)));
    expect(paras?.every((p) => p >= 12 && p <= 20)).toBe(true);
    await importDataset(
      own,
      [parseDatasetText("seed-again.yaml", renderDraft(first, "seed again"))],
      { actor: "test" },
    );
    const second = draftFromArticle(seed, await lookup(), { merge: true });
    expect(Object.keys(second.file)).toEqual(["format"]);
  });

  it("with merge, knows a stored report by publication, day and page when its title was edited", async () => {
    const { db: own } = createTestDb();
    const nigeria = {
      text: fs.readFileSync(
        path.join(articles, "2024-09-04-china-nigeria-talks-cctv.zh.txt"),
        "utf8",
      ),
      publication: "央视网",
      publishedOn: "2024-09-04",
      page: "1",
    };
    const lookup = async () =>
      storedFromDataset((await exportDataset(own)) as Record<string, unknown>);
    const first = draftFromArticle(nigeria, await lookup());
    const key = first.file.sources?.[0]?.key;
    // The reviewer gave the source a title of its own before importing it.
    const reviewed = renderDraft(first, "reviewed").replace(
      "title: { zh: 习近平同尼日利亚总统会谈 }",
      "title: { zh: 习近平同尼日利亚总统提努布会谈 }",
    );
    expect(reviewed).not.toEqual(renderDraft(first, "reviewed"));
    await importDataset(own, [parseDatasetText("nigeria.yaml", reviewed)], { actor: "test" });
    const stored = await lookup();

    const merged = draftFromArticle(nigeria, stored, { merge: true });
    expect(merged.file.sources).toBeUndefined();
    expect(merged.references).toContainEqual({ section: "sources", key });
    expect(merged.review.join("\n")).toContain(`taken as stored source ${key}`);
    // Without merge it may be another report on the page: drafted, and the stored one named.
    const drafted = draftFromArticle(nigeria, stored);
    expect(drafted.file.sources).toHaveLength(1);
    expect(drafted.notes.find((n) => n.section === "sources")?.review).toContainEqual(
      expect.stringContaining(`may be stored source ${key}`),
    );
  });
});
