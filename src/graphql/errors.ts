// Errors a client is meant to read, in ONE place: refusals of the layers below (edits, imports,
// key management) and the schema plugins' complaints about arguments become GraphQL errors with a
// code and the argument at fault; anything else is masked by graphql-yoga.
import {
  type ArgumentNode,
  type ASTNode,
  type DocumentNode,
  GraphQLError,
  Kind,
  parse,
  type ValueNode,
  visit,
} from "graphql";
import { DatasetError, formatProblem } from "../dataset/problems.ts";
import { DatabaseBusy, isBusy } from "../db/busy.ts";
import { isStorageError, StorageFailure } from "../db/storage-failure.ts";
import { Refusal } from "../domain/refusal.ts";

/** Bad input: code BAD_USER_INPUT and the argument (path) at fault. */
export function userInputError(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argumentName } });
}

/** Pothos' refusals of paging arguments, and the argument each is about. */
const PAGING: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Argument "(first|last)" must be a non-negative integer/, (m) => m[1] as string],
  [/^Arguments "first" and "last" are not supported at the same time/, () => "last"],
];
/** A cursor that does not decode, or decodes to another list's position. */
const FOREIGN_CURSOR =
  /^Invalid cursor|^Expected (?:compound )?cursor to contain|^Cursor contains no values|^Invalid serialized|parameter values were provided/;

/** Pothos' refusal of a global ID of another type than the argument takes. */
const WRONG_ID_TYPE = /^ID: (\S+) is not of type: (.+)$/;

/**
 * The error a client reads for `error`, or null to leave it to yoga's masking. Refusals keep
 * their code, argument and problems; the schema's plugins' complaints about the client's
 * arguments (a negative `first`, `first` with `last`, a malformed cursor or one from another
 * list, an ID of another type) become BAD_USER_INPUT naming the argument.
 */
export function clientErrorFor(error: unknown): GraphQLError | null {
  if (!(error instanceof GraphQLError)) return null;
  const variable = variableError(error);
  if (variable) return variable;
  const cause = error.originalError ?? error;
  // A locked database or a refused write is a refusal too: not the client's doing, so a 503.
  const refusal =
    cause instanceof Refusal
      ? cause
      : isBusy(cause)
        ? new DatabaseBusy()
        : isStorageError(cause)
          ? new StorageFailure("the change", cause)
          : null;
  if (refusal) {
    return new GraphQLError(refusal.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: {
        code: refusal.code,
        ...(refusal.argumentName ? { argumentName: refusal.argumentName } : {}),
        ...(refusal.code === "BUSY" || refusal.code === "STORAGE"
          ? { http: { status: 503, headers: { "Retry-After": "1" } } }
          : {}),
        ...(refusal.problems.length > 1 ? { problems: refusal.problems } : {}),
        ...refusal.details,
      },
    });
  }
  if (cause instanceof DatasetError) {
    const [first] = cause.problems;
    const more = cause.problems.length - 1;
    return new GraphQLError(
      `${first ? formatProblem(first) : "invalid dataset"}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : ""}; nothing was written`,
      {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: "BAD_USER_INPUT", argumentName: "content", problems: cause.problems },
      },
    );
  }
  const wrongId = WRONG_ID_TYPE.exec(cause.message);
  if (wrongId) {
    return coded(
      error,
      `"${wrongId[1]}" is not the ID of a record of type ${wrongId[2]}`,
      idArgument(error, wrongId[1] as string),
    );
  }
  for (const [pattern, argumentName] of PAGING) {
    const match = pattern.exec(cause.message);
    if (match) return coded(error, `${cause.message}.`, argumentName(match));
  }
  const causes = [cause.message, (cause.cause as Error | undefined)?.message ?? ""];
  if (!causes.some((message) => FOREIGN_CURSOR.test(message))) return null;
  const given = cursorArguments(error);
  if (given.length === 0) return null;
  return coded(
    error,
    `The cursor in "${given.join('" or "')}" is not one of this list's: pass a cursor this list returned`,
    given.length === 1 ? (given[0] as string) : "after",
  );
}

/** The argument of the erring field that holds `globalId`: where it was written, else its ID argument. */
function idArgument(error: GraphQLError, globalId: string): string {
  const field = error.nodes?.find((node) => node.kind === Kind.FIELD);
  const args = field?.kind === Kind.FIELD ? (field.arguments ?? []) : [];
  const holding =
    args.find((a) => a.value.kind === Kind.STRING && a.value.value === globalId) ??
    args.find((a) => /^(id|ids|entity)$|Id$/.test(a.name.value)) ??
    args[0];
  return holding?.name.value ?? "id";
}

function coded(error: GraphQLError, message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: "BAD_USER_INPUT", argumentName },
  });
}

/** The cursor arguments given to the field an error is about, or to the fields inside it. */
function cursorArguments(error: GraphQLError): string[] {
  const names = new Set<string>();
  const visit = (node: ASTNode) => {
    if (node.kind === Kind.FIELD) {
      for (const arg of node.arguments ?? []) {
        if (arg.name.value === "after" || arg.name.value === "before") names.add(arg.name.value);
      }
      for (const selection of node.selectionSet?.selections ?? []) visit(selection);
    }
  };
  for (const node of error.nodes ?? []) visit(node);
  return [...names];
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

/**
 * A literal argument that does not fit its type (a date that does not exist, a missing required
 * field, a number for a string) is refused during validation at the value's location only: name
 * the argument (path) holding it, as errors about variables do, and code it as bad input.
 */
export function literalErrorFor(error: GraphQLError): GraphQLError | null {
  const start = error.nodes?.[0]?.loc?.start;
  const body = error.source?.body;
  if (start === undefined || body === undefined) return null;
  let at: string | null = null;
  const find = (value: ValueNode, path: string) => {
    if (value.loc?.start === start) at = path;
    else if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) find(field.value, `${path}.${field.name.value}`);
    } else if (value.kind === Kind.LIST) {
      for (const [i, item] of value.values.entries()) find(item, `${path}[${i}]`);
    }
  };
  visit(parse(body), { Argument: (node) => find(node.value, node.name.value) });
  if (at === null) return null;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: "BAD_USER_INPUT", argumentName: at },
  });
}

/** Half of a surrogate pair: UTF-8 (and so SQLite) cannot keep it as it was sent. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A NUL ends C strings (search, FTS) early; neither it nor a lone surrogate is text. */
const isBadText = (value: string) => value.includes("\0") || LONE_SURROGATE.test(value);

function badText(value: string, argumentName: string): GraphQLError {
  const what = value.includes("\0") ? "a NUL character" : "a lone UTF-16 surrogate";
  return new GraphQLError(`"${argumentName}" contains ${what}: send text as valid Unicode`, {
    extensions: { code: "BAD_USER_INPUT", argumentName },
  });
}

/** The first string in the variables that holds bad text, named by its path (`input.title`). */
function badTextInValue(value: unknown, at: string): GraphQLError | null {
  if (typeof value === "string") return isBadText(value) ? badText(value, at) : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = badTextInValue(item, `${at}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = badTextInValue(item, at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses text no store can keep as sent, in any string argument, whether written in the query
 * ("\u0000" escapes) or passed in variables: BAD_USER_INPUT naming the argument.
 */
export function badTextInRequest(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | null {
  const inVariables = badTextInValue(variables ?? {}, "");
  if (inVariables) return inVariables;
  let found: GraphQLError | null = null;
  visit(document, {
    StringValue(node, _key, _parent, _path, ancestors) {
      if (found || !isBadText(node.value)) return;
      const argument = [...ancestors]
        .reverse()
        .find((a): a is ArgumentNode => !Array.isArray(a) && (a as ASTNode).kind === Kind.ARGUMENT);
      found = badText(node.value, argument?.name.value ?? "query");
    },
  });
  return found;
}
