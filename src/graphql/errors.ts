// Errors a client is meant to read. Anything else is masked by graphql-yoga.
import { GraphQLError } from "graphql";

/** Bad input: code BAD_USER_INPUT and the argument (path) at fault. */
export function userInputError(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argumentName } });
}
