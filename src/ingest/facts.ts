// Partnership levels and targets named in the text. A level the report only mentions is attested
// on the publication date; one the report says was established or raised (宣布…提升为, 2016年建立)
// gets that date. A target is an amount (亿美元, 亿元) with 目标 or 力争.
import { partnershipLadder } from "../domain/partnership-ladder.ts";
import type { Article } from "./article.ts";
import { findDates } from "./dates.ts";
import type { FoundEvent } from "./events.ts";
import type { Sentence } from "./segment.ts";

export type FoundLevel = {
  label: string;
  level?: string;
  since?: string;
  attestedOn?: string;
  sentence: Sentence;
  review: string[];
};

export type FoundTarget = {
  title: string;
  amount: number;
  unit: string;
  by?: string;
  status: "proposed" | "agreed" | "met";
  sentence: Sentence;
  review: string[];
};

/** What may stand before a level's name without being part of it: 推动中吉, 两国, 提升为. */
const LEVEL_PREFIX = /^.*(为|的|化|立|展|动|国|“|进|推|建|升|续|持|在|和|与|同|是|将)/;

export function findLevels(article: Article, events: FoundEvent[]): FoundLevel[] {
  const known = [
    ...article.stored.levels.filter((l) => l.zh),
    ...partnershipLadder.map((l) => ({ key: l.key, zh: l.zh })),
  ];
  const found: FoundLevel[] = [];
  for (const p of article.paragraphs) {
    for (const s of p.sentences) {
      for (const m of s.text.matchAll(/[\u4e00-\u9fff“]{0,16}伙伴关系/g)) {
        let label = m[0].replace(LEVEL_PREFIX, "");
        for (const pairForm of label.match(/^(.)(.)/) ? [label.slice(0, 2)] : []) {
          if (article.gazetteer.pair(pairForm)) label = label.slice(2);
        }
        if (label.length < 4 || !/战略|合作|友好|全面|全天候|永久/.test(label)) continue;
        if (found.some((f) => f.label === label)) continue;
        const level = known.find((k) => k.zh === label)?.key;
        const review: string[] = [];
        if (!level)
          review.push(
            `"${label}" is not on the partnership ladder: add the level, or map it to one`,
          );
        const upgrade = /宣布.{0,12}(提升为|建立|发展)|决定.{0,6}(提升为|建立|发展)/.test(s.text);
        const year = /(\d{4})年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:建立|提升为|升级为)/.exec(s.text);
        const event =
          events.find((e) => e.sentences.includes(s)) ?? events.find((e) => e.para === p.para);
        let since: string | undefined;
        if (year) since = findDates(year[0], article.published)[0]?.date ?? year[1];
        else if (upgrade && event) since = event.date;
        found.push({
          label,
          level,
          since,
          attestedOn: since ? undefined : article.published,
          sentence: s,
          review,
        });
      }
    }
  }
  return found;
}

const AMOUNT = /(\d+(?:\.\d+)?)\s*(万亿|亿)(美元|元人民币|元|人民币)/;

export function findTargets(article: Article): FoundTarget[] {
  const targets: FoundTarget[] = [];
  for (const p of article.paragraphs) {
    for (const s of p.sentences) {
      const m = AMOUNT.exec(s.text);
      if (!m || !/目标|力争|争取/.test(s.text)) continue;
      const amount = Number(m[1]) * (m[2] === "万亿" ? 1e12 : 1e8);
      const unit = m[3] === "美元" ? "USD" : "CNY";
      const year = /(\d{4})年(前|底|以前)?/.exec(s.text.slice(Math.max(0, (m.index ?? 0) - 20)));
      const by = /早日|尽早|尽快/.test(s.text) ? "at_an_early_date" : year?.[1];
      const met = /提前.{0,6}实现|已经实现|已实现|实现了/.test(s.text);
      const clause = s.text.split(/[，；]/).find((c) => AMOUNT.test(c)) ?? s.text;
      targets.push({
        title: clause.replace(/[。]$/, ""),
        amount,
        unit,
        by,
        status: met ? "met" : /双方|两国/.test(s.text) ? "agreed" : "proposed",
        sentence: s,
        review: ["status and deadline read from the wording: check them"],
      });
    }
  }
  return targets;
}
