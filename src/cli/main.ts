// The `attache` command line: one entry, sub-commands dispatched by name.
import { ConfigError, loadConfig } from "../config.ts";
import { DatasetError } from "../dataset/load.ts";
import { briefCommand } from "./brief.ts";
import { dbCommand } from "./db.ts";
import { exportCommand } from "./export.ts";
import { importCommand } from "./import.ts";
import { CliError, type Command } from "./io.ts";
import { keysCommand } from "./keys.ts";
import { queryCommand } from "./query.ts";
import { scheduleCommand, workerCommand } from "./schedule.ts";
import { schemaCommand } from "./schema.ts";
import { serveCommand } from "./serve.ts";

const commands: Record<string, Command> = {
  serve: serveCommand,
  db: dbCommand,
  query: queryCommand,
  keys: keysCommand,
  import: importCommand,
  export: exportCommand,
  brief: briefCommand,
  schedule: scheduleCommand,
  worker: workerCommand,
  schema: schemaCommand,
};

const usage = `Usage: attache <command>

Commands:
  serve                       migrate, seed an empty database, serve GraphQL on PORT
  db migrate                  apply migrations
  db seed [--if-empty|--force]
                              load seeds/ into an empty database (--force: upsert over data)
  db reset                    delete the database, migrate and seed it afresh
  query '<graphql>' [--variables JSON] [--locale en|zh]
                              run a GraphQL operation and print the JSON result
  keys create --role viewer|editor|admin --name NAME
                              make an API key; prints its token, once
  keys list | keys revoke NAME
  import FILE… [--dry-run] [--quiet|--progress]
                              validate dataset files whole, then upsert their records
  export [--out FILE] [--format yaml|json]
                              write the whole dataset in the seeds' format
  brief --between CN,KG [--template T] [--locale en|zh] [--from D --to D] [--as-of D]
        [--format A4|Letter] [--event KEY] [--force] --out FILE.pdf
                              make a PDF brief, with progress on stderr
  schedule list|add|run|runs  weekly summaries and other schedules (attache schedule for help)
  worker                      run schedules (beside the server, or instead of its scheduler)
  schema print                print the GraphQL schema (SDL)
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "help") {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`attache: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command(rest, loadConfig());
  } catch (error) {
    if (
      error instanceof CliError ||
      error instanceof ConfigError ||
      error instanceof DatasetError
    ) {
      process.stderr.write(`attache ${name}: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    throw error;
  }
}
