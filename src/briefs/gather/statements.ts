// What each side said at the period's engagements (an event brief: at its meetings), up to asOf.
import type { Engagement, Statement } from "../model.ts";
import { isPending, statementKind } from "./adapters.ts";
import { citesOf, type GatherContext, maybe, pair, personRef, personWith } from "./context.ts";

export async function statements(
  context: GatherContext,
  engagements: Engagement[],
): Promise<Statement[]> {
  if (engagements.length === 0) return [];
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
    orderBy: { statedOn: "asc", id: "asc" },
    with: {
      speaker: { with: personWith },
      topic: true,
      organization: true,
      project: { columns: { key: true } },
      event: { columns: { key: true } },
      citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } },
    },
  });
  return rows
    .filter((s) => s.statedOn <= spec.asOf)
    .map((s) => ({
      key: s.key,
      side: context.codeOf(s.countryId) ?? "joint",
      kind: statementKind(s),
      date: s.statedOn,
      text: pair(s.textEn, s.textZh),
      quote: s.quoteZh || s.quoteEn ? maybe(s.quoteEn, s.quoteZh) : null,
      speaker: s.speaker ? personRef(context, s.speaker) : null,
      topics: [
        { key: s.topic.key, kind: s.topic.kind, name: pair(s.topic.nameEn, s.topic.nameZh) },
      ],
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
}
