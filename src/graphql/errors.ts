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
