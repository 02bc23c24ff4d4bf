// The bottom line and the key points: the most salient facts, each used once. Pure.
import { addDays } from "../../domain/dates.ts";
import { sameCity } from "../../domain/places.ts";
import { CORE_INTEREST_TOPICS, rankBySalience, type SalienceFact } from "../../domain/salience.ts";
import type { BriefModel, DocumentFact, Engagement, Lead, Statement } from "../model.ts";

const statementFact = (s: Statement): SalienceFact => ({
  type: "statement",
  kind: s.kind,
  topics: s.topics,
  project: s.projects.length > 0,
  organization: s.organizations.length > 0,
  pending: s.pending,
});

/** The engagement a bottom line leads with: the most salient top-level one, the latest on a tie. */
export function lead(engagements: readonly Engagement[]): Lead | null {
  const children = (e: Engagement) => engagements.filter((c) => c.parent === e.key);
  // Top-level among those given: an event brief on a visit's talks has the talks without the visit.
  const topLevel = (e: Engagement) =>
    e.parent === null || !engagements.some((p) => p.key === e.parent);
  const top = rankBySalience(
    engagements.filter(topLevel).reverse(),
    (e): SalienceFact => ({
      type: "engagement",
      firstOfKind: e.firstOfKind || children(e).some((c) => c.firstOfKind),
    }),
  )[0];
  if (!top) return null;
  const meetings = children(top);
  if (meetings.length > 0) return { engagement: top, meetings };
  return { engagement: top, meetings: sameTrip(top, engagements) };
}

/** Days either side of an engagement within which another with the same person is one trip. */
const TRIP_DAYS = 3;

/**
 * An engagement recorded without its visit, with the others of the same trip: top-level, in the
 * same city, a few days apart, with a participant in common (received by the president on the
 * 26th, the dialogue on the 27th). By date.
 */
function sameTrip(top: Engagement, engagements: readonly Engagement[]): Engagement[] {
  const people = new Set(top.participants.map((p) => p.person.key));
  const near = (e: Engagement) =>
    e.date.length === 10 &&
    top.date.length === 10 &&
    addDays(top.date, -TRIP_DAYS) <= e.date &&
    e.date <= addDays(top.date, TRIP_DAYS);
  return engagements
    .filter(
      (e) =>
        e === top ||
        (e.parent === null &&
          e.status === "held" &&
          near(e) &&
          sameCity(e.place, top.place) &&
          e.participants.some((p) => people.has(p.person.key))),
    )
    .sort((a, b) => a.date.localeCompare(b.date));
}

const MAX_CLAUSES = 3;
/** A bottom line is 3–5 sentences: the lead, the documents, then statements. */
const MAX_SENTENCES = 5;
const MAX_KEY_POINTS = 6;
const primaryTopic = (s: Statement) => s.topics[0]?.key ?? s.key;
const isCore = (s: Statement) => s.topics.some((t) => CORE_INTEREST_TOPICS.has(t.key));

/**
 * Statements for the bottom line (core-interest statements, one sentence per side, then the
 * most salient others, each a sentence of its own, as many as five sentences allow) and the key
 * points after them: one statement per topic, none twice.
 */
export function highlights(
  model: Pick<BriefModel, "engagements" | "documents" | "statements">,
  options: { statementsInBottomLine: boolean; keyPoints: boolean },
): Pick<BriefModel, "bottomLine" | "keyPoints"> {
  const ranked = rankBySalience(model.statements, statementFact);
  const usedTopics = new Set<string>();
  const usedQuotes = new Set<string>();
  const fresh = (s: Statement) =>
    !usedTopics.has(primaryTopic(s)) && !(s.quote?.zh && usedQuotes.has(s.quote.zh));
  const use = (s: Statement) => {
    usedTopics.add(primaryTopic(s));
    if (s.quote?.zh) usedQuotes.add(s.quote.zh);
    return s;
  };
  const sentences: Statement[][] = [];
  if (options.statementsInBottomLine) {
    const sides = [...new Set(ranked.filter(isCore).map((s) => s.side))];
    for (const side of sides) {
      const clauses: Statement[] = [];
      for (const s of ranked.filter((r) => isCore(r) && r.side === side)) {
        if (clauses.length < MAX_CLAUSES && fresh(s)) clauses.push(use(s));
      }
      if (clauses.length > 0) sentences.push(clauses);
    }
    // Unrelated facts are not glued into one sentence: each other statement stands alone.
    const opening = 1 + (leadDocuments(model.documents).length > 0 ? 1 : 0);
    const core = sentences.length;
    const room = Math.max(1, MAX_SENTENCES - opening - core);
    for (const s of ranked.filter((r) => !isCore(r))) {
      if (sentences.length - core < room && fresh(s) && s.kind !== "assessment")
        sentences.push([use(s)]);
    }
  }
  const inBottomLine = new Set(sentences.flat());
  const keyPoints: Statement[] = [];
  if (options.keyPoints) {
    for (const s of ranked) {
      if (keyPoints.length < MAX_KEY_POINTS && !inBottomLine.has(s) && fresh(s))
        keyPoints.push(use(s));
    }
  }
  return {
    bottomLine: {
      lead: lead(model.engagements),
      documents: leadDocuments(model.documents),
      statements: sentences,
    },
    keyPoints,
  };
}

/** At most three documents for a bottom line: the latest, in date order. */
function leadDocuments(documents: readonly DocumentFact[]): DocumentFact[] {
  return documents.slice(-3);
}
