// Projects of the relationship mentioned in the period (an event brief: at its meetings): those
// that list both countries, and those this relationship's own records refer to — named by its
// statements, or mentioned at its events or (a mention tied to no event) in a source its events
// or statements cite. A project that lists one of the two countries only is not enough.
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import * as t from "../../db/schema.ts";
import type { Engagement, ProjectBrief } from "../model.ts";
import { citesOf, type GatherContext, known, maybe, pair } from "./context.ts";
import { reportedTo } from "./engagements.ts";

/** Mentions tied to the relationship, and the projects its statements name (ids). */
async function referredTo(context: GatherContext) {
  const rel = context.relationship.id;
  const db = context.db;
  const named = await db
    .selectDistinct({ projectId: t.statementProjects.projectId })
    .from(t.statementProjects)
    .innerJoin(t.statements, eq(t.statements.id, t.statementProjects.statementId))
    .where(eq(t.statements.relationshipId, rel));
  // Sources the relationship's events and statements cite.
  const cited = db
    .select({ sourceId: t.citations.sourceId })
    .from(t.citations)
    .leftJoin(t.events, eq(t.events.id, t.citations.eventId))
    .leftJoin(t.statements, eq(t.statements.id, t.citations.statementId))
    .where(or(eq(t.events.relationshipId, rel), eq(t.statements.relationshipId, rel)));
  const mentions = await db
    .selectDistinct({ id: t.projectMentions.id, projectId: t.projectMentions.projectId })
    .from(t.projectMentions)
    .leftJoin(t.events, eq(t.events.id, t.projectMentions.eventId))
    .leftJoin(t.citations, eq(t.citations.projectMentionId, t.projectMentions.id))
    .where(
      or(
        eq(t.events.relationshipId, rel),
        and(isNull(t.projectMentions.eventId), inArray(t.citations.sourceId, cited)),
      ),
    );
  return {
    mentions: new Set(mentions.map((m) => m.id)),
    projects: [...new Set([...named, ...mentions].map((r) => r.projectId))],
  };
}

export async function projects(
  context: GatherContext,
  engagements: Engagement[],
): Promise<ProjectBrief[]> {
  const { spec, relationship } = context;
  const eventKeys = new Set(engagements.map((e) => e.key));
  const ours = await referredTo(context);
  const pairIds = [relationship.countryAId, relationship.countryBId];
  const rows = await context.db.query.projects.findMany({
    where: {
      OR: [
        {
          AND: [
            { countries: { id: relationship.countryAId } },
            { countries: { id: relationship.countryBId } },
          ],
        },
        ...(ours.projects.length > 0 ? [{ id: { in: ours.projects } }] : []),
      ],
    },
    orderBy: { key: "asc" },
    with: {
      countries: { columns: { id: true, code: true } },
      statusHistory: {
        where: { dateTo: { lte: spec.asOf } },
        orderBy: { dateFrom: "desc", id: "desc" },
        columns: { status: true, date: true },
        with: { citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } } },
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
      // A project of both countries: all its mentions; one the relationship refers to: those
      // tied to the relationship (not, say, one at the other country's meeting with a third).
      const both = pairIds.every((id) => p.countries.some((c) => c.id === id));
      const mentions = p.mentions.filter(
        (m) =>
          (both || ours.mentions.has(m.id)) &&
          (context.event === null || (m.event !== null && eventKeys.has(m.event.key))),
      );
      // The latest status step dated on or before the brief's date and known by then (not only
      // from a later source); none: unknown.
      const step = p.statusHistory.find(
        (h) => h.citations.length === 0 || h.citations.some((c) => !context.later.has(c.sourceId)),
      );
      return {
        key: p.key,
        name: pair(p.nameEn, p.nameZh),
        status: step?.status ?? null,
        statusSince: step?.date ?? null,
        statusStep: { cites: step ? citesOf(context, step.citations) : [] },
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
