// `attache serve` (what `npm start` runs): migrate, seed an empty database, serve until SIGTERM.
// On first start it also makes a sample brief and says where to open it.
import { createFirstAdminKey } from "../auth/first-start.ts";
import { keyUsage } from "../auth/key-usage.ts";
import { latestReportDate, startBriefRuntime } from "../briefs/runtime.ts";
import type { BriefService } from "../briefs/service.ts";
import type { Config } from "../config.ts";
import { SERVER_BUSY_TIMEOUT_MS } from "../db/busy.ts";
import { type Db, migrateDatabase, openDatabase } from "../db/client.ts";
import { holdDatabase } from "../db/holders.ts";
import { openToOthers } from "../db/private-files.ts";
import { briefs as briefRows } from "../db/schema.ts";
import { seedIfEmpty } from "../db/seed.ts";
import { type BriefLinks, briefLinksFromConfig } from "../http/brief-links.ts";
import { createLogger, type Logger } from "../log.ts";
import { schedulerFromConfig } from "../schedule/scheduler.ts";
import { startServer } from "../server.ts";
import { CliError, checkDataDir } from "./io.ts";

export async function serve(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  checkDataDir(config.dataDir);
  const mode = openToOthers(config.dataDir);
  if (mode) {
    logger.warn("the data directory is open to other users: it holds webhook secrets and briefs", {
      dir: config.dataDir,
      mode,
      fix: `chmod -R go= ${config.dataDir}`,
    });
  }
  const db = openDatabase(config.dbFile);
  migrateDatabase(db);
  const seeded = await seedIfEmpty(db);
  if (seeded) logger.info("seeded an empty database", { file: config.dbFile, ...seeded });
  await createFirstAdminKey(db, logger);
  // Start-up may wait for a lock; serving may not (see db/busy.ts).
  db.$client.pragma(`busy_timeout = ${SERVER_BUSY_TIMEOUT_MS}`);
  const release = holdDatabase(config.dbFile, "serve");
  const briefs = await startBriefRuntime(db, config, logger);
  const scheduler = schedulerFromConfig(db, briefs.service, config, logger);
  const links = briefLinksFromConfig(config);
  const server = await startServer(db, config, logger, {
    briefs: briefs.service,
    scheduler,
    links,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE" && error.code !== "EACCES") throw error;
    throw new CliError(
      `cannot listen on ${config.host}:${config.port} (${error.code}): another process uses the port, or set PORT to another`,
    );
  });
  logger.info("listening", { url: server.url, graphiql: `${server.url}/graphql` });
  process.stdout.write(`Attaché is running: GraphiQL at ${server.url}/graphql\n`);
  const sample = makeSampleBrief(db, briefs.service, logger, links);
  if (config.scheduler.enabled) scheduler.start(config.scheduler.tickMs);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info("shutting down", { signal });
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  await server.close();
  await scheduler.stop();
  await sample;
  await briefs.close();
  await keyUsage(db).flush();
  db.$client.close();
  release();
  logger.info("stopped");
  return 0;
}

/** The first start's sample: a China–Kyrgyzstan briefing note as of the latest engagement's report. */
async function makeSampleBrief(db: Db, service: BriefService, logger: Logger, links: BriefLinks) {
  const asOf = await latestReportDate(db, "CN-KG");
  if (!asOf) return;
  const [made] = await db.select({ id: briefRows.id }).from(briefRows).limit(1);
  if (made) return;
  try {
    const brief = await service.generate({ between: ["CN", "KG"], asOf }, { waitMs: 60_000 });
    if (brief.status === "done" && brief.file && brief.publicId) {
      process.stdout.write(
        `Sample brief: ${links.signed(brief.publicId, "pdf")}\n  (file: ${service.filePath(brief.file)})\n`,
      );
    } else {
      logger.warn("sample brief not made", { status: brief.status, error: brief.error });
    }
  } catch (error) {
    logger.warn("sample brief not made", { error: (error as Error).message });
  }
}
