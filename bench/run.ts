// `npm run bench`: runs the benchmarks, prints one table each and the targets met or missed.
//   npm run bench                     every benchmark
//   npm run bench -- dossier          only those named
//   npm run bench -- --json out.json  also write the reports as JSON
//   npm run bench -- --strict         exit 1 when a target is missed
// BENCH_EVENTS, BENCH_HTTP_SECONDS and BENCH_LOOP_MS shrink a run (e.g. for a smoke test).
// BENCH_IMPORT_EVENTS (default: BENCH_EVENTS, else 100,000) and BENCH_IMPORT_RUNS size `import`.
// BENCH_CLI_RUNS (default 10) sizes `cli`.
// BENCH_RENDERS (default 500) sizes `briefs`' memory run; BENCH_SCHEDULES (default 500) `schedules`.
import fs from "node:fs";
import { runBriefsBenchmark } from "./briefs.ts";
import { runCliBenchmark } from "./cli.ts";
import { runDossierBenchmark } from "./dossier.ts";
import { runImportBenchmark } from "./import.ts";
import { runIngestBenchmark } from "./ingest.ts";
import { type BenchReport, formatReport, misses } from "./measure.ts";
import { runSchedulesBenchmark } from "./schedules.ts";
import { runSearchBenchmark } from "./search.ts";

const env = (name: string): number | undefined =>
  process.env[name] === undefined ? undefined : Number(process.env[name]);

/** Every benchmark by name. Add new ones here: each returns a BenchReport. */
const benchmarks: Record<string, () => Promise<BenchReport>> = {
  dossier: () => {
    const events = env("BENCH_EVENTS");
    return runDossierBenchmark({
      dataset: events === undefined ? undefined : { events },
      httpSeconds: env("BENCH_HTTP_SECONDS"),
      loopMs: env("BENCH_LOOP_MS"),
    });
  },
  search: () => {
    const events = env("BENCH_EVENTS");
    return runSearchBenchmark({
      dataset: events === undefined ? undefined : { events },
      loopMs: env("BENCH_LOOP_MS"),
    });
  },
  cli: () => runCliBenchmark({ runs: env("BENCH_CLI_RUNS") }),
  import: () =>
    runImportBenchmark({
      events: env("BENCH_IMPORT_EVENTS") ?? env("BENCH_EVENTS"),
      runs: env("BENCH_IMPORT_RUNS"),
    }),
  briefs: () => runBriefsBenchmark({ renders: env("BENCH_RENDERS") }),
  schedules: () => runSchedulesBenchmark({ schedules: env("BENCH_SCHEDULES") }),
  ingest: () => runIngestBenchmark(),
};

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const strict = args.includes("--strict");
const names = args.filter((a, i) => !a.startsWith("--") && (jsonAt < 0 || i !== jsonAt + 1));
const unknown = names.filter((n) => !(n in benchmarks));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(benchmarks).join(", ")}\n`,
  );
  process.exit(2);
}

const reports: BenchReport[] = [];
const started = performance.now();
for (const name of names.length > 0 ? names : Object.keys(benchmarks)) {
  const report = await (benchmarks[name] as () => Promise<BenchReport>)();
  reports.push(report);
  process.stdout.write(`${formatReport(report)}\n`);
}
const missed = reports.flatMap(misses);
process.stdout.write(
  `\n${missed.length === 0 ? "All targets met" : `${missed.length} target(s) missed: ${missed.map((t) => t.label).join("; ")}`} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
);
if (jsonFile) fs.writeFileSync(jsonFile, `${JSON.stringify(reports, null, 2)}\n`);
if (strict && missed.length > 0) process.exitCode = 1;
