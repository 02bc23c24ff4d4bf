// The html(model) stage alone: gathered models from the seeded database, rendered by every
// template in both locales, checked as HTML (no browser).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gather } from "../../src/briefs/gather.ts";
import type { BriefModel, BriefSpec, TemplateName } from "../../src/briefs/model.ts";
import type { Locale } from "../../src/domain/locale.ts";
import {
  type HtmlOptions,
  renderHtml,
  TEMPLATES_DIR,
  TemplateError,
  templateCatalog,
  templateFiles,
  templateHash,
} from "../../src/render/html.ts";
import { type Strings, stringKeys } from "../../src/render/i18n.ts";
import { createTestDb, tempDir } from "../support/db.ts";

const { db } = createTestDb();

const EVENT = "2025-11-19-first-strategic-dialogue";
const YEAR = { from: "2024-11-24", to: "2025-11-24" };
const WEEK = { from: "2025-11-17", to: "2025-11-23" };
const EMPTY_WEEK = { from: "2025-06-02", to: "2025-06-08" };

function spec(template: TemplateName, locale: Locale, period = YEAR): BriefSpec {
  return {
    template,
    between: ["CN", "KG"],
    period: template === "weekly-summary" && period === YEAR ? WEEK : period,
    asOf: "2025-11-24",
    locale,
    format: "A4",
    ...(template === "event-brief" ? { event: EVENT } : {}),
  };
}

function options(locale: Locale, extra: Partial<HtmlOptions> = {}): HtmlOptions {
  return {
    locale,
    format: "A4",
    classification: "UNCLASSIFIED",
    noteNumber: "AT-2025-0042",
    drafter: "Attaché",
    generatedAt: "2025-11-24T09:30:00Z",
    ...extra,
  };
}

const model = (template: TemplateName, locale: Locale, period = YEAR): BriefModel =>
  gather(db, spec(template, locale, period));
const render = (template: TemplateName, locale: Locale, period = YEAR) =>
  renderHtml(model(template, locale, period), options(locale));

const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, "=")
    .replace(/&#x60;/g, "`")
    .replace(/&amp;/g, "&");
/** The visible text of the body: tags dropped, entities decoded, whitespace collapsed. */
const bodyText = (html: string) =>
  decode(
    (html.includes("<body") ? (html.split("<body")[1] as string) : html)
      .replace(/<svg[\s\S]*?<\/svg>/g, " ")
      .replace(/<[^>]*>/g, "")
      .replace(/\s+/g, " "),
  );
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const styleOf = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";

const SECTIONS: Record<TemplateName, string[]> = {
  "briefing-note": [
    "sec-contents",
    "sec-summary",
    "sec-background",
    "sec-engagements",
    "sec-agreements",
    "sec-positions",
    "sec-cooperation",
    "sec-multilateral",
    "sec-outlook",
    "sec-annex",
    "sec-sources",
  ],
  "event-brief": [
    "sec-summary",
    "sec-context",
    "sec-event",
    "sec-participants",
    "sec-outcomes",
    "sec-positions",
    "sec-projects",
    "sec-multilateral",
    "sec-follow-up",
    "sec-sources",
  ],
  "weekly-summary": [
    "sec-summary",
    "sec-background",
    "sec-happened",
    "sec-changed",
    "sec-coming",
    "sec-sources",
  ],
};
const templates = Object.keys(SECTIONS) as TemplateName[];
const locales: Locale[] = ["en", "zh"];

describe("renderHtml: every template in both locales", () => {
  for (const template of templates) {
    for (const locale of locales) {
      describe(`${template} (${locale})`, () => {
        const m = model(template, locale);
        const out = renderHtml(m, options(locale));

        it("has its sections in order, as headings with stable ids", () => {
          expect(out.headings[0]).toMatchObject({ id: "doc-title", level: 1, title: out.title });
          expect(out.headings.filter((h) => h.level === 2).map((h) => h.id)).toEqual(
            SECTIONS[template],
          );
          const positions = out.headings.map((h) => out.html.indexOf(`id="${h.id}"`));
          expect(positions.every((at, i) => at > (positions[i - 1] ?? -1))).toBe(true);
          expect(new Set(out.headings.map((h) => h.id)).size).toBe(out.headings.length);
        });

        it("cites in reading order; every mark resolves to a listed source, every source is cited", () => {
          const marks = [...out.html.matchAll(/<sup class="cite">([\s\S]*?)<\/sup>/g)].flatMap(
            (sup) =>
              [...(sup[1] as string).matchAll(/href="#src-(\d+)"/g)].map((a) => Number(a[1])),
          );
          const listed = [...out.html.matchAll(/<li id="src-(\d+)">/g)].map((li) => Number(li[1]));
          expect(listed).toEqual(m.sources.map((s) => s.n));
          expect(new Set(marks)).toEqual(new Set(listed));
          // A number seen for the first time is always the next one: [1] before [2] before [3]…
          const seen: number[] = [];
          for (const n of marks) if (!seen.includes(n)) seen.push(n);
          expect(seen).toEqual(listed);
        });

        it("writes dates, document and metadata in the locale", () => {
          expect(out.html).toContain(`<html lang="${locale === "zh" ? "zh-CN" : "en"}">`);
          const date = locale === "zh" ? "2025年11月24日" : "24 November 2025";
          expect(out.html).toContain(`<dd>${date}</dd>`);
          expect(out.html).toContain(`<title>${out.title.replace(/'/g, "&#x27;")}</title>`);
          expect(out.metadata).toMatchObject({ title: out.title, author: "Attaché" });
          expect(out.metadata.keywords).toContain(locale === "zh" ? "吉尔吉斯斯坦" : "Kyrgyzstan");
          expect(out.metadata.subject.length).toBeGreaterThan(0);
          expect(bodyText(out.html)).toContain(
            locale === "zh" ? "2025年11月19日" : "19 November 2025",
          );
        });

        it("keeps Chinese names and titles intact", () => {
          const text = bodyText(out.html);
          expect(text).toContain("热恩别克·库鲁巴耶夫");
          // The English notes show the Chinese titles in the annex of the briefing note only.
          if (locale === "zh" || template === "briefing-note") {
            expect(text).toContain("《中吉外交部2026—2027年合作纲要》");
          }
        });

        it("names a person in both languages on the first mention only", () => {
          const text = bodyText(out.html);
          const [name, other] =
            locale === "zh"
              ? ["热恩别克·库鲁巴耶夫", "Jeenbek Kulubaev"]
              : ["Jeenbek Kulubaev", "热恩别克·库鲁巴耶夫"];
          const bracketed = locale === "zh" ? `${name}（${other}）` : `${name} (${other})`;
          expect(count(text, bracketed)).toBe(1);
          const mentions = [
            ...out.html.matchAll(
              new RegExp(
                `<span class="person">${name}([^<]*<span lang="[^"]+">([^<]*)</span>)?`,
                "g",
              ),
            ),
          ];
          expect(mentions.length).toBeGreaterThan(1);
          expect(mentions[0]?.[2]).toBe(other);
          expect(mentions.slice(1).every((m) => m[1] === undefined)).toBe(true);
        });

        it("puts the banner, running header and n / N in the page rules", () => {
          const css = styleOf(out.html);
          expect(css).toContain("size: A4;");
          expect(css).toMatch(/@top-center \{ content: "UNCLASSIFIED"; \}/);
          expect(css).toMatch(/@bottom-center \{ content: "UNCLASSIFIED"; \}/);
          expect(css).toContain(
            '@bottom-right { content: counter(page) " \\2f  " counter(pages); }',
          );
          expect(css).toMatch(/@top-left \{ content: "[^"]+"; \}/);
          expect(css).not.toMatch(/url\(|@import|@font-face|<\//);
        });
      });
    }
  }
});

describe("briefing-note", () => {
  it("summarises first: level and since when, engagements with the first of its kind, documents, positions", () => {
    const { html } = render("briefing-note", "en");
    const bluf = bodyText(/<p class="bluf">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "");
    expect(bluf).toContain(
      "have had a comprehensive strategic partnership for a new era since 18 May 2023",
    );
    expect(bluf).toContain("held 3 engagements, the most notable a first of its kind");
    expect(bluf).toContain("signed 2 documents: a joint statement and a cooperation programme");
    expect(bluf).toMatch(
      /China stated \d+ positions \(chiefly on: [^)]+\); Kyrgyzstan stated \d+ \(chiefly on: [^)]*One-China principle/,
    );
    const sentences = bluf.split(/(?<=\.) (?=[A-Z0-9])/).filter(Boolean);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
    // No citation marks in the summary: numbers follow the order of the sections below.
    expect(/<p class="bluf">([\s\S]*?)<\/p>/.exec(html)?.[1]).not.toContain("cite");
  });

  it("shows the roles, CAMEO codes, document kinds and partnership changes in words", () => {
    const en = bodyText(render("briefing-note", "en").html);
    expect(en).toContain("Head of delegation");
    expect(en).toContain("CAMEO 040");
    expect(en).toContain("Cooperation programme");
    expect(en).toContain("1 January 2026 to 31 December 2027");
    expect(en).toContain("Upgrade");
    const zh = bodyText(render("briefing-note", "zh").html);
    expect(zh).toContain("代表团团长");
    expect(zh).toContain("CAMEO代码040");
    expect(zh).toContain("合作纲要");
    expect(zh).toContain("2026年1月1日至2027年12月31日");
    expect(zh).toContain("提升");
  });

  it("quotes the Chinese original in quotation marks", () => {
    const en = render("briefing-note", "en").html;
    expect(en).toContain('Original: </span><span class="quote" lang="zh-CN">“');
    const zh = render("briefing-note", "zh").html;
    // A quote that itself holds quotation marks gets single ones inside: “‘好邻居、无价宝’…”
    expect(zh).toContain("“‘好邻居、无价宝’");
  });

  it("lists the h2 sections in the contents, with page numbers only once they are known", () => {
    const m = model("briefing-note", "en");
    const first = renderHtml(m, options("en"));
    const toc = (html: string) =>
      [...html.matchAll(/<a href="#([^"]+)"><span class="toc-title">([^<]*)<\/span>/g)].map(
        (a) => a[1],
      );
    const h2 = first.headings.filter((h) => h.level === 2 && h.id !== "sec-contents");
    expect(toc(first.html)).toEqual(h2.map((h) => h.id));
    expect(first.html).toContain('<span class="toc-page"></span>');

    const tocPages = Object.fromEntries(first.headings.map((h, i) => [h.id, i + 1]));
    tocPages["sec-sources"] = 123;
    const second = renderHtml(m, options("en", { tocPages }));
    expect(second.html).toContain('<span class="toc-page">123</span>');
    expect(second.html).toContain('<span class="toc-page">3</span>');
    // Only the numbers differ: nothing else moves between the passes.
    expect(
      second.html.replace(/<span class="toc-page">\d+<\/span>/g, '<span class="toc-page"></span>'),
    ).toBe(first.html);
    expect(second.headings).toEqual(first.headings);
    expect(styleOf(first.html)).toMatch(/\.toc-page \{[^}]*width: 3\.5ch;[^}]*tabular-nums/);
  });

  it("draws the timeline as inline SVG, one marker per entry, split when taller than a page", () => {
    const m = model("briefing-note", "zh");
    const { html } = renderHtml(m, options("zh"));
    const svgs = [...html.matchAll(/<svg class="timeline-svg"[\s\S]*?<\/svg>/g)].map((s) => s[0]);
    expect(svgs).toHaveLength(1);
    const svg = svgs[0] as string;
    expect(svg).toContain("2013年9月11日");
    expect(svg).toContain("《中吉外交部2026—2027年合作纲要》");
    expect(svg).not.toMatch(/<script|href=|xlink|foreignObject/);
    const labels = [...svg.matchAll(/class="tl-label"/g)].length;
    expect(labels).toBeGreaterThanOrEqual(m.timeline.length);

    const long = structuredClone(m);
    long.timeline = Array.from({ length: 90 }, (_, i) => ({
      date: `20${String(10 + Math.floor(i / 12)).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}-01`,
      kind: "engagement" as const,
      label: {
        en: `Engagement number ${i} with a long title that has to wrap`,
        zh: `第${i}次交往`,
      },
    }));
    const split = renderHtml(long, options("en")).html;
    const figures = [...split.matchAll(/viewBox="0 0 642 (\d+)"/g)].map((v) => Number(v[1]));
    expect(figures.length).toBeGreaterThan(1);
    for (const height of figures) expect(height).toBeLessThanOrEqual(900);
    expect(split).toContain("Timeline (1 of");
  });

  it("sets Letter paper when asked", () => {
    const out = renderHtml(model("briefing-note", "en"), options("en", { format: "Letter" }));
    expect(styleOf(out.html)).toContain("size: letter;");
  });

  it("says so honestly when nothing is upcoming and nothing needs follow-up", () => {
    const m = model("briefing-note", "en");
    m.upcoming = [];
    m.watch = [];
    const text = bodyText(renderHtml(m, options("en")).html);
    expect(text).toContain(
      "No engagements are on record after 24 November 2025, and no commitments or requests were recorded that call for follow-up.",
    );
  });

  it("matches the reviewed snapshot (en)", async () => {
    const { html } = render("briefing-note", "en");
    await expect(html).toMatchFileSnapshot("__snapshots__/briefing-note.en.html.snap");
  });
});

describe("weekly-summary", () => {
  it("reports what changed since the previous period", () => {
    const text = bodyText(render("weekly-summary", "en").html);
    expect(text).toContain("The previous period (10–16 November 2025) had no engagements.");
    const html = render("weekly-summary", "en").html;
    expect(html).toMatch(/Engagements<\/td><td class="num">0<\/td><td class="num">3<\/td>/);
    expect(html).toMatch(/Documents signed<\/td><td class="num">0<\/td><td class="num">2<\/td>/);
    expect(bodyText(render("weekly-summary", "zh").html)).toContain(
      "上一周期（2025年11月10日至16日）未记录交往活动。",
    );
  });

  it("renders a week with nothing recorded as a short honest summary, without empty sections", () => {
    for (const locale of locales) {
      const out = render("weekly-summary", locale, EMPTY_WEEK);
      const text = bodyText(out.html);
      expect(text).toContain(
        locale === "zh"
          ? "2025年6月2日至2025年6月8日期间未记录到双方交往活动。"
          : "No engagements were recorded between 2 June 2025 and 8 June 2025.",
      );
      expect(out.title).toBe(
        locale === "zh"
          ? "中国—吉尔吉斯斯坦关系周报（2025年6月2日至8日）"
          : "China–Kyrgyzstan: weekly summary, 2–8 June 2025",
      );
      // Every heading is followed by some text before the next heading of its rank or above.
      const body = out.html.split("<body")[1] as string;
      const marks = [...body.matchAll(/<h([1-3]) id="[^"]*">/g)];
      marks.forEach((mark, i) => {
        const next = marks.slice(i + 1).find((later) => Number(later[1]) <= Number(mark[1]))?.index;
        const section = body.slice(mark.index, next ?? body.length);
        const content = bodyText(`<body>${section.replace(/<h[1-3][^>]*>[\s\S]*?<\/h[1-3]>/, "")}`);
        expect(content.trim().length, `section at ${mark[0]}`).toBeGreaterThan(0);
      });
    }
  });
});

describe("escaping stored text", () => {
  const HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</style><link rel=stylesheet href=http://127.0.0.1:9/x.css>",
    "background: url(http://127.0.0.1:9/x.png); @import 'http://127.0.0.1:9/y.css';",
    'file:///etc/passwd" onload="x',
  ].join(" ");

  const poisoned = (locale: Locale): BriefModel => {
    const m = model("briefing-note", locale);
    const bad = { en: `EN ${HOSTILE}`, zh: `ZH ${HOSTILE}` };
    const e = m.engagements[0] as BriefModel["engagements"][number];
    e.title = bad;
    e.summary = bad;
    e.place = bad;
    (e.participants[0] as (typeof e.participants)[number]).person.name = bad;
    (m.agreements[0] as BriefModel["agreements"][number]).title = bad;
    (m.sources[0] as BriefModel["sources"][number]).title = bad;
    (m.sources[0] as BriefModel["sources"][number]).url = HOSTILE;
    m.relationship.countries[1].name = bad; // the running header, in CSS
    m.timeline[0] = { date: "2013-09-11", kind: "partnership", label: bad };
    return m;
  };

  for (const locale of locales) {
    it(`never lets it out as markup, CSS or a URL (${locale})`, () => {
      const out = renderHtml(
        poisoned(locale),
        options(locale, { classification: `SECRET"; } body { background: url(x) } </style>` }),
      );
      const { html } = out;
      expect(html).not.toMatch(/<img|<script|<link|onerror=|onload=/i);
      expect(count(html, "</style>")).toBe(1);
      expect(count(html, "<style>")).toBe(1);
      const css = styleOf(html);
      expect(css).not.toMatch(/url\(|@import|</);
      expect(css).toContain("SECRET\\22 \\3b  \\7d  body"); // hex-escaped inside the CSS string
      expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).toContain("&lt;/style&gt;&lt;link rel&#x3D;stylesheet");
      // The text itself survives, readable.
      expect(bodyText(html)).toContain(
        `${locale === "zh" ? "ZH" : "EN"} <img src=x onerror=alert(1)>`,
      );
      expect(out.headings.some((h) => h.title.includes("<script>alert(1)</script>"))).toBe(true);
      expect(html).toMatch(/<title>[^<]*&lt;script&gt;[^<]*<\/title>/); // country name in the title
      expect(html).toMatch(/<meta name="keywords" content="[^"<>]*&lt;img src&#x3D;x/);
      // No attribute takes stored text as a URL: the only links are in-document anchors.
      for (const href of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
        expect(href[1]).toMatch(/^#[\w-]+$/);
      }
    });
  }
});

describe("strict mode", () => {
  it("fails with a TemplateError naming a missing field", () => {
    const m = model("briefing-note", "en");
    delete (m.engagements[0] as Partial<BriefModel["engagements"][number]>).place;
    expect(() => renderHtml(m, options("en"))).toThrowError(TemplateError);
    try {
      renderHtml(m, options("en"));
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      const e = error as TemplateError;
      expect(e.field).toBe("place");
      expect(e.message).toMatch(/template "briefing-note"/);
      expect(e.message).toMatch(/partials\/event-facts\.hbs/);
      expect(e.message).toContain('missing field "place"');
    }
  });

  it("names a field missing deeper in the model, and an unknown word for a kind", () => {
    const m = model("event-brief", "zh");
    delete (m.sources[0] as Partial<BriefModel["sources"][number]>).publishedOn;
    expect(() => renderHtml(m, options("zh"))).toThrowError(/missing field "publishedOn"/);

    const odd = model("event-brief", "en");
    (odd.engagements[0]?.participants[0] as { role: string }).role = "observer";
    expect(() => renderHtml(odd, options("en"))).toThrowError(/no string "role\.observer"/);
  });

  it("rejects an unknown template", () => {
    const m = { ...model("briefing-note", "en"), template: "memo" as TemplateName };
    expect(() => renderHtml(m, options("en"))).toThrowError(/unknown template "memo"/);
    expect(() => templateHash("memo" as TemplateName)).toThrowError(TemplateError);
  });

  it("falls back to the other language when a text is missing in one", () => {
    const m = model("briefing-note", "zh");
    const e = m.engagements[0] as BriefModel["engagements"][number];
    e.summary = { en: "Only in English.", zh: null };
    expect(bodyText(renderHtml(m, options("zh")).html)).toContain("Only in English.");
  });
});

describe("templates", () => {
  it("lists the files each template is made of", () => {
    const note = templateFiles("briefing-note");
    expect(note).toEqual(
      expect.arrayContaining([
        "briefs/briefing-note.hbs",
        "layouts/main.hbs",
        "partials/toc.hbs",
        "partials/sources.hbs",
        "styles/print.css",
        "locales/en.json",
        "locales/zh.json",
      ]),
    );
    expect(templateFiles("event-brief")).not.toContain("partials/toc.hbs");
    expect(templateFiles("event-brief")).not.toContain("briefs/briefing-note.hbs");
  });

  it("hashes them, so that editing any file a template uses changes its hash", () => {
    const root = path.join(tempDir("attache-templates-"), "templates");
    fs.cpSync(TEMPLATES_DIR, root, { recursive: true });
    const before = Object.fromEntries(templates.map((t) => [t, templateHash(t, root)]));
    expect(before["briefing-note"]).toBe(templateHash("briefing-note"));
    expect(new Set(Object.values(before)).size).toBe(3);

    const edit = (rel: string) => fs.appendFileSync(path.join(root, rel), "\n");
    edit("partials/toc.hbs"); // used by the briefing note only
    expect(templateHash("briefing-note", root)).not.toBe(before["briefing-note"]);
    expect(templateHash("event-brief", root)).toBe(before["event-brief"]);

    for (const rel of ["styles/print.css", "locales/zh.json", "layouts/main.hbs"]) {
      const was = templateHash("event-brief", root);
      edit(rel);
      expect(templateHash("event-brief", root), rel).not.toBe(was);
    }
  });

  it("describes each template from its front matter", () => {
    const catalog = templateCatalog();
    expect(catalog.map((t) => t.name)).toEqual(templates);
    for (const entry of catalog) {
      expect(entry.description.length).toBeGreaterThan(20);
      expect(entry.parameters).toEqual(expect.arrayContaining(["between", "locale", "format"]));
    }
    expect(catalog.find((t) => t.name === "event-brief")?.parameters).toContain("event");
  });

  it("has every locale string in both languages", () => {
    const read = (l: Locale) =>
      JSON.parse(
        fs.readFileSync(path.join(TEMPLATES_DIR, "locales", `${l}.json`), "utf8"),
      ) as Strings;
    expect(stringKeys(read("zh")).sort()).toEqual(stringKeys(read("en")).sort());
  });

  it("keeps stored text out of the templates' triple-stash and loads nothing from outside", () => {
    for (const rel of templates.flatMap((t) => templateFiles(t))) {
      const text = fs.readFileSync(path.join(TEMPLATES_DIR, rel), "utf8");
      expect(text, rel).not.toContain("{{{");
      expect(text, rel).not.toMatch(/https?:\/\/|url\(|@import|<script|<link/i);
    }
  });
});
