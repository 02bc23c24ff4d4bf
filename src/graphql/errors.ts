// Errors a client is meant to read, in ONE place: refusals of the layers below (edits, imports,
// key management) and the schema plugins' complaints about arguments become GraphQL errors with a
// code and the argument at fault; anything else is masked by graphql-yoga.
import { GraphQLError, Kind } from "graphql";
import { DatasetError, formatProblem } from "../dataset/load.ts";
import { Refusal } from "../domain/refusal.ts";

/** Bad input: code BAD_USER_INPUT and the argument (path) at fault. */
export function userInputError(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argumentName } });
}

const INVALID_CURSOR = /^Invalid cursor/;
const WRONG_ID_TYPE = /^ID: (\S+) is not of type: (.+)$/;

/**
 * The error a client reads for `error`, or null to leave it to yoga's masking: refusals keep
 * their code, argument and problems; a malformed cursor or an ID of the wrong type becomes
 * BAD_USER_INPUT naming the argument.
 */
export function clientErrorFor(error: unknown): GraphQLError | null {
  if (!(error instanceof GraphQLError)) return null;
  const variable = variableError(error);
  if (variable) return variable;
  const cause = error.originalError ?? error;
  const located = { nodes: error.nodes, path: error.path };
  if (cause instanceof Refusal) {
    return new GraphQLError(cause.message, {
      ...located,
      extensions: {
        code: cause.code,
        argumentName: cause.argumentName,
        ...(cause.problems.length > 1 ? { problems: cause.problems } : {}),
        ...cause.details,
      },
    });
  }
  if (cause instanceof DatasetError) {
    const [first] = cause.problems;
    const more = cause.problems.length - 1;
    return new GraphQLError(
      `${first ? formatProblem(first) : "invalid dataset"}${more > 0 ? ` (and ${more} more problems)` : ""}; nothing was written`,
      {
        ...located,
        extensions: { code: "BAD_USER_INPUT", argumentName: "content", problems: cause.problems },
      },
    );
  }
  const field = error.nodes?.find((node) => node.kind === Kind.FIELD);
  const fieldArguments = field?.kind === Kind.FIELD ? (field.arguments ?? []) : [];
  const wrongType = WRONG_ID_TYPE.exec(cause.message);
  const malformed = cause instanceof GraphQLError ? cause.extensions.globalId : undefined;
  if (wrongType || typeof malformed === "string") {
    const globalId = wrongType?.[1] ?? (malformed as string);
    // The argument holding the ID: the one it was written in, else the field's ID argument.
    const holding =
      fieldArguments.find((a) => a.value.kind === Kind.STRING && a.value.value === globalId) ??
      fieldArguments.find((a) => /^(id|ids|entity)$|Id$/.test(a.name.value)) ??
      fieldArguments[0];
    const message = wrongType
      ? `"${globalId}" is not the ID of a record of type ${wrongType[2]}`
      : cause.message;
    return new GraphQLError(message, {
      ...located,
      extensions: { code: "BAD_USER_INPUT", argumentName: holding?.name.value ?? "id" },
    });
  }
  if (!INVALID_CURSOR.test(cause.message)) return null;
  const given = fieldArguments
    .map((a) => a.name.value)
    .filter((name) => name === "after" || name === "before");
  return new GraphQLError(`${cause.message}: pass a cursor this API returned`, {
    ...located,
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
