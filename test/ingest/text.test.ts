// Input as it arrives: punctuation normalised, language told apart, bad input refused naming the
// argument at fault.
import { describe, expect, it } from "vitest";
import { Refusal } from "../../src/domain/refusal.ts";
import { findDates } from "../../src/ingest/dates.ts";
import { segment } from "../../src/ingest/segment.ts";
import { articleLanguage, checkArticle, normaliseText } from "../../src/ingest/text.ts";

const input = (over: Partial<Parameters<typeof checkArticle>[0]>) => ({
  text: "王毅表示，中方愿同吉方深化合作，推动两国关系不断发展。",
  publication: "人民日报",
  publishedOn: "2025-11-20",
  ...over,
});

function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("normaliseText", () => {
  it("makes half-width punctuation between Chinese characters full-width, keeping line breaks", () => {
    expect(
      normaliseText("中国外交部长王毅于11月19日访问吉尔吉斯斯坦,与总统会见:\n\n一是(凝聚)共识"),
    ).toBe("中国外交部长王毅于11月19日访问吉尔吉斯斯坦，与总统会见：\n\n一是（凝聚）共识");
  });
  it("leaves punctuation between Latin letters and digits alone", () => {
    expect(normaliseText("SCO, UN: 2026-2027")).toBe("SCO, UN: 2026-2027");
  });
});

describe("articleLanguage", () => {
  it("tells Chinese, English and neither apart", () => {
    expect(articleLanguage("王毅表示，中方愿同吉方深化各领域合作。")).toBe("zh");
    expect(
      articleLanguage(
        "Wang Yi said China is ready to deepen cooperation with Kyrgyzstan in every field.",
      ),
    ).toBe("en");
    expect(articleLanguage("Ван И заявил, что Китай готов углублять сотрудничество.")).toBeNull();
  });
});

describe("checkArticle", () => {
  it("refuses empty text, naming the argument", () => {
    const r = refusal(() => checkArticle(input({ text: "  \n " })));
    expect([r.code, r.argumentName]).toEqual(["BAD_USER_INPUT", "text"]);
  });
  it("refuses text in neither Chinese nor English", () => {
    const r = refusal(() =>
      checkArticle(
        input({ text: "Ван И заявил, что Китай готов углублять сотрудничество с Киргизией." }),
      ),
    );
    expect(r.message).toMatch(/neither Chinese nor English/);
  });
  it("refuses text decoded from bytes that were not UTF-8", () => {
    const text = new TextDecoder().decode(
      Buffer.from([0xcd, 0xf5, 0xd2, 0xe3, 0xb1, 0xed, 0xca, 0xbe]),
    );
    expect(refusal(() => checkArticle(input({ text }))).message).toMatch(/not valid UTF-8/);
  });
  it("refuses a 5 MB paste without reading it", () => {
    const r = refusal(() => checkArticle(input({ text: "中".repeat(5_000_000) })));
    expect(r.message).toMatch(/5,000,000 characters long/);
  });
  it("refuses a missing or impossible publication date, with every problem at once", () => {
    expect(refusal(() => checkArticle(input({ publishedOn: "" }))).argumentName).toBe(
      "publishedOn",
    );
    const r = refusal(() => checkArticle(input({ publishedOn: "2025-11-31", publication: "" })));
    expect(r.problems.map((p) => p.argumentName)).toEqual(["publication", "publishedOn"]);
    expect(r.message).toMatch(/"2025-11-31" is not a calendar date/);
  });
});

describe("findDates", () => {
  const dates = (text: string, published = "2025-11-20") =>
    findDates(text, published).map((d) => d.date);
  it("resolves dates against the publication date, as precise as the words", () => {
    expect(dates("王毅于11月19日抵达比什凯克")).toEqual(["2025-11-19"]);
    expect(dates("2023年11月21日，王毅在北京")).toEqual(["2023-11-21"]);
    expect(dates("首次对话于2023年11月举行")).toEqual(["2023-11"]);
    expect(dates("两国元首今年已三次会晤，去年也曾会晤")).toEqual(["2025", "2024"]);
    expect(dates("上月，双方签署协定")).toEqual(["2025-10"]);
    expect(dates("外长王毅27日在天津同", "2021-07-28")).toEqual(["2021-07-27"]);
  });
  it("puts a month and day later than publication in the year before", () => {
    expect(dates("12月25日，双方通电话", "2025-01-10")).toEqual(["2024-12-25"]);
  });
});

describe("segment", () => {
  it("numbers paragraphs as a reader counts lines and splits sentences outside quotes", () => {
    const paragraphs = segment(
      "标题一行\n\n扎帕罗夫强调，“好邻居。无价宝”是描述。他表示，愿合作。\n参考来源\n1. 链接",
    );
    expect(paragraphs.map((p) => [p.para, p.heading])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(paragraphs[1]?.sentences.map((s) => s.text)).toEqual([
      "扎帕罗夫强调，“好邻居。无价宝”是描述。",
      "他表示，愿合作。",
    ]);
  });
});
