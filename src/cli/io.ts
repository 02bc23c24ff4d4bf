// The error a command throws to end with a message rather than a stack trace.
import fs from "node:fs";
import path from "node:path";
import { makePrivateDir } from "../db/private-files.ts";

/** An expected failure: printed as one line, exits non-zero (2 for a usage error). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * Checks, before any work, that `--out FILE` can be written: its directory exists and takes
 * writes, and FILE is not a directory. A usage error (exit 2) otherwise.
 */
export function checkOutPath(out: string): void {
  const directory = path.dirname(path.resolve(out));
  const problem = (() => {
    try {
      if (!fs.statSync(directory).isDirectory()) return `${directory} is not a directory`;
      fs.accessSync(directory, fs.constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === "ENOENT"
        ? `the directory ${directory} does not exist`
        : `${directory}: ${code}`;
    }
    return fs.statSync(out, { throwIfNoEntry: false })?.isDirectory() ? "it is a directory" : null;
  })();
  if (problem) throw new CliError(`--out ${out}: ${problem}`, 2);
}

/** The data directory, created if need be; a one-line failure if it cannot take writes. */
export function checkDataDir(dataDir: string): void {
  try {
    makePrivateDir(dataDir);
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    throw new CliError(
      `the data directory ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code}): set ATTACHE_DATA_DIR to a writable directory`,
    );
  }
}
