// A level a source only mentions is printed as attested on that source's date, never as
// established "since" it: nothing invents an establishment date.
import { describe, expect, it } from "vitest";
import { gather } from "../../src/briefs/gather.ts";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { importDataset } from "../../src/dataset/write.ts";
import { renderHtml } from "../../src/render/html.ts";
import { createTestDb } from "../support/db.ts";

const { db } = createTestDb();
await importDataset(
  db,
  [
    parseDatasetText(
      "uz.yaml",
      `format: 2
sources:
  - key: mfa-2025-11-21-cn-uz
    publication: { en: Ministry of Foreign Affairs of China, zh: 中华人民共和国外交部 }
    title: { zh: 中乌外长第二次战略对话 }
    language: zh
    publishedOn: 2025-11-21
relationships:
  - between: [CN, UZ]
    partnerships:
      - { level: comprehensive_strategic_partnership, since: 2016-06-22, sources: [mfa-2025-11-21-cn-uz] }
      - { level: all_weather_comprehensive_strategic_partnership_new_era, attestedOn: 2025-11-21, sources: [mfa-2025-11-21-cn-uz] }
`,
    ),
  ],
  { actor: "test" },
);

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");

describe("an attested partnership level", () => {
  it.each(["en", "zh"] as const)("reads as attested in a note (%s)", async (locale) => {
    const model = await gather(db, {
      template: "briefing-note",
      between: ["CN", "UZ"],
      period: { from: "2024-11-25", to: "2025-11-24" },
      asOf: "2025-11-24",
      locale,
      format: "A4",
    });
    const page = text(
      renderHtml(model, { locale, format: "A4", classification: null, drafter: null }).html,
    );
    if (locale === "en") {
      expect(page).toContain("as a source of 21 November 2025 gives it");
      expect(page).not.toContain("since 21 November 2025");
      expect(page).toContain("comprehensive strategic partnership (2016)");
    } else {
      expect(page).toContain("据2025年11月21日的报道为现行定位（建立日期未见记录）");
      expect(page).not.toContain("自2025年11月21日起");
    }
  });
});

describe("a statement made outside any engagement", () => {
  it("is in the note and the dossier of its period", async () => {
    await importDataset(
      db,
      [
        parseDatasetText(
          "joint.yaml",
          `format: 2
statements:
  - key: cn-uz-agree-trade-2025-11-21
    between: [CN, UZ]
    side: joint
    kind: agreement
    date: 2025-11-21
    topics: [trade_investment]
    text: { en: "The two sides agreed to raise bilateral trade to USD 20 billion at an early date.", zh: 双方同意推动双边贸易额早日达到200亿美元。 }
    sources: [mfa-2025-11-21-cn-uz]
`,
        ),
      ],
      { actor: "test" },
    );
    for (const template of ["briefing-note", "dossier"] as const) {
      const model = await gather(db, {
        template,
        between: ["CN", "UZ"],
        period: { from: "2024-11-25", to: "2025-11-24" },
        asOf: "2025-11-24",
        locale: "en",
        format: "A4",
      });
      const page = text(
        renderHtml(model, { locale: "en", format: "A4", classification: null, drafter: null }).html,
      );
      expect(page).toContain("raise bilateral trade to USD 20 billion");
    }
  });
});
