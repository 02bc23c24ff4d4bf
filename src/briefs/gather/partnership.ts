// The partnership ladder as of the brief's date: each step with the change it made.
import { isOnOrBefore } from "../../domain/partial-date.ts";
import { describeChanges } from "../../domain/partnership-ladder.ts";
import type { BriefModel } from "../model.ts";
import { citesOf, type GatherContext, known, pair } from "./context.ts";

export async function partnership(context: GatherContext): Promise<BriefModel["partnership"]> {
  const rows = await context.db.query.partnerships.findMany({
    where: { relationshipId: context.relationship.id },
    with: {
      level: { columns: { key: true, rank: true, labelEn: true, labelZh: true } },
      citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } },
    },
  });
  // An attested step is known from a source of that date; its establishment date is unknown.
  const history = describeChanges(
    known(
      rows
        .map((p) => ({ p, since: (p.since ?? p.attestedOn) as string }))
        .filter(({ since }) => isOnOrBefore(since, context.spec.asOf))
        .map(({ p, since }) => ({
          level: p.level.key,
          rank: p.level.rank,
          label: pair(p.level.labelEn, p.level.labelZh),
          since,
          attested: p.since === null,
          cites: citesOf(context, p.citations),
        })),
    ),
  );
  return { current: history.at(-1) ?? null, history };
}
