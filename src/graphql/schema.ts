// The executable schema: every type module registers itself on the builder, then it is built.
import { lexicographicSortSchema, printSchema } from "graphql";
import { builder } from "./builder.ts";
import "./types/common.ts";
import "./types/country.ts";
import "./types/source.ts";
import "./types/people.ts";
import "./types/event.ts";
import "./types/document.ts";
import "./types/position.ts";
import "./types/project.ts";
import "./types/search.ts";
import "./types/brief.ts";
import "./types/schedule.ts";
import "./types/editing.ts";
import "./types/audit.ts";
import "./types/api-keys.ts";
import "./types/import.ts";
import "./types/ingest.ts";

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const schema = builder.toSchema();

/** The SDL committed as schema.graphql; a test fails when the two differ. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
