// Tables of the bilateral-relations store. Every curated entity has a stable natural `key`
// (what seed and import files refer to) besides its integer id (what global IDs encode).
// Dates of facts are ISO 8601 calendar dates stored as text; instants are ISO 8601 UTC text.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  snakeCase,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const table = snakeCase.table;

const id = () => integer().primaryKey({ autoIncrement: true });
const naturalKey = () => text().notNull().unique();
const nowUtc = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
/** Optimistic-concurrency and bookkeeping columns of editable records. */
const tracked = () => ({
  version: integer().notNull().default(1),
  createdAt: text().notNull().default(nowUtc),
  updatedAt: text().notNull().default(nowUtc),
});

export const countries = table("countries", {
  id: id(),
  code: text().notNull().unique(), // ISO 3166-1 alpha-2
  alpha3: text().notNull().unique(),
  numeric: text().notNull().unique(),
  nameEn: text().notNull(),
  nameZh: text().notNull(),
});

export const relationships = table(
  "relationships",
  {
    id: id(),
    key: naturalKey(), // "CN-KG": the two alpha-2 codes in alphabetical order
    countryAId: integer()
      .notNull()
      .references(() => countries.id),
    countryBId: integer()
      .notNull()
      .references(() => countries.id),
    summaryEn: text(),
    summaryZh: text(),
    ...tracked(),
  },
  (t) => [
    uniqueIndex("relationships_pair_uq").on(t.countryAId, t.countryBId),
    index("relationships_b_idx").on(t.countryBId),
    check("relationships_distinct_ck", sql`${t.countryAId} <> ${t.countryBId}`),
  ],
);

/** A step in a relationship's partnership history; the current level is the latest `since`. */
export const partnerships = table(
  "partnerships",
  {
    id: id(),
    relationshipId: integer()
      .notNull()
      .references(() => relationships.id, { onDelete: "cascade" }),
    level: text().notNull(), // key on the partnership ladder (src/domain/partnership-ladder.ts)
    rank: integer().notNull(),
    labelEn: text().notNull(),
    labelZh: text().notNull(),
    since: text().notNull(),
    noteEn: text(),
    noteZh: text(),
  },
  (t) => [uniqueIndex("partnerships_since_uq").on(t.relationshipId, t.since)],
);

export const organizations = table("organizations", {
  id: id(),
  key: naturalKey(),
  kind: text().notNull(), // intergovernmental | mechanism | ministry | international
  abbreviation: text(),
  nameEn: text().notNull(),
  nameZh: text().notNull(),
  countryId: integer().references(() => countries.id),
  // Editable since the audit trail came; SQLite cannot add columns whose default is an
  // expression, so these reference records carry a version but no timestamps.
  version: integer().notNull().default(1),
});

export const people = table(
  "people",
  {
    id: id(),
    key: naturalKey(),
    nameEn: text().notNull(),
    nameZh: text().notNull(),
    countryId: integer().references(() => countries.id),
    ...tracked(),
  },
  (t) => [index("people_country_idx").on(t.countryId)],
);

/** Offices a person held ("positions held"), dated where a source dates them. */
export const offices = table(
  "offices",
  {
    id: id(),
    personId: integer()
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    titleEn: text().notNull(),
    titleZh: text().notNull(),
    organizationId: integer().references(() => organizations.id),
    startDate: text(),
    endDate: text(),
  },
  (t) => [uniqueIndex("offices_person_title_uq").on(t.personId, t.titleEn)],
);

export const topics = table("topics", {
  id: id(),
  key: naturalKey(),
  kind: text().notNull(), // cooperation_area | issue | initiative
  nameEn: text().notNull(),
  nameZh: text().notNull(),
  version: integer().notNull().default(1),
});

export const eventTypes = table("event_types", {
  id: id(),
  key: naturalKey(),
  cameo: text().notNull(), // CAMEO event code, e.g. "042" make a visit
  labelEn: text().notNull(),
  labelZh: text().notNull(),
});

export const events = table(
  "events",
  {
    id: id(),
    key: naturalKey(),
    relationshipId: integer()
      .notNull()
      .references(() => relationships.id),
    typeId: integer()
      .notNull()
      .references(() => eventTypes.id),
    status: text().notNull().default("held"), // held | scheduled | cancelled
    startDate: text().notNull(),
    endDate: text(),
    hostCountryId: integer().references(() => countries.id),
    placeEn: text(),
    placeZh: text(),
    titleEn: text().notNull(),
    titleZh: text().notNull(),
    summaryEn: text(),
    summaryZh: text(),
    firstOfKind: integer({ mode: "boolean" }).notNull().default(false),
    ...tracked(),
  },
  (t) => [
    index("events_relationship_date_idx").on(t.relationshipId, t.startDate, t.id),
    index("events_date_idx").on(t.startDate, t.id),
    index("events_type_idx").on(t.typeId),
  ],
);

export const eventParticipants = table(
  "event_participants",
  {
    id: id(),
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    personId: integer()
      .notNull()
      .references(() => people.id),
    countryId: integer().references(() => countries.id), // the side they stood for
    role: text().notNull(), // host | guest | head_of_delegation | participant
    position: integer().notNull().default(0), // display order within the event
  },
  (t) => [
    uniqueIndex("event_participants_uq").on(t.eventId, t.personId),
    index("event_participants_person_idx").on(t.personId),
  ],
);

export const eventTopics = table(
  "event_topics",
  {
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    topicId: integer()
      .notNull()
      .references(() => topics.id),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.topicId] }),
    index("event_topics_topic_idx").on(t.topicId),
  ],
);

export const documents = table(
  "documents",
  {
    id: id(),
    key: naturalKey(),
    kind: text().notNull(), // joint_statement | cooperation_programme | mou | agreement | …
    titleEn: text().notNull(),
    titleZh: text().notNull(),
    signedOn: text(),
    eventId: integer().references(() => events.id, { onDelete: "set null" }),
    validFrom: text(),
    validTo: text(),
    summaryEn: text(),
    summaryZh: text(),
    ...tracked(),
  },
  (t) => [index("documents_event_idx").on(t.eventId), index("documents_signed_idx").on(t.signedOn)],
);

export const documentParties = table(
  "document_parties",
  {
    documentId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    countryId: integer()
      .notNull()
      .references(() => countries.id),
    organizationId: integer().references(() => organizations.id), // e.g. the signing ministry
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.countryId] }),
    index("document_parties_country_idx").on(t.countryId),
  ],
);

export const projects = table("projects", {
  id: id(),
  key: naturalKey(),
  status: text().notNull(), // proposed | planned | under_construction | operational | suspended
  nameEn: text().notNull(),
  nameZh: text().notNull(),
  summaryEn: text(),
  summaryZh: text(),
  ...tracked(),
});

export const projectCountries = table(
  "project_countries",
  {
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    countryId: integer()
      .notNull()
      .references(() => countries.id),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.countryId] }),
    index("project_countries_country_idx").on(t.countryId),
  ],
);

export const projectTopics = table(
  "project_topics",
  {
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    topicId: integer()
      .notNull()
      .references(() => topics.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.topicId] })],
);

/** A dated mention of a project, usually at an event: "both sides stressed speeding it up". */
export const projectMentions = table(
  "project_mentions",
  {
    id: id(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    eventId: integer().references(() => events.id, { onDelete: "cascade" }),
    mentionedOn: text().notNull(),
    status: text(),
    noteEn: text().notNull(),
    noteZh: text().notNull(),
  },
  (t) => [
    index("project_mentions_project_idx").on(t.projectId, t.mentionedOn),
    index("project_mentions_event_idx").on(t.eventId),
  ],
);

/** What one side said or committed to, on a topic, with the quote where there is one. */
export const statements = table(
  "statements",
  {
    id: id(),
    key: naturalKey(),
    kind: text().notNull(), // position | commitment | support | request | assessment
    countryId: integer()
      .notNull()
      .references(() => countries.id),
    speakerId: integer().references(() => people.id),
    eventId: integer().references(() => events.id, { onDelete: "set null" }),
    topicId: integer()
      .notNull()
      .references(() => topics.id),
    organizationId: integer().references(() => organizations.id),
    projectId: integer().references(() => projects.id),
    statedOn: text().notNull(),
    textEn: text().notNull(),
    textZh: text().notNull(),
    quoteZh: text(),
    quoteEn: text(),
    ...tracked(),
  },
  (t) => [
    index("statements_event_idx").on(t.eventId),
    index("statements_country_idx").on(t.countryId, t.statedOn),
    index("statements_topic_idx").on(t.topicId),
  ],
);

export const sources = table("sources", {
  id: id(),
  key: naturalKey(),
  publicationEn: text().notNull(),
  publicationZh: text().notNull(),
  titleEn: text().notNull(),
  titleZh: text().notNull(),
  language: text().notNull(), // language of the original
  publishedOn: text().notNull(),
  page: text(),
  url: text(),
  noteEn: text(), // for a fact not from the article: where it comes from
  noteZh: text(),
  version: integer().notNull().default(1),
});

/** One source supporting one fact. Exactly one subject column is set. */
export const citations = table(
  "citations",
  {
    id: id(),
    sourceId: integer()
      .notNull()
      .references(() => sources.id),
    locator: text(), // where in the source: paragraph, page
    eventId: integer().references(() => events.id, { onDelete: "cascade" }),
    documentId: integer().references(() => documents.id, { onDelete: "cascade" }),
    statementId: integer().references(() => statements.id, { onDelete: "cascade" }),
    partnershipId: integer().references(() => partnerships.id, { onDelete: "cascade" }),
    projectMentionId: integer().references(() => projectMentions.id, { onDelete: "cascade" }),
    officeId: integer().references(() => offices.id, { onDelete: "cascade" }),
  },
  (t) => [
    check(
      "citations_one_subject_ck",
      sql`(${t.eventId} IS NOT NULL) + (${t.documentId} IS NOT NULL) + (${t.statementId} IS NOT NULL) + (${t.partnershipId} IS NOT NULL) + (${t.projectMentionId} IS NOT NULL) + (${t.officeId} IS NOT NULL) = 1`,
    ),
    index("citations_source_idx").on(t.sourceId),
    index("citations_event_idx").on(t.eventId),
    index("citations_document_idx").on(t.documentId),
    index("citations_statement_idx").on(t.statementId),
    index("citations_partnership_idx").on(t.partnershipId),
    index("citations_mention_idx").on(t.projectMentionId),
    index("citations_office_idx").on(t.officeId),
  ],
);

// ---- The service's own records ----------------------------------------------------------------

/** A rendered (or rendering) brief. The PDF lives under ATTACHE_DATA_DIR, named by its sha256. */
export const briefs = table(
  "briefs",
  {
    id: id(),
    // What links name: random, so a brief's URL cannot be guessed from another's.
    publicId: text().$defaultFn(() => randomBytes(16).toString("base64url")),
    template: text().notNull(),
    locale: text().notNull(),
    spec: text({ mode: "json" }).notNull(), // the normalised BriefSpec
    cacheKey: text().notNull(), // hash of spec, template content and data: same key, same PDF
    templateHash: text().notNull(),
    dataHash: text().notNull(),
    status: text().notNull().default("queued"), // queued | rendering | done | failed
    error: text(),
    errorCode: text(), // why it failed: STORAGE (disk full or read-only) | RENDER | INTERRUPTED
    title: text(),
    sha256: text(),
    bytes: integer(),
    pages: integer(),
    file: text(), // path relative to the data directory
    timings: text({ mode: "json" }), // milliseconds per stage: gather, html, pdf, store
    requestedBy: text(),
    renderer: text(), // "host:pid" of the process making it, so restarts fail only its own rows
    createdAt: text().notNull().default(nowUtc),
    finishedAt: text(),
  },
  (t) => [
    index("briefs_cache_idx").on(t.cacheKey, t.status),
    uniqueIndex("briefs_public_id_idx").on(t.publicId),
    index("briefs_created_idx").on(t.createdAt, t.id),
  ],
);

export const schedules = table("schedules", {
  id: id(),
  // Unique; a deleted schedule's name gets its id appended, freeing the name for reuse.
  name: text().notNull().unique(),
  cron: text().notNull(),
  timezone: text().notNull(),
  template: text().notNull().default("weekly-summary"),
  period: text().notNull().default("previous_iso_week"), // previous_iso_week | previous_day | previous_month
  scope: text({ mode: "json" }).notNull(), // { relationships?: string[]; countries?: string[]; topics?: string[] }
  locales: text({ mode: "json" }).notNull(), // ["en", "zh"]
  enabled: integer({ mode: "boolean" }).notNull().default(true),
  owner: text(), // an email address: failed and given-up runs are reported there
  catchUp: integer().notNull().default(4), // missed periods run after downtime, at most
  skipIfEmpty: integer({ mode: "boolean" }).notNull().default(false),
  pausedAt: text(), // set while paused: periods ending from then on are skipped
  deletedAt: text(), // deleted schedules keep their runs and deliveries
  ...tracked(),
});

/**
 * Where a schedule delivers (role `delivery`) or reports failures (role `alert`). A webhook's
 * signing secret belongs to its target: edits of the schedule never touch it; rotation keeps the
 * previous secret valid until `previousSecretUntil` (both signatures are sent meanwhile).
 */
export const scheduleTargets = table(
  "schedule_targets",
  {
    id: id(),
    scheduleId: integer()
      .notNull()
      .references(() => schedules.id),
    kind: text().notNull(), // webhook | email
    role: text().notNull().default("delivery"), // delivery | alert
    url: text(), // webhooks
    address: text(), // email: one address per target, so no recipient sees another
    locales: text({ mode: "json" }), // null: the schedule's locales
    secret: text(),
    previousSecret: text(),
    previousSecretUntil: text(),
    createdAt: text().notNull().default(nowUtc),
    removedAt: text(), // removed targets stay for the deliveries that name them
  },
  (t) => [index("schedule_targets_schedule_idx").on(t.scheduleId, t.removedAt)],
);

/** One (schedule, period): unique, leased by one process at a time. */
export const scheduleRuns = table(
  "schedule_runs",
  {
    id: id(),
    scheduleId: integer()
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    periodStart: text().notNull(),
    periodEnd: text().notNull(),
    status: text().notNull().default("pending"), // pending | running | done | failed | gave_up | skipped
    attempts: integer().notNull().default(0),
    leaseOwner: text(), // "host:pid:nonce" of the process running it
    leaseExpiresAt: text(),
    nextAttemptAt: text(),
    error: text(),
    reason: text(), // why a run was skipped (paused, empty period)
    briefIds: text({ mode: "json" }), // the briefs the run produced, one per locale
    createdAt: text().notNull().default(nowUtc),
    finishedAt: text(),
  },
  (t) => [
    uniqueIndex("schedule_runs_period_uq").on(t.scheduleId, t.periodStart),
    index("schedule_runs_status_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** Delivery of one run to one target; a sent delivery is never sent again unless resent. */
export const deliveries = table(
  "deliveries",
  {
    id: id(),
    runId: integer()
      .notNull()
      .references(() => scheduleRuns.id, { onDelete: "cascade" }),
    target: text().notNull(), // stable key of the target, e.g. "webhook:https://…" or "email:a@b"
    targetId: integer().references(() => scheduleTargets.id),
    status: text().notNull().default("pending"), // pending | sent | failed
    attempts: integer().notNull().default(0),
    resends: integer().notNull().default(0), // explicit resends: each gets a new message id
    error: text(),
    sentAt: text(),
  },
  (t) => [uniqueIndex("deliveries_run_target_uq").on(t.runId, t.target)],
);

export const apiKeys = table("api_keys", {
  id: id(),
  name: text().notNull().unique(),
  role: text().notNull(), // viewer | editor | admin
  tokenHash: text().notNull().unique(), // sha256 of the token; the token itself is never stored
  prefix: text().notNull(), // first characters, to recognise a key in listings
  createdAt: text().notNull().default(nowUtc),
  revokedAt: text(),
  lastUsedAt: text(),
});

export const auditLog = table(
  "audit_log",
  {
    id: id(),
    at: text().notNull().default(nowUtc),
    actor: text().notNull(), // API key name, or "cli" / "seed"
    action: text().notNull(), // create | update | delete | import
    entityType: text().notNull(),
    entityId: integer(),
    entityKey: text(),
    before: text({ mode: "json" }),
    after: text({ mode: "json" }),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.id),
    index("audit_log_actor_idx").on(t.actor, t.id),
    index("audit_log_key_idx").on(t.entityType, t.entityKey, t.id),
  ],
);
