// Targets of the relationship known as of the brief's date: set on or before it and reported
// by a source published by then (known).
import { isOnOrBefore } from "../../domain/partial-date.ts";
import type { TargetFact } from "../model.ts";
import { citesOf, type GatherContext, known, maybe } from "./context.ts";

export async function targets(context: GatherContext): Promise<TargetFact[]> {
  const { spec } = context;
  const rows = await context.db.query.targets.findMany({
    where: { relationshipId: context.relationship.id },
    orderBy: { dateFrom: "asc", id: "asc" },
    with: {
      citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } },
    },
  });
  return known(
    rows
      // Set by the brief's date; an undated one, once a source has reported it (known).
      .filter((t) => !t.date || isOnOrBefore(t.date, spec.asOf))
      .map((t) => ({
        key: t.key,
        title: maybe(t.titleEn, t.titleZh),
        amount: t.amount,
        unit: t.unit,
        by: t.byDate ?? t.byNote,
        status: t.status,
        cites: citesOf(context, t.citations),
      })),
  );
}
