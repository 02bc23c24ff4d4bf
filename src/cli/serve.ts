// `attache serve` (what `npm start` runs): migrate, seed an empty database, serve until SIGTERM.
import { createFirstAdminKey } from "../auth/first-start.ts";
import { migrateDatabase, openDatabase } from "../db/client.ts";
import { seedIfEmpty } from "../db/seed.ts";
import { createLogger } from "../log.ts";
import { startServer } from "../server.ts";
import type { Command } from "./io.ts";

export const serveCommand: Command = async (_args, config) => {
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.dbFile);
  migrateDatabase(db);
  const seeded = seedIfEmpty(db);
  if (seeded) logger.info("seeded an empty database", { file: config.dbFile, ...seeded });
  createFirstAdminKey(db, logger);
  const server = await startServer(db, config, logger);
  logger.info("listening", { url: server.url, graphiql: `${server.url}/graphql` });
  process.stdout.write(`Attaché is running: GraphiQL at ${server.url}/graphql\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info("shutting down", { signal });
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  await server.close();
  db.$client.close();
  logger.info("stopped");
  return 0;
};
