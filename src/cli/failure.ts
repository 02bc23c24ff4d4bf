// The one place that turns a failed command into what its user reads: one line on stderr, naming
// the option at fault where there is one, and a non-zero exit. Anything not recognised here is a
// bug and keeps its stack trace.
import type { Command } from "commander";
import { Refusal } from "../domain/refusal.ts";
import { CliError } from "./io.ts";

export type Failure = { message: string; exitCode: number };

export function describeFailure(error: unknown, command: Command): Failure | undefined {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (!(error instanceof Error)) return undefined;
  const { argumentName } = error as { argumentName?: unknown };
  if (typeof argumentName === "string") {
    const option = optionFor(command, argumentName);
    const more = error instanceof Refusal ? error.problems.length - 1 : 0;
    const message = `${option ? `${option}: ` : ""}${error.message}${
      more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : ""
    }`;
    // Bad input to an option is a usage error (exit 2), whichever layer found it; a refusal of
    // the operation itself (a conflict, a record not found, a busy database) exits 1.
    const declined = error instanceof Refusal && error.code !== "BAD_USER_INPUT";
    return { message, exitCode: declined ? 1 : 2 };
  }
  // Matched by name, not imported, so that reporting a failure loads nothing a command did not.
  if (error.name === "DatasetError") return { message: error.message, exitCode: 1 };
  const { code } = error as { code?: unknown };
  // The file system's and SQLite's own errors (a read-only directory, a locked or corrupt
  // database) say what is wrong in their message.
  if (typeof code === "string" && /^(E[A-Z]+|SQLITE_\w+)$/.test(code)) {
    return { message: error.message, exitCode: 1 };
  }
  return undefined;
}

/** `--as-of` for `asOf` or `period.asOf`, `--locale` for `locales`: the option a user typed. */
function optionFor(command: Command, argumentName: string): string | undefined {
  // `input.targets[0].email[1]` is --email; `input.countries` is --country.
  const last = (argumentName.split(".").at(-1) ?? argumentName).replace(/\[\d+\]$/, "");
  const names = [last, last.replace(/ies$/, "y"), last.replace(/s$/, "")];
  return command.options.find((o) => names.includes(o.attributeName()))?.long;
}
