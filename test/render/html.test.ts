// The html(model) stage alone: gathered models from the seeded database, rendered by every
// template in both locales, checked as HTML (no browser).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { gather } from "../../src/briefs/gather.ts";
import type { BriefModel, BriefSpec, Statement, TemplateName } from "../../src/briefs/model.ts";
import type { Locale } from "../../src/domain/locale.ts";
import { halfWidthNextToHan } from "../../src/domain/zh-text.ts";
import {
  type HtmlOptions,
  renderHtml,
  TEMPLATES_DIR,
  TemplateError,
  templateCatalog,
  templateFiles,
  templateHash,
} from "../../src/render/html.ts";
import { type Strings, stringKeys, Translator } from "../../src/render/i18n.ts";
import { createTestDb, tempDir } from "../support/db.ts";
import { bodyText, decode } from "../support/html-text.ts";

const { db } = createTestDb();

const EVENT = "2025-11-19-wang-yi-visits-kyrgyzstan";
const YEAR = { from: "2024-11-25", to: "2025-11-24" };
const WEEK = { from: "2025-11-17", to: "2025-11-23" };

function spec(template: TemplateName, locale: Locale, asOf = "2025-11-24"): BriefSpec {
  const between: [string, string] = ["CN", "KG"];
  const base = { asOf, locale, format: "A4" as const };
  if (template === "event-brief") return { template, ...base, between, period: YEAR, event: EVENT };
  if (template === "weekly-summary") {
    const scope = { relationships: [between.join("-")], countries: [] };
    return { template, ...base, scope, period: WEEK };
  }
  return {
    template,
    ...base,
    between,
    period: asOf === "2025-11-24" ? YEAR : { from: "2019-01-02", to: asOf },
  };
}

function options(locale: Locale, extra: Partial<HtmlOptions> = {}): HtmlOptions {
  return { locale, format: "A4", classification: "UNCLASSIFIED", drafter: null, ...extra };
}

const templates: TemplateName[] = ["briefing-note", "dossier", "event-brief", "weekly-summary"];
const locales: Locale[] = ["en", "zh"];
const models = new Map<string, BriefModel>();
beforeAll(async () => {
  for (const t of templates)
    for (const l of locales) models.set(`${t}/${l}`, await gather(db, spec(t, l)));
});
/** A fresh copy of a gathered model, to change at will. */
const model = (template: TemplateName, locale: Locale): BriefModel =>
  structuredClone(models.get(`${template}/${locale}`) as BriefModel);

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const styleOf = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";

/** Sentences of 30 characters or more that occur more than once. */
function repeatedSentences(text: string): string[] {
  const sentences = text
    .split(/(?<=[.。;；!?！？])\s*/u)
    .map((s) => s.trim())
    .filter((s) => [...s].length >= 30);
  return [...new Set(sentences.filter((s, i) => sentences.indexOf(s) !== i))];
}

describe("every template in both locales", () => {
  for (const template of templates) {
    for (const locale of locales) {
      it(`${template} (${locale}): no database words, each sentence once, Chinese punctuation`, () => {
        const { html } = renderHtml(model(template, locale), options(locale));
        const text = bodyText(html);
        expect(text).not.toMatch(/CAMEO|commitment\b|assessment\b|recorded late|Attaché|chiefly/i);
        expect(text).not.toMatch(/原文|CAMEO代码/);
        expect(text).not.toMatch(/\b\d+ (positions|engagements|statements|records)\b/);
        expect(repeatedSentences(text)).toEqual([]);
        if (locale === "zh") expect(halfWidthNextToHan(text)).toEqual([]);
        // Every citation mark resolves to a listed source, and every source is cited.
        const marks = new Set([...html.matchAll(/href="#src-(\d+)"/g)].map((m) => Number(m[1])));
        const listed = new Set([...html.matchAll(/id="src-(\d+)"/g)].map((m) => Number(m[1])));
        expect([...marks].sort()).toEqual([...listed].sort());
      });
    }
  }
});

describe("briefing-note", () => {
  it("leads with who met whom, what was new, what was issued and signed, with true verbs", () => {
    const { html } = renderHtml(model("briefing-note", "en"), options("en"));
    const bottom = bodyText(
      /<section class="bottom-line"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "",
    );
    for (const name of ["Wang Yi", "Sadyr Japarov", "Jeenbek Kulubaev", "Mediation"]) {
      expect(bottom).toContain(name);
    }
    expect(bottom).toContain("held the first strategic dialogue");
    // 扎帕罗夫会见王毅: the host receives the guest.
    expect(bottom).toContain("Wang Yi (王毅) was received by President of the Kyrgyz Republic");
    expect(bottom).toMatch(/issued the Joint Statement of the First Strategic Dialogue/);
    expect(bottom).toMatch(/signed the Cooperation Programme/);
    expect(bottom).not.toMatch(/signed the Joint Statement|pledged/);
    const sentences = bottom.replace(/^Bottom line /, "").split(/(?<=\.)\s+(?=[A-Z])/);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
  });

  it("names the principals met, not those who only attended (王毅等参加上述活动)", () => {
    for (const locale of locales) {
      const m = model("briefing-note", locale);
      const lead = m.bottomLine.lead as NonNullable<BriefModel["bottomLine"]["lead"]>;
      const guest = lead.engagement.participants.find((p) => p.role === "guest")?.side;
      for (const e of lead.meetings) {
        const host = e.participants.find((p) => p.side !== guest);
        if (!host) continue;
        const attendee = {
          key: "attendee-only",
          name: { en: "Zhang Attendee", zh: "张参会" },
          office: null,
          country: host.person.country,
        };
        e.participants.push({ person: attendee, role: "participant", side: host.side });
      }
      const { html } = renderHtml(m, options(locale));
      const bottom = bodyText(
        /<section class="bottom-line"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "",
      );
      expect(bottom).toContain(locale === "en" ? "Sadyr Japarov" : "扎帕罗夫");
      expect(bottom).not.toContain(locale === "en" ? "Zhang Attendee" : "张参会");
    }
  });

  it("names an engagement with no participants on record without making its title a subject", () => {
    for (const locale of locales) {
      const m = model("briefing-note", locale);
      const lead = m.bottomLine.lead as NonNullable<BriefModel["bottomLine"]["lead"]>;
      for (const e of [lead.engagement, ...lead.meetings]) e.participants = [];
      const text = bodyText(renderHtml(m, options(locale)).html);
      expect(text).toContain(
        locale === "en"
          ? "On 19 November 2025 in Bishkek: Wang Yi visits Kyrgyzstan."
          : "2025年11月19日，比什凯克：王毅访问吉尔吉斯斯坦",
      );
      expect(text).not.toMatch(/took place|举行于/);
    }
  });

  it("reads in Chinese as the article does: 发表 the statement, 签署 the programme, 《》 titles", () => {
    const { html } = renderHtml(model("briefing-note", "zh"), options("zh"));
    const text = bodyText(html);
    expect(text).toContain("发表《中华人民共和国和吉尔吉斯共和国外交部长首次战略对话联合声明》");
    expect(text).toContain("签署《中吉外交部2026—2027年合作纲要》");
    expect(text).toContain("《人民日报》");
    expect(text).toContain("外交部长热恩别克·库鲁巴耶夫");
    expect(text).toContain("非密");
    expect(text).not.toMatch(/UNCLASSIFIED|2份|3次/);
  });

  it("numbers the brief the same in every language and paper size", () => {
    const en = model("briefing-note", "en");
    const zh = model("briefing-note", "zh");
    expect(en.reference).toBe(zh.reference);
    expect(en.reference).toMatch(/^AT-CNKG-BN-20251124-[0-9A-F]{4}$/);
    expect(model("dossier", "en").reference).not.toBe(en.reference);
    expect(renderHtml(en, options("en", { format: "Letter" })).html).toContain(en.reference);
  });

  it("ranks at most six key points and lists what to watch from the data", () => {
    const m = model("briefing-note", "en");
    expect(m.keyPoints.length).toBeGreaterThan(0);
    expect(m.keyPoints.length).toBeLessThanOrEqual(6);
    const kinds = m.watch.map((w) => w.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(["document", "request", "pending", "project", "next-round"]),
    );
    const text = bodyText(renderHtml(m, options("en")).html);
    expect(text).toContain("International Organization for Mediation");
    expect(text).toContain("Strategic dialogue: date of the next round not set.");
  });

  it("says nothing dated after its as-of date", async () => {
    for (const locale of locales) {
      const early = await gather(db, spec("briefing-note", locale, "2020-01-01"));
      const text = bodyText(renderHtml(early, options(locale)).html);
      const years = [...text.matchAll(/(?<!\d)(19|20)\d\d(?!\d)/g)].map((m) => Number(m[0]));
      expect(Math.max(...years)).toBeLessThanOrEqual(2020);
      expect(text).not.toMatch(/Wang Yi|王毅|dialogue|对话|2023/);
      expect(early.engagements).toEqual([]);
      expect(early.partnership.history.map((h) => h.since)).toEqual(["2013-09-11", "2018-06-06"]);
    }
  });
});

describe("dossier", () => {
  it("holds every statement exactly once, with the Chinese original beside the English", async () => {
    const m = model("dossier", "en");
    const { html, contents } = renderHtml(m, options("en"));
    const all = await gather(db, spec("briefing-note", "en"));
    expect(m.statements.length).toBeGreaterThan(30);
    const text = bodyText(html);
    for (const s of m.statements) expect(count(text, s.text.en ?? ""), s.key).toBe(1);
    expect(new Set(m.statements.map((s) => s.key)).size).toBe(m.statements.length);
    expect(m.statements.length).toBeGreaterThanOrEqual(all.keyPoints.length);
    expect(html).toContain('class="orig" lang="zh-CN"');
    expect(contents).toContain("sec-register");
  });
});

describe("a statement that ends in a quotation", () => {
  it('takes no second stop: 。” then the marks, ." then the marks', () => {
    const quoted = {
      en: 'Berdimuhamedov said: "Turkmenistan wants to be China\'s most reliable energy partner in Central Asia."',
      zh: "别尔德穆哈梅多夫说：“土库曼斯坦愿做中国在中亚最可靠的能源合作伙伴。”",
    };
    for (const locale of locales) {
      const m = model("dossier", locale);
      const s = m.statements[0] as Statement;
      s.text = { ...quoted };
      const text = bodyText(renderHtml(m, options(locale)).html);
      if (locale === "zh") {
        expect(text).toContain("能源合作伙伴。”");
        expect(text).not.toMatch(/。”。/);
      } else {
        expect(text).toContain('in Central Asia."');
        expect(text).not.toMatch(/\."\./);
      }
    }
  });
});

describe("weekly-summary", () => {
  it("fits an empty week in a few honest lines", async () => {
    const empty = await gather(db, {
      ...spec("weekly-summary", "en"),
      period: { from: "2025-06-02", to: "2025-06-08" },
    } as BriefSpec);
    const text = bodyText(renderHtml(empty, options("en")).html);
    expect(text).toContain("Nothing is on record between 2 June 2025 and 8 June 2025.");
    // An ISO week says which one it is.
    expect(text).toContain("Period: ISO week 23, 2–8 June 2025");
    const zh = bodyText(
      renderHtml(await gather(db, { ...empty.spec, locale: "zh" }), options("zh")).html,
    );
    expect(zh).toContain("时段：第23周（2025年6月2日至8日）");
    // Statements made since (November) belong to later weeks, whatever the brief's date.
    expect(empty.sections[0]?.keyPoints).toEqual([]);
    expect(empty.sections[0]?.changes?.late.total).toBe(0);
  });

  it("sets a date before its item as each language does, and stops every item of a list alike", () => {
    const section = (html: string, id: string) =>
      bodyText(
        new RegExp(`<section aria-labelledby="${id}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? "",
      );
    const zh = renderHtml(model("weekly-summary", "zh"), options("zh")).html;
    const happened = section(zh, "sec-happened");
    expect(happened).toMatch(/2025年11月19日：\p{Script=Han}/u);
    expect(bodyText(zh)).not.toMatch(/日 \p{Script=Han}/u);
    const changed = /<ul class="changes">([\s\S]*?)<\/ul>/.exec(zh)?.[1] ?? "";
    const items = [...changed.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => bodyText(m[1] ?? ""));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.trim()).toMatch(/。$/);
    const en = renderHtml(model("weekly-summary", "en"), options("en")).html;
    const enChanged = /<ul class="changes">([\s\S]*?)<\/ul>/.exec(en)?.[1] ?? "";
    for (const m of enChanged.matchAll(/<li>([\s\S]*?)<\/li>/g))
      expect(bodyText(m[1] ?? "").trim()).toMatch(/\.$/);
    expect(section(en, "sec-happened")).toContain("19 November 2025 ");
    const projects = section(
      renderHtml(model("dossier", "zh"), options("zh")).html,
      "sec-projects",
    );
    expect(projects).toMatch(/日：\p{Script=Han}/u);
    expect(projects).not.toMatch(/日 \p{Script=Han}/u);
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
    const lead = m.bottomLine.lead as NonNullable<BriefModel["bottomLine"]["lead"]>;
    lead.engagement.title = bad;
    lead.engagement.place = bad;
    const meeting = lead.meetings[0] as BriefModel["engagements"][number];
    (meeting.participants[0] as { person: { name: unknown } }).person.name = bad;
    (m.bottomLine.documents[0] as BriefModel["documents"][number]).title = bad;
    (m.keyPoints[0] as BriefModel["statements"][number]).text = bad;
    (m.sources[0] as BriefModel["sources"][number]).title = bad;
    (m.sources[0] as BriefModel["sources"][number]).url = HOSTILE;
    m.relationship.countries[1].name = bad; // the running header, in CSS
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
    const m = model("dossier", "en");
    delete (m.engagements[0] as Partial<BriefModel["engagements"][number]>).place;
    expect(() => renderHtml(m, options("en"))).toThrowError(TemplateError);
    try {
      renderHtml(m, options("en"));
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      const e = error as TemplateError;
      expect(e.field).toBe("place");
      expect(e.message).toMatch(/template "dossier"/);
      expect(e.message).toMatch(/briefs\/dossier\.hbs/);
      expect(e.message).toContain('missing field "place"');
    }
  });

  it("names a field missing deeper in the model, and an unknown word for a kind", () => {
    const m = model("event-brief", "zh");
    delete (m.sources[0] as Partial<BriefModel["sources"][number]>).publishedOn;
    expect(() => renderHtml(m, options("zh"))).toThrowError(/missing field "publishedOn"/);

    const odd = model("dossier", "en");
    (odd.documents[0] as { kind: string }).kind = "memo";
    expect(() => renderHtml(odd, options("en"))).toThrowError(/no string "documentKind\.memo"/);
  });

  it("rejects an unknown template", () => {
    const m = { ...model("briefing-note", "en"), template: "memo" as TemplateName };
    expect(() => renderHtml(m, options("en"))).toThrowError(/unknown template "memo"/);
    expect(() => templateHash("memo" as TemplateName)).toThrowError(TemplateError);
  });

  it("falls back to the other language when a text is missing in one", () => {
    const m = model("briefing-note", "zh");
    (m.keyPoints[0] as { text: unknown }).text = { en: "Only in English.", zh: null };
    expect(bodyText(renderHtml(m, options("zh")).html)).toContain("Only in English");
  });
});

describe("templates", () => {
  it("lists the files each template is made of", () => {
    const note = templateFiles("briefing-note");
    expect(note).toEqual(
      expect.arrayContaining([
        "briefs/briefing-note.hbs",
        "layouts/main.hbs",
        "partials/bottom-line.hbs",
        "partials/sources.hbs",
        "styles/print.css",
        "locales/en.json",
        "locales/zh.json",
      ]),
    );
    expect(templateFiles("weekly-summary")).not.toContain("partials/bottom-line.hbs");
    expect(templateFiles("event-brief")).not.toContain("briefs/briefing-note.hbs");
  });

  it("hashes them, so that editing any file a template uses changes its hash", () => {
    const root = path.join(tempDir("attache-templates-"), "templates");
    fs.cpSync(TEMPLATES_DIR, root, { recursive: true });
    const before = Object.fromEntries(templates.map((t) => [t, templateHash(t, root)]));
    expect(before["briefing-note"]).toBe(templateHash("briefing-note"));
    expect(new Set(Object.values(before)).size).toBe(4);

    const edit = (rel: string) => fs.appendFileSync(path.join(root, rel), "\n");
    edit("briefs/briefing-note.hbs"); // the briefing note's own file
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

describe("dates as precise as the source", () => {
  it("prints a year, a month or a day in each language", () => {
    const read = (l: Locale) =>
      JSON.parse(
        fs.readFileSync(path.join(TEMPLATES_DIR, "locales", `${l}.json`), "utf8"),
      ) as Strings;
    const en = new Translator("en", read("en"));
    const zh = new Translator("zh", read("zh"));
    expect([en.date("2023"), en.date("2023-05"), en.date("2023-05-18")]).toEqual([
      "2023",
      "May 2023",
      "18 May 2023",
    ]);
    expect([zh.date("2023"), zh.date("2023-05"), zh.date("2023-05-18")]).toEqual([
      "2023年",
      "2023年5月",
      "2023年5月18日",
    ]);
  });

  it("puts a year or a month after 'in' and a day after 'on' (established in 2023)", () => {
    for (const [since, printed] of [
      ["2023", "established in 2023."],
      ["2023-05", "established in May 2023."],
      ["2023-05-18", "established on 18 May 2023."],
    ] as const) {
      const m = model("briefing-note", "en");
      m.bottomLine.lead = null;
      const current = m.partnership.current as NonNullable<BriefModel["partnership"]["current"]>;
      current.since = since;
      current.attested = false;
      expect(bodyText(renderHtml(m, options("en")).html)).toContain(printed);
    }
    const m = model("briefing-note", "en");
    const lead = m.bottomLine.lead as NonNullable<BriefModel["bottomLine"]["lead"]>;
    for (const e of [lead.engagement, ...lead.meetings]) [e.date, e.endDate] = ["2025-11", null];
    expect(bodyText(renderHtml(m, options("en")).html)).toContain("In November 2025 in Bishkek,");
  });
});

describe("targets to watch", () => {
  const watching = (locale: Locale, title: { en: string; zh: string }) => {
    const m = model("briefing-note", locale);
    m.watch = [
      {
        kind: "target",
        target: {
          key: "trade",
          title,
          amount: 20_000_000_000,
          unit: "USD",
          by: "2030",
          status: "agreed",
          cites: [],
        },
      },
    ];
    return bodyText(renderHtml(m, options(locale)).html);
  };

  it("gives the amount as officials write it, the date and what is next in each language", () => {
    const title = { en: "Trade turnover", zh: "贸易额" };
    expect(watching("en", title)).toContain(
      "Trade turnover (USD 20 billion, by 2030): progress to be followed.",
    );
    expect(watching("zh", title)).toContain("贸易额（200亿美元，2030年前）：落实进展有待跟进");
  });

  it("does not repeat what the title says already", () => {
    const title = {
      en: "Bilateral trade of USD 20 billion",
      zh: "力争到2030年双边贸易额达到200亿美元",
    };
    expect(watching("en", title)).toContain(
      "Bilateral trade of USD 20 billion (by 2030): progress to be followed.",
    );
    expect(watching("zh", title)).toContain(
      "力争到2030年双边贸易额达到200亿美元：落实进展有待跟进",
    );
  });
});

describe("the dossier's targets", () => {
  it("lists every target of the period with the projects", () => {
    const m = model("dossier", "en");
    m.targets = [
      {
        key: "trade",
        title: { en: "Trade turnover", zh: "贸易额" },
        amount: null,
        unit: null,
        by: "at_an_early_date",
        status: "proposed",
        cites: [],
      },
    ];
    expect(bodyText(renderHtml(m, options("en")).html)).toContain(
      "Trade turnover (at an early date): proposed.",
    );
  });
});

describe("sources", () => {
  it("give the paragraphs the printed facts come from, in each language's style", () => {
    const en = bodyText(renderHtml(model("briefing-note", "en"), options("en")).html);
    const zh = bodyText(renderHtml(model("briefing-note", "zh"), options("zh")).html);
    expect(en).toMatch(/Kyrgyz President Japarov meets Wang Yi\], paras\. 1–4\./);
    expect(en).toMatch(/strategic dialogue held\], paras\. 1, 5–7\./);
    expect(en).toMatch(/Strategic Partnership\], title\./);
    expect(zh).toMatch(/《吉尔吉斯斯坦总统扎帕罗夫会见王毅》，第1至4段。/);
    expect(zh).toMatch(/《中吉外长首次战略对话成功举行》，第1、5至7段。/);
    expect(zh).toMatch(/》，标题。/);
  });

  it("name an agency without 《》 and note a language only where it is not the brief's own", () => {
    const xinhua = { en: "Xinhua News Agency", zh: "新华社" };
    const astana = { en: "The Astana Times", zh: "阿斯塔纳时报" };
    const text = (locale: Locale, english: boolean) => {
      const m = model("briefing-note", locale);
      m.sourcing.publications = [
        { name: xinhua, institution: false, language: "zh" },
        ...(english ? [{ name: astana, institution: false, language: "en" }] : []),
      ];
      for (const s of m.sources) s.publication = xinhua;
      return bodyText(renderHtml(m, options(locale)).html);
    };
    const zh = text("zh", false);
    expect(zh).toMatch(/所引表态均据新华社报道[；。]/);
    expect(zh).toMatch(/\[1\] ?新华社，/);
    expect(zh).not.toContain("《新华社》");
    expect(text("zh", true)).toMatch(/所引表态均据新华社和《阿斯塔纳时报》（英文）报道[；。]/);
    expect(text("en", false)).toMatch(
      /Statements are cited as reported by Xinhua News Agency \(in Chinese\)[;.]/,
    );
  });
});

describe("words a desk officer reads", () => {
  it("never calls an issued document signed in the dossier's timeline", () => {
    for (const [locale, legend, caption] of [
      ["en", "Document signed or issued", "documents signed or issued, by date"],
      ["zh", "签署或发表文件", "签署或发表的文件"],
    ] as const) {
      const { html } = renderHtml(model("dossier", locale), options(locale));
      const figure = /<figure class="timeline">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? "";
      expect(figure).toContain(`>${legend}<`);
      expect(decode(figure)).toContain(caption);
      expect(figure).not.toMatch(/>Document signed<|>签署文件</);
    }
  });

  it("names documents in the Chinese timeline with 《》, and plots no level a source only attests", () => {
    const m = model("dossier", "zh");
    const figure = (mm: BriefModel) =>
      decode(
        /<figure class="timeline">[\s\S]*?<\/figure>/.exec(
          renderHtml(mm, options("zh")).html,
        )?.[0] ?? "",
      );
    expect(figure(m)).toContain("《中华人民共和国和吉尔吉斯共和国外交部长");
    const step = m.partnership.history.at(-1) as BriefModel["partnership"]["history"][number];
    const label = step.label.zh;
    expect(figure(m)).toContain(label.slice(0, 6));
    step.attested = true;
    expect(figure(m)).not.toContain(label.slice(0, 6));
  });

  it("says which round a dialogue was, in words", () => {
    for (const [locale, words] of [
      ["en", "held the third strategic dialogue with"],
      ["zh", "举行第三轮战略对话"],
    ] as const) {
      const m = model("briefing-note", locale);
      const lead = m.bottomLine.lead;
      const dialogue = lead?.meetings.find((e) => e.type.key === "strategic_dialogue");
      if (!dialogue) throw new Error("the seeded lead has a strategic dialogue");
      dialogue.firstOfKind = false;
      dialogue.ordinal = 3;
      const bottom = bodyText(
        /<section class="bottom-line"[\s\S]*?<\/section>/.exec(
          renderHtml(m, options(locale)).html,
        )?.[0] ?? "",
      );
      expect(bottom).toContain(words);
    }
  });

  it("tells a reception alone as it is announced: the host receives the guest", () => {
    for (const [locale, words] of [
      [
        "en",
        "On 19 November 2025 in Bishkek, President of the Kyrgyz Republic Sadyr Japarov (萨德尔·扎帕罗夫) received China's Minister of Foreign Affairs Wang Yi (王毅).",
      ],
      ["zh", "2025年11月19日，吉尔吉斯斯坦总统萨德尔·扎帕罗夫在比什凯克会见中国外交部长王毅。"],
    ] as const) {
      const m = model("briefing-note", locale);
      const reception = m.engagements.find((e) => e.type.key === "meeting");
      if (!reception || !m.bottomLine.lead) throw new Error("the seeded visit has a reception");
      m.bottomLine.lead = { engagement: reception, meetings: [reception] };
      const bottom = bodyText(
        /<section class="bottom-line"[\s\S]*?<\/section>/.exec(
          renderHtml(m, options(locale)).html,
        )?.[0] ?? "",
      );
      expect(bottom).toContain(words);
    }
  });

  it("names who said what in the bottom line and the key points, once for a run of their words", () => {
    const en = bodyText(renderHtml(model("briefing-note", "en"), options("en")).html);
    expect(en).toContain(
      "Wang Yi reaffirmed that China will, as always, support Kyrgyzstan in safeguarding its sovereignty, independence and territorial integrity; China opposes interference",
    );
    expect(en).toContain(
      "Kulubaev reaffirmed that Kyrgyzstan will continue to firmly support China",
    );
    // The source's reporting verb (强调), not "said" for every one.
    expect(en).toContain("Wang Yi stressed that China supports Kyrgyzstan in speeding up");
    expect(en).toContain("Japarov said that in the field of security, Kyrgyzstan committed");
    // A text that names its speaker already is not given the name again.
    expect(en).toContain("Japarov singled out advancing construction");
    expect(en).not.toMatch(/Japarov said Japarov|Kulubaev said Kulubaev/);
    const zh = bodyText(renderHtml(model("briefing-note", "zh"), options("zh")).html);
    expect(zh).toContain(
      "王毅重申，中方将一如既往支持吉方维护主权、独立和领土完整；中方反对任何势力",
    );
    expect(zh).toContain("库鲁巴耶夫重申，吉方将继续在涉疆");
    expect(zh).toContain("王毅强调，中方支持吉方加快实现国家振兴");
    // The dossier's register names each speaker under the statement, not again before it.
    const register = bodyText(renderHtml(model("dossier", "en"), options("en")).html);
    expect(register).toContain(
      "China opposes interference by any force in Kyrgyzstan's internal affairs. “反对任何势力干涉吉方内政”— Wang Yi",
    );
  });

  it("quotes in What to watch only what the brief has not printed before", () => {
    const m = model("briefing-note", "en");
    const sco = m.watch.find((w) => w.kind === "request" && w.topic.key === "sco_chairmanship");
    if (sco?.kind !== "request")
      throw new Error("the seed asks for support of the SCO chairmanship");
    // China's support is a key point: the watch names it without quoting it again.
    expect(sco.shown).toEqual({ requests: false, responses: true });
    const watchText = () =>
      bodyText(
        /<section aria-labelledby="sec-watch">[\s\S]*?<\/section>/.exec(
          renderHtml(m, options("en")).html,
        )?.[0] ?? "",
      );
    expect(watchText()).toContain("SCO chairmanship: follow-through on China's support.");
    sco.shown.responses = false;
    expect(watchText()).toContain(
      "SCO chairmanship: follow-through on China's support (China fully supports Kyrgyzstan's work as rotating chair of the Shanghai Cooperation Organisation).",
    );
  });

  it("words what to watch as a diplomat does, in the note, the event brief and the dossier", () => {
    const expected = {
      en: [
        "Implementation of the Cooperation Programme between the Ministries of Foreign Affairs of China and Kyrgyzstan for 2026–2027.",
        "Connectivity: Kyrgyzstan hopes to strengthen cooperation in key areas such as civil aviation, logistics and border ports, to raise the level of connectivity.",
        "SCO chairmanship: follow-through on China's support.",
        "Membership of the International Organization for Mediation: no decision announced by Kyrgyzstan.",
        // No status on record: nothing presumed (it may be operating), only what follows.
        "China–Kyrgyzstan–Uzbekistan railway: further developments to be followed.",
        "Strategic dialogue: date of the next round not set.",
      ],
      zh: [
        "《中吉外交部2026—2027年合作纲要》的落实。",
        "互联互通：吉方希望加强民航、物流、口岸等重点领域合作，以提升互联互通水平。",
        "上海合作组织轮值主席国：中方支持的落实情况。",
        "加入国际调解院：吉方尚未作出决定。",
        "中吉乌铁路：后续进展有待跟进。",
        "战略对话：下一轮时间尚未确定。",
      ],
    };
    for (const template of ["briefing-note", "event-brief", "dossier"] as const) {
      for (const locale of locales) {
        const { html } = renderHtml(model(template, locale), options(locale));
        const watch = bodyText(
          /<section aria-labelledby="sec-watch">[\s\S]*?<\/section>/.exec(html)?.[0] ?? "",
        );
        // The dossier prints the request in its register: its watch names the answer awaited.
        const lines = expected[locale].map((line) =>
          template === "dossier" && line.startsWith(locale === "en" ? "Connectivity" : "互联互通")
            ? locale === "en"
              ? "Connectivity: China's answer to the request from Kyrgyzstan."
              : "互联互通：中方对吉方所提请求的回应。"
            : line,
        );
        for (const line of lines) expect(watch, `${template}/${locale}`).toContain(line);
        expect(watch).not.toMatch(/on record|valid 2026|适用于|尚无|记录/);
      }
    }
    const empty = model("briefing-note", "zh");
    empty.watch = [];
    expect(bodyText(renderHtml(empty, options("zh")).html)).toContain(
      "截至2025年11月24日，暂无待跟进事项。",
    );
  });

  it("prints the dossier's documents, projects and mechanisms as readable prose", () => {
    const en = bodyText(renderHtml(model("dossier", "en"), options("en")).html);
    const zh = bodyText(renderHtml(model("dossier", "zh"), options("zh")).html);
    expect(en).toMatch(/Joint statement\s*Issued 19 November 2025\s*China and Kyrgyzstan/);
    expect(en).toMatch(/Cooperation programme\s*Signed 19 November 2025/);
    expect(zh).toMatch(/联合声明\s*2025年11月19日发表/);
    expect(en).not.toMatch(/, issued|, signed|named by/);
    expect(zh).not.toMatch(/声明，发表|纲要，签署|斯坦提及/);
    expect(en).toContain(
      "Shanghai Cooperation Organisation (SCO): in statements on multilateral coordination and SCO chairmanship",
    );
    expect(zh).toContain("上海合作组织：涉及多边协调和上海合作组织轮值主席国");
    expect(zh).not.toMatch(/（SCO）|（IOMed）/);
    // Citation marks before the Chinese full stop, after the English one.
    const { html } = renderHtml(model("dossier", "zh"), options("zh"));
    expect(html).not.toMatch(/[。；]<sup class="cite">/);
    expect(html).toMatch(/新标杆<sup class="cite">[\s\S]*?<\/sup>。/);
  });

  it("names each participant's country with the office, and keeps names and sides whole", () => {
    const en = bodyText(renderHtml(model("dossier", "en"), options("en")).html);
    const zh = bodyText(renderHtml(model("dossier", "zh"), options("zh")).html);
    expect(en).toContain("Jeenbek Kulubaev (Kyrgyzstan's Minister of Foreign Affairs)");
    expect(en).toContain("Wang Yi (China's Minister of Foreign Affairs)");
    expect(en).toContain("Sadyr Japarov (President of the Kyrgyz Republic)");
    expect(zh).toContain("热恩别克·库鲁巴耶夫（吉尔吉斯斯坦外交部长）");
    const { html } = renderHtml(model("event-brief", "zh"), options("zh"));
    expect(html).toContain('<td class="name">萨德尔·扎帕罗夫</td>');
    expect(html).toContain('<td class="side">吉方</td>');
    expect(html).toContain('<td class="side">中方</td>');
    expect(styleOf(html)).toMatch(/\.person \[lang\] \{\s*white-space: nowrap;/);
    // Citation marks are joined to the word before them: never a line of their own.
    expect(html).toContain('<sup class="cite">\u2060[');
    expect(styleOf(html)).toMatch(
      /table\.participants \.name,\s*table\.participants \.side \{\s*white-space: nowrap;/,
    );
  });

  it("says where relations stand when the period holds no engagement", async () => {
    for (const [locale, expected] of [
      [
        "en",
        "Period: twelve months to 1 January 2020 · Ref.",
        "As of 1 January 2020, China and Kyrgyzstan have a comprehensive strategic partnership, established on 6 June 2018. No engagement between the two countries is on record for the preceding twelve months.",
      ],
      [
        "zh",
        "时段：截至2020年1月1日的十二个月",
        "截至2020年1月1日，中国和吉尔吉斯斯坦关系定位为全面战略伙伴关系（2018年6月6日确立）。此前十二个月内无两国交往记录。",
      ],
    ] as const) {
      const early = await gather(db, spec("briefing-note", locale, "2020-01-01"));
      const text = bodyText(renderHtml(early, options(locale)).html);
      expect(text).toContain(expected[0]);
      expect(text).toContain(expected[1]);
      // The establishment date is known: never the attested wording.
      expect(text).not.toMatch(/2 January 2019|2019年1月2日|not on record|未见记录/);
    }
  });

  it("gives each further fact of a bottom line a sentence of its own", () => {
    for (const template of ["briefing-note", "event-brief"] as const) {
      const { html } = renderHtml(model(template, "en"), options("en"));
      const bottom = bodyText(
        /<section class="bottom-line"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "",
      );
      expect(bottom).toMatch(
        / Kyrgyzstan will actively study joining the International Organization for Mediation\.\s*$/,
      );
      // Not restated in the watch list.
      const watch = bodyText(
        /<section aria-labelledby="sec-watch">[\s\S]*?<\/section>/.exec(html)?.[0] ?? "",
      );
      expect(watch).not.toContain("will actively study");
    }
  });
});

describe("a statement recorded in one language", () => {
  it("is printed as given, stopped as its language stops, and marked untranslated", () => {
    for (const [locale, mark] of [
      ["en", "(Chinese original; no English translation on file)"],
      ["zh", "（英文原文，尚无中文译文）"],
    ] as const) {
      const m = model("briefing-note", locale);
      const point = m.keyPoints[0] as BriefModel["keyPoints"][number];
      const original =
        locale === "en"
          ? { en: null, zh: "双方同意推动双边贸易额早日达到200亿美元。" }
          : { en: "Both sides agreed to raise two-way trade.", zh: null };
      point.text = original;
      point.quote = null;
      const text = bodyText(renderHtml(m, options(locale)).html);
      const printed =
        locale === "en"
          ? "双方同意推动双边贸易额早日达到200亿美元。 (Chinese original; no English translation on file)"
          : "Both sides agreed to raise two-way trade. （英文原文，尚无中文译文）";
      expect(text, locale).toContain(printed);
      expect(text.split(mark).length - 1, locale).toBe(1);
    }
  });
});

describe("statements of the bottom line recorded in one language", () => {
  it("are sentences as given, stopped as Chinese stops, with one note for the paragraph", () => {
    const m = model("briefing-note", "en");
    const groups = m.bottomLine.statements;
    expect(groups.length).toBeGreaterThan(0);
    const zh = ["双方同意加快推进中吉乌铁路项目。", "中方愿同吉方扩大贸易规模。"];
    groups.flat().forEach((s, i) => {
      s.text = { en: null, zh: zh[i % 2] as string };
    });
    const html = renderHtml(m, options("en")).html;
    const bottom = bodyText(
      /<section class="bottom-line"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "",
    );
    expect(bottom).toContain("双方同意加快推进中吉乌铁路项目。 中方愿同吉方扩大贸易规模。");
    expect(bottom).not.toMatch(/项目\./);
    expect(bottom.split("(Chinese original; no English translation on file)").length - 1).toBe(1);
  });
});

describe("a title recorded in one language", () => {
  it("is printed as given and marked as the original, after a document's 《》", () => {
    const cases = [
      ["en", { en: null, zh: "中吉外长战略对话" }, { en: null, zh: "联合声明" }],
      ["zh", { en: "Strategic dialogue", zh: null }, { en: "Joint Statement", zh: null }],
    ] as const;
    for (const [locale, eventTitle, documentTitle] of cases) {
      const m = model("dossier", locale);
      const event = m.engagements[0] as BriefModel["engagements"][number];
      const document = m.documents[0] as BriefModel["documents"][number];
      event.title = { ...eventTitle };
      document.title = { ...documentTitle };
      const text = bodyText(renderHtml(m, options(locale)).html);
      if (locale === "en") {
        expect(text).toContain("中吉外长战略对话 (Chinese original)");
        expect(text).toContain("联合声明 (Chinese original)");
      } else {
        expect(text).toContain("Strategic dialogue（英文原文）");
        expect(text).toContain("《Joint Statement》（英文原文）");
        expect(text).not.toContain("Joint Statement（英文原文）》");
      }
    }
  });
});

describe("a statement with its Chinese words", () => {
  it("prints them once, as given: not again beside an untranslated text, never marked inside quotes", () => {
    const m = model("dossier", "en");
    const [translated, untranslated] = m.statements as [Statement, Statement];
    translated.quote = { en: null, zh: "中方愿同吉方一道" };
    untranslated.text = { en: null, zh: "双方同意加快推进中吉乌铁路项目。" };
    untranslated.quote = { en: null, zh: "同意加快推进中吉乌铁路项目" };
    const text = bodyText(renderHtml(m, options("en")).html);
    expect(text).toContain("“中方愿同吉方一道”");
    expect(text).not.toContain("(Chinese original)”");
    expect(text).not.toContain("“同意加快推进中吉乌铁路项目");
  });
});
