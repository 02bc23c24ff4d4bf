// `attache import FILE… [--dry-run] [--quiet|--progress]`: dataset files (the seeds' format, YAML
// or JSON) validated whole, then upserted by natural keys in one transaction. Prints how many
// records were created, updated or left unchanged; on any problem, lists them and writes nothing.
import fs from "node:fs";
import type { Config } from "../config.ts";
import { type LoadedFile, readDatasetFile } from "../dataset/load.ts";
import { DatasetError, type Problem } from "../dataset/problems.ts";
import { sectionOrder } from "../dataset/sections/index.ts";
import { type ImportReport, importDataset } from "../dataset/write.ts";
import { migrateDatabase, openDatabase } from "../db/client.ts";
import { CliError } from "./io.ts";
import { progressBar } from "./progress.ts";

/** Below this many records an import is over before a bar would help. */
const BAR_FROM_RECORDS = 2_000;

export async function importFiles(
  config: Config,
  files: string[],
  values: { dryRun?: boolean; allowMoves?: boolean; quiet?: boolean; progress?: boolean },
): Promise<number> {
  const started = performance.now();
  const showProgress = values.progress || (Boolean(process.stderr.isTTY) && !values.quiet);

  const loaded: LoadedFile[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (showProgress && size > 5_000_000) {
      process.stderr.write(`reading ${file} (${(size / 1e6).toFixed(0)} MB)…\n`);
    }
    try {
      loaded.push(readDatasetFile(file));
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw refused(new DatasetError(problems));

  const records = loaded.reduce(
    (n, f) => n + sectionOrder.reduce((m, section) => m + f.data[section].length, 0),
    0,
  );
  const bar = showProgress && records >= BAR_FROM_RECORDS ? progressBar(process.stderr) : null;
  const db = openDatabase(config.dbFile);
  let report: ImportReport;
  try {
    migrateDatabase(db);
    report = await importDataset(db, loaded, {
      actor: "cli",
      dryRun: Boolean(values.dryRun),
      allowMoves: Boolean(values.allowMoves),
      onProgress: bar ? (p) => bar.update(p) : undefined,
    });
  } catch (error) {
    if (error instanceof DatasetError) throw refused(error);
    throw error;
  } finally {
    bar?.end();
    db.$client.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${formatReport(report, files, seconds)}\n`);
  return 0;
}

function refused(error: DatasetError): CliError {
  const n = error.problems.length;
  return new CliError(
    `${error.message}\n${n === 1 ? "This problem" : `These ${n} problems`}: nothing was written.`,
  );
}

export function formatReport(report: ImportReport, files: readonly string[], seconds: string) {
  const what = files.join(", ");
  const total = report.records.toLocaleString("en");
  if (report.created + report.updated === 0) {
    return `Nothing changed: all ${total} records of ${what} are already stored as the file has them (${seconds} s).`;
  }
  const head = report.dryRun
    ? `Dry run of ${what} (${total} records, ${seconds} s): nothing was written. It would:`
    : `Imported ${what}: ${total} records in ${seconds} s.`;
  const rows = [
    ["section", "created", "updated", "unchanged"],
    ...report.sections.map((s) => [
      s.section,
      String(s.created),
      String(s.updated),
      String(s.unchanged),
    ]),
    ["total", String(report.created), String(report.updated), String(report.unchanged)],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  "),
  );
  const changes = report.dryRun ? describeChanges(report) : [];
  return [head, ...lines.map((l) => `  ${l}`), ...changes].join("\n");
}

/** A dry run's record-by-record list: what would be created, updated or moved, and how. */
function describeChanges(report: ImportReport): string[] {
  const shown = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));
  const lines = report.changes.flatMap((c) => [
    `  ${c.action} ${c.section} ${c.key}${c.move ? ` (from ${c.move.from} to ${c.move.to})` : ""}`,
    ...(c.action === "create"
      ? []
      : c.fields.map((f) => `      ${f.field}: ${shown(f.before)} → ${shown(f.after)}`)),
  ]);
  if (report.changesNotListed > 0) lines.push(`  … and ${report.changesNotListed} more records`);
  return lines.length > 0 ? ["Records:", ...lines] : [];
}
