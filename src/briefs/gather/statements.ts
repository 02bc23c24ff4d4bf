// What each side said in the period, at an engagement or not (an event brief: at its meetings),
// up to asOf.
import { and, count, eq, gte, lte } from "drizzle-orm";
import * as t from "../../db/schema.ts";
import type { BriefModel, Engagement, Statement } from "../model.ts";
import { isPending } from "./adapters.ts";
import {
  citesOf,
  type GatherContext,
  known,
  maybe,
  pair,
  personRef,
  personWith,
} from "./context.ts";
import { reportedTo } from "./engagements.ts";

/** At most this many statements in one brief: the latest; the rest are counted. */
const MAX_STATEMENTS = 300;

export async function statements(
  context: GatherContext,
  engagements: Engagement[],
): Promise<{ statements: Statement[]; total: number }> {
  const { spec } = context;
  if (context.event !== null && engagements.length === 0) {
    return { statements: [], total: 0 };
  }
  const rows = await context.db.query.statements.findMany({
    where:
      context.event !== null
        ? { event: { key: { in: engagements.map((e) => e.key) } } }
        : {
            relationshipId: context.relationship.id,
            // Said in the period, never after the brief's date: a summary of a past week as of
            // today reports that week's statements, not those made since.
            dateTo: { gte: spec.period.from, lte: reportedTo(context) },
          },
    orderBy: { dateFrom: "desc", id: "desc" },
    limit: MAX_STATEMENTS + 1,
    with: {
      speaker: { with: personWith },
      topics: { columns: { key: true, kind: true, nameEn: true, nameZh: true } },
      organizations: {
        columns: { key: true, kind: true, nameEn: true, nameZh: true, abbreviation: true },
      },
      projects: { columns: { key: true } },
      event: { columns: { key: true } },
      citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } },
    },
  });
  const kept = rows
    .filter((s) => s.dateTo <= spec.asOf)
    .slice(0, MAX_STATEMENTS)
    .reverse();
  const list = known(
    kept.map((s) => ({
      key: s.key,
      side: context.codeOf(s.sideCountryId) ?? "joint",
      kind: s.kind,
      date: s.date,
      text: maybe(s.textEn, s.textZh),
      quote: s.quoteZh || s.quoteEn ? maybe(s.quoteEn, s.quoteZh) : null,
      speaker: s.speaker ? personRef(context, s.speaker) : null,
      verb: s.verb,
      topics: s.topics.map((topic) => ({
        key: topic.key,
        kind: topic.kind,
        name: pair(topic.nameEn, topic.nameZh),
      })),
      organizations: s.organizations
        .filter((o) => o.kind !== "ministry")
        .map((o) => ({ key: o.key, name: pair(o.nameEn, o.nameZh), abbreviation: o.abbreviation })),
      projects: s.projects.map((p) => p.key),
      event: s.event?.key ?? null,
      pending: isPending(s),
      cites: citesOf(context, s.citations),
    })),
  );
  return {
    statements: list,
    total: rows.length > MAX_STATEMENTS ? await countAll(context) : list.length,
  };
}

/** The relationship's statements in the period, when there are too many to list. */
async function countAll(context: GatherContext): Promise<number> {
  const { spec } = context;
  const [row] = await context.db
    .select({ n: count() })
    .from(t.statements)
    .where(
      and(
        eq(t.statements.relationshipId, context.relationship.id),
        gte(t.statements.dateTo, spec.period.from),
        lte(t.statements.dateTo, spec.asOf),
      ),
    );
  return row?.n ?? 0;
}

/** The dossier's register: by side (the two countries, then joint), then by topic as first met. */
export function registerOrder(model: BriefModel): Statement[] {
  const sides = [...model.relationship.countries.map((c) => c.code), "joint"];
  const topics = [...new Set(model.statements.map((s) => s.topics[0]?.key ?? ""))];
  return [...model.statements].sort(
    (a, b) =>
      sides.indexOf(a.side) - sides.indexOf(b.side) ||
      topics.indexOf(a.topics[0]?.key ?? "") - topics.indexOf(b.topics[0]?.key ?? ""),
  );
}
