// Engagements: visits, meetings, talks, dialogues, calls, summits, dated as precisely as the
// source dates them; a visit comprises meetings (parent and parts).
import { and, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { events } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { CitationInput, citationsField } from "../citations.ts";
import { EventStatus, ParticipantRole, vocabularyField } from "../enums.ts";
import { userInputError } from "../errors.ts";
import {
  checkPeriod,
  countRows,
  countryIds,
  datedWithin,
  idsByKey,
  oncePerArgs,
  orTrue,
  requireRelationship,
} from "../lookups.ts";
import { editable } from "../mutations.ts";
import { searchWhere } from "../search-filter.ts";
import { bilingual, LocalizedTextInput } from "../text.ts";
import { Person } from "./person.ts";

builder.drizzleObject("eventParticipants", {
  name: "Participant",
  select: { columns: { role: true } },
  fields: (t) => ({
    person: t.relation("person"),
    role: vocabularyField(t, "role", ParticipantRole),
    side: t.relation("country", { nullable: true, description: "The country they stood for" }),
  }),
});

export const Event = builder.drizzleNode("events", {
  name: "Event",
  select: { columns: { key: true, status: true, date: true, titleEn: true, titleZh: true } },
  id: { column: (e) => e.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    type: t.relation("type"),
    status: vocabularyField(t, "status", EventStatus),
    date: t.expose("date", {
      type: "PartialDate",
      description: "The day, or the month or year where the source gives no more",
    }),
    endDate: t.expose("endDate", {
      type: "Date",
      nullable: true,
      description: "The last day of a multi-day event",
    }),
    ...bilingual(t, "place", { required: false }),
    hostCountry: t.relation("hostCountry", { nullable: true }),
    ...bilingual(t, "title"),
    ...bilingual(t, "summary", { required: false }),
    firstOfKind: t.exposeBoolean("firstOfKind", {
      description: "The first engagement of its kind between the two countries",
    }),
    ordinal: t.exposeInt("ordinal", {
      nullable: true,
      description: "2 for the second of a series (第二次), where the source numbers it",
    }),
    parent: t.relation("parent", {
      nullable: true,
      description: "The engagement this one is part of: the visit of a meeting",
    }),
    parts: t.relation("parts", {
      description: "The engagements this one comprises, in order",
      query: { orderBy: { dateFrom: "asc", id: "asc" } },
    }),
    relationship: t.relation("relationship"),
    participants: t.relation("participants", {
      query: { orderBy: { position: "asc", id: "asc" } },
    }),
    topics: t.relation("topics", { query: { orderBy: { key: "asc" } } }),
    documents: t.relation("documents", { query: { orderBy: { id: "asc" } } }),
    statements: t.relation("statements", {
      description: "What was said at this event",
      query: { orderBy: { id: "asc" } },
    }),
    projectMentions: t.relation("projectMentions", { query: { orderBy: { id: "asc" } } }),
    citations: citationsField(t),
  }),
});

const EventFilter = builder.inputType("EventFilter", {
  fields: (t) => ({
    relationship: t.string({ description: 'A country pair, e.g. "CN-KG" (either order)' }),
    countries: t.stringList({
      description: "Only events of relationships that include every one of these countries",
    }),
    from: t.field({ type: "PartialDate", description: "Dated on or after (by the days covered)" }),
    to: t.field({ type: "PartialDate", description: "Dated on or before (by the days covered)" }),
    types: t.stringList({ description: "Event type keys, e.g. visit, strategic_dialogue" }),
    topics: t.stringList({ description: "Topic keys; an event matches any of them" }),
    participant: t.string({ description: "A person's key, e.g. wang-yi" }),
    participantId: t.globalID({ for: Person, description: "A person's ID" }),
    search: t.string({ description: "Words in the title, summary or place, either language" }),
    status: t.field({ type: [EventStatus] }),
  }),
});

const EventOrder = builder.enumType("EventOrder", {
  values: ["DATE_DESC", "DATE_ASC"] as const,
});

type Filter = typeof EventFilter.$inferInput;

/** Validates the filter once (lookups included) and gives its condition for any alias of events. */
async function eventCondition(db: Db, filter: Filter | null | undefined) {
  if (!filter) return () => undefined;
  checkPeriod(filter.from, filter.to, "filter.to");
  const relationshipId = filter.relationship
    ? await requireRelationship(db, filter.relationship, "filter.relationship")
    : undefined;
  const countries = filter.countries
    ? await countryIds(db, filter.countries, "filter.countries")
    : [];
  const types = filter.types ? await idsByKey(db, "eventType", filter.types, "filter.types") : [];
  const topics = filter.topics ? await idsByKey(db, "topic", filter.topics, "filter.topics") : [];
  const people = [
    ...(filter.participant
      ? await idsByKey(db, "person", [filter.participant], "filter.participant")
      : []),
    ...(filter.participantId ? [Number(filter.participantId.id)] : []),
  ];
  const search = filter.search;
  return (table: typeof events): SQL | undefined =>
    and(
      relationshipId === undefined ? undefined : sql`${table.relationshipId} = ${relationshipId}`,
      ...countries.map(
        (c) =>
          sql`${table.relationshipId} IN (SELECT id FROM relationships WHERE country_a_id = ${c} OR country_b_id = ${c})`,
      ),
      datedWithin(table, filter.from, filter.to),
      types.length > 0 ? inArray(table.typeId, types) : undefined,
      topics.length > 0
        ? sql`${table.id} IN (SELECT event_id FROM event_topics WHERE topic_id IN (${sql.join(topics, sql`, `)}))`
        : undefined,
      ...people.map(
        (person) =>
          sql`${table.id} IN (SELECT event_id FROM event_participants WHERE person_id = ${person})`,
      ),
      search ? searchWhere(table.id, "event", search, "filter.search") : undefined,
      filter.status && filter.status.length > 0
        ? inArray(table.status, filter.status as string[])
        : undefined,
    );
}

const conditionFor = oncePerArgs((db: Db, args: { filter?: Filter | null }) =>
  eventCondition(db, args.filter),
);

builder.queryFields((t) => ({
  events: t.drizzleConnection({
    type: "events",
    args: {
      filter: t.arg({ type: EventFilter }),
      orderBy: t.arg({ type: EventOrder, defaultValue: "DATE_DESC" }),
    },
    totalCount: async (_root, args, ctx) =>
      countRows(ctx.db, events, (await conditionFor(ctx.db, args))(events)),
    resolve: async (query, _root, args, ctx) => {
      const condition = await conditionFor(ctx.db, args);
      const direction = args.orderBy === "DATE_ASC" ? "asc" : "desc";
      return ctx.db.query.events.findMany(
        query({
          where: { RAW: (table) => orTrue(condition(table)) },
          orderBy: { dateFrom: direction, id: direction },
        }),
      );
    },
  }),
  event: t.drizzleField({
    type: "events",
    nullable: true,
    description: "One event, by its ID or by its key (exactly one of the two).",
    args: { id: t.arg.globalID({ for: Event }), key: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      if ((args.id == null) === (args.key == null)) {
        throw userInputError("give the event's id or its key, not both", args.id ? "key" : "id");
      }
      const where = args.id ? { id: Number(args.id.id) } : { key: args.key as string };
      return (await ctx.db.query.events.findFirst(query({ where }))) ?? null;
    },
  }),
}));

const ParticipantInput = builder.inputType("ParticipantInput", {
  fields: (t) => ({
    person: t.string({ required: true, description: "The person's key, e.g. wang-yi" }),
    role: t.field({ type: ParticipantRole, required: true }),
    side: t.string({ description: "The country they stood for; default: their own" }),
  }),
});

editable("event", {
  what: "event (with its participants, topics and sources)",
  fields: (t, c) => ({
    between: t.stringList({ required: c, description: 'The relationship, e.g. ["CN", "KG"]' }),
    type: t.string({ required: c, description: "An event type key, e.g. visit, talks" }),
    status: t.field({ type: EventStatus, description: "Default HELD" }),
    date: t.field({ type: "PartialDate", required: c }),
    endDate: t.field({ type: "Date" }),
    host: t.string({ description: "The host country" }),
    place: t.field({ type: LocalizedTextInput }),
    title: t.field({ type: LocalizedTextInput, required: c }),
    summary: t.field({ type: LocalizedTextInput }),
    firstOfKind: t.boolean(),
    ordinal: t.int({ description: "2 for the second of a series" }),
    parent: t.string({ description: "The key of the engagement this one is part of" }),
    topics: t.stringList({ description: "Topic keys" }),
    participants: t.field({ type: [ParticipantInput] }),
    sources: t.field({ type: [CitationInput], required: c }),
  }),
});
