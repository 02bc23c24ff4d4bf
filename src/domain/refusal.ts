// An operation refused for a reason the caller can act on: what was wrong, a code a client can
// branch on, and the argument (or field path) at fault. The API layers turn these into their own
// errors (GraphQL: extensions.code and extensions.argumentName); anything else stays internal.
/**
 * BUSY: the database stayed locked by another process; STORAGE: the disk refused a write (full
 * or read-only). Either way the same request may succeed later.
 */
export type RefusalCode = "BAD_USER_INPUT" | "CONFLICT" | "NOT_FOUND" | "BUSY" | "STORAGE";
export type RefusalProblem = { argumentName: string; message: string };

export class Refusal extends Error {
  constructor(
    message: string,
    readonly code: RefusalCode,
    readonly argumentName: string,
    /** Every problem found, when there were several. */
    readonly problems: RefusalProblem[] = [],
    /** More for the client, e.g. the current version of a record. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input refused, naming the argument at fault. */
export const badInput = (message: string, argumentName: string) =>
  new Refusal(message, "BAD_USER_INPUT", argumentName);

/** The argument `name` inside `prefix` ("input.name"), or `name` alone. */
export const argumentAt = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);
