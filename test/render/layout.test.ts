// The print rules on real PDFs: the China–Kyrgyzstan note, made longer a few key points at a time
// so that page breaks fall at every place in it, printed by Chromium and read back with pdftotext.
// No page may end with a heading, and the Sources may not begin on one page and end on the next.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gather } from "../../src/briefs/gather.ts";
import type { BriefModel, Statement } from "../../src/briefs/model.ts";
import type { Locale } from "../../src/domain/locale.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { renderHtml } from "../../src/render/html.ts";
import { renderPdf } from "../../src/render/pdf.ts";
import { createTestDb } from "../support/db.ts";
import { layoutFaults, pageBody, pdfPages } from "../support/pdf-text.ts";

const { db } = createTestDb();
let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

/** The note with `extra` more key points (copies of its statements, told apart by a number). */
function padded(model: BriefModel, extra: number): BriefModel {
  const m = structuredClone(model);
  const base = m.statements.filter((s) => (s.text.en ?? "").length > 120);
  m.keyPoints = [
    ...m.keyPoints,
    ...Array.from({ length: extra }, (_, i): Statement => {
      const s = base[i % base.length] as Statement;
      return {
        ...s,
        key: `pad-${i}`,
        text: { en: `(${i}) ${s.text.en}`, zh: `（${i}）${s.text.zh}` },
      };
    }),
  ];
  return m;
}

/** Prints a model padded with 0, 3, … 21 more key points, checking the layout of each. */
async function sweep(model: BriefModel, locale: Locale, rules: Parameters<typeof layoutFaults>[1]) {
  const breaks = new Set<string>();
  for (let extra = 0; extra <= 21; extra += 3) {
    const { html } = renderHtml(padded(model, extra), {
      locale,
      format: "A4",
      classification: "UNCLASSIFIED",
      drafter: null,
    });
    const pdf = await renderPdf(pool, html);
    breaks.add((await pdfPages(pdf)).map((page) => pageBody(page).at(-1)).join("\n"));
    expect(await layoutFaults(pdf, rules), `${extra} more key points`).toEqual([]);
  }
  // The padding moved the page breaks each time (removing a rule from print.css fails this test).
  expect(breaks.size).toBeGreaterThan(2);
}

const sources = (locale: Locale) => (locale === "en" ? "Sources" : "资料来源");

describe.each(["en", "zh"] as Locale[])("the note's page breaks (%s)", (locale) => {
  it("never end a page with a heading nor split the sources, wherever they fall", async () => {
    const model = await gather(db, {
      template: "briefing-note",
      between: ["CN", "KG"],
      period: { from: "2024-11-25", to: "2025-11-24" },
      asOf: "2025-11-24",
      locale,
      format: "A4",
    });
    await sweep(model, locale, { sources: sources(locale) });
  }, 120_000);
});

describe("a Chinese title over two lines", () => {
  it("breaks after its punctuation, not inside a name", async () => {
    const model = await gather(db, {
      template: "event-brief",
      between: ["CN", "KG"],
      event: "2025-11-19-first-strategic-dialogue",
      period: { from: "2024-11-25", to: "2025-11-24" },
      asOf: "2025-11-24",
      locale: "zh",
      format: "A4",
    });
    const event = model.engagements.find((e) => e.key === "2025-11-19-first-strategic-dialogue");
    if (!event) throw new Error("the seeded dialogue");
    event.title = { en: null, zh: "王毅同科舍尔巴耶夫举行第三次中哈外长战略对话" };
    const { html } = renderHtml(model, {
      locale: "zh",
      format: "A4",
      classification: "UNCLASSIFIED",
      drafter: null,
    });
    const [first] = await pdfPages(await renderPdf(pool, html));
    const lines = (first ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines).toContain("王毅同科舍尔巴耶夫举行第三次中哈外长战略对话");
  }, 60_000);
});

describe("the Chinese table of who attended", () => {
  it("breaks an office between words, never inside one (土库曼斯坦总统, 国务院总理)", async () => {
    const model = await gather(db, {
      template: "event-brief",
      between: ["CN", "KG"],
      event: "2025-11-19-wang-yi-visits-kyrgyzstan",
      period: { from: "2024-11-25", to: "2025-11-24" },
      asOf: "2025-11-24",
      locale: "zh",
      format: "A4",
    });
    // A long name (kept whole), an office of seven characters and one of five, and a long list
    // of engagements: as the China–Turkmenistan state visit printed them.
    const people = [
      { name: "谢尔达尔·别尔德穆哈梅多夫", office: "土库曼斯坦总统" },
      { name: "李强", office: "国务院总理" },
    ];
    const seen = new Map<string, (typeof people)[number]>();
    for (const e of model.engagements) {
      e.title = {
        en: null,
        zh: `别尔德穆哈梅多夫对中国进行国事访问并同中方领导人会谈${e.key.length}`,
      };
      for (const p of e.participants) {
        const given = seen.get(p.person.key) ?? people[seen.size];
        if (!given) continue;
        seen.set(p.person.key, given);
        p.person.name = { en: "", zh: given.name };
        p.person.office = { en: "", zh: given.office };
      }
    }
    expect(seen.size).toBe(2);
    const { html } = renderHtml(model, {
      locale: "zh",
      format: "A4",
      classification: "UNCLASSIFIED",
      drafter: null,
    });
    const text = (await pdfPages(await renderPdf(pool, html))).join("\n");
    const table = text.slice(text.indexOf("出席人员"), text.indexOf("后续关注"));
    expect(table).toContain("谢尔达尔·别尔德穆哈梅多夫");
    expect(table).toContain("土库曼斯坦总统");
    expect(table).toContain("国务院总理");
  }, 60_000);
});
