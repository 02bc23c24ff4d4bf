// What every sub-command shares: its signature and the error that ends it with a message.
import type { Config } from "../config.ts";

export type Command = (args: string[], config: Config) => Promise<number>;

/** An expected failure: printed without a stack trace, exits non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
