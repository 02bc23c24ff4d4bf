// Partnership levels and targets named in the text. A level the report only mentions is attested
// on the publication date; one the report says was established or raised (宣布…提升为, 2016年建立)
// gets that date. A target is an amount (亿美元, 亿元) with 目标 or 力争, or one to reach by a year.
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

/** Words that qualify a level (新时代, 全天候, 永久, 全面, 战略, 合作 …): a known level's name with
 * more of them before it is a different, longer level. */
const QUALIFIER = /[新时代全天候永久面战略合协作友好高水平]/;

/** The level named by the words before 伙伴关系 (at `at`): known, or the words themselves. */
function labelAt(text: string, at: number, known: { key: string; zh: string }[]) {
  let start = at;
  while (start > 0 && QUALIFIER.test(text[start - 1] as string)) start--;
  const run = text.slice(start, at + "伙伴关系".length);
  const level = known
    .filter((k) => run.endsWith(k.zh))
    .sort((a, b) => b.zh.length - a.zh.length)[0];
  // The longest known name, unless more qualifiers stand before it.
  if (level && level.zh.length >= run.length) return { label: level.zh, level: level.key };
  return { label: run, level: undefined };
}

export function findLevels(article: Article, events: FoundEvent[]): FoundLevel[] {
  const known = article.stored.levels.filter((l): l is { key: string; zh: string } =>
    Boolean(l.zh),
  );
  const found: FoundLevel[] = [];
  for (const p of article.paragraphs) {
    for (const s of p.sentences) {
      for (const m of s.text.matchAll(/伙伴关系/g)) {
        const { label, level } = labelAt(s.text, m.index ?? 0, known);
        if (label.length < 6 || !/战略|合作|友好/.test(label)) continue;
        if (found.some((f) => f.label === label)) continue;
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

/**
 * An amount to reach by a year (推动双边贸易额在2030年前达到300亿美元, 到2030年突破…) is a target
 * too; one reached in a year past (去年达到…) is not: the year must be a deadline.
 */
function deadlineReach(text: string, amountAt: number): boolean {
  const before = text.slice(0, amountAt);
  return (
    /(?:达到|突破|增至|提升至|提高到)\s*$/.test(before) &&
    /\d{4}年(?:前|底|以前)|到\d{4}年/.test(before)
  );
}

export function findTargets(article: Article): FoundTarget[] {
  const targets: FoundTarget[] = [];
  for (const p of article.paragraphs) {
    for (const s of p.sentences) {
      const m = AMOUNT.exec(s.text);
      if (!m || !(/目标|力争|争取/.test(s.text) || deadlineReach(s.text, m.index))) continue;
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
