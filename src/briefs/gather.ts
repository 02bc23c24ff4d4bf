// gather(spec): the database → BriefModel stage. Reads only; a few queries whatever the size.
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { numberCitations } from "../domain/citations.ts";
import { addDays } from "../domain/dates.ts";
import { describeChanges } from "../domain/partnership-ladder.ts";
import type {
  Agreement,
  BriefModel,
  BriefSpec,
  Changes,
  CountryRef,
  Engagement,
  MultilateralItem,
  PersonRef,
  Position,
  PositionsBySide,
  ProjectBrief,
  TimelineEntry,
} from "./model.ts";

export class BriefInputError extends Error {
  constructor(
    message: string,
    readonly argumentName: string,
  ) {
    super(message);
    this.name = "BriefInputError";
  }
}

/** Both languages; a text in one language only shows that language in both (untranslated). */
const pair = (en: string | null, zh: string | null) => ({ en: en ?? zh ?? "", zh: zh ?? en ?? "" });
const maybe = (en: string | null, zh: string | null) => ({ en, zh });
/** A person as briefs name them: both names, and the latest office on record. */
function personRef(person: {
  key: string;
  nameEn: string | null;
  nameZh: string | null;
  offices: { titleEn: string | null; titleZh: string | null }[];
}): PersonRef {
  const office = person.offices[0];
  return {
    key: person.key,
    name: pair(person.nameEn, person.nameZh),
    office: office ? pair(office.titleEn, office.titleZh) : null,
  };
}
/** The first organisation a statement names other than a ministry: where it was said to matter. */
function organizationOf(
  organizations: { key: string; kind: string; nameEn: string | null; nameZh: string | null; abbreviation: string | null }[],
) {
  const o = organizations.find((org) => org.kind !== "ministry");
  return o ? { key: o.key, name: pair(o.nameEn, o.nameZh), abbreviation: o.abbreviation } : null;
}
const sourceIds = (citations: { sourceId: number }[]) => citations.map((c) => c.sourceId);

const eventWith = {
  type: true,
  hostCountry: true,
  participants: {
    orderBy: { position: "asc" },
    with: { person: { with: { offices: { orderBy: { id: "desc" }, limit: 1 } } }, country: true },
  },
  documents: { columns: { key: true }, orderBy: { id: "asc" } },
  citations: { orderBy: { id: "asc" } },
} as const;

const statementWith = {
  speaker: { with: { offices: { orderBy: { id: "desc" }, limit: 1 } } },
  topics: true,
  organizations: true,
  citations: { orderBy: { id: "asc" } },
} as const;

export function gather(db: Db, spec: BriefSpec): BriefModel {
  const key = spec.between.join("-");
  const relationship = db.query.relationships
    .findFirst({
      where: { key },
      with: {
        countryA: true,
        countryB: true,
        partnerships: {
          with: { level: true, citations: { orderBy: { id: "asc" } } },
        },
      },
    })
    .sync();
  if (!relationship) {
    throw new BriefInputError(`no relationship ${key} is recorded`, "between");
  }
  const countries: [CountryRef, CountryRef] = [
    {
      code: relationship.countryA.code,
      name: pair(relationship.countryA.nameEn, relationship.countryA.nameZh),
    },
    {
      code: relationship.countryB.code,
      name: pair(relationship.countryB.nameEn, relationship.countryB.nameZh),
    },
  ];
  const countryById = new Map([
    [relationship.countryAId, countries[0]],
    [relationship.countryBId, countries[1]],
  ]);

  const history = describeChanges(
    relationship.partnerships.map((p) => ({
      level: p.level.key,
      rank: p.level.rank,
      label: pair(p.level.labelEn, p.level.labelZh),
      since: (p.since ?? p.attestedOn) as string,
      note: maybe(p.noteEn, p.noteZh),
      cites: sourceIds(p.citations),
    })),
  ).filter((step) => step.since <= spec.asOf);

  // The engagements the brief is about, and those still to come.
  const periodEvents =
    spec.template === "event-brief"
      ? db.query.events.findMany({ where: { key: spec.event ?? "" }, with: eventWith }).sync()
      : db.query.events
          .findMany({
            where: {
              relationshipId: relationship.id,
              status: "held",
              dateFrom: { lte: spec.period.to },
              dateTo: { gte: spec.period.from },
            },
            orderBy: { dateFrom: "asc", id: "asc" },
            with: eventWith,
          })
          .sync();
  if (spec.template === "event-brief" && periodEvents.length === 0) {
    throw new BriefInputError(`no event with key "${spec.event}"`, "event");
  }
  const horizon = spec.template === "weekly-summary" ? spec.period.to : spec.asOf;
  const upcomingEvents =
    spec.template === "event-brief"
      ? []
      : db.query.events
          .findMany({
            // Coming: after the period (or asOf), and not already held as of the brief's date.
            where: {
              relationshipId: relationship.id,
              dateFrom: { gt: horizon },
              OR: [{ status: "scheduled" }, { status: "held", dateFrom: { gt: spec.asOf } }],
            },
            orderBy: { dateFrom: "asc", id: "asc" },
            limit: 20,
            with: eventWith,
          })
          .sync();
  const eventIds = periodEvents.map((e) => e.id);

  const toEngagement = (e: (typeof periodEvents)[number]): Engagement => ({
    key: e.key,
    date: e.date,
    endDate: e.endDate,
    status: e.status as Engagement["status"],
    type: { key: e.type.key, cameo: e.type.cameo, label: pair(e.type.labelEn, e.type.labelZh) },
    place: maybe(e.placeEn, e.placeZh),
    title: pair(e.titleEn, e.titleZh),
    summary: maybe(e.summaryEn, e.summaryZh),
    firstOfKind: e.firstOfKind,
    participants: e.participants.map((p) => ({
      person: personRef(p.person),
      role: p.role,
      side: p.country?.code ?? null,
    })),
    documents: e.documents.map((d) => d.key),
    cites: sourceIds(e.citations),
  });

  // Documents signed in the period at the relationship's events (event-brief: at that event).
  const documentRows = db.query.documents
    .findMany({
      where:
        spec.template === "event-brief"
          ? { eventId: { in: eventIds } }
          : {
              dateFrom: { lte: spec.period.to },
              dateTo: { gte: spec.period.from },
              relationshipId: relationship.id,
            },
      orderBy: { dateFrom: "asc", id: "asc" },
      with: { event: true, parties: true, citations: { orderBy: { id: "asc" } } },
    })
    .sync();
  const agreements: Agreement[] = documentRows.map((d) => ({
    key: d.key,
    kind: d.kind,
    title: pair(d.titleEn, d.titleZh),
    signedOn: d.date,
    validFrom: d.validFrom,
    validTo: d.validTo,
    parties: d.parties.map((c) => c.code).sort(),
    event: d.event ? { key: d.event.key, title: pair(d.event.titleEn, d.event.titleZh) } : null,
    summary: maybe(d.summaryEn, d.summaryZh),
    cites: sourceIds(d.citations),
  }));

  // Positions stated at those engagements.
  const statementRows =
    eventIds.length === 0
      ? []
      : db.query.statements
          .findMany({
            where: { eventId: { in: eventIds } },
            orderBy: { dateFrom: "asc", id: "asc" },
            with: statementWith,
          })
          .sync();
  const toPosition = (s: (typeof statementRows)[number]): Position => ({
    key: s.key,
    kind: s.kind,
    date: s.date,
    text: pair(s.textEn, s.textZh),
    quote: s.quoteZh || s.quoteEn ? maybe(s.quoteEn, s.quoteZh) : null,
    speaker: s.speaker ? personRef(s.speaker) : null,
    organization: organizationOf(s.organizations),
    cites: sourceIds(s.citations),
  });
  const sideOf = (countryId: number | null) =>
    (countryId === null ? undefined : countryById.get(countryId)) ?? {
      code: "joint",
      name: pair("Both sides", "双方"),
    };

  const positions: PositionsBySide[] = countries.map((side) => {
    const topics = new Map<string, PositionsBySide["topics"][number]>();
    for (const s of statementRows.filter((row) => sideOf(row.sideCountryId).code === side.code)) {
      const topic = s.topics[0];
      if (!topic) continue;
      const group = topics.get(topic.key) ?? {
        topic: { key: topic.key, kind: topic.kind, name: pair(topic.nameEn, topic.nameZh) },
        positions: [],
      };
      group.positions.push(toPosition(s));
      topics.set(topic.key, group);
    }
    return { side, topics: [...topics.values()] };
  });

  const multilateral: MultilateralItem[] = [];
  for (const s of statementRows) {
    const position = toPosition(s);
    if (!position.organization) continue;
    let item = multilateral.find((m) => m.organization.key === position.organization?.key);
    if (!item) {
      item = { organization: position.organization, positions: [] };
      multilateral.push(item);
    }
    item.positions.push({ ...position, side: sideOf(s.sideCountryId) });
  }

  const watch = statementRows
    .filter((s) => s.kind === "commitment" || s.kind === "request")
    .map((s) => ({ ...toPosition(s), side: sideOf(s.sideCountryId) }));

  // Cooperation: areas named in the period, and the projects of the two countries.
  const areaCounts = new Map<
    string,
    { key: string; name: { en: string; zh: string }; mentions: number }
  >();
  const eventTopicRows =
    eventIds.length === 0
      ? []
      : db
          .select({
            key: t.topics.key,
            nameEn: t.topics.nameEn,
            nameZh: t.topics.nameZh,
            kind: t.topics.kind,
          })
          .from(t.eventTopics)
          .innerJoin(t.topics, eq(t.topics.id, t.eventTopics.topicId))
          .where(inArray(t.eventTopics.eventId, eventIds))
          .all();
  for (const row of [...eventTopicRows, ...statementRows.flatMap((s) => s.topics)]) {
    if (row.kind !== "cooperation_area") continue;
    const area = areaCounts.get(row.key) ?? {
      key: row.key,
      name: pair(row.nameEn, row.nameZh),
      mentions: 0,
    };
    area.mentions += 1;
    areaCounts.set(row.key, area);
  }
  const projectRows = db.query.projects
    .findMany({
      where: {
        AND: [
          { countries: { id: relationship.countryAId } },
          { countries: { id: relationship.countryBId } },
        ],
      },
      orderBy: { key: "asc" },
      with: {
        countries: true,
        statusHistory: { orderBy: { dateFrom: "desc", id: "desc" }, limit: 1 },
        mentions: {
          where: { dateTo: { lte: horizon } },
          orderBy: { dateFrom: "asc", id: "asc" },
          with: { citations: { orderBy: { id: "asc" } } },
        },
      },
    })
    .sync();
  const projects: ProjectBrief[] = projectRows
    .map((p) => ({
      key: p.key,
      name: pair(p.nameEn, p.nameZh),
      status: p.statusHistory[0]?.status ?? "unknown",
      summary: maybe(p.summaryEn, p.summaryZh),
      countries: p.countries.map((c) => c.code).sort(),
      mentions: p.mentions
        .filter((m) =>
          spec.template === "event-brief"
            ? m.eventId !== null && eventIds.includes(m.eventId)
            : m.dateTo >= spec.period.from,
        )
        .map((m) => ({
          date: m.date,
          status: null,
          note: pair(m.noteEn, m.noteZh),
          cites: sourceIds(m.citations),
        })),
    }))
    .filter((p) => p.mentions.length > 0);

  const engagements = periodEvents.map(toEngagement);
  const timeline: TimelineEntry[] = [
    ...history.map((h) => ({ date: h.since, kind: "partnership" as const, label: h.label })),
    ...engagements.map((e) => ({ date: e.date, kind: "engagement" as const, label: e.title })),
    ...agreements
      .filter((a) => a.signedOn)
      .map((a) => ({ date: a.signedOn as string, kind: "agreement" as const, label: a.title })),
  ].sort((a, b) => a.date.localeCompare(b.date));

  const model: BriefModel = {
    template: spec.template,
    spec,
    relationship: {
      key,
      countries,
      summary: maybe(relationship.summaryEn, relationship.summaryZh),
    },
    partnership: { current: history.at(-1) ?? null, history },
    engagements,
    agreements,
    positions,
    cooperation: {
      areas: [...areaCounts.values()].sort(
        (a, b) => b.mentions - a.mentions || a.key.localeCompare(b.key),
      ),
      projects,
    },
    multilateral,
    upcoming: upcomingEvents.map(toEngagement),
    watch,
    timeline,
    changes:
      spec.template === "weekly-summary"
        ? changesSincePrevious(db, spec, relationship.id, history)
        : null,
    sources: [],
    counts: {
      engagements: engagements.length,
      agreements: agreements.length,
      positions: statementRows.length,
      sources: 0,
    },
  };

  // Number in the order the templates print: background, engagements, agreements, positions,
  // cooperation, multilateral coordination, outlook.
  const ordered = numberCitations([
    model.partnership.history,
    model.engagements,
    model.agreements,
    model.positions,
    model.cooperation.projects,
    model.multilateral,
    model.watch,
    model.upcoming,
  ]);
  const sourceRows = ordered.length
    ? db.select().from(t.sources).where(inArray(t.sources.id, ordered)).all()
    : [];
  const byId = new Map(sourceRows.map((s) => [s.id, s]));
  model.sources = ordered.map((id, i) => {
    const s = byId.get(id);
    if (!s) throw new Error(`source ${id} vanished while gathering`);
    return {
      n: i + 1,
      key: s.key,
      publication: pair(s.publicationEn, s.publicationZh),
      title: pair(s.titleEn, s.titleZh),
      language: s.language,
      publishedOn: s.publishedOn,
      page: s.page,
      url: s.url,
      note: maybe(s.noteEn, s.noteZh),
    };
  });
  model.counts.sources = model.sources.length;
  return model;
}

/** The previous period of the same length, what it held, and what was recorded late. */
function changesSincePrevious(
  db: Db,
  spec: BriefSpec,
  relationshipId: number,
  history: BriefModel["partnership"]["history"],
): Changes {
  const days = Math.round(
    (Date.parse(`${spec.period.to}T00:00:00Z`) - Date.parse(`${spec.period.from}T00:00:00Z`)) /
      86_400_000,
  );
  const previous = {
    from: addDays(spec.period.from, -(days + 1)),
    to: addDays(spec.period.from, -1),
  };
  // Anything recorded after the previous period ended could not be in its summary.
  const recordedAfter = `${addDays(previous.to, 1)}T00:00:00.000Z`;
  const count = (from: string, to: string) => {
    const events = db
      .select({ id: t.events.id })
      .from(t.events)
      .where(
        and(
          eq(t.events.relationshipId, relationshipId),
          eq(t.events.status, "held"),
          gte(t.events.dateTo, from),
          lte(t.events.dateFrom, to),
        ),
      )
      .all()
      .map((e) => e.id);
    const documents = db
      .select({ id: t.documents.id })
      .from(t.documents)
      .where(
        and(
          eq(t.documents.relationshipId, relationshipId),
          gte(t.documents.dateTo, from),
          lte(t.documents.dateFrom, to),
        ),
      )
      .all().length;
    const statements = events.length
      ? db
          .select({ id: t.statements.id })
          .from(t.statements)
          .where(inArray(t.statements.eventId, events))
          .all().length
      : 0;
    return { engagements: events.length, agreements: documents, positions: statements };
  };
  const now = count(spec.period.from, spec.period.to);
  const before = count(previous.from, previous.to);
  const late = db.query.events
    .findMany({
      where: {
        relationshipId,
        dateFrom: { lt: spec.period.from },
        createdAt: { gte: recordedAfter },
      },
      orderBy: { dateFrom: "asc" },
    })
    .sync();
  return {
    previous,
    counts: {
      engagements: [before.engagements, now.engagements],
      agreements: [before.agreements, now.agreements],
      positions: [before.positions, now.positions],
    },
    partnershipChange:
      history.find((h) => h.since >= spec.period.from && h.since <= spec.period.to) ?? null,
    lateAdditions: late.map((e) => ({
      date: e.date,
      kind: "engagement" as const,
      label: pair(e.titleEn, e.titleZh),
    })),
  };
}
