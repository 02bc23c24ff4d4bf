// Global IDs ("Event:12" in base64url) and the error a malformed one gets.
import { GraphQLError } from "graphql";

export function encodeId(typename: string, id: bigint | number | string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64url");
}

/**
 * The type and id a global ID names. A malformed one is BAD_USER_INPUT; without `argumentName`
 * (IDs the schema decodes for `t.arg.globalID`), errors.ts names the argument that held it.
 */
export function decodeId(
  globalId: string,
  argumentName?: string,
): { typename: string; id: string } {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Z][A-Za-z]+):(\d+)$/.exec(decoded);
  if (!match) {
    throw new GraphQLError(`"${globalId}" is not a valid ID`, {
      extensions: argumentName
        ? { code: "BAD_USER_INPUT", argumentName }
        : { code: "BAD_USER_INPUT", argumentName: "id", globalId },
    });
  }
  return { typename: match[1] as string, id: match[2] as string };
}
