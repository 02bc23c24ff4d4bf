// `attache brief --between CN,KG [--template briefing-note] [--locale zh] --out FILE.pdf`, or a
// weekly summary of several relationships: `--relationship CN-KG --relationship CN-UZ`, `--country KG`.
import fs from "node:fs";
import { startBriefRuntime } from "../briefs/runtime.ts";
import type { BriefRow } from "../briefs/service.ts";
import type { Config } from "../config.ts";
import { withDatabase } from "./database.ts";
import { CliError, checkOutPath } from "./io.ts";

export type BriefOptions = {
  between?: string;
  relationship?: string[];
  country?: string[];
  out: string;
  template?: string;
  locale?: string;
  from?: string;
  to?: string;
  asOf?: string;
  format?: string;
  event?: string;
  force?: boolean;
};

export const brief = (config: Config, options: BriefOptions) => {
  checkOutPath(options.out);
  return withDatabase(config, async (db) => {
    const runtime = await startBriefRuntime(db, config);
    const started = performance.now();
    const progress = (message: string) =>
      process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
    const onUpdate = (row: BriefRow) => progress(`brief ${row.id}: ${row.status}`);
    runtime.service.events.on("update", onUpdate);
    try {
      progress("gathering");
      const row = await runtime.service.generate(
        {
          template: options.template,
          between: options.between?.split(","),
          relationships: options.relationship,
          countries: options.country,
          period: options.from || options.to ? { from: options.from, to: options.to } : undefined,
          asOf: options.asOf,
          locale: options.locale,
          format: options.format,
          event: options.event,
        },
        { force: Boolean(options.force), waitMs: 300_000, requestedBy: "cli" },
      );
      if (row.status !== "done" || !row.file) {
        throw new CliError(`brief ${row.id} ${row.status}: ${row.error ?? "not finished"}`);
      }
      fs.copyFileSync(runtime.service.filePath(row.file), options.out);
      progress(
        `wrote ${options.out}: ${row.pages} pages, ${row.bytes} bytes, sha256 ${row.sha256}`,
      );
      return 0;
    } finally {
      runtime.service.events.off("update", onUpdate);
      await runtime.close();
    }
  });
};
