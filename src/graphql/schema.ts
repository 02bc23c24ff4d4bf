// The executable schema: every module registers its types on the builder, then it is built.
import { lexicographicSortSchema, printSchema } from "graphql";
import { builder, rootScopes } from "./builder.ts";
import "./scalars.ts";
import "./text.ts";
import "./citations.ts";
import "./entities/country.ts";
import "./entities/partnership-level.ts";
import "./entities/event-type.ts";
import "./entities/topic.ts";
import "./entities/source.ts";
import "./entities/organization.ts";
import "./entities/person.ts";
import "./entities/relationship.ts";
import "./entities/event.ts";
import "./entities/document.ts";
import "./entities/project.ts";
import "./entities/project-mention.ts";
import "./entities/statement.ts";
import "./entities/target.ts";
import "./search.ts";
import "./brief.ts";
import "./schedule.ts";
import "./audit.ts";
import "./api-keys.ts";
import "./import.ts";
import "./ingest.ts";

builder.queryType({ authScopes: rootScopes.Query });
builder.mutationType({ authScopes: rootScopes.Mutation });
builder.subscriptionType({ authScopes: rootScopes.Subscription });

export const schema = builder.toSchema();

/** The SDL committed as schema.graphql; a test fails when the two differ. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
