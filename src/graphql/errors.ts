// Errors a client is meant to read. Anything else is masked by graphql-yoga.
import { GraphQLError, Kind } from "graphql";

/** Bad input: code BAD_USER_INPUT and the argument (path) at fault. */
export function userInputError(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argumentName } });
}

const INVALID_CURSOR = /^Invalid cursor/;

/**
 * Errors the schema's plugins raise about the client's arguments (a malformed cursor) become
 * BAD_USER_INPUT naming the argument; everything else keeps yoga's masking.
 */
export function clientErrorFor(error: unknown): GraphQLError | null {
  if (!(error instanceof GraphQLError)) return null;
  const variable = variableError(error);
  if (variable) return variable;
  const cause = error.originalError ?? error;
  if (!INVALID_CURSOR.test(cause.message)) return null;
  const field = error.nodes?.find((node) => node.kind === Kind.FIELD);
  const given = (field?.arguments ?? [])
    .map((arg) => arg.name.value)
    .filter((name) => name === "after" || name === "before");
  return new GraphQLError(`${cause.message}: pass a cursor this API returned`, {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: "BAD_USER_INPUT", argumentName: given.length === 1 ? given[0] : "after" },
  });
}

const BAD_VARIABLE =
  /^Variable "\$(\w+)" (?:got invalid value .*?(?: at "([^"]+)")?; |of required type .* was not provided)/s;
const BAD_FIELD = /Field "(\w+)" (?:of required type .* was not provided|is not defined by type)/;

/**
 * Variables that do not fit their types (a date that does not exist, a missing required field)
 * are refused before execution; name the variable's path as the argument at fault ($input's
 * `input.date`), as clients usually name variables after arguments.
 */
function variableError(error: GraphQLError): GraphQLError | null {
  const match = BAD_VARIABLE.exec(error.message);
  if (!match) return null;
  const field = BAD_FIELD.exec(error.message.slice(match[0].length))?.[1];
  const at = match[2] ?? match[1] ?? "";
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError,
    extensions: {
      ...error.extensions,
      code: "BAD_USER_INPUT",
      argumentName: field ? `${at}.${field}` : at,
    },
  });
}

const LIMITS: [RegExp, string, (n: string, found?: string) => string][] = [
  [
    /Token limit of (\d+) exceeded/,
    "tokens",
    (n) => `The query has more than ${n} tokens (ATTACHE_MAX_TOKENS)`,
  ],
  [
    /Query depth limit of (\d+) exceeded, found (\d+)/,
    "depth",
    (n, found) =>
      `The query nests ${found} levels deep; at most ${n} are allowed (ATTACHE_MAX_DEPTH)`,
  ],
  [
    /Query Cost limit of (\d+) exceeded, found (\d+)/,
    "cost",
    (n, found) => `The query costs ${found}; at most ${n} is allowed (ATTACHE_MAX_COST)`,
  ],
  [
    /Aliases limit of (\d+) exceeded, found (\d+)/,
    "aliases",
    (n, found) => `The query has ${found} aliases; at most ${n} are allowed (ATTACHE_MAX_ALIASES)`,
  ],
  [
    /Directives limit of (\d+) exceeded, found (\d+)/,
    "directives",
    (n, found) => `The query has ${found} directives; at most ${n} are allowed`,
  ],
];

/**
 * A refusal by a query limit (graphql-armor words them as syntax errors, without a code):
 * QUERY_TOO_COMPLEX naming the limit, and HTTP 400 for clients that accept
 * application/graphql-response+json (yoga keeps 200 for plain JSON clients, as the spec says).
 */
export function limitErrorFor(error: Error): GraphQLError | null {
  for (const [pattern, limit, describe] of LIMITS) {
    const match = pattern.exec(error.message);
    if (!match) continue;
    return new GraphQLError(describe(match[1] as string, match[2]), {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      extensions: {
        code: "QUERY_TOO_COMPLEX",
        limit,
        maximum: Number(match[1]),
        http: { spec: true, status: 400 },
      },
    });
  }
  return null;
}
