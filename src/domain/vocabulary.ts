// The closed vocabularies of the data model, in one place: the dataset format, GraphQL enums and
// the briefs' wording all read these lists. seeds/README.md explains each value with examples.

export const topicKinds = ["cooperation_area", "issue", "initiative"] as const;

export const organizationKinds = [
  "intergovernmental",
  "mechanism",
  "ministry",
  "international",
] as const;
/** Who an organisation or mechanism brings together; a ministry is national. */
export const organizationScopes = ["multilateral", "regional", "bilateral", "national"] as const;

export const eventStatuses = ["held", "scheduled", "cancelled"] as const;
export const participantRoles = ["host", "guest", "head_of_delegation", "participant"] as const;

export const documentKinds = [
  "joint_statement",
  "joint_press_release",
  "joint_communique",
  "declaration",
  "mou",
  "agreement",
  "cooperation_programme",
  "treaty",
  "plan",
] as const;
/** What was done with a document: a joint statement is issued (发表), an agreement signed (签署). */
export const documentActions = ["signed", "issued", "adopted", "announced"] as const;

export const projectStatuses = [
  "proposed",
  "agreed",
  "under_construction",
  "operational",
  "suspended",
] as const;

/**
 * Statement kinds follow the verb table (seeds/README.md): 表示/重申 position, 认为/指出 (a
 * characterisation) assessment, 支持 support, 反对 opposition, 将/承诺 commitment (a firm
 * undertaking), 愿/愿意 willingness ("is ready to", never "pledged"), 希望/期待 request (or hope),
 * 双方同意/一致认为 agreement.
 */
export const statementKinds = [
  "position",
  "assessment",
  "support",
  "opposition",
  "commitment",
  "willingness",
  "request",
  "agreement",
] as const;

export const targetStatuses = ["proposed", "agreed", "in_progress", "met", "missed"] as const;

export type TopicKind = (typeof topicKinds)[number];
export type OrganizationKind = (typeof organizationKinds)[number];
export type OrganizationScope = (typeof organizationScopes)[number];
export type EventStatus = (typeof eventStatuses)[number];
export type ParticipantRole = (typeof participantRoles)[number];
export type DocumentKind = (typeof documentKinds)[number];
export type DocumentAction = (typeof documentActions)[number];
export type ProjectStatus = (typeof projectStatuses)[number];
export type StatementKind = (typeof statementKinds)[number];
export type TargetStatus = (typeof targetStatuses)[number];
