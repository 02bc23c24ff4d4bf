// The partnership ladder as of the brief's date: each step with the change it made.
import { describeChanges } from "../../domain/partnership-ladder.ts";
import type { BriefModel } from "../model.ts";
import { citesOf, type GatherContext, pair } from "./context.ts";

export async function partnership(context: GatherContext): Promise<BriefModel["partnership"]> {
  const rows = await context.db.query.partnerships.findMany({
    where: { relationshipId: context.relationship.id, since: { lte: context.spec.asOf } },
    orderBy: { since: "asc" },
    with: { citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } } },
  });
  const history = describeChanges(
    rows.map((p) => ({
      level: p.level,
      rank: p.rank,
      label: pair(p.labelEn, p.labelZh),
      since: p.since,
      cites: citesOf(context, p.citations),
    })),
  );
  return { current: history.at(-1) ?? null, history };
}
