// How long `attache` commands take from start to exit, against a bare `node` start measured in
// the same run (the floor no command can beat). Wall time and the CPU time of the process
// (user + system, from /usr/bin/time), since the machine may be shared.
// Run alone with `node --import tsx bench/cli.ts`, or via `npm run bench -- cli`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type BenchReport, formatReport, type Row, summarize } from "./measure.ts";

export const CLI_TARGET_S = 0.5;

const bin = path.resolve("bin/attache.mjs");
const COMMANDS: { name: string; args: string[] }[] = [
  { name: "attache --help", args: [bin, "--help"] },
  { name: "attache schedule add --help", args: [bin, "schedule", "add", "--help"] },
  { name: "attache keys list", args: [bin, "keys", "list"] },
  {
    name: "attache query '{ countries { code } }'",
    args: [bin, "query", "{ countries { code } }"],
  },
];

/** One run: wall and CPU seconds, from GNU time's "%e %U %S" on the last line of stderr. */
function timed(args: string[], env: NodeJS.ProcessEnv) {
  const run = spawnSync("/usr/bin/time", ["-f", "%e %U %S", process.execPath, ...args], {
    env,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed: ${run.stderr}`);
  const [wall, user, sys] = (run.stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
  return { wall: (wall ?? 0) * 1000, cpu: ((user ?? 0) + (sys ?? 0)) * 1000 };
}

export async function runCliBenchmark({ runs = 10 } = {}): Promise<BenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-bench-"));
  const env = { ...process.env, ATTACHE_DATA_DIR: dir };
  const load = [os.loadavg()[0] ?? 0];
  try {
    timed([bin, "db", "migrate"], env); // the database exists; jiti's cache is warm
    const measureRuns = (args: string[]) => {
      const samples = Array.from({ length: runs }, () => timed(args, env));
      return {
        wall: summarize(samples.map((s) => s.wall)),
        cpu: summarize(samples.map((s) => s.cpu)),
      };
    };
    const floor = measureRuns(["-e", ""]);
    const rows: Row[] = [
      {
        name: "node -e '' (the floor)",
        n: runs,
        p50: floor.wall.p50,
        p99: floor.wall.p99,
        cpuP50: floor.cpu.p50,
      },
    ];
    for (const { name, args } of COMMANDS) {
      const t = measureRuns(args);
      rows.push({
        name,
        n: runs,
        p50: t.wall.p50,
        p99: t.wall.p99,
        cpuP50: t.cpu.p50,
        note: `${(t.wall.p50 / floor.wall.p50).toFixed(1)}× the floor (CPU ${(t.cpu.p50 / floor.cpu.p50).toFixed(1)}×)`,
        targets: [
          {
            label: `≤ ${CLI_TARGET_S} s`,
            pass: t.wall.p50 <= CLI_TARGET_S * 1000,
          },
        ],
      });
    }
    load.push(os.loadavg()[0] ?? 0);
    return {
      name: "Command line start-up",
      context: [
        `machine: ${os.availableParallelism()} cores, Node ${process.version}; load average ${load.map((l) => l.toFixed(2)).join(" → ")} (on a shared machine compare the CPU column)`,
        `${runs} runs each, sequential, on a migrated empty database; jiti's transform cache warm`,
      ],
      rows,
      details: [],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.stdout.write(`${formatReport(await runCliBenchmark())}\n`);
}
