// Tables of the bilateral-relations store. Every curated entity has a stable natural `key`
// (what seed and import files refer to) besides its integer id (what global IDs encode).
// Dates of facts are partial dates (YYYY, YYYY-MM, YYYY-MM-DD) stored as text; instants are
// ISO 8601 UTC text.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
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
  /** Short forms a news report uses for the country (中方, 吉方, 吉国), for article ingestion. */
  aliases: text({ mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  version: integer().notNull().default(1),
});

/** The partnership ladder is data: levels with labels, a rank and qualifiers (all-weather…). */
export const partnershipLevels = table("partnership_levels", {
  id: id(),
  key: naturalKey(),
  labelEn: text().notNull(),
  labelZh: text().notNull(),
  rank: integer().notNull(),
  qualifiers: text({ mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  version: integer().notNull().default(1),
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

/**
 * A level a relationship is at: established on a date (`since`), or attested by a source of a
 * date (`attestedOn`) when the establishment date is unknown. One step per level.
 */
export const partnerships = table(
  "partnerships",
  {
    id: id(),
    relationshipId: integer()
      .notNull()
      .references(() => relationships.id, { onDelete: "cascade" }),
    levelId: integer()
      .notNull()
      .references(() => partnershipLevels.id),
    since: text(), // partial date
    attestedOn: text(), // partial date
    noteEn: text(),
    noteZh: text(),
  },
  (t) => [
    uniqueIndex("partnerships_level_uq").on(t.relationshipId, t.levelId),
    check("partnerships_dated_ck", sql`(${t.since} IS NULL) <> (${t.attestedOn} IS NULL)`),
  ],
);

export const organizations = table("organizations", {
  id: id(),
  key: naturalKey(),
  kind: text().notNull(), // intergovernmental | mechanism | ministry | international
  scope: text().notNull().default("multilateral"), // multilateral | regional | bilateral
  abbreviation: text(),
  nameEn: text(),
  nameZh: text(),
  countryId: integer().references(() => countries.id),
  /** A bilateral mechanism's relationship. */
  relationshipId: integer().references(() => relationships.id),
  // Editable since the audit trail came; SQLite cannot add columns whose default is an
  // expression, so these reference records carry a version but no timestamps.
  version: integer().notNull().default(1),
});

export const people = table(
  "people",
  {
    id: id(),
    key: naturalKey(),
    nameEn: text(),
    nameZh: text(),
    /** Other names a report uses (扎帕罗夫 for 萨德尔·扎帕罗夫), for article ingestion. */
    aliases: text({ mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
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
    titleEn: text(),
    titleZh: text(),
    organizationId: integer().references(() => organizations.id),
    startDate: text(), // partial date
    endDate: text(), // partial date
  },
  (t) => [index("offices_person_idx").on(t.personId)],
);

export const topics = table("topics", {
  id: id(),
  key: naturalKey(),
  kind: text().notNull(), // cooperation_area | issue | initiative
  nameEn: text().notNull(),
  nameZh: text().notNull(),
  /** Words that name the topic in a report (铁路 → connectivity), for article ingestion. */
  terms: text({ mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  version: integer().notNull().default(1),
});

export const eventTypes = table("event_types", {
  id: id(),
  key: naturalKey(),
  cameo: text().notNull(), // CAMEO event code, e.g. "042" make a visit; kept for analysis only
  labelEn: text().notNull(),
  labelZh: text().notNull(),
});

/**
 * Dates of facts are partial dates (YYYY, YYYY-MM or YYYY-MM-DD) kept as given; `dateFrom` and
 * `dateTo` are the first and last day they cover, for filters and as-of checks.
 */
const datedRange = () => ({
  date: text().notNull(),
  dateFrom: text().notNull(),
  dateTo: text().notNull(),
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
    ...datedRange(),
    endDate: text(), // last day of a multi-day event
    hostCountryId: integer().references(() => countries.id),
    placeEn: text(),
    placeZh: text(),
    titleEn: text(),
    titleZh: text(),
    summaryEn: text(),
    summaryZh: text(),
    firstOfKind: integer({ mode: "boolean" }).notNull().default(false),
    /** 2 for a "second" dialogue; null when the source gives no ordinal. */
    ordinal: integer(),
    /** The engagement this one is part of: a visit comprises meetings. */
    parentId: integer().references((): AnySQLiteColumn => events.id, { onDelete: "set null" }),
    ...tracked(),
  },
  (t) => [
    index("events_relationship_date_idx").on(t.relationshipId, t.dateFrom, t.id),
    index("events_date_idx").on(t.dateFrom, t.id),
    index("events_type_idx").on(t.typeId),
    index("events_parent_idx").on(t.parentId),
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
    /** joint_statement | joint_press_release | joint_communique | declaration | mou | agreement |
     *  cooperation_programme | treaty | plan */
    kind: text().notNull(),
    action: text().notNull(), // signed | issued | adopted | announced
    relationshipId: integer()
      .notNull()
      .references(() => relationships.id),
    titleEn: text(),
    titleZh: text(),
    date: text(), // partial date of the action
    dateFrom: text(),
    dateTo: text(),
    eventId: integer().references(() => events.id, { onDelete: "set null" }),
    validFrom: text(), // partial dates, only when a source gives them
    validTo: text(),
    summaryEn: text(),
    summaryZh: text(),
    ...tracked(),
  },
  (t) => [
    index("documents_event_idx").on(t.eventId),
    index("documents_relationship_date_idx").on(t.relationshipId, t.dateFrom),
  ],
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
  nameEn: text(),
  nameZh: text(),
  summaryEn: text(),
  summaryZh: text(),
  ...tracked(),
});

/** A project's status from a date on, as a source reports it: its dated, cited history. */
export const projectStatusSteps = table(
  "project_status_steps",
  {
    id: id(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    status: text().notNull(), // proposed | agreed | under_construction | operational | suspended
    ...datedRange(),
  },
  (t) => [uniqueIndex("project_status_steps_uq").on(t.projectId, t.status, t.date)],
);

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

/** A dated mention of a project, usually at an event: a record of its own, with its own key. */
export const projectMentions = table(
  "project_mentions",
  {
    id: id(),
    key: naturalKey(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    eventId: integer().references(() => events.id, { onDelete: "set null" }),
    ...datedRange(),
    noteEn: text(),
    noteZh: text(),
    ...tracked(),
  },
  (t) => [
    index("project_mentions_project_idx").on(t.projectId, t.dateFrom),
    index("project_mentions_event_idx").on(t.eventId),
  ],
);

/**
 * What one side, or both jointly (no side country), said: one sentence of a source, with the
 * verbatim quote. Its kind follows the verb table (seeds/README.md).
 */
export const statements = table(
  "statements",
  {
    id: id(),
    key: naturalKey(),
    /** position | assessment | support | opposition | commitment | willingness | request |
     *  agreement */
    kind: text().notNull(),
    relationshipId: integer()
      .notNull()
      .references(() => relationships.id),
    sideCountryId: integer().references(() => countries.id), // null: both sides, jointly
    speakerId: integer().references(() => people.id),
    eventId: integer().references(() => events.id, { onDelete: "set null" }),
    verb: text(), // the reported verb, e.g. 重申
    ...datedRange(),
    textEn: text(),
    textZh: text(),
    quoteZh: text(),
    quoteEn: text(),
    ...tracked(),
  },
  (t) => [
    index("statements_event_idx").on(t.eventId),
    index("statements_relationship_date_idx").on(t.relationshipId, t.dateFrom),
    index("statements_side_idx").on(t.sideCountryId),
  ],
);

export const statementTopics = table(
  "statement_topics",
  {
    statementId: integer()
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    topicId: integer()
      .notNull()
      .references(() => topics.id),
    position: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.topicId] }),
    index("statement_topics_topic_idx").on(t.topicId),
  ],
);

export const statementOrganizations = table(
  "statement_organizations",
  {
    statementId: integer()
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.organizationId] }),
    index("statement_organizations_org_idx").on(t.organizationId),
  ],
);

export const statementProjects = table(
  "statement_projects",
  {
    statementId: integer()
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.projectId] }),
    index("statement_projects_project_idx").on(t.projectId),
  ],
);

/** A measurable goal or agreed action: what, how much, by when, and where it stands. */
export const targets = table(
  "targets",
  {
    id: id(),
    key: naturalKey(),
    relationshipId: integer()
      .notNull()
      .references(() => relationships.id),
    titleEn: text(),
    titleZh: text(),
    amount: real(),
    unit: text(), // an ISO 4217 currency code or a unit word
    byDate: text(), // partial date
    byNote: text(), // "at_an_early_date" when the source gives no date
    status: text().notNull(), // proposed | agreed | in_progress | met | missed
    date: text(), // when it was set, partial
    dateFrom: text(),
    dateTo: text(),
    ...tracked(),
  },
  (t) => [index("targets_relationship_idx").on(t.relationshipId, t.dateFrom)],
);

export const targetStatements = table(
  "target_statements",
  {
    targetId: integer()
      .notNull()
      .references(() => targets.id, { onDelete: "cascade" }),
    statementId: integer()
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.targetId, t.statementId] }),
    index("target_statements_statement_idx").on(t.statementId),
  ],
);

export const sources = table("sources", {
  id: id(),
  key: naturalKey(),
  publicationEn: text().notNull(),
  publicationZh: text().notNull(),
  titleEn: text(),
  titleZh: text(),
  language: text().notNull(), // language of the original
  publishedOn: text().notNull(),
  page: text(),
  url: text(),
  noteEn: text(), // for a fact not from the article: where it comes from
  noteZh: text(),
  version: integer().notNull().default(1),
});

/** One source supporting one fact. Exactly one subject column is set; one per (subject, source). */
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
    projectStatusStepId: integer().references(() => projectStatusSteps.id, {
      onDelete: "cascade",
    }),
    targetId: integer().references(() => targets.id, { onDelete: "cascade" }),
  },
  (t) => [
    check(
      "citations_one_subject_ck",
      sql`(${t.eventId} IS NOT NULL) + (${t.documentId} IS NOT NULL) + (${t.statementId} IS NOT NULL) + (${t.partnershipId} IS NOT NULL) + (${t.projectMentionId} IS NOT NULL) + (${t.officeId} IS NOT NULL) + (${t.projectStatusStepId} IS NOT NULL) + (${t.targetId} IS NOT NULL) = 1`,
    ),
    index("citations_source_idx").on(t.sourceId),
    index("citations_event_idx").on(t.eventId),
    index("citations_document_idx").on(t.documentId),
    index("citations_statement_idx").on(t.statementId),
    index("citations_partnership_idx").on(t.partnershipId),
    index("citations_mention_idx").on(t.projectMentionId),
    index("citations_office_idx").on(t.officeId),
    index("citations_status_step_idx").on(t.projectStatusStepId),
    index("citations_target_idx").on(t.targetId),
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
