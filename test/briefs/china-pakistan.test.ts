// China–Pakistan briefs as a reviewer printed them (test/support/pakistan.ts): real SQLite, real
// Chromium, the PDF's text checked.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gather } from "../../src/briefs/gather.ts";
import { BriefService } from "../../src/briefs/service.ts";
import { type BriefRequest, normalizeSpec } from "../../src/briefs/spec.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { renderHtml } from "../../src/render/html.ts";
import { createTestDb, type TestDb } from "../support/db.ts";
import { bodyText } from "../support/html-text.ts";
import { addPakistan } from "../support/pakistan.ts";
import { pdfOutline, pdfPages, pdfText } from "../support/pdf-text.ts";

let t: TestDb;
let pool: BrowserPool;
let service: BriefService;

beforeAll(async () => {
  t = createTestDb();
  await addPakistan(t.db);
  pool = new BrowserPool();
  service = new BriefService({ db: t.db, dataDir: t.dir, pool });
});
afterAll(async () => {
  await service.idle();
  await pool.close();
});

type Locale = "en" | "zh";

async function brief(request: Partial<BriefRequest>, locale: Locale) {
  const row = await service.generate(
    { between: ["CN", "PK"], ...request, locale } as BriefRequest,
    { waitMs: 60_000 },
  );
  expect(row.error).toBeNull();
  expect(row.status).toBe("done");
  const pdf = fs.readFileSync(service.filePath(row.file as string));
  const pages = await pdfPages(pdf);
  // Lines wrap anywhere: English compared with single spaces, Chinese with none.
  const text = pages.join(" ").replace(/\s+/g, locale === "zh" ? "" : " ");
  return { row, pdf, pages, text };
}

/**
 * A brief's text from its HTML, without a print: only the contents' page numbers need Chromium.
 * English compared with single spaces, Chinese with none.
 */
async function textOf(request: Partial<BriefRequest>, locale: Locale) {
  const asOf = request.asOf ?? "2026-05-24";
  const spec = normalizeSpec({ between: ["CN", "PK"], ...request, locale } as BriefRequest, asOf);
  const { html } = renderHtml(await gather(t.db, spec), {
    locale,
    format: "A4",
    classification: "UNCLASSIFIED",
    drafter: null,
  });
  return { text: bodyText(html).replace(/\s+/g, locale === "zh" ? "" : " ") };
}

/** The weekly summary of the visit's week. */
const WEEK = {
  template: "weekly-summary",
  between: undefined,
  relationships: ["CN-PK"],
  period: { from: "2026-05-18", to: "2026-05-24" },
  asOf: "2026-05-24",
} as const;

describe("a dossier with no source on record by its date", () => {
  it.each([
    ["en", "2026-05-18", "No source is on record as of 18 May 2026."],
    ["zh", "2026-05-18", "截至2026年5月18日，无资料来源记录。"],
    ["en", "2026-05-20", "No source is on record as of 20 May 2026."],
    ["zh", "2026-05-20", "截至2026年5月20日，无资料来源记录。"],
  ] as const)(
    "prints in %s as of %s, its sources saying none is on record",
    async (locale, asOf, none) => {
      const dossier = await brief({ template: "dossier", asOf }, locale);
      expect(dossier.text).toContain(none);
      // The contents give the page each listed heading landed on, the sources' too.
      const outline = await pdfOutline(dossier.pdf);
      const sources = locale === "en" ? "Sources" : "资料来源";
      const contents = await pdfText(dossier.pdf, { layout: true, firstPage: 1, lastPage: 1 });
      const line = contents.split("\n").find((l) => l.trim().startsWith(sources));
      expect(Number(/(\d+)\s*$/.exec(line ?? "")?.[1])).toBe(
        outline.find((o) => o.title.startsWith(sources))?.page,
      );
    },
    60_000,
  );
});

describe("CPEC projects entered with Pakistan alone", () => {
  const ours = {
    en: ["Main Line-1 (ML-1) railway upgrade", "Gwadar Port"],
    zh: ["1号铁路干线升级改造项目", "瓜达尔港"],
  };
  // Pakistan–Japan's: a project of those two, and Gwadar Port mentioned at their meeting.
  const theirs = {
    en: ["Karachi Circular Railway", "Japanese investors"],
    zh: ["卡拉奇环线铁路", "日本投资者"],
  };
  const section = (text: string, from: string, to: string) =>
    text.slice(text.lastIndexOf(from), text.lastIndexOf(to));

  it.each(["en", "zh"] as const)(
    "are in the dossier's projects and the note's what to watch, as CN–PK's records name them (%s)",
    async (locale) => {
      const dossier = await textOf({ template: "dossier", asOf: "2026-05-24" }, locale);
      const projects =
        locale === "en"
          ? section(dossier.text, "Projects and targets", "Mechanisms and organisations")
          : section(dossier.text, "项目与目标", "机制与组织");
      for (const name of ours[locale]) expect(projects, name).toContain(name);
      const note = await textOf({ template: "briefing-note", asOf: "2026-05-24" }, locale);
      const watch =
        locale === "en"
          ? section(note.text, "What to watch", "Background")
          : section(note.text, "后续关注", "背景");
      for (const name of ours[locale]) expect(watch, name).toContain(name);
      for (const text of [dossier.text, note.text]) {
        for (const name of theirs[locale]) expect(text, name).not.toContain(name);
      }
    },
  );

  it("are in the weekly summary's what changed", async () => {
    const week = await textOf(WEEK, "en");
    expect(section(week.text, "What changed", "What is coming")).toContain(
      "Main Line-1 (ML-1) railway upgrade: agreed",
    );
  });
});

describe("an engagement scheduled for a year, not a day", () => {
  const jcc = {
    en: "2026: 14th meeting of the CPEC Joint Cooperation Committee, Islamabad",
    zh: "2026年：中巴经济走廊联合合作委员会第十四次会议（伊斯兰堡）",
  };

  it.each(["en", "zh"] as const)(
    "is to watch in the note and the dossier once reported, dated as given (%s)",
    async (locale) => {
      for (const template of ["briefing-note", "dossier"]) {
        const brief24 = await textOf({ template, asOf: "2026-05-24" }, locale);
        expect(brief24.text, template).toContain(
          jcc[locale].replace(/\s+/g, locale === "zh" ? "" : " "),
        );
      }
      // Known only from the report of 21 May: not before.
      const before = await textOf({ template: "briefing-note", asOf: "2026-05-20" }, locale);
      expect(before.text).not.toMatch(/Joint Cooperation Committee|联合合作委员会/);
    },
  );

  it.each([
    ["en", "What is coming", "14th meeting of the CPEC Joint Cooperation Committee"],
    ["zh", "后续安排", "中巴经济走廊联合合作委员会第十四次会议"],
  ] as const)("is coming in the weekly summary (%s)", async (locale, heading, title) => {
    const week = await textOf(WEEK, locale);
    const coming = week.text.slice(week.text.lastIndexOf(heading));
    expect(coming).toContain(title);
    expect(coming).toContain("2026");
  });
});

describe("a note from before anything is on record", () => {
  it.each([
    [
      "en",
      [
        "No engagement between the two countries is on record for the preceding twelve months.",
        "Sourcing: No statement is on record for the period.",
      ],
    ],
    ["zh", ["此前十二个月内无两国交往记录。", "资料说明：本期无表态记录。"]],
  ] as const)("says none is on record, not that none is reported (%s)", async (locale, says) => {
    const note = await textOf({ template: "briefing-note", asOf: "2026-05-18" }, locale);
    for (const line of says) expect(note.text).toContain(line);
    expect(note.text).not.toMatch(/reported|报道/);
  });

  it.each([
    [
      "en",
      ["No engagement is on record for the period.", "No statement is on record for the period."],
    ],
    ["zh", ["本期无交往活动记录。", "本期无表态记录。"]],
  ] as const)("and so does the dossier (%s)", async (locale, says) => {
    const dossier = await textOf({ template: "dossier", asOf: "2026-05-18" }, locale);
    for (const line of says) expect(dossier.text).toContain(line);
    expect(dossier.text).not.toMatch(/reported|报道/);
  });
});

describe("the weekly summary's what is coming", () => {
  it.each([
    [
      "en",
      "What is coming",
      "2027: Eighth round of the China–Pakistan foreign ministers' strategic dialogue, Islamabad.",
    ],
    ["zh", "后续安排", "2027年：中巴外长第八轮战略对话（伊斯兰堡）"],
  ] as const)(
    "reads as the note's what to watch, with the place (%s)",
    async (locale, heading, line) => {
      const week = await textOf(WEEK, locale);
      const coming = week.text.slice(week.text.lastIndexOf(heading));
      expect(coming).toContain(line.replace(/\s+/g, locale === "zh" ? "" : " "));
    },
  );
});

describe("an engagement known only from a later report", () => {
  it.each([
    ["en", "No engagement is on record for the period.", /more (is|are) on record|Only the latest/],
    ["zh", "本期无交往活动记录。", /仅列出最近的记录|另有/],
  ] as const)("is not counted as one more on record (%s)", async (locale, none, more) => {
    // The sixth round (August 2025) is known from the report of 21 May 2026 alone.
    const dossier = await textOf({ template: "dossier", asOf: "2026-05-18" }, locale);
    expect(dossier.text).toContain(none);
    expect(dossier.text).not.toMatch(more);
  });
});
