// What each side said at the period's engagements (an event brief: at its meetings), up to asOf.
import type { Engagement, Statement } from "../model.ts";
import { isPending } from "./adapters.ts";
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
            relationshipId: context.relationship.id,
            dateTo: { gte: spec.period.from, lte: spec.asOf },
          },
    orderBy: { dateFrom: "asc", id: "asc" },
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
  return rows
    .filter((s) => s.dateTo <= spec.asOf)
    .map((s) => ({
      key: s.key,
      side: context.codeOf(s.sideCountryId) ?? "joint",
      kind: s.kind,
      date: s.date,
      text: pair(s.textEn, s.textZh),
      quote: s.quoteZh || s.quoteEn ? maybe(s.quoteEn, s.quoteZh) : null,
      speaker: s.speaker ? personRef(context, s.speaker) : null,
      topics: s.topics.map((t) => ({ key: t.key, kind: t.kind, name: pair(t.nameEn, t.nameZh) })),
      organizations: s.organizations
        .filter((o) => o.kind !== "ministry")
        .map((o) => ({ key: o.key, name: pair(o.nameEn, o.nameZh), abbreviation: o.abbreviation })),
      projects: s.projects.map((p) => p.key),
      event: s.event?.key ?? null,
      pending: isPending(s),
      cites: citesOf(context, s.citations),
    }));
}
