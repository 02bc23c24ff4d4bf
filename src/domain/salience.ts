// How much a fact matters to a reader of a brief: one pure score, so that the bottom line, the
// key points and the outlook pick the same facts in every language and paper size.
//
// The order follows what a desk officer leads with: something new (a first-of-its-kind mechanism,
// a change of partnership level, a document), then what each side said on the other's core
// interests, then projects and targets, requests made of the other side and multilateral roles,
// then stated willingness and positions, and assessments last.
import type { StatementKind, TopicKind } from "./vocabulary.ts";

export type SalienceFact = {
  type: "engagement" | "document" | "partnership" | "statement" | "project" | "target";
  /** Statement kind (support, commitment, willingness…), document kind or partnership change. */
  kind?: string;
  /** Topic keys and kinds (issue, initiative, cooperation_area). */
  topics?: readonly { key: string; kind: string }[];
  firstOfKind?: boolean;
  /** The fact names a project or a target. */
  project?: boolean;
  /** The fact names an organisation (a multilateral role). */
  organization?: boolean;
  /** A decision still to be taken ("will study joining"). */
  pending?: boolean;
};

/** Topics on which a statement touches a side's core interests. */
export const CORE_INTEREST_TOPICS: ReadonlySet<string> = new Set([
  "one_china",
  "taiwan",
  "xinjiang_tibet_hong_kong",
  "sovereignty",
  "territorial_integrity",
  "non_interference",
]);

const TYPE_BASE: Record<SalienceFact["type"], number> = {
  partnership: 13,
  engagement: 12,
  document: 12,
  target: 8,
  project: 7,
  statement: 0,
};

const STATEMENT_KIND: Record<StatementKind, number> = {
  support: 3,
  opposition: 3,
  agreement: 3,
  commitment: 2.5,
  request: 2,
  willingness: 1.5,
  position: 1.5,
  assessment: 0,
};

const TOPIC_KIND: Record<TopicKind, number> = { issue: 1, initiative: 0.5, cooperation_area: 0 };

export function salience(fact: SalienceFact): number {
  let score = TYPE_BASE[fact.type];
  if (fact.firstOfKind) score += 3;
  if (fact.type === "partnership" && (fact.kind === "upgrade" || fact.kind === "established")) {
    score += 2;
  }
  if (fact.type === "statement") score += STATEMENT_KIND[fact.kind as StatementKind] ?? 1;
  const topics = fact.topics ?? [];
  if (topics.some((t) => CORE_INTEREST_TOPICS.has(t.key))) score += 5;
  score += Math.max(0, ...topics.map((t) => TOPIC_KIND[t.kind as TopicKind] ?? 0));
  if (fact.project) score += 3;
  if (fact.pending) score += 2.5;
  if (fact.organization) score += 2;
  return score;
}

/** The items, most salient first; ties keep their order (the order of the record). */
export function rankBySalience<T>(items: readonly T[], fact: (item: T) => SalienceFact): T[] {
  return items
    .map((item, order) => ({ item, order, score: salience(fact(item)) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((x) => x.item);
}
