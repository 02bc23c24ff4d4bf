// What each side said at the period's engagements (an event brief: at its meetings), up to asOf.
import { and, count, eq, gte, lte } from "drizzle-orm";
import * as t from "../../db/schema.ts";
import type { Engagement, Statement } from "../model.ts";
import { isPending, statementKind } from "./adapters.ts";
import { citesOf, type GatherContext, maybe, pair, personRef, personWith } from "./context.ts";

/** At most this many statements in one brief: the latest; the rest are counted. */
export const MAX_STATEMENTS = 300;

export async function statements(
  context: GatherContext,
  engagements: Engagement[],
): Promise<{ statements: Statement[]; total: number }> {
  if (engagements.length === 0) return { statements: [], total: 0 };
  const { spec } = context;
  const rows = await context.db.query.statements.findMany({
    where:
      spec.template === "event-brief"
        ? { event: { key: { in: engagements.map((e) => e.key) } } }
        : {
            statedOn: { gte: spec.period.from, lte: spec.asOf },
            event: {
              relationshipId: context.relationship.id,
              status: "held",
              startDate: { gte: spec.period.from, lte: spec.asOf },
            },
          },
    orderBy: { statedOn: "desc", id: "desc" },
    limit: MAX_STATEMENTS + 1,
    with: {
      speaker: { with: personWith },
      topic: true,
      organization: true,
      project: { columns: { key: true } },
      event: { columns: { key: true } },
      citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } },
    },
  });
  const kept = rows
    .filter((s) => s.statedOn <= spec.asOf)
    .slice(0, MAX_STATEMENTS)
    .reverse();
  const list = kept.map((s) => ({
    key: s.key,
    side: context.codeOf(s.countryId) ?? "joint",
    kind: statementKind(s),
    date: s.statedOn,
    text: pair(s.textEn, s.textZh),
    quote: s.quoteZh || s.quoteEn ? maybe(s.quoteEn, s.quoteZh) : null,
    speaker: s.speaker ? personRef(context, s.speaker) : null,
    topics: [{ key: s.topic.key, kind: s.topic.kind, name: pair(s.topic.nameEn, s.topic.nameZh) }],
    organizations:
      s.organization && s.organization.kind !== "ministry"
        ? [
            {
              key: s.organization.key,
              name: pair(s.organization.nameEn, s.organization.nameZh),
              abbreviation: s.organization.abbreviation,
            },
          ]
        : [],
    projects: s.project ? [s.project.key] : [],
    event: s.event?.key ?? null,
    pending: isPending(s),
    cites: citesOf(context, s.citations),
  }));
  return {
    statements: list,
    total: rows.length > MAX_STATEMENTS ? await countAll(context) : list.length,
  };
}

/** Statements at the relationship's engagements in the period, when there are too many to list. */
async function countAll(context: GatherContext): Promise<number> {
  const { spec } = context;
  const [row] = await context.db
    .select({ n: count() })
    .from(t.statements)
    .innerJoin(t.events, eq(t.events.id, t.statements.eventId))
    .where(
      and(
        eq(t.events.relationshipId, context.relationship.id),
        gte(t.statements.statedOn, spec.period.from),
        lte(t.statements.statedOn, spec.asOf),
      ),
    );
  return row?.n ?? 0;
}
