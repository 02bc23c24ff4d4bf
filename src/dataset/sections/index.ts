// Every section's codec, in the registry's order (references point backwards).
import { entities } from "../../domain/entities.ts";
import type { Codec, Section } from "../codec.ts";
import { countries } from "./countries.ts";
import { documents } from "./documents.ts";
import { eventTypes } from "./event-types.ts";
import { events } from "./events.ts";
import { organizations } from "./organizations.ts";
import { partnershipLevels } from "./partnership-levels.ts";
import { people } from "./people.ts";
import { projectMentions } from "./project-mentions.ts";
import { projects } from "./projects.ts";
import { relationships } from "./relationships.ts";
import { sources } from "./sources.ts";
import { statements } from "./statements.ts";
import { targets } from "./targets.ts";
import { topics } from "./topics.ts";

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
