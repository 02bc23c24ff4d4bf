// generateBrief end to end: real SQLite, real Chromium, real PDFs whose text is checked.
import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BriefInputError } from "../../src/briefs/gather.ts";
import { BriefService } from "../../src/briefs/service.ts";
import { briefs } from "../../src/db/schema.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb, type TestDb } from "../support/db.ts";
import { pdfInfo, pdfOutline, pdfPages, pdfText } from "../support/pdf-text.ts";

let t: TestDb;
let pool: BrowserPool;
let service: BriefService;
const clock = () => new Date("2025-11-24T09:00:00Z");

beforeAll(() => {
  t = createTestDb();
  pool = new BrowserPool();
  service = new BriefService({ db: t.db, dataDir: t.dir, pool, clock });
});
afterAll(async () => {
  await service.idle();
  await pool.close();
});

const request = { between: ["KG", "CN"], asOf: "2025-11-24" } as const;

async function done(locale: "en" | "zh", extra: object = {}) {
  const row = await service.generate({ ...request, locale, ...extra }, { waitMs: 60_000 });
  expect(row.error).toBeNull();
  expect(row.status).toBe("done");
  const pdf = fs.readFileSync(service.filePath(row.file as string));
  return { row, pdf, pages: await pdfPages(pdf) };
}

/** The TOC lines "Title …… 3" of the contents page, as [title, page] pairs. */
function tocEntries(pageText: string, titles: string[]): [string, number][] {
  const lines = pageText.split("\n");
  return titles.map((title) => {
    const line = lines.find((l) => l.includes(title) && /\d+\s*$/.test(l));
    if (!line) throw new Error(`no TOC line for "${title}" in:\n${pageText}`);
    return [title, Number(/(\d+)\s*$/.exec(line)?.[1])];
  });
}

describe.each([
  [
    "en",
    [
      "Summary",
      "Background",
      "Recent engagements",
      "Agreements signed",
      "Positions and commitments",
      "Cooperation and projects",
      "Multilateral coordination",
      "Outlook",
      "Annex",
      "Sources",
    ],
    ["Jeenbek Kulubaev", "19 November 2025"],
  ],
  [
    "zh",
    [
      "摘要",
      "背景",
      "近期交往",
      "签署文件",
      "立场与承诺",
      "合作与项目",
      "多边协调",
      "展望",
      "附件",
      "资料来源",
    ],
    ["热恩别克·库鲁巴耶夫", "《中吉外交部2026—2027年合作纲要》", "2025年11月19日"],
  ],
] as const)("a briefing note in %s", (locale, sections, phrases) => {
  let result: Awaited<ReturnType<typeof done>>;
  beforeAll(async () => {
    result = await done(locale);
  }, 120_000);

  it("has its sections in reading order", async () => {
    const outline = (await pdfOutline(result.pdf)).map((o) => o.title);
    const found = sections.map((s) => outline.findIndex((title) => title.startsWith(s)));
    expect(
      found.every((i) => i >= 0),
      `outline: ${outline.join(" | ")}`,
    ).toBe(true);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
  });

  it("prints names and titles intact, and dates per locale", () => {
    const text = result.pages.join("\n").replace(/\s+/g, "");
    for (const phrase of phrases) expect(text).toContain(phrase.replace(/\s+/g, ""));
  });

  it("numbers pages n / N on every page", () => {
    const total = result.pages.length;
    expect(total).toBe(result.row.pages);
    result.pages.forEach((page, i) => {
      expect(page.replace(/\s+/g, "")).toContain(`${i + 1}/${total}`);
    });
  });

  it("prints a table of contents whose page numbers are where the headings land", async () => {
    const outline = await pdfOutline(result.pdf);
    const contents = await pdfText(result.pdf, { layout: true, firstPage: 1, lastPage: 2 });
    for (const [section, page] of tocEntries(contents, [...sections])) {
      const landed = outline.find((o) => o.title.startsWith(section))?.page;
      expect(landed, section).toBe(page);
      expect(result.pages[page - 1]?.replace(/\s+/g, "")).toContain(section.replace(/\s+/g, ""));
    }
  });

  it("resolves every citation mark to a listed source, and cites every listed source", () => {
    const text = result.pages.join("\n");
    const sourcesAt = text.lastIndexOf(sections.at(-1) as string);
    const body = text.slice(0, sourcesAt);
    const notes = text.slice(sourcesAt);
    const listed = [...notes.matchAll(/^\s*\[(\d+)\]/gm)].map((m) => Number(m[1]));
    const marks = new Set(
      [...body.matchAll(/\[(\d+(?:[,，]\s*\d+)*)\]/g)].flatMap((m) =>
        (m[1] as string).split(/[,，]\s*/).map(Number),
      ),
    );
    expect(listed).toEqual(listed.map((_, i) => i + 1));
    expect(listed.length).toBeGreaterThan(0);
    for (const n of marks) expect(listed).toContain(n);
    for (const n of listed) expect(marks).toContain(n);
  });

  it("carries document metadata, bookmarks and tags", async () => {
    const info = await pdfInfo(result.pdf);
    expect(info.Title).toBeTruthy();
    expect(info.Author).toBeTruthy();
    expect(info.Subject).toBeTruthy();
    expect(info.Keywords).toBeTruthy();
    expect(info.Tagged).toBe("yes");
    expect(info["Page size"]).toContain("A4");
  });
});

describe("the brief service", () => {
  it("returns the stored brief for the same spec over unchanged data, and re-renders on force", async () => {
    const first = await done("en", {
      template: "event-brief",
      event: "2025-11-19-first-strategic-dialogue",
    });
    const rowsBefore = t.db.select({ n: count() }).from(briefs).get()?.n;
    const started = performance.now();
    const again = await service.generate(
      { ...request, template: "event-brief", event: "2025-11-19-first-strategic-dialogue" },
      { waitMs: 60_000 },
    );
    const cachedMs = performance.now() - started;
    expect(again.id).toBe(first.row.id);
    expect(t.db.select({ n: count() }).from(briefs).get()?.n).toBe(rowsBefore);
    expect(cachedMs).toBeLessThan(5_000); // no render happened (a render takes Chromium seconds)
    const forced = await service.generate(
      { ...request, template: "event-brief", event: "2025-11-19-first-strategic-dialogue" },
      { force: true, waitMs: 60_000 },
    );
    expect(forced.id).not.toBe(first.row.id);
    expect(forced.status).toBe("done");
  });

  it("renders again when the data changed", async () => {
    const before = await done("en", {
      template: "event-brief",
      event: "2025-11-19-japarov-meets-wang-yi",
    });
    t.db.$client
      .prepare("UPDATE events SET summary_en = summary_en || ' (updated)' WHERE key = ?")
      .run("2025-11-19-japarov-meets-wang-yi");
    const after = await done("en", {
      template: "event-brief",
      event: "2025-11-19-japarov-meets-wang-yi",
    });
    expect(after.row.id).not.toBe(before.row.id);
    expect(after.row.dataHash).not.toBe(before.row.dataHash);
    expect(after.pages.join(" ")).toContain("(updated)");
  });

  it("renders Letter when asked", async () => {
    const letter = await done("en", {
      template: "weekly-summary",
      format: "Letter",
      period: { from: "2025-11-17", to: "2025-11-23" },
    });
    expect((await pdfInfo(letter.pdf))["Page size"]).toContain("letter");
  });

  it("says so honestly for a week with nothing recorded", async () => {
    const empty = await done("en", {
      template: "weekly-summary",
      period: { from: "2025-06-02", to: "2025-06-08" },
    });
    expect(empty.pages.join(" ")).toMatch(/No engagements/i);
  });

  it.each([
    [{ template: "memo" }, "template"],
    [{ between: ["CN", "XX"] }, "between"],
    [{ locale: "fr" }, "locale"],
    [{ asOf: "2025-11-24", period: { from: "2025-12-01", to: "2025-11-01" } }, "period"],
  ])("refuses %j naming %s, leaving no brief row", async (bad, argumentName) => {
    const rows = t.db.select({ n: count() }).from(briefs).get()?.n;
    const error = await service.generate({ ...request, ...bad } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefInputError);
    expect((error as BriefInputError).argumentName).toBe(argumentName);
    expect(t.db.select({ n: count() }).from(briefs).get()?.n).toBe(rows);
  });

  it("never leaves a brief rendering after a restart", () => {
    const row = t.db
      .insert(briefs)
      .values({
        template: "briefing-note",
        locale: "en",
        spec: {},
        cacheKey: "x",
        templateHash: "x",
        dataHash: "x",
        status: "rendering",
      })
      .returning()
      .get();
    expect(service.recoverInterrupted()).toBeGreaterThanOrEqual(1);
    const after = t.db.select().from(briefs).where(eq(briefs.id, row.id)).get();
    expect(after?.status).toBe("failed");
    expect(after?.error).toMatch(/interrupted/);
  });
});
