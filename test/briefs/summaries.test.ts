// Weekly summaries of several relationships in one PDF: real SQLite, real Chromium, pdftotext.
import fs from "node:fs";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BriefService } from "../../src/briefs/service.ts";
import type { BriefRequest } from "../../src/briefs/spec.ts";
import { briefs } from "../../src/db/schema.ts";
import { Refusal } from "../../src/domain/refusal.ts";
import { halfWidthNextToHan } from "../../src/domain/zh-text.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb, type TestDb } from "../support/db.ts";
import { layoutFaults, pdfOutline, pdfPages, repeated } from "../support/pdf-text.ts";
import { addUzbekistan } from "../support/uzbekistan.ts";

let t: TestDb;
let pool: BrowserPool;
let service: BriefService;

beforeAll(async () => {
  t = createTestDb();
  await addUzbekistan(t.db);
  pool = new BrowserPool();
  service = new BriefService({ db: t.db, dataDir: t.dir, pool });
});
afterAll(async () => {
  await service.idle();
  await pool.close();
});

const week = {
  template: "weekly-summary",
  period: { from: "2025-11-17", to: "2025-11-23" },
  asOf: "2025-11-24",
} as const;

async function summary(request: Partial<BriefRequest>, locale: "en" | "zh") {
  const row = await service.generate({ ...week, ...request, locale }, { waitMs: 60_000 });
  expect(row.error).toBeNull();
  const pdf = fs.readFileSync(service.filePath(row.file as string));
  return { row, pdf, pages: await pdfPages(pdf) };
}

describe("a weekly summary of a list of relationships", () => {
  const copies = new Map<string, Awaited<ReturnType<typeof summary>>>();
  beforeAll(async () => {
    for (const locale of ["en", "zh"] as const) {
      const relationships = ["KG-CN", "CN-UZ", "uz-kg"];
      copies.set(locale, await summary({ relationships }, locale));
    }
  }, 120_000);

  it("has one header, one reference number and one period, in both languages", () => {
    const refs = new Set<string>();
    for (const [locale, copy] of copies) {
      const text = copy.pages.join("\n");
      for (const m of text.matchAll(/AT-[A-Z+]+-WS-\d{8}-[0-9A-F]{4}/g)) refs.add(m[0]);
      const title =
        locale === "en"
          ? /China–Kyrgyzstan, China–Uzbekistan and Kyrgyzstan–Uzbekistan: weekly summary, 17–23 November 2025/
          : /中国—吉尔吉斯斯坦、中国—乌兹别克斯坦和吉尔吉斯斯坦—乌兹别克斯坦关系周报（2025年11月17日至23日）/;
      // Lines joined as a reader reads them: with a space in English, without in Chinese.
      expect(copy.pages[0]?.replace(/\s+/g, locale === "en" ? " " : ""), locale).toMatch(title);
      expect(text.match(locale === "en" ? /Period:/g : /时段：/g), locale).toHaveLength(1);
      expect(copy.row.title, locale).toMatch(locale === "en" ? /weekly summary/ : /周报/);
    }
    expect(refs.size).toBe(1);
    expect([...refs][0]).toMatch(/^AT-CNKG\+CNUZ\+KGUZ-WS-20251123-/);
  });

  it("gives each relationship with news its own section, and the quiet one a line", async () => {
    const en = copies.get("en") as Awaited<ReturnType<typeof summary>>;
    const outline = (await pdfOutline(en.pdf)).map((o) => o.title);
    expect(outline.filter((title) => title === "What happened")).toHaveLength(2);
    expect(outline).toEqual(expect.arrayContaining(["China–Kyrgyzstan", "China–Uzbekistan"]));
    expect(outline).not.toContain("Kyrgyzstan–Uzbekistan");
    const text = en.pages.join("\n");
    expect(text).toContain("Wang Yi visits Kyrgyzstan");
    expect(text).toContain("China–Uzbekistan foreign ministers' strategic dialogue (Tashkent)");
    expect(text).toContain("China is ready to work with Uzbekistan to expand two-way trade.");
    expect(text).toMatch(
      /Kyrgyzstan–Uzbekistan: nothing is on record between 17 November 2025 and 23 November\s+2025\./,
    );
    // An attested level is no change made in the week.
    expect(text).not.toMatch(/established all-weather/);
    const zh = (copies.get("zh")?.pages ?? []).join("\n");
    expect(zh.replace(/\s+/g, "")).toContain(
      "吉尔吉斯斯坦—乌兹别克斯坦：2025年11月17日至2025年11月23日期间无记录。",
    );
  });

  it("keeps the title's period on one line and the sources on the last page", async () => {
    for (const [locale, copy] of copies) {
      const rules =
        locale === "en"
          ? { sources: "Sources", titleDate: "17–23 November 2025" }
          : { sources: "资料来源", titleDate: "2025年11月17日至23日" };
      expect(await layoutFaults(copy.pdf, rules), locale).toEqual([]);
    }
  });

  it("prints each fact once, no database words, and Chinese punctuation in Chinese", () => {
    for (const [locale, copy] of copies) {
      const text = copy.pages.join("\n");
      expect(repeated(copy.pages), locale).toEqual([]);
      expect(text, locale).not.toMatch(/CAMEO|Willingness|recorded late|原文/);
      expect(text.split("Wang Yi visits Kyrgyzstan").length - 1, locale).toBeLessThanOrEqual(1);
      if (locale === "zh") expect(halfWidthNextToHan(text.replace(/\s+/g, ""))).toEqual([]);
    }
  });
});

describe("a weekly summary of a country", () => {
  it("covers every relationship of the country, named by it", async () => {
    const { row, pages } = await summary({ countries: ["uz"] }, "en");
    expect(pages[0]).toMatch(/Relations of Uzbekistan: weekly summary/);
    expect(pages.join("\n")).toContain("Kyrgyzstan–Uzbekistan: nothing is on record");
    expect(pages.join("\n")).not.toContain("Wang Yi visits Kyrgyzstan");
    expect(row.title).toBe("Relations of Uzbekistan: weekly summary, 17–23 November 2025");
  }, 60_000);
});

describe("bad input to a summary", () => {
  it.each([
    [{ relationships: [] }, "relationships"],
    [{ relationships: ["CN-KG", "CN-XX"] }, "relationships"],
    [{ countries: ["XX"] }, "countries"],
    [{ between: ["CN", "XX"] }, "between"],
    [{ between: ["CN", "KG"], relationships: ["CN-UZ"] }, "between"],
    [{ template: "briefing-note", relationships: ["CN-KG", "CN-UZ"] }, "relationships"],
  ])("refuses %j naming %s, leaving no brief row", async (bad, argumentName) => {
    const rows = t.db.select({ n: count() }).from(briefs).get()?.n;
    const error = await service
      .generate({ ...week, locale: "en", ...bad } as BriefRequest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refusal);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(t.db.select({ n: count() }).from(briefs).get()?.n).toBe(rows);
  });
});
