// Whether a process that recorded itself as "host:pid" still runs. Only a process on this host can
// be checked; one elsewhere is taken to be alive (its lease or timeout decides).
import os from "node:os";

export const thisHost = os.hostname();

export function processAlive(host: string, pid: number): boolean {
  if (host !== thisHost || !Number.isInteger(pid) || pid <= 0) return host !== thisHost;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
