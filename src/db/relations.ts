// Drizzle relations v2: what the relational query builder (and Pothos' query planner) may join.
import { defineRelations } from "drizzle-orm";
import * as schema from "./schema.ts";

export const relations = defineRelations(schema, (r) => ({
  countries: {
    people: r.many.people({ from: r.countries.id, to: r.people.countryId }),
  },
  partnershipLevels: {
    partnerships: r.many.partnerships({
      from: r.partnershipLevels.id,
      to: r.partnerships.levelId,
    }),
  },
  relationships: {
    countryA: r.one.countries({
      from: r.relationships.countryAId,
      to: r.countries.id,
      optional: false,
    }),
    countryB: r.one.countries({
      from: r.relationships.countryBId,
      to: r.countries.id,
      optional: false,
    }),
    partnerships: r.many.partnerships({
      from: r.relationships.id,
      to: r.partnerships.relationshipId,
    }),
    events: r.many.events({ from: r.relationships.id, to: r.events.relationshipId }),
    documents: r.many.documents({ from: r.relationships.id, to: r.documents.relationshipId }),
    statements: r.many.statements({ from: r.relationships.id, to: r.statements.relationshipId }),
    targets: r.many.targets({ from: r.relationships.id, to: r.targets.relationshipId }),
    mechanisms: r.many.organizations({
      from: r.relationships.id,
      to: r.organizations.relationshipId,
    }),
  },
  partnerships: {
    relationship: r.one.relationships({
      from: r.partnerships.relationshipId,
      to: r.relationships.id,
      optional: false,
    }),
    level: r.one.partnershipLevels({
      from: r.partnerships.levelId,
      to: r.partnershipLevels.id,
      optional: false,
    }),
    citations: r.many.citations({ from: r.partnerships.id, to: r.citations.partnershipId }),
  },
  organizations: {
    country: r.one.countries({ from: r.organizations.countryId, to: r.countries.id }),
    relationship: r.one.relationships({
      from: r.organizations.relationshipId,
      to: r.relationships.id,
    }),
  },
  people: {
    country: r.one.countries({ from: r.people.countryId, to: r.countries.id }),
    offices: r.many.offices({ from: r.people.id, to: r.offices.personId }),
    participations: r.many.eventParticipants({
      from: r.people.id,
      to: r.eventParticipants.personId,
    }),
  },
  offices: {
    person: r.one.people({ from: r.offices.personId, to: r.people.id, optional: false }),
    organization: r.one.organizations({
      from: r.offices.organizationId,
      to: r.organizations.id,
    }),
    citations: r.many.citations({ from: r.offices.id, to: r.citations.officeId }),
  },
  events: {
    relationship: r.one.relationships({
      from: r.events.relationshipId,
      to: r.relationships.id,
      optional: false,
    }),
    type: r.one.eventTypes({ from: r.events.typeId, to: r.eventTypes.id, optional: false }),
    hostCountry: r.one.countries({ from: r.events.hostCountryId, to: r.countries.id }),
    parent: r.one.events({ from: r.events.parentId, to: r.events.id, alias: "parent" }),
    parts: r.many.events({ from: r.events.id, to: r.events.parentId, alias: "parent" }),
    participants: r.many.eventParticipants({
      from: r.events.id,
      to: r.eventParticipants.eventId,
    }),
    topics: r.many.topics({
      from: r.events.id.through(r.eventTopics.eventId),
      to: r.topics.id.through(r.eventTopics.topicId),
    }),
    documents: r.many.documents({ from: r.events.id, to: r.documents.eventId }),
    statements: r.many.statements({ from: r.events.id, to: r.statements.eventId }),
    projectMentions: r.many.projectMentions({
      from: r.events.id,
      to: r.projectMentions.eventId,
    }),
    citations: r.many.citations({ from: r.events.id, to: r.citations.eventId }),
  },
  eventParticipants: {
    event: r.one.events({
      from: r.eventParticipants.eventId,
      to: r.events.id,
      optional: false,
    }),
    person: r.one.people({
      from: r.eventParticipants.personId,
      to: r.people.id,
      optional: false,
    }),
    country: r.one.countries({ from: r.eventParticipants.countryId, to: r.countries.id }),
  },
  topics: {
    events: r.many.events({
      from: r.topics.id.through(r.eventTopics.topicId),
      to: r.events.id.through(r.eventTopics.eventId),
    }),
    statements: r.many.statements({
      from: r.topics.id.through(r.statementTopics.topicId),
      to: r.statements.id.through(r.statementTopics.statementId),
    }),
    projects: r.many.projects({
      from: r.topics.id.through(r.projectTopics.topicId),
      to: r.projects.id.through(r.projectTopics.projectId),
    }),
  },
  documents: {
    relationship: r.one.relationships({
      from: r.documents.relationshipId,
      to: r.relationships.id,
      optional: false,
    }),
    event: r.one.events({ from: r.documents.eventId, to: r.events.id }),
    parties: r.many.countries({
      from: r.documents.id.through(r.documentParties.documentId),
      to: r.countries.id.through(r.documentParties.countryId),
    }),
    citations: r.many.citations({ from: r.documents.id, to: r.citations.documentId }),
  },
  projects: {
    countries: r.many.countries({
      from: r.projects.id.through(r.projectCountries.projectId),
      to: r.countries.id.through(r.projectCountries.countryId),
    }),
    topics: r.many.topics({
      from: r.projects.id.through(r.projectTopics.projectId),
      to: r.topics.id.through(r.projectTopics.topicId),
    }),
    statusHistory: r.many.projectStatusSteps({
      from: r.projects.id,
      to: r.projectStatusSteps.projectId,
    }),
    mentions: r.many.projectMentions({
      from: r.projects.id,
      to: r.projectMentions.projectId,
    }),
  },
  projectStatusSteps: {
    project: r.one.projects({
      from: r.projectStatusSteps.projectId,
      to: r.projects.id,
      optional: false,
    }),
    citations: r.many.citations({
      from: r.projectStatusSteps.id,
      to: r.citations.projectStatusStepId,
    }),
  },
  projectMentions: {
    project: r.one.projects({
      from: r.projectMentions.projectId,
      to: r.projects.id,
      optional: false,
    }),
    event: r.one.events({ from: r.projectMentions.eventId, to: r.events.id }),
    citations: r.many.citations({
      from: r.projectMentions.id,
      to: r.citations.projectMentionId,
    }),
  },
  statements: {
    relationship: r.one.relationships({
      from: r.statements.relationshipId,
      to: r.relationships.id,
      optional: false,
    }),
    side: r.one.countries({ from: r.statements.sideCountryId, to: r.countries.id }),
    speaker: r.one.people({ from: r.statements.speakerId, to: r.people.id }),
    event: r.one.events({ from: r.statements.eventId, to: r.events.id }),
    topics: r.many.topics({
      from: r.statements.id.through(r.statementTopics.statementId),
      to: r.topics.id.through(r.statementTopics.topicId),
    }),
    organizations: r.many.organizations({
      from: r.statements.id.through(r.statementOrganizations.statementId),
      to: r.organizations.id.through(r.statementOrganizations.organizationId),
    }),
    projects: r.many.projects({
      from: r.statements.id.through(r.statementProjects.statementId),
      to: r.projects.id.through(r.statementProjects.projectId),
    }),
    citations: r.many.citations({ from: r.statements.id, to: r.citations.statementId }),
  },
  targets: {
    relationship: r.one.relationships({
      from: r.targets.relationshipId,
      to: r.relationships.id,
      optional: false,
    }),
    statements: r.many.statements({
      from: r.targets.id.through(r.targetStatements.targetId),
      to: r.statements.id.through(r.targetStatements.statementId),
    }),
    citations: r.many.citations({ from: r.targets.id, to: r.citations.targetId }),
  },
  sources: {
    citations: r.many.citations({ from: r.sources.id, to: r.citations.sourceId }),
  },
  citations: {
    source: r.one.sources({ from: r.citations.sourceId, to: r.sources.id, optional: false }),
  },
  schedules: {
    runs: r.many.scheduleRuns({ from: r.schedules.id, to: r.scheduleRuns.scheduleId }),
    targets: r.many.scheduleTargets({ from: r.schedules.id, to: r.scheduleTargets.scheduleId }),
  },
  scheduleTargets: {
    schedule: r.one.schedules({
      from: r.scheduleTargets.scheduleId,
      to: r.schedules.id,
      optional: false,
    }),
  },
  scheduleRuns: {
    schedule: r.one.schedules({
      from: r.scheduleRuns.scheduleId,
      to: r.schedules.id,
      optional: false,
    }),
    deliveries: r.many.deliveries({ from: r.scheduleRuns.id, to: r.deliveries.runId }),
  },
  deliveries: {
    run: r.one.scheduleRuns({ from: r.deliveries.runId, to: r.scheduleRuns.id, optional: false }),
    targetRecord: r.one.scheduleTargets({
      from: r.deliveries.targetId,
      to: r.scheduleTargets.id,
    }),
  },
}));
