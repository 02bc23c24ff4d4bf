// Engagements: visits, meetings, talks, dialogues, calls, summits. The heart of the API.
import { and, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { events } from "../../db/schema.ts";
import { builder } from "../builder.ts";
import { userInputError } from "../errors.ts";
import { decodeId } from "../ids.ts";
import {
  checkPeriod,
  countRows,
  countryIds,
  eventTypeIds,
  orTrue,
  personId,
  requireRelationship,
  topicIds,
} from "../lookups.ts";
import { bilingual } from "./common.ts";
import { searchWhere } from "./search-filter.ts";

builder.drizzleObject("eventTypes", {
  name: "EventType",
  fields: (t) => ({
    key: t.exposeString("key"),
    cameo: t.exposeString("cameo", { description: "CAMEO event code, e.g. 042 make a visit" }),
    ...bilingual(t, "label", (e) => ({ en: e.labelEn, zh: e.labelZh })),
  }),
});

builder.drizzleNode("topics", {
  name: "Topic",
  id: { column: (t) => t.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: t.exposeString("kind", { description: "cooperation_area | issue | initiative" }),
    ...bilingual(t, "name", (topic) => ({ en: topic.nameEn, zh: topic.nameZh })),
  }),
});

export const ParticipantRole = builder.enumType("ParticipantRole", {
  values: {
    HOST: { value: "host" },
    GUEST: { value: "guest" },
    HEAD_OF_DELEGATION: { value: "head_of_delegation" },
    PARTICIPANT: { value: "participant" },
  } as const,
});

builder.drizzleObject("eventParticipants", {
  name: "Participant",
  fields: (t) => ({
    person: t.relation("person"),
    role: t.field({ type: ParticipantRole, resolve: (p) => p.role as never }),
    side: t.relation("country", { nullable: true, description: "The country they stood for" }),
  }),
});

export const EventStatus = builder.enumType("EventStatus", {
  values: {
    HELD: { value: "held" },
    SCHEDULED: { value: "scheduled" },
    CANCELLED: { value: "cancelled" },
  } as const,
});

builder.drizzleNode("events", {
  name: "Event",
  id: { column: (e) => e.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    type: t.relation("type"),
    status: t.field({ type: EventStatus, resolve: (e) => e.status as never }),
    date: t.field({ type: "Date", resolve: (e) => e.startDate }),
    endDate: t.field({ type: "Date", nullable: true, resolve: (e) => e.endDate }),
    ...bilingual(t, "place", (e) => ({ en: e.placeEn, zh: e.placeZh }), { required: false }),
    hostCountry: t.relation("hostCountry", { nullable: true }),
    ...bilingual(t, "title", (e) => ({ en: e.titleEn, zh: e.titleZh })),
    ...bilingual(t, "summary", (e) => ({ en: e.summaryEn, zh: e.summaryZh }), {
      required: false,
    }),
    firstOfKind: t.exposeBoolean("firstOfKind", {
      description: "The first engagement of its kind between the two countries",
    }),
    relationship: t.relation("relationship"),
    participants: t.relation("participants", { query: { orderBy: { position: "asc" } } }),
    topics: t.relation("topics", { query: { orderBy: { key: "asc" } } }),
    documents: t.relation("documents", { query: { orderBy: { id: "asc" } } }),
    positions: t.relation("statements", {
      description: "Positions and commitments stated at this event",
      query: { orderBy: { id: "asc" } },
    }),
    projectMentions: t.relation("projectMentions", { query: { orderBy: { id: "asc" } } }),
    citations: t.relation("citations", { query: { orderBy: { id: "asc" } } }),
  }),
});

const EventFilter = builder.inputType("EventFilter", {
  fields: (t) => ({
    relationship: t.string({ description: 'A country pair, e.g. "CN-KG" (either order)' }),
    countries: t.stringList({
      description: "Only events of relationships that include every one of these countries",
    }),
    from: t.field({ type: "Date", description: "Starting on or after this date" }),
    to: t.field({ type: "Date", description: "Starting on or before this date" }),
    types: t.stringList({ description: "Event type keys, e.g. visit, strategic_dialogue" }),
    topics: t.stringList({ description: "Topic keys; an event matches any of them" }),
    participant: t.string({ description: "A person's key (wang-yi) or ID" }),
    search: t.string({ description: "Words in the title, summary or place, either language" }),
    status: t.field({ type: [EventStatus] }),
  }),
});

const EventOrder = builder.enumType("EventOrder", {
  values: ["DATE_DESC", "DATE_ASC"] as const,
});

type Filter = typeof EventFilter.$inferInput;

/** Validates the filter once (lookups included) and gives its condition for any alias of events. */
function eventCondition(db: Db, filter: Filter | null | undefined) {
  if (!filter) return () => undefined;
  checkPeriod(filter.from, filter.to, "filter.to");
  const relationshipId = filter.relationship
    ? requireRelationship(db, filter.relationship, "filter.relationship")
    : undefined;
  const countries = filter.countries ? countryIds(db, filter.countries, "filter.countries") : [];
  const types = filter.types ? eventTypeIds(db, filter.types, "filter.types") : [];
  const topics = filter.topics ? topicIds(db, filter.topics, "filter.topics") : [];
  const person = filter.participant
    ? personId(db, filter.participant, "filter.participant")
    : undefined;
  const search = filter.search;
  return (table: typeof events): SQL | undefined =>
    and(
      relationshipId === undefined ? undefined : sql`${table.relationshipId} = ${relationshipId}`,
      ...countries.map(
        (c) =>
          sql`${table.relationshipId} IN (SELECT id FROM relationships WHERE country_a_id = ${c} OR country_b_id = ${c})`,
      ),
      filter.from ? gte(table.startDate, filter.from) : undefined,
      filter.to ? lte(table.startDate, filter.to) : undefined,
      types.length > 0 ? inArray(table.typeId, types) : undefined,
      topics.length > 0
        ? sql`${table.id} IN (SELECT event_id FROM event_topics WHERE topic_id IN (${sql.join(topics, sql`, `)}))`
        : undefined,
      person === undefined
        ? undefined
        : sql`${table.id} IN (SELECT event_id FROM event_participants WHERE person_id = ${person})`,
      search ? searchWhere(table.id, "event", search, "filter.search") : undefined,
      filter.status && filter.status.length > 0
        ? inArray(table.status, filter.status as string[])
        : undefined,
    );
}

function eventId(id: string): number {
  const decoded = decodeId(id);
  if (decoded.typename !== "Event") throw userInputError(`"${id}" is not an Event ID`, "id");
  return Number(decoded.id);
}

// totalCount and the page resolve separately; validate and look up once per field.
const conditions = new WeakMap<object, ReturnType<typeof eventCondition>>();
function conditionFor(db: Db, args: { filter?: Filter | null }) {
  let condition = conditions.get(args);
  if (!condition) {
    condition = eventCondition(db, args.filter);
    conditions.set(args, condition);
  }
  return condition;
}

builder.queryFields((t) => ({
  events: t.drizzleConnection({
    type: "events",
    args: {
      filter: t.arg({ type: EventFilter }),
      orderBy: t.arg({ type: EventOrder, defaultValue: "DATE_DESC" }),
    },
    totalCount: (_root, args, ctx) => countRows(ctx.db, events, conditionFor(ctx.db, args)(events)),
    resolve: (query, _root, args, ctx) => {
      const condition = conditionFor(ctx.db, args);
      const direction = args.orderBy === "DATE_ASC" ? "asc" : "desc";
      return ctx.db.query.events.findMany(
        query({
          where: { RAW: (table) => orTrue(condition(table)) },
          orderBy: { startDate: direction, id: direction },
        }),
      );
    },
  }),
  event: t.drizzleField({
    type: "events",
    nullable: true,
    description: "One event, by its ID or by its key (exactly one of the two).",
    args: { id: t.arg.id(), key: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      if ((args.id == null) === (args.key == null)) {
        throw userInputError("give the event's id or its key, not both", args.id ? "key" : "id");
      }
      const where = args.id ? { id: eventId(String(args.id)) } : { key: args.key as string };
      return (await ctx.db.query.events.findFirst(query({ where }))) ?? null;
    },
  }),
  topics: t.drizzleField({
    type: ["topics"],
    args: { kind: t.arg.string() },
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.topics.findMany(
        query({ where: args.kind ? { kind: args.kind } : {}, orderBy: { key: "asc" } }),
      ),
  }),
}));
