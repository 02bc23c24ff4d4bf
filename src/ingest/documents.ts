// Documents from 《…》 titles: the verb before the title gives the action (签署 signed, 发表
// issued, 通过 adopted, 宣布 announced), the end of the title the kind (联合声明, 谅解备忘录 …),
// the clause ("对话后", "会谈后") the event it came out of. Years in the title (2026—2027年)
// are its validity, sourced by the title itself.
import type { Article } from "./article.ts";
import type { DocumentAction, DocumentKind } from "./draft.ts";
import type { FoundEvent } from "./events.ts";
import { documentActions, documentKindsByTitle } from "./lexicon/vocabulary.ts";
import type { Sentence } from "./segment.ts";

export type FoundDocument = {
  title: string;
  kind: DocumentKind;
  action: DocumentAction;
  event?: FoundEvent;
  validFrom?: string;
  validTo?: string;
  sentence: Sentence;
  review: string[];
};

const AFTER_EVENT: { words: RegExp; type: string }[] = [
  { words: /对话(后|期间|中)/, type: "strategic_dialogue" },
  { words: /会谈(后|期间|中)/, type: "talks" },
  { words: /会见(后|期间|中)|会晤(后|期间|中)/, type: "meeting" },
  { words: /通话(后|中)/, type: "phone_call" },
];

export function findDocuments(article: Article, events: FoundEvent[]): FoundDocument[] {
  const documents: FoundDocument[] = [];
  for (const p of article.paragraphs) {
    if (p.heading) continue;
    for (const s of p.sentences) {
      for (const m of s.text.matchAll(/《([^》]{4,120})》/g)) {
        const title = m[1] as string;
        const kind = documentKindsByTitle.find((k) => k.words.test(title))?.kind;
        if (!kind) continue;
        const before = s.text.slice(0, m.index);
        // The verb nearest the title, within its clause and the clauses joined by 并/和.
        const verbs = documentActions
          .map((a) => ({ action: a.action, at: lastMatch(before, a.words) }))
          .filter((v) => v.at >= 0)
          .sort((a, b) => b.at - a.at);
        const action = verbs[0]?.action;
        if (!action) continue;
        if (documents.some((d) => d.title === title)) continue;
        const review: string[] = [];
        const after = AFTER_EVENT.find((a) => a.words.test(before));
        const earlier = events.filter((e) => e.para <= p.para);
        const event =
          (after ? [...earlier].reverse().find((e) => e.type === after.type) : undefined) ??
          earlier.filter((e) => e.type !== "visit").at(-1) ??
          events.find((e) => e.type !== "visit");
        if (!event)
          review.push("no event found for this document: add `event` if it came out of one");
        else if (!after) review.push("event taken as the last one reported before the document");
        const years = /(\d{4})\s*[—–\-至到]\s*(\d{4})\s*年/.exec(title);
        documents.push({
          title,
          kind,
          action,
          event,
          validFrom: years?.[1],
          validTo: years?.[2],
          sentence: s,
          review,
        });
      }
    }
  }
  return documents;
}

function lastMatch(text: string, re: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(new RegExp(re.source, "g"))) at = m.index ?? at;
  return at;
}
