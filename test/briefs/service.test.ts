// generateBrief end to end: real SQLite, real Chromium, real PDFs whose text is checked.
import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BriefInputError } from "../../src/briefs/gather.ts";
import { BriefService } from "../../src/briefs/service.ts";
import { openDatabase } from "../../src/db/client.ts";
import { briefs } from "../../src/db/schema.ts";
import { halfWidthNextToHan } from "../../src/domain/zh-text.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { insertBriefRow } from "../support/briefs.ts";
import { createTestDb, type TestDb } from "../support/db.ts";
import {
  layoutFaults,
  pdfInfo,
  pdfOutline,
  pdfPages,
  pdfText,
  repeated,
} from "../support/pdf-text.ts";

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

describe("the China–Kyrgyzstan briefing note", () => {
  const copies = new Map<string, Awaited<ReturnType<typeof done>>>();
  const printsPerBrief: number[] = [];
  beforeAll(async () => {
    for (const format of ["A4", "Letter"] as const) {
      for (const locale of ["en", "zh"] as const) {
        const before = pool.stats().prints;
        copies.set(`${locale}/${format}`, await done(locale, { format }));
        printsPerBrief.push(pool.stats().prints - before);
      }
    }
  }, 180_000);

  it("is printed once per copy and fits in three pages, in both languages and paper sizes", () => {
    expect(printsPerBrief).toEqual([1, 1, 1, 1]);
    for (const [name, copy] of copies) {
      expect(copy.pages.length, name).toBeLessThanOrEqual(3);
      expect(copy.row.pages, name).toBe(copy.pages.length);
    }
  });

  it("carries one reference number in every copy", () => {
    const refs = [...copies.values()].map(
      (c) => /AT-CNKG-BN-\d{8}-[0-9A-F]{4}/.exec(c.pages[0] ?? "")?.[0],
    );
    expect(new Set(refs).size).toBe(1);
    expect(refs[0]).toBeTruthy();
  });

  it("names who met whom, the railway and the documents with the right verbs", () => {
    const en = (copies.get("en/A4")?.pages ?? []).join(" ").replace(/\s+/g, " ");
    for (const name of ["Wang Yi", "Sadyr Japarov", "Jeenbek Kulubaev", "railway"]) {
      expect(en).toContain(name);
    }
    expect(en).toMatch(/issued the Joint Statement/);
    expect(en).toMatch(/signed the Cooperation Programme/);
    const zh = (copies.get("zh/A4")?.pages ?? []).join("").replace(/\s+/g, "");
    expect(zh).toContain("发表《中华人民共和国和吉尔吉斯共和国外交部长首次战略对话联合声明》");
    expect(zh).toContain("签署《中吉外交部2026—2027年合作纲要》");
  });

  it("prints no sentence twice, no database words, and Chinese punctuation in Chinese", () => {
    for (const [name, copy] of copies) {
      const text = copy.pages.join("\n");
      expect(repeated(copy.pages), name).toEqual([]);
      expect(text, name).not.toMatch(/CAMEO|Commitment|Assessment|recorded late|原文/);
      if (name.startsWith("zh"))
        expect(halfWidthNextToHan(text.replace(/\s+/g, "")), name).toEqual([]);
    }
  });
  it("keeps headings with what follows and the sources on one page, in every copy", async () => {
    for (const [name, copy] of copies) {
      const sources = name.startsWith("en") ? "Sources" : "资料来源";
      expect(await layoutFaults(copy.pdf, { sources }), name).toEqual([]);
    }
  });
});

describe("the dossier", () => {
  let dossier: Awaited<ReturnType<typeof done>>;
  let prints = 0;
  beforeAll(async () => {
    const before = pool.stats().prints;
    dossier = await done("en", { template: "dossier" });
    prints = pool.stats().prints - before;
  }, 120_000);

  it("is printed once, and its contents give the page each heading landed on", async () => {
    expect(prints).toBe(1);
    const outline = await pdfOutline(dossier.pdf);
    const contents = await pdfText(dossier.pdf, { layout: true, firstPage: 1, lastPage: 1 });
    const lines = contents.split("\n");
    const titles = [
      "Engagements",
      "Documents",
      "Statements by side and topic",
      "Timeline",
      "Sources",
    ];
    for (const title of titles) {
      const line = lines.find((l) => l.trim().startsWith(title) && /\d+\s*$/.test(l));
      expect(line, title).toBeTruthy();
      const printed = Number(/(\d+)\s*$/.exec(line as string)?.[1]);
      const landed = outline.find((o) => o.title.startsWith(title))?.page;
      expect(printed, title).toBe(landed);
    }
  });

  it("carries metadata, bookmarks and tags after its one update", async () => {
    const info = await pdfInfo(dossier.pdf);
    expect(info.Title).toContain("China–Kyrgyzstan: dossier");
    expect(info.Subject).toBeTruthy();
    expect(info.Keywords).toContain("Kyrgyzstan");
    expect(info.Tagged).toBe("yes");
    expect(Number(info.Pages)).toBe(dossier.row.pages);
    expect((await pdfOutline(dossier.pdf)).length).toBeGreaterThan(10);
  });

  it("keeps its table whole, headings with their text and its title's dates on one line", async () => {
    expect(
      await layoutFaults(dossier.pdf, {
        sources: "Sources",
        tableHeads: ["Parties"],
        titleDate: "25 November 2024 – 24 November 2025",
      }),
    ).toEqual([]);
  });

  it("holds every statement exactly once", async () => {
    // Lines wrap after a dash or a space: compare without white space.
    const squeeze = (x: string) => x.replace(/\s+/g, "");
    const text = squeeze(dossier.pages.join(""));
    const rows = t.db.$client.prepare("SELECT key, text_en AS en FROM statements").all() as {
      key: string;
      en: string;
    }[];
    for (const row of rows) {
      expect(text.split(squeeze(row.en)).length - 1, row.key).toBe(1);
    }
  });
});

describe("the brief service", () => {
  it("returns the stored brief for the same spec over unchanged data, and re-renders on force", async () => {
    const first = await done("en", {
      template: "event-brief",
      event: "2025-11-19-first-strategic-dialogue",
    });
    const rowsBefore = t.db.select({ n: count() }).from(briefs).get()?.n;
    const printsBefore = pool.stats().prints;
    const again = await service.generate(
      { ...request, template: "event-brief", event: "2025-11-19-first-strategic-dialogue" },
      { waitMs: 60_000 },
    );
    expect(again.id).toBe(first.row.id);
    expect(t.db.select({ n: count() }).from(briefs).get()?.n).toBe(rowsBefore);
    expect(pool.stats().prints).toBe(printsBefore); // no render happened
    const forced = await service.generate(
      { ...request, template: "event-brief", event: "2025-11-19-first-strategic-dialogue" },
      { force: true, waitMs: 60_000 },
    );
    expect(forced.id).not.toBe(first.row.id);
    expect(forced.status).toBe("done");
  });

  it("answers a repeat without gathering until anything is written, by any connection", async () => {
    const dialogue = { template: "event-brief", event: "2025-11-19-first-strategic-dialogue" };
    const first = await done("en", dialogue);
    const ask = async () => {
      t.log.clear();
      const row = await service.generate({ ...request, ...dialogue }, { waitMs: 60_000 });
      expect(row.id).toBe(first.row.id);
      return t.log.statements;
    };
    await ask(); // gathered, and answered by the store: known from now on
    // The stored brief's look-up and the request's audit entry, nothing else.
    const fromStore = [
      expect.stringMatching(/from "briefs"/),
      "BEGIN IMMEDIATE",
      expect.stringMatching(/^insert into "audit_log"/),
      "COMMIT",
    ];
    expect(await ask()).toEqual(fromStore);
    expect(await ask()).toEqual(fromStore);

    const touch =
      "UPDATE statements SET text_en = text_en WHERE key = 'cn-supports-kg-sovereignty-2025-11-19'";
    const other = openDatabase(t.file);
    other.$client.prepare(touch).run();
    other.$client.close();
    expect((await ask()).length).toBeGreaterThan(5); // gathered again
    expect(await ask()).toEqual(fromStore);
    t.db.$client.prepare(touch).run();
    expect((await ask()).length).toBeGreaterThan(5);
  });

  it("renders again when the data changed", async () => {
    const before = await done("en", {
      template: "event-brief",
      event: "2025-11-19-japarov-meets-wang-yi",
    });
    t.db.$client
      .prepare(
        "UPDATE statements SET text_en = replace(text_en, 'integrity.', 'integrity (updated).') WHERE key = ?",
      )
      .run("cn-supports-kg-sovereignty-2025-11-19");
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
    expect(empty.pages.join(" ")).toMatch(/Nothing is on record between/);
    expect(empty.pages).toHaveLength(1);
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

  it("never leaves a brief rendering after a restart", async () => {
    const row = insertBriefRow(t.db, "rendering");
    expect(await service.recoverInterrupted()).toBeGreaterThanOrEqual(1);
    const after = t.db.select().from(briefs).where(eq(briefs.id, row.id)).get();
    expect(after?.status).toBe("failed");
    expect(after?.error).toMatch(/interrupted/);
  });
});
