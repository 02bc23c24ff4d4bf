// Targets of the relationship known as of the brief's date: set on or before it, or (undated)
// reported only by sources published by then.
import { isOnOrBefore } from "../../domain/partial-date.ts";
import type { TargetFact } from "../model.ts";
import { citesOf, type GatherContext, maybe } from "./context.ts";

export async function targets(context: GatherContext): Promise<TargetFact[]> {
  const { spec } = context;
  const rows = await context.db.query.targets.findMany({
    where: { relationshipId: context.relationship.id },
    orderBy: { dateFrom: "asc", id: "asc" },
    with: {
      citations: {
        orderBy: { id: "asc" },
        columns: { sourceId: true, locator: true },
        with: { source: { columns: { publishedOn: true } } },
      },
    },
  });
  return rows
    .filter((t) =>
      t.date
        ? isOnOrBefore(t.date, spec.asOf)
        : t.citations.every((c) => c.source.publishedOn <= spec.asOf),
    )
    .map((t) => ({
      key: t.key,
      title: maybe(t.titleEn, t.titleZh),
      amount: t.amount,
      unit: t.unit,
      by: t.byDate ?? t.byNote,
      status: t.status,
      cites: citesOf(context, t.citations),
    }));
}
