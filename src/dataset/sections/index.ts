// Every section's codec, in the registry's order (references point backwards).
import { entities } from "../../domain/entities.ts";
import type { Codec, Section } from "../codec.ts";
import { organizations, people, relationships, sources } from "./actors.ts";
import { documents, events } from "./engagements.ts";
import { projectMentions, projects, statements, targets } from "./outcomes.ts";
import { countries, eventTypes, partnershipLevels, topics } from "./reference.ts";

const codecs: Record<Section, Codec> = {
  countries,
  partnershipLevels,
  eventTypes,
  topics,
  sources,
  organizations,
  people,
  relationships,
  events,
  documents,
  projects,
  projectMentions,
  statements,
  targets,
};

export const sectionOrder = entities.map((e) => e.section) as Section[];

export function codecOf(section: Section): Codec {
  return codecs[section];
}
