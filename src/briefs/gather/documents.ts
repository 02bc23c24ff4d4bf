// Documents issued or signed in the period (an event brief: at its meetings), up to asOf.
import type { DocumentFact, Engagement } from "../model.ts";
import { citesOf, type GatherContext, known, maybe } from "./context.ts";
import { reportedTo } from "./engagements.ts";

export async function documents(
  context: GatherContext,
  engagements: Engagement[],
): Promise<DocumentFact[]> {
  const { spec } = context;
  const rows = await context.db.query.documents.findMany({
    where:
      context.event !== null
        ? { event: { key: { in: engagements.map((e) => e.key) } } }
        : {
            relationshipId: context.relationship.id,
            dateTo: { gte: spec.period.from, lte: reportedTo(context) },
          },
    orderBy: { dateFrom: "asc", id: "asc" },
    with: {
      event: { columns: { key: true } },
      parties: { columns: { code: true } },
      citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } },
    },
  });
  return known(
    rows
      .filter((d) => d.dateTo !== null && d.dateTo <= spec.asOf)
      .map((d) => ({
        key: d.key,
        kind: d.kind,
        action: d.action as DocumentFact["action"],
        title: maybe(d.titleEn, d.titleZh),
        date: d.date,
        validFrom: d.validFrom,
        validTo: d.validTo,
        parties: d.parties.map((c) => c.code).sort(),
        event: d.event?.key ?? null,
        cites: citesOf(context, d.citations),
      })),
  );
}
