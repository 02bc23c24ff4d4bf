// Timing loops, percentiles and the report every benchmark returns to bench/run.ts.

export type Timing = {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  /** Median CPU time of the process per call: what a call cost, whoever else used the CPU. */
  cpuP50?: number;
};

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sum / Math.max(1, sorted.length),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export type MeasureOptions = {
  /** Untimed runs first: JIT, statement caches, SQLite page cache. */
  warmup?: number;
  iterations?: number;
  /** Stops early (after at least `minIterations`) once this much time has gone by. */
  maxMs?: number;
  minIterations?: number;
};

/** Runs `fn` sequentially and times each call, in milliseconds. */
export async function measure(
  fn: () => unknown,
  { warmup = 20, iterations = 300, maxMs = 15_000, minIterations = 30 }: MeasureOptions = {},
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (i + 1 >= minIterations && performance.now() - started > maxMs) break;
  }
  return { ...summarize(samples), cpuP50: summarize(cpu).p50 };
}

export type Target = { label: string; pass: boolean };

export type Row = {
  name: string;
  n?: number;
  p50?: number;
  p99?: number;
  cpuP50?: number;
  rps?: number;
  /** Anything else worth a column: a ratio, an error count. */
  note?: string;
  targets?: Target[];
};

export type BenchReport = {
  name: string;
  /** What was measured on: dataset sizes, timings of the set-up. */
  context: string[];
  rows: Row[];
  /** Free-form evidence printed after the table (query plans, captured SQL). */
  details: string[];
};

const fmt = (value: number | undefined, digits = 2) =>
  value === undefined || Number.isNaN(value) ? "" : value.toFixed(digits);

export function formatTable(rows: readonly Row[]): string {
  const header = ["measurement", "n", "p50 ms", "p99 ms", "CPU p50 ms", "req/s", "note", "target"];
  const body = rows.map((r) => [
    r.name,
    r.n === undefined ? "" : String(r.n),
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.cpuP50),
    r.rps === undefined ? "" : r.rps.toFixed(0),
    r.note ?? "",
    (r.targets ?? []).map((t) => `${t.label} ${t.pass ? "PASS" : "MISS"}`).join("; "),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i >= 6 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 || i >= 6 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}

export function formatReport(report: BenchReport): string {
  return [
    `## ${report.name}`,
    "",
    ...report.context.map((c) => `- ${c}`),
    "",
    formatTable(report.rows),
    "",
    ...report.details,
  ].join("\n");
}

export function misses(report: BenchReport): Target[] {
  return report.rows.flatMap((r) => (r.targets ?? []).filter((t) => !t.pass));
}
