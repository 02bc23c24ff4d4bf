// Engagements: those held in the period (never after asOf), the one an event brief is about with
// the meetings it comprised, and those scheduled and still to come after the brief's date.

import {
  and,
  type Column,
  eq,
  exists,
  gte,
  inArray,
  lte,
  min,
  notExists,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import * as t from "../../db/schema.ts";
import { BriefInputError } from "../errors.ts";
import type { Engagement } from "../model.ts";
import {
  citesOf,
  type GatherContext,
  known,
  maybe,
  pair,
  personRef,
  personWith,
} from "./context.ts";

const eventWith = {
  type: true,
  parent: { columns: { key: true } },
  participants: {
    orderBy: { position: "asc" },
    with: { person: { with: personWith }, country: { columns: { code: true } } },
  },
  citations: { orderBy: { id: "asc" }, columns: { sourceId: true, locator: true } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof load>>>[number];
const load = (context: GatherContext, where: Record<string, unknown>, limit?: number) =>
  context.db.query.events.findMany({
    where: { relationshipId: context.relationship.id, ...where },
    orderBy: { dateFrom: "asc", id: "asc" },
    with: eventWith,
    ...(limit ? { limit } : {}),
  });

/** The last date a brief reports on: the period's end, or asOf if earlier. */
export const reportedTo = (context: GatherContext) =>
  [context.spec.period.to, context.spec.asOf].sort()[0] as string;

function toEngagements(context: GatherContext, rows: Row[]): Engagement[] {
  return rows.map((e) => ({
    key: e.key,
    date: e.date,
    endDate: e.endDate,
    status: e.status as Engagement["status"],
    type: { key: e.type.key, label: pair(e.type.labelEn, e.type.labelZh) },
    place: maybe(e.placeEn, e.placeZh),
    title: maybe(e.titleEn, e.titleZh),
    hostCountry: context.codeOf(e.hostCountryId),
    firstOfKind: e.firstOfKind,
    ordinal: e.ordinal ?? (e.firstOfKind ? 1 : null),
    parent: e.parent?.key ?? null,
    participants: e.participants.map((p) => ({
      person: personRef(context, p.person),
      role: p.role,
      side: p.country?.code ?? null,
    })),
    cites: citesOf(context, e.citations),
  }));
}

/** At most this many engagements in one brief: the latest; the rest are counted. */
const MAX_ENGAGEMENTS = 40;

export async function periodEngagements(
  context: GatherContext,
): Promise<{ engagements: Engagement[]; total: number }> {
  const { spec } = context;
  if (context.event !== null) {
    const [event] = await load(context, { key: context.event });
    if (!event) throw new BriefInputError(`no event with key "${context.event}"`, "event");
    const [subject, ...parts] = toEngagements(context, [
      event,
      // A visit's brief covers the meetings it comprised.
      ...(await load(context, { parentId: event.id, status: "held" })),
    ]) as [Engagement, ...Engagement[]];
    // As of an earlier date the event was not yet held, or not yet reported: a brief would tell
    // of it in the past tense, or without a source.
    const early = event.status === "held" && event.dateFrom > spec.asOf;
    const unreported = event.citations.length > 0 && subject.cites.length === 0;
    if (early || unreported) {
      const since = await firstBriefDate(context, event);
      throw new BriefInputError(
        early
          ? `event "${event.key}" was held on ${event.date}, after the brief's date (${spec.asOf}); brief it as of ${since} or later`
          : `event "${event.key}" is not on record as of ${spec.asOf}: every source that reports it was published later; brief it as of ${since} or later`,
        "asOf",
      );
    }
    const engagements = [subject, ...known(parts)];
    return { engagements, total: engagements.length };
  }
  // Held in the period and certainly not after the brief's date (a month-only date counts once
  // the month is over).
  const where = {
    relationshipId: context.relationship.id,
    status: "held",
    dateTo: { gte: spec.period.from, lte: reportedTo(context) },
  };
  const latest = await context.db.query.events.findMany({
    // Known by the brief's date before the limit, or known ones could fall outside it.
    where: { ...where, RAW: (events) => knownThen(context, events.id) },
    orderBy: { dateFrom: "desc", id: "desc" },
    with: eventWith,
    limit: MAX_ENGAGEMENTS,
  });
  // Counted as listed: an engagement that only a later source reports is not on record yet.
  const engagements = known(toEngagements(context, latest.reverse()));
  const total =
    latest.length < MAX_ENGAGEMENTS
      ? engagements.length
      : await context.db.$count(t.events, eventScope(context));
  return { engagements, total };
}

/** The first day an event brief can be as of: the event held (if it was) and first reported. */
async function firstBriefDate(context: GatherContext, event: Row): Promise<string> {
  const [first] = await context.db
    .select({ on: min(t.sources.publishedOn) })
    .from(t.sources)
    .where(inArray(t.sources.id, [...new Set(event.citations.map((c) => c.sourceId))]));
  const held = event.status === "held" ? event.dateTo : null;
  return (
    [held, first?.on ?? null]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? event.date
  );
}

function eventScope(context: GatherContext) {
  return and(
    eq(t.events.relationshipId, context.relationship.id),
    eq(t.events.status, "held"),
    gte(t.events.dateTo, context.spec.period.from),
    lte(t.events.dateTo, reportedTo(context)),
    knownThen(context, t.events.id),
  );
}

/** Not an event that only sources published after the brief's date report: not known then. */
function knownThen(context: GatherContext, eventId: Column): SQL {
  return or(
    notExists(citing(context, eventId, false)),
    exists(citing(context, eventId, true)),
  ) as SQL; // or() of two conditions is never undefined
}

/** The event's citations (correlated): all of them, or those published by the brief's date. */
function citing(context: GatherContext, eventId: Column, byAsOf: boolean) {
  return context.db
    .select({ one: sql`1` })
    .from(t.citations)
    .innerJoin(t.sources, eq(t.sources.id, t.citations.sourceId))
    .where(
      and(
        eq(t.citations.eventId, eventId),
        byAsOf ? lte(t.sources.publishedOn, context.spec.asOf) : undefined,
      ),
    );
}

/**
 * Events still to come after `after` (the brief's date, or a summary's last day), nearest first:
 * scheduled and not yet held, with a date range that ends after it — an engagement dated only by
 * its year or month is still to come while that year or month lasts.
 */
export async function upcomingEngagements(
  context: GatherContext,
  after: string,
  limit = 10,
): Promise<Engagement[]> {
  const rows = await load(context, { status: "scheduled", dateTo: { gt: after } }, limit);
  return known(toEngagements(context, rows));
}

/** Later rounds of a mechanism held up to asOf: whether a first-of-its-kind event has a sequel. */
export async function laterRounds(context: GatherContext, typeKey: string, after: string) {
  const rows = await context.db.query.events.findMany({
    where: {
      relationshipId: context.relationship.id,
      type: { key: typeKey },
      dateFrom: { gt: after },
      dateTo: { lte: context.spec.asOf },
    },
    columns: { key: true },
    limit: 1,
  });
  return rows.length;
}
