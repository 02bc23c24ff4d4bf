// The date scalars: calendar days, instants, and dates as precise as their source.
import { Kind, type ValueNode } from "graphql";
import { isIsoDate } from "../domain/dates.ts";
import { partialDateProblem } from "../domain/partial-date.ts";
import { builder } from "./builder.ts";

// A plain error, not a GraphQLError: graphql-js then reports it at the value (a literal's
// location, a variable's path), which is how errors.ts names the argument at fault.
function refuse(message: string): never {
  throw new TypeError(message);
}

const literal = (ast: ValueNode) => (ast.kind === Kind.STRING ? ast.value : undefined);

function parseDate(value: unknown): string {
  if (typeof value === "string" && isIsoDate(value)) return value;
  return refuse(`"${String(value)}" is not a calendar date (YYYY-MM-DD)`);
}

builder.scalarType("Date", {
  description: "A calendar date in ISO 8601 form, YYYY-MM-DD.",
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literal(ast)),
});

function parsePartialDate(value: unknown): string {
  if (typeof value !== "string") return refuse(`${JSON.stringify(value)} is not a date`);
  const problem = partialDateProblem(value);
  return problem === null ? value : refuse(problem);
}

builder.scalarType("PartialDate", {
  description:
    'A date as precise as its source, in one of three ISO 8601 forms: a year ("2023"), a month ("2023-11") or a day ("2023-11-05"). Filters and order use the range of days it covers.',
  serialize: (value) => value,
  parseValue: parsePartialDate,
  parseLiteral: (ast) => parsePartialDate(literal(ast)),
});

function parseInstant(value: unknown): string {
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return value;
  return refuse(`"${String(value)}" is not an ISO 8601 instant`);
}

builder.scalarType("DateTime", {
  description: "An instant in ISO 8601 form, in UTC: 2025-11-19T08:30:00.000Z.",
  serialize: (value) => value,
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(literal(ast)),
});
