// What the service keeps under its data directory (the database with webhook signing secrets and
// key hashes, rendered briefs, the link secret) is for the account that runs it: directories it
// creates are 0700, files 0600. Explicit modes where each is created rather than a process umask,
// so that what a user asks for elsewhere (`--out draft.yaml`, an export) keeps the usual mode.
import fs from "node:fs";

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** `dir` and any missing parents, created 0700; an existing directory is left as it is. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/**
 * The mode of an existing directory that others may enter or read (a data directory made before
 * this, or by hand), as 0755; undefined when it is private. Not changed here: ATTACHE_DATA_DIR
 * may name a directory shared on purpose, and chmod of a shared one would break its other users.
 */
export function openToOthers(dir: string): string | undefined {
  const mode = fs.statSync(dir, { throwIfNoEntry: false })?.mode;
  return mode !== undefined && (mode & 0o077) !== 0 ? `0${(mode & 0o777).toString(8)}` : undefined;
}

/**
 * The database file, created 0600 before SQLite opens it, so that the -wal and -shm files SQLite
 * makes beside it take the same mode (SQLite gives them the database file's permissions). A
 * database, WAL or SHM file left readable by others (made before this) is narrowed to 0600.
 */
export function keepDatabasePrivate(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE));
  } catch {
    // A directory, a read-only file: SQLite's own error names the problem when it opens it.
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, PRIVATE_FILE);
    } catch {
      // Absent (no WAL yet), or not ours to change: SQLite says so if it matters.
    }
  }
}
