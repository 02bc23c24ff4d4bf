// The entity registry: every curated entity named once, with where it lives in each layer. The
// dataset codecs, the audit log, search and the GraphQL schema read this list; nothing else keeps
// a list of entities (a test walks it and checks each layer has what it promises).

export type EntityName =
  | "country"
  | "partnershipLevel"
  | "eventType"
  | "topic"
  | "source"
  | "organization"
  | "person"
  | "relationship"
  | "event"
  | "document"
  | "project"
  | "projectMention"
  | "statement"
  | "target";

export type EntityInfo = {
  name: EntityName;
  /** Section of a dataset file; records are written in the registry's order. */
  section: string;
  /** The SQL table of the record itself. */
  table: string;
  /** The column holding the natural key files and clients use. */
  keyColumn: string;
  /** How people call it in messages: "statement", "event type". */
  noun: string;
  /** The GraphQL object type. */
  graphqlType: string;
  /** `audit_log.entity_type`. */
  auditType: string;
  /** `search_index.kind`, or null when the entity is not searched. */
  searchKind: string | null;
  /** Tables of the record's own parts, written and read with it. */
  children: readonly string[];
};

const entity = (info: EntityInfo) => info;

/** In write order: a record only refers to records of entities listed before it (a bilateral
 *  mechanism names its relationship, so relationships come before organisations). */
export const entities = [
  entity({
    name: "country",
    section: "countries",
    table: "countries",
    keyColumn: "code",
    noun: "country",
    graphqlType: "Country",
    auditType: "country",
    searchKind: "country",
    children: [],
  }),
  entity({
    name: "partnershipLevel",
    section: "partnershipLevels",
    table: "partnership_levels",
    keyColumn: "key",
    noun: "partnership level",
    graphqlType: "PartnershipLevel",
    auditType: "partnership_level",
    searchKind: null,
    children: [],
  }),
  entity({
    name: "eventType",
    section: "eventTypes",
    table: "event_types",
    keyColumn: "key",
    noun: "event type",
    graphqlType: "EventType",
    auditType: "event_type",
    searchKind: null,
    children: [],
  }),
  entity({
    name: "topic",
    section: "topics",
    table: "topics",
    keyColumn: "key",
    noun: "topic",
    graphqlType: "Topic",
    auditType: "topic",
    searchKind: "topic",
    children: [],
  }),
  entity({
    name: "source",
    section: "sources",
    table: "sources",
    keyColumn: "key",
    noun: "source",
    graphqlType: "Source",
    auditType: "source",
    searchKind: "source",
    children: [],
  }),
  entity({
    name: "relationship",
    section: "relationships",
    table: "relationships",
    keyColumn: "key",
    noun: "relationship",
    graphqlType: "Relationship",
    auditType: "relationship",
    searchKind: null,
    children: ["partnerships"],
  }),
  entity({
    name: "organization",
    section: "organizations",
    table: "organizations",
    keyColumn: "key",
    noun: "organization",
    graphqlType: "Organization",
    auditType: "organization",
    searchKind: "organization",
    children: [],
  }),
  entity({
    name: "person",
    section: "people",
    table: "people",
    keyColumn: "key",
    noun: "person",
    graphqlType: "Person",
    auditType: "person",
    searchKind: "person",
    children: ["offices"],
  }),
  entity({
    name: "event",
    section: "events",
    table: "events",
    keyColumn: "key",
    noun: "event",
    graphqlType: "Event",
    auditType: "event",
    searchKind: "event",
    children: ["event_participants", "event_topics"],
  }),
  entity({
    name: "document",
    section: "documents",
    table: "documents",
    keyColumn: "key",
    noun: "document",
    graphqlType: "Document",
    auditType: "document",
    searchKind: "document",
    children: ["document_parties"],
  }),
  entity({
    name: "project",
    section: "projects",
    table: "projects",
    keyColumn: "key",
    noun: "project",
    graphqlType: "Project",
    auditType: "project",
    searchKind: "project",
    children: ["project_countries", "project_topics", "project_status_steps"],
  }),
  entity({
    name: "projectMention",
    section: "projectMentions",
    table: "project_mentions",
    keyColumn: "key",
    noun: "project mention",
    graphqlType: "ProjectMention",
    auditType: "project_mention",
    searchKind: null,
    children: [],
  }),
  entity({
    name: "statement",
    section: "statements",
    table: "statements",
    keyColumn: "key",
    noun: "statement",
    graphqlType: "Statement",
    auditType: "statement",
    searchKind: "statement",
    children: ["statement_topics", "statement_organizations", "statement_projects"],
  }),
  entity({
    name: "target",
    section: "targets",
    table: "targets",
    keyColumn: "key",
    noun: "target",
    graphqlType: "Target",
    auditType: "target",
    searchKind: "target",
    children: ["target_statements"],
  }),
] as const satisfies readonly EntityInfo[];

export function entityInfo(name: EntityName): EntityInfo {
  return entities.find((e) => e.name === name) as EntityInfo;
}
