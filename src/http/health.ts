// /healthz: the process answers. /readyz: it can do its work: the database answers, the data
// directory takes writes and has room for more briefs. Anyone may ask, so the answer names no
// path: the operator knows ATTACHE_DATA_DIR, a prober need not.
import fs from "node:fs";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";

export type Readiness = { status: "ready" } | { status: "unavailable"; problems: string[] };

export async function readiness(db: Db, dataDir: string, minFreeBytes: number): Promise<Readiness> {
  const problems: string[] = [];
  try {
    await db.get(sql`SELECT 1`);
  } catch (error) {
    problems.push(`database: ${(error as Error).message}`);
  }
  try {
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    problems.push(`data directory is not writable (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    const { bavail, bsize } = fs.statfsSync(dataDir);
    const free = bavail * bsize;
    if (free < minFreeBytes) {
      problems.push(
        `data directory is nearly full: ${mb(free)} free, ${mb(minFreeBytes)} wanted (ATTACHE_MIN_FREE_MB)`,
      );
    }
  } catch (error) {
    problems.push(`data directory: ${(error as NodeJS.ErrnoException).code}`);
  }
  return problems.length === 0 ? { status: "ready" } : { status: "unavailable", problems };
}

const mb = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`;
