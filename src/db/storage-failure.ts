// A write the disk refused: full, read-only, or failing. Named so a caller can say so (code
// STORAGE) instead of an internal error, and so an operator knows where to look.
import { Refusal } from "../domain/refusal.ts";

const FULL = new Set(["ENOSPC", "EDQUOT", "SQLITE_FULL"]);
const READ_ONLY = new Set(["EROFS", "EACCES", "EPERM", "SQLITE_READONLY"]);

/** The file system's or SQLite's code of an error, or of what it wraps (drizzle wraps). */
function codeOf(error: unknown): string {
  for (let e = error; e instanceof Error; e = e.cause) {
    const { code } = e as NodeJS.ErrnoException;
    if (typeof code === "string") return code;
  }
  return "";
}

export class StorageFailure extends Refusal {
  constructor(what: string, cause: Error) {
    const code = codeOf(cause);
    const why = FULL.has(code)
      ? "the disk is full"
      : READ_ONLY.has(code) || code.startsWith("SQLITE_READONLY")
        ? "the disk is read-only"
        : "the disk failed";
    super(`${what} could not be saved: ${why} (${code}); nothing was kept`, "STORAGE", "");
    this.cause = cause;
  }
}

/** Whether an error (or what it wraps) is the disk refusing a write. */
export function isStorageError(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof StorageFailure) return true;
  }
  const code = codeOf(error);
  return (
    FULL.has(code) ||
    READ_ONLY.has(code) ||
    code.startsWith("SQLITE_READONLY") ||
    code.startsWith("SQLITE_IOERR")
  );
}
