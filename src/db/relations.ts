// Drizzle relations v2: what the relational query builder (and Pothos' query planner) may join.
import { defineRelations } from "drizzle-orm";
import * as schema from "./schema.ts";

export const relations = defineRelations(schema, (r) => ({
  countries: {
    people: r.many.people({ from: r.countries.id, to: r.people.countryId }),
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
  },
  partnerships: {
    relationship: r.one.relationships({
      from: r.partnerships.relationshipId,
      to: r.relationships.id,
      optional: false,
    }),
    citations: r.many.citations({ from: r.partnerships.id, to: r.citations.partnershipId }),
  },
  organizations: {
    country: r.one.countries({ from: r.organizations.countryId, to: r.countries.id }),
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
    statements: r.many.statements({ from: r.topics.id, to: r.statements.topicId }),
    projects: r.many.projects({
      from: r.topics.id.through(r.projectTopics.topicId),
      to: r.projects.id.through(r.projectTopics.projectId),
    }),
  },
  documents: {
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
    mentions: r.many.projectMentions({
      from: r.projects.id,
      to: r.projectMentions.projectId,
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
    country: r.one.countries({
      from: r.statements.countryId,
      to: r.countries.id,
      optional: false,
    }),
    speaker: r.one.people({ from: r.statements.speakerId, to: r.people.id }),
    event: r.one.events({ from: r.statements.eventId, to: r.events.id }),
    topic: r.one.topics({ from: r.statements.topicId, to: r.topics.id, optional: false }),
    organization: r.one.organizations({
      from: r.statements.organizationId,
      to: r.organizations.id,
    }),
    project: r.one.projects({ from: r.statements.projectId, to: r.projects.id }),
    citations: r.many.citations({ from: r.statements.id, to: r.citations.statementId }),
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
