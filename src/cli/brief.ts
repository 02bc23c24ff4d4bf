// `attache brief --between CN,KG [--template briefing-note] [--locale zh] --out FILE.pdf`
import fs from "node:fs";
import { parseArgs } from "node:util";
import { BriefInputError } from "../briefs/gather.ts";
import { startBriefRuntime } from "../briefs/runtime.ts";
import type { BriefRow } from "../briefs/service.ts";
import { migrateDatabase, openDatabase } from "../db/client.ts";
import { CliError, type Command } from "./io.ts";

const usage =
  "usage: attache brief --between CN,KG [--template briefing-note|event-brief|weekly-summary] [--locale en|zh] [--from DATE --to DATE] [--as-of DATE] [--format A4|Letter] [--event KEY] [--force] --out FILE.pdf";

export const briefCommand: Command = async (args, config) => {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        between: { type: "string" },
        template: { type: "string" },
        locale: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        "as-of": { type: "string" },
        format: { type: "string" },
        event: { type: "string" },
        force: { type: "boolean" },
        out: { type: "string" },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, 2);
  }
  const str = (name: string) => values[name] as string | undefined;
  const between = str("between");
  const out = str("out");
  if (!between || !out) throw new CliError(usage, 2);

  const db = openDatabase(config.dbFile);
  migrateDatabase(db);
  const runtime = startBriefRuntime(db, config);
  const started = performance.now();
  const progress = (message: string) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  const onUpdate = (row: BriefRow) => progress(`brief ${row.id}: ${row.status}`);
  runtime.service.events.on("update", onUpdate);
  try {
    progress("gathering");
    const row = await runtime.service
      .generate(
        {
          template: str("template"),
          between: between.split(","),
          period: str("from") || str("to") ? { from: str("from"), to: str("to") } : undefined,
          asOf: str("as-of"),
          locale: str("locale"),
          format: str("format"),
          event: str("event"),
        },
        { force: Boolean(values.force), waitMs: 300_000, requestedBy: "cli" },
      )
      .catch((error: unknown) => {
        if (error instanceof BriefInputError) {
          throw new CliError(`--${error.argumentName.replace("period.", "")}: ${error.message}`, 2);
        }
        throw error;
      });
    if (row.status !== "done" || !row.file) {
      throw new CliError(`brief ${row.id} ${row.status}: ${row.error ?? "not finished"}`);
    }
    fs.copyFileSync(runtime.service.filePath(row.file), out);
    progress(`wrote ${out}: ${row.pages} pages, ${row.bytes} bytes, sha256 ${row.sha256}`);
    return 0;
  } finally {
    runtime.service.events.off("update", onUpdate);
    await runtime.close();
    db.$client.close();
  }
};
