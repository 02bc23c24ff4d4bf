// Rules that the six annotated reports exercise little: targets, levels established or only
// attested, short names and side forms, the visit that comprises meetings.
import { describe, expect, it } from "vitest";
import { readDatasetFile } from "../../src/dataset/load.ts";
import { draftFromArticle } from "../../src/ingest/draft-article.ts";
import { emptyStore, storedFromDataset } from "../../src/ingest/stored.ts";

/** The reference data a new database holds: the ladder of partnership levels among it. */
const reference = storedFromDataset(
  readDatasetFile(new URL("../../seeds/00-reference.yaml", import.meta.url).pathname).data,
);

const draft = (text: string, publishedOn = "2025-11-22", stored = emptyStore()) =>
  draftFromArticle({ text, publication: "新华社", publishedOn }, stored);

describe("targets", () => {
  it("drafts an amount with 目标 or 力争, its currency, deadline and status", () => {
    const d = draft(
      "王毅会见乌兹别克斯坦外长\n\n11月21日，外交部长王毅在塔什干会见乌兹别克斯坦外长赛义多夫。\n\n王毅表示，双方要力争早日实现200亿美元贸易额目标。",
    );
    expect(d.file.targets).toEqual([
      expect.objectContaining({
        between: ["CN", "UZ"],
        amount: 20_000_000_000,
        unit: "USD",
        by: "at_an_early_date",
        status: "agreed",
        statements: [d.file.statements?.[0]?.key],
      }),
    ]);
  });
});

describe("partnership levels", () => {
  it("attests a level the report only names, on the publication date", () => {
    const d = draft(
      "王毅表示，中方愿同吉方一道，不断丰富中吉新时代全面战略伙伴关系的内涵。",
      "2025-11-20",
      reference,
    );
    expect(d.file.relationships?.[0]?.partnerships).toEqual([
      expect.objectContaining({
        level: "comprehensive_strategic_partnership_new_era",
        attestedOn: "2025-11-20",
      }),
    ]);
  });
  it("dates a level the report says was established in a given year", () => {
    const d = draft(
      "法耶表示，塞中2016年建立全面战略伙伴关系以来，双方合作不断取得进展。",
      "2024-09-04",
      reference,
    );
    expect(d.file.relationships?.[0]?.partnerships?.[0]).toMatchObject({ since: "2016" });
  });
  it("lists a level the stored ladder lacks for review instead of inventing one", () => {
    const d = draft(
      "赛义多夫表示，两国元首引领乌中关系提升为新时代全天候全面战略伙伴关系。",
      "2025-07-17",
    );
    expect(d.review.join("\n")).toMatch(
      /"新时代全天候全面战略伙伴关系" is not on the partnership ladder/,
    );
  });
});

describe("people and events", () => {
  const stored = storedFromDataset({
    people: [
      { key: "sadyr-japarov", name: { en: "Sadyr Japarov", zh: "萨德尔·扎帕罗夫" }, country: "KG" },
      { key: "wang-yi", name: { en: "Wang Yi", zh: "王毅" }, country: "CN" },
    ],
  });
  const text =
    "标题\n\n外交部长王毅于11月19日访问吉尔吉斯斯坦，与吉尔吉斯斯坦总统扎帕罗夫举行会见。\n\n扎帕罗夫总统表示，吉方愿与中方扩大贸易规模。";

  it("knows a stored person by the short name and composes English titles from known names", () => {
    const d = draft(text, "2025-11-20", stored);
    expect(d.file.people).toBeUndefined();
    const [visit, meeting] = d.file.events ?? [];
    expect(visit).toMatchObject({
      type: "visit",
      host: "KG",
      title: { en: "Wang Yi visits Kyrgyzstan" },
    });
    expect(meeting).toMatchObject({
      type: "meeting",
      parent: visit?.key,
      title: { en: "Sadyr Japarov meets Wang Yi", zh: "扎帕罗夫会见王毅" },
      participants: [
        { person: "wang-yi", role: "guest", side: "CN" },
        { person: "sadyr-japarov", role: "host", side: "KG" },
      ],
    });
    expect(d.file.statements?.[0]).toMatchObject({
      side: "KG",
      speaker: "sadyr-japarov",
      kind: "willingness",
      event: meeting?.key,
    });
  });

  it("drafts nothing but the source for an English text, and says why", () => {
    const d = draft(
      "Wang Yi met Kyrgyz President Sadyr Japarov in Bishkek on 19 November and the two sides agreed to deepen cooperation.",
    );
    expect(Object.keys(d.file)).toEqual(["format", "sources"]);
    expect(d.review[0]).toMatch(/in English/);
  });
});
