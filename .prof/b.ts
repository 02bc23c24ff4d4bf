import { runImportBenchmark } from "../bench/import.ts";
const r = await runImportBenchmark({ events: 20000, runs: 1 });
for (const row of r.rows) console.log(row.name, row.p50, row.cpuP50, row.note ?? "");
