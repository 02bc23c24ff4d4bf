import { describe, expect, it } from "vitest";
import { halfWidthNextToHan, normalizeText } from "../../src/domain/zh-text.ts";
import { zhCount, zhOffice, zhTitle } from "../../src/domain/zh-typography.ts";

describe("full-width punctuation beside Chinese", () => {
  it("normalises commas, semicolons, colons and brackets touching Chinese", () => {
    expect(normalizeText("中方永远是吉方可信赖的朋友,可倚重的伙伴")).toBe(
      "中方永远是吉方可信赖的朋友，可倚重的伙伴",
    );
    expect(normalizeText("背景资料:2013年9月11日于比什凯克签署;此后")).toBe(
      "背景资料：2013年9月11日于比什凯克签署；此后",
    );
    expect(normalizeText("担任上海合作组织(SCO)轮值主席国")).toBe(
      "担任上海合作组织（SCO）轮值主席国",
    );
    expect(normalizeText("中方, 吉方")).toBe("中方，吉方");
  });

  it("leaves English, numbers and times alone", () => {
    expect(normalizeText("Met at 10:30, then left (briefly).")).toBe(
      "Met at 10:30, then left (briefly).",
    );
    expect(normalizeText("2026—2027年, 3.5%")).toBe("2026—2027年，3.5%");
  });

  it("finds what is left to fix, on every Chinese page", () => {
    expect(halfWidthNextToHan("中方,吉方")).toHaveLength(1);
    expect(halfWidthNextToHan(normalizeText("中方,吉方(及);中:"))).toEqual([]);
    expect(halfWidthNextToHan("Wang Yi, Kulubaev (Bishkek)")).toEqual([]);
  });
});

describe("titles, counts and offices", () => {
  it("puts titles in 《》 once", () => {
    expect(zhTitle("人民日报")).toBe("《人民日报》");
    expect(zhTitle("《中吉外交部2026—2027年合作纲要》")).toBe("《中吉外交部2026—2027年合作纲要》");
  });

  it("writes small counts as prose does", () => {
    expect(zhCount(1, "份")).toBe("一份");
    expect(zhCount(2, "份")).toBe("两份");
    expect(zhCount(3, "次")).toBe("三次");
    expect(zhCount(12, "项")).toBe("十二项");
    expect(zhCount(40, "项")).toBe("四十项");
    expect(zhCount(150, "项")).toBe("150项");
    expect(() => zhCount(-1, "项")).toThrow(RangeError);
  });

  it("writes offices in full", () => {
    expect(zhOffice("外长")).toBe("外交部长");
    expect(zhOffice("吉尔吉斯斯坦外长")).toBe("吉尔吉斯斯坦外交部长");
    expect(zhOffice("外交部长")).toBe("外交部长");
  });
});
