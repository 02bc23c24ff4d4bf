// The `attache` command line. Commands and their options are declared here, all of them, with
// nothing heavier than commander loaded: each action imports its own module when it runs, so
// `attache --help` or `attache keys list` never load the GraphQL schema, puppeteer or the
// dataset codecs.
import { Command, CommanderError, Option } from "commander";
import type { Config } from "../config.ts";
import { describeFailure } from "./failure.ts";
import { CliError } from "./io.ts";

export type Output = { out: (text: string) => void; err: (text: string) => void };
const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** A repeatable option: every value given, in order (none: undefined). */
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Runs one command's action: loads the configuration, reports what the action returns. */
type Run = (command: Command, action: (config: Config) => Promise<number>) => Promise<void>;

export function buildProgram(run: Run, output: Output = processOutput): Command {
  const program = new Command("attache")
    .description("Bilateral-relations data over GraphQL, and PDF briefs rendered by Chromium")
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .showHelpAfterError()
    .exitOverride();

  program
    .command("serve")
    .description("migrate, seed an empty database, serve GraphQL on PORT (what `npm start` runs)")
    .action((_options, command: Command) =>
      run(command, async (config) => (await import("./serve.ts")).serve(config)),
    );

  const db = program.command("db").description("the database file: migrate, seed, reset");
  db.command("migrate")
    .description("apply migrations")
    .action((_options, command: Command) =>
      run(command, async (config) => (await import("./db.ts")).migrate(config)),
    );
  db.command("seed")
    .description("load seeds/ into an empty database")
    .option("--if-empty", "leave a database that holds data as it is (exit 0)")
    .option("--force", "upsert the seeds over existing data")
    .action((options, command: Command) =>
      run(command, async (config) => (await import("./db.ts")).seed(config, options)),
    );
  db.command("reset")
    .description("delete the database file, migrate and seed it afresh")
    .option("--force", "even while a server or worker has the database open")
    .action((options, command: Command) =>
      run(command, async (config) => (await import("./db.ts")).reset(config, options)),
    );

  program
    .command("query")
    .description("run a GraphQL operation as the local operator and print the JSON result")
    .argument("<graphql>", "the operation, e.g. '{ countries { code } }'")
    .option("--variables <json>", "variables as a JSON object")
    .addOption(new Option("--locale <locale>", "language of texts").choices(["en", "zh"]))
    .action((source: string, options, command: Command) =>
      run(command, async (config) => (await import("./query.ts")).query(config, source, options)),
    );

  const keys = program.command("keys").description("API keys: create, list, revoke");
  keys
    .command("create")
    .description("make an API key; prints its token, once, alone on stdout")
    .requiredOption("--role <role>", "viewer, editor or admin")
    .requiredOption("--name <name>", "a name to list, revoke and audit it by")
    .action((options, command: Command) =>
      run(command, async (config) => (await import("./keys.ts")).create(config, options)),
    );
  keys
    .command("list")
    .description("list keys (never their tokens)")
    .option("--json", "as JSON")
    .action((options, command: Command) =>
      run(command, async (config) => (await import("./keys.ts")).list(config, options)),
    );
  keys
    .command("revoke")
    .description("revoke a key: refused from its next request on")
    .argument("<name>", "the key's name")
    .action((name: string, _options, command: Command) =>
      run(command, async (config) => (await import("./keys.ts")).revoke(config, name)),
    );

  program
    .command("import")
    .description("validate dataset files whole, then upsert their records")
    .argument("<files...>", "dataset files, YAML or JSON")
    .option(
      "--dry-run",
      "validate and list every record it would create, update or move; write nothing",
    )
    .option("--allow-moves", "let a key move its record to another relationship, side or event")
    .option("--quiet", "no progress bar")
    .option("--progress", "a progress bar even when stderr is not a terminal")
    .action((files: string[], options, command: Command) =>
      run(command, async (config) =>
        (await import("./import.ts")).importFiles(config, files, options),
      ),
    );

  program
    .command("ingest")
    .description("draft dataset records from a news report, to review and then import")
    .argument("<file>", "the report's text, UTF-8 (- for stdin)")
    .requiredOption("--publication <name>", "e.g. 人民日报, 新华社")
    .requiredOption("--published <date>", "its publication date, YYYY-MM-DD")
    .option("--page <page>", "the page it was printed on")
    .option("--url <url>", "where it was published")
    .option("--title <title>", "its title (default: its first heading line)")
    .option("--merge", "leave out records that may repeat stored ones, not only those that do")
    .option("-o, --out <file>", "write the draft to this file (stdout without)")
    .action((file: string, options, command: Command) =>
      run(command, async (config) => (await import("./ingest.ts")).ingest(config, file, options)),
    );

  program
    .command("export")
    .description("write the whole dataset in the seeds' format (stdout without --out)")
    .option("-o, --out <file>", "write to this file (.yaml or .json)")
    .option("--format <format>", "yaml or json (default: from --out, else yaml)")
    .action((options, command: Command) =>
      run(command, async (config) => (await import("./export.ts")).exportTo(config, options)),
    );

  program
    .command("brief")
    .description("make a PDF brief, with progress on stderr")
    .option("--between <pair>", "the relationship, as two country codes, e.g. CN,KG")
    .option(
      "--relationship <pair>",
      "a weekly summary of several relationships: each, e.g. CN-KG (repeatable)",
      collect,
    )
    .option(
      "--country <code>",
      "a weekly summary of every relationship of a country (repeatable)",
      collect,
    )
    .requiredOption("--out <file>", "where to write the PDF")
    .option(
      "--template <name>",
      "briefing-note (default), dossier, event-brief or weekly-summary (default with --relationship or --country)",
    )
    .option("--locale <locale>", "en or zh")
    .option("--from <date>", "start of the period")
    .option("--to <date>", "end of the period")
    .option("--as-of <date>", "nothing dated after this")
    .option("--format <paper>", "A4 or Letter")
    .option("--event <key>", "the event of an event brief")
    .option("--force", "render again even when a cached brief exists")
    .action((options, command: Command) =>
      run(command, async (config) => (await import("./brief.ts")).brief(config, options)),
    );

  const schedule = program
    .command("schedule")
    .description("weekly summaries and other briefs on a schedule");
  schedule
    .command("list")
    .description("every schedule, with its next run")
    .action((_options, command: Command) =>
      run(command, async (config) => (await import("./schedule.ts")).list(config)),
    );
  schedule
    .command("add")
    .description("create a schedule")
    .requiredOption("--name <name>", "a unique name")
    .requiredOption("--cron <expression>", 'when, e.g. "0 7 * * 1"')
    .requiredOption("--timezone <zone>", "IANA time zone of the cron, e.g. Asia/Bishkek")
    .option("--relationship <pair>", "a relationship, e.g. CN-KG (repeatable)", collect)
    .option("--country <code>", "every relationship of a country (repeatable)", collect)
    .option("--locale <locales>", "en, zh or en,zh (repeatable)", collect)
    .option("--template <name>", "weekly-summary (default) or another brief template")
    .option("--period <rule>", "previous_iso_week, previous_day or previous_month")
    .option("--catch-up <n>", "how many missed periods to run after downtime")
    .option("--webhook <url>", "POST each brief there, signed (repeatable)", collect)
    .option(
      "--email <address>",
      "mail each brief there, one message per address (repeatable)",
      collect,
    )
    .option("--owner <address>", "who hears of failed and given-up runs, by email")
    .option("--alert-webhook <url>", "also POST failed and given-up runs there, signed")
    .option("--skip-if-empty", "send nothing for a period in which nothing was recorded")
    .action((options, command: Command) =>
      run(command, async (config) => (await import("./schedule.ts")).add(config, options)),
    );
  schedule
    .command("run")
    .description("run its latest complete period now (a finished one: use resend)")
    .argument("<schedule>", "name or id")
    .action((which: string, _options, command: Command) =>
      run(command, async (config) => (await import("./schedule.ts")).runNow(config, which)),
    );
  schedule
    .command("runs")
    .description("its runs, newest first: period, status, attempts, each target's result")
    .argument("<schedule>", "name or id")
    .option("--limit <n>", "how many (default 20)")
    .action((which: string, options, command: Command) =>
      run(command, async (config) => (await import("./schedule.ts")).runs(config, which, options)),
    );
  schedule
    .command("pause")
    .description("start no run; periods ending while paused are recorded as skipped")
    .argument("<schedule>", "name or id")
    .action((which: string, _options, command: Command) =>
      run(command, async (config) => (await import("./schedule.ts")).pause(config, which)),
    );
  schedule
    .command("resume")
    .description("run again from the next period on")
    .argument("<schedule>", "name or id")
    .option("--catch-up", "also deliver the periods that ended while paused")
    .action((which: string, options, command: Command) =>
      run(command, async (config) =>
        (await import("./schedule.ts")).resume(config, which, options),
      ),
    );
  schedule
    .command("resend")
    .description("send a period again: to one target, or to every target that did not get it")
    .argument("<schedule>", "name or id")
    .requiredOption("--period <date>", "any date in the period, YYYY-MM-DD")
    .option("--target <url-or-address>", "only this target (then it is sent even if it had it)")
    .action((which: string, options, command: Command) =>
      run(command, async (config) =>
        (await import("./schedule.ts")).resend(config, which, options),
      ),
    );
  schedule
    .command("test-send")
    .description("send the latest period to one address or URL; nothing is marked delivered")
    .argument("<schedule>", "name or id")
    .option("--email <address>", "an email address")
    .option("--webhook <url>", "a webhook URL")
    .action((which: string, options, command: Command) =>
      run(command, async (config) =>
        (await import("./schedule.ts")).testSend(config, which, options),
      ),
    );
  schedule
    .command("add-target")
    .description("add a webhook or email addresses, leaving the other targets as they are")
    .argument("<schedule>", "name or id")
    .option("--webhook <url>", "a webhook URL (its signing secret is printed once)")
    .option("--email <address>", "an address (repeatable; each gets its own message)", collect)
    .option("--locale <locales>", "what this target reads: en, zh or en,zh", collect)
    .option("--alert", "it receives failure alerts instead of briefs")
    .action((which: string, options, command: Command) =>
      run(command, async (config) =>
        (await import("./schedule.ts")).addTarget(config, which, options),
      ),
    );
  schedule
    .command("remove-target")
    .description("remove one target (its past deliveries stay on record)")
    .argument("<schedule>", "name or id")
    .argument("<target>", "its URL or address")
    .action((which: string, target: string, _options, command: Command) =>
      run(command, async (config) =>
        (await import("./schedule.ts")).removeTargetNamed(config, which, target),
      ),
    );
  schedule
    .command("rotate-secret")
    .description("give a webhook target a new signing secret, printed once")
    .argument("<schedule>", "name or id")
    .argument("<url>", "the webhook's URL")
    .option("--grace-hours <n>", "hours during which the previous secret signs too (default 0)")
    .action((which: string, url: string, options, command: Command) =>
      run(command, async (config) =>
        (await import("./schedule.ts")).rotateSecret(config, which, url, options),
      ),
    );
  schedule
    .command("preview")
    .description("render a period's briefs without sending them")
    .argument("<schedule>", "name or id")
    .option("--period <date>", "any date in the period (default: the latest complete one)")
    .action((which: string, options, command: Command) =>
      run(command, async (config) =>
        (await import("./schedule.ts")).preview(config, which, options),
      ),
    );

  program
    .command("worker")
    .description("run schedules (beside the server, or instead of its scheduler)")
    .action((_options, command: Command) =>
      run(command, async (config) => (await import("./schedule.ts")).worker(config)),
    );

  const schema = program.command("schema").description("the GraphQL schema");
  schema
    .command("print")
    .description("print the SDL (committed as schema.graphql)")
    .action((_options, command: Command) =>
      run(command, async () => (await import("./schema.ts")).print()),
    );

  return program;
}

/** Every command of the tree, as the words that name it (`["keys", "create"]`). */
export function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  let exitCode = 0;
  let running: Command | undefined;
  const program = buildProgram(async (command, action) => {
    running = command;
    const { ConfigError, loadConfig } = await import("../config.ts");
    let config: Config;
    try {
      config = loadConfig();
    } catch (error) {
      // One line: "Invalid configuration: PORT: …; LOG_LEVEL: …".
      if (error instanceof ConfigError)
        throw new CliError(
          error.message.replace(/:?\n\s*/g, (m) => (m.startsWith(":") ? ": " : "; ")),
        );
      throw error;
    }
    exitCode = await action(config);
  }, output);
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    // Help asked for exits 0; any other complaint of the parser (already printed) is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const failure = describeFailure(error, running ?? program);
    if (!failure) throw error;
    output.err(`${commandName(running ?? program)}: ${failure.message}\n`);
    return failure.exitCode;
  }
}

function commandName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}
