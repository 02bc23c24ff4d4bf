// Global IDs ("Event:12" in base64url) and the error a malformed one gets.
import { userInputError } from "./errors.ts";

export { encodeId } from "../domain/global-id.ts";

export function decodeId(globalId: string, argumentName = "id"): { typename: string; id: string } {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Z][A-Za-z]+):(\d+)$/.exec(decoded);
  if (!match) throw userInputError(`"${globalId}" is not a valid ID`, argumentName);
  return { typename: match[1] as string, id: match[2] as string };
}

/** The row id in a global ID that must be of `typename`; refused naming the argument otherwise. */
export function idOfType(id: string | number, typename: string, argumentName: string): number {
  const decoded = decodeId(String(id), argumentName);
  if (decoded.typename !== typename) {
    throw userInputError(`"${id}" is not a ${typename} ID`, argumentName);
  }
  return Number(decoded.id);
}
