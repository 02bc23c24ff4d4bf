// Wiring the brief service to a real Chromium, for the server, the CLI and the worker.

import { desc, eq, max } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { citations, events, relationships, sources } from "../db/schema.ts";
import type { Logger } from "../log.ts";
import { BrowserPool } from "../render/browser.ts";
import { BriefService } from "./service.ts";

export type BriefRuntime = { service: BriefService; pool: BrowserPool; close: () => Promise<void> };

export async function startBriefRuntime(
  db: Db,
  config: Config,
  logger?: Logger,
): Promise<BriefRuntime> {
  const pool = new BrowserPool({
    executablePath: config.chromiumPath,
    concurrency: config.renderConcurrency,
  });
  const service = new BriefService({
    db,
    dataDir: config.dataDir,
    pool,
    logger,
    classification: config.classification,
    drafter: config.drafter,
  });
  const interrupted = await service.recoverInterrupted();
  if (interrupted > 0)
    logger?.warn("briefs interrupted by a restart marked failed", { interrupted });
  return {
    service,
    pool,
    close: async () => {
      await service.idle();
      await pool.close();
    },
  };
}

/**
 * The day the latest recorded engagement of a pair was reported (a brief as of an earlier day
 * does not know it yet): a sample brief about something.
 */
export async function latestReportDate(db: Db, key: string): Promise<string | null> {
  const [row] = await db
    .select({ id: events.id, date: events.dateTo })
    .from(events)
    .innerJoin(relationships, eq(relationships.id, events.relationshipId))
    .where(eq(relationships.key, key))
    .orderBy(desc(events.dateTo))
    .limit(1);
  if (!row) return null;
  const [reported] = await db
    .select({ on: max(sources.publishedOn) })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .where(eq(citations.eventId, row.id));
  return reported?.on && reported.on > row.date ? reported.on : row.date;
}
