// Refused operations (edits, imports, key management) as the GraphQL errors clients read: a code,
// the argument at fault, and every problem found (a client can show them all at once).
import { GraphQLError } from "graphql";
import { DatasetError, formatProblem } from "../dataset/load.ts";
import { Refusal } from "../domain/refusal.ts";

export function toClientError(error: unknown, datasetArgument = "content"): unknown {
  if (error instanceof Refusal) {
    return new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.argumentName ? { argumentName: error.argumentName } : {}),
        // Not the client's doing (another process writing, a full disk): 503, and when to retry.
        ...(error.code === "BUSY" || error.code === "STORAGE"
          ? { http: { status: 503, headers: { "Retry-After": "1" } } }
          : {}),
        ...(error.problems.length > 1 ? { problems: error.problems } : {}),
        ...error.details,
      },
    });
  }
  if (error instanceof DatasetError) {
    const [first] = error.problems;
    return new GraphQLError(
      `${first ? formatProblem(first) : "invalid dataset"}${
        error.problems.length > 1 ? ` (and ${error.problems.length - 1} more problems)` : ""
      }; nothing was written`,
      {
        extensions: {
          code: "BAD_USER_INPUT",
          argumentName: datasetArgument,
          problems: error.problems,
        },
      },
    );
  }
  return error;
}

/** Runs `fn`, turning refusals into client errors (anything else stays masked). */
export function asClientErrors<T>(fn: () => T, datasetArgument?: string): T {
  try {
    return fn();
  } catch (error) {
    throw toClientError(error, datasetArgument);
  }
}
