// Projects of the two countries mentioned in the period (an event brief: at its meetings).
import type { Engagement, ProjectBrief } from "../model.ts";
import { citesOf, type GatherContext, pair } from "./context.ts";
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
      mentions: {
        where: { mentionedOn: { gte: spec.period.from, lte: reportedTo(context) } },
        orderBy: { mentionedOn: "asc", id: "asc" },
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
        (m) => spec.template !== "event-brief" || (m.event !== null && eventKeys.has(m.event.key)),
      );
      // The status as of the brief: the latest mention that gives one, else the record's own.
      const dated = mentions.filter((m) => m.status).at(-1)?.status ?? null;
      return {
        key: p.key,
        name: pair(p.nameEn, p.nameZh),
        status: dated ?? p.status,
        countries: p.countries.map((c) => c.code).sort(),
        mentions: mentions.map((m) => ({
          date: m.mentionedOn,
          event: m.event?.key ?? null,
          note: pair(m.noteEn, m.noteZh),
          cites: citesOf(context, m.citations),
        })),
      };
    })
    .filter((p) => p.mentions.length > 0);
}
