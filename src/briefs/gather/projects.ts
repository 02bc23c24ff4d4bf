// Projects of the two countries mentioned in the period (an event brief: at its meetings).
import type { Engagement, ProjectBrief } from "../model.ts";
import { citesOf, type GatherContext, known, maybe, pair } from "./context.ts";
import { reportedTo } from "./engagements.ts";

export async function projects(
  context: GatherContext,
  engagements: Engagement[],
): Promise<ProjectBrief[]> {
  const { spec, relationship } = context;
  const eventKeys = new Set(engagements.map((e) => e.key));
  const rows = await context.db.query.projects.findMany({
    where: {
      AND: [
        { countries: { id: relationship.countryAId } },
        { countries: { id: relationship.countryBId } },
      ],
    },
    orderBy: { key: "asc" },
    with: {
      countries: { columns: { code: true } },
      statusHistory: {
        where: { dateTo: { lte: spec.asOf } },
        orderBy: { dateFrom: "desc", id: "desc" },
        limit: 1,
        columns: { status: true, date: true },
      },
      mentions: {
        where: { dateTo: { gte: spec.period.from, lte: reportedTo(context) } },
        orderBy: { dateFrom: "asc", id: "asc" },
        with: {
          event: { columns: { key: true } },
          citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } },
        },
      },
    },
  });
  return rows
    .map((p) => {
      const mentions = p.mentions.filter(
        (m) => context.event === null || (m.event !== null && eventKeys.has(m.event.key)),
      );
      return {
        key: p.key,
        name: pair(p.nameEn, p.nameZh),
        // The latest status step dated on or before the brief's date; none on record: unknown.
        status: p.statusHistory[0]?.status ?? null,
        statusSince: p.statusHistory[0]?.date ?? null,
        countries: p.countries.map((c) => c.code).sort(),
        mentions: known(
          mentions.map((m) => ({
            date: m.date,
            event: m.event?.key ?? null,
            note: maybe(m.noteEn, m.noteZh),
            cites: citesOf(context, m.citations),
          })),
        ),
      };
    })
    .filter((p) => p.mentions.length > 0);
}
