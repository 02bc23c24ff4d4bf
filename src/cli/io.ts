// The error a command throws to end with a message rather than a stack trace.

/** An expected failure: printed as one line, exits non-zero (2 for a usage error). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
