// Which long-running processes (the server, workers) have a database open: each keeps a small
// file beside it while it runs, so commands that would pull the file from under them (db reset)
// can refuse. A file left by a process that died on this host is ignored and removed.
import fs from "node:fs";
import path from "node:path";
import { processAlive, thisHost } from "../process-alive.ts";
import { makePrivateDir, PRIVATE_FILE } from "./private-files.ts";

export type Holder = { pid: number; host: string; command: string; since: string };

const directoryOf = (dbFile: string) => `${dbFile}.holders`;
const fileOf = (dbFile: string, host: string, pid: number) =>
  path.join(directoryOf(dbFile), `${host}-${pid}.json`);

/** Records this process as holding `dbFile` until the returned release (or exit). */
export function holdDatabase(dbFile: string, command: string): () => void {
  const file = fileOf(dbFile, thisHost, process.pid);
  const holder: Holder = {
    pid: process.pid,
    host: thisHost,
    command,
    since: new Date().toISOString(),
  };
  makePrivateDir(directoryOf(dbFile));
  fs.writeFileSync(file, JSON.stringify(holder), { mode: PRIVATE_FILE });
  const release = () => {
    fs.rmSync(file, { force: true });
    process.off("exit", release);
  };
  process.on("exit", release);
  return release;
}

/** The other processes holding `dbFile` now; files of dead processes are removed on the way. */
export function otherHolders(dbFile: string): Holder[] {
  let names: string[];
  try {
    names = fs.readdirSync(directoryOf(dbFile));
  } catch {
    return [];
  }
  const holders: Holder[] = [];
  for (const name of names) {
    const file = path.join(directoryOf(dbFile), name);
    let holder: Holder;
    try {
      holder = JSON.parse(fs.readFileSync(file, "utf8")) as Holder;
    } catch {
      continue; // being written or removed right now
    }
    if (holder.host === thisHost && holder.pid === process.pid) continue;
    if (processAlive(holder.host, holder.pid)) holders.push(holder);
    else fs.rmSync(file, { force: true });
  }
  return holders;
}
