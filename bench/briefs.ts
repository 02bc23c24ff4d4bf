// The brief path against its baselines, in one process, on the same HTML:
//   (a) launching Chromium for each PDF (what a naive integration does),
//   (b) raw page.pdf() on a warm browser, a fresh page each time (the floor),
//   (c) our whole path — gather, html, one print, one PDF-library update, store — uncached,
//       cached, and one versus two jobs at once (beside the floor's own one versus two),
// for the short note and the dossier; and the memory of this process plus Chromium over many
// consecutive renders.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer";
import { gather } from "../src/briefs/gather.ts";
import type { TemplateName } from "../src/briefs/model.ts";
import { BriefService } from "../src/briefs/service.ts";
import { normalizeSpec } from "../src/briefs/spec.ts";
import { migrateDatabase, openDatabase } from "../src/db/client.ts";
import { seedDatabase } from "../src/db/seed.ts";
import { BrowserPool, resolveChromiumPath } from "../src/render/browser.ts";
import { renderHtml } from "../src/render/html.ts";
import { type BenchReport, measure, type Row, summarize, type Timing } from "./measure.ts";

const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The parent of a process, from /proc (null once it has ended). */
function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** Resident memory of a process and its descendants, in MiB (from /proc). */
function treeRssMiB(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let kib = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    try {
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      kib += Number(rss?.[1] ?? 0);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kib / 1024;
}

/** CPU time (ms) of a process tree by Chromium process type, reaped children included. */
function treeCpuMs(rootPid: number): Record<string, number> {
  const out: Record<string, number> = {};
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      const type = /--type=([a-z-]+)/.exec(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"));
      // Renderers are forked by the zygote: the time of those that ended is the zygote's.
      const name =
        type?.[1] === "zygote" || type?.[1] === "renderer" ? "renderers" : (type?.[1] ?? "browser");
      out[name] = (out[name] ?? 0) + ticks * (1000 / 100);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

const median = (samples: number[]) => summarize(samples).p50;

export async function runBriefsBenchmark({
  renders = 500,
}: {
  renders?: number;
} = {}): Promise<BenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-bench-briefs-"));
  const db = openDatabase(path.join(dir, "attache.db"));
  migrateDatabase(db);
  await seedDatabase(db);
  const asOf = "2025-11-24";
  const requestFor = (template: TemplateName) => ({ between: ["CN", "KG"], asOf, template });
  const htmlOf = async (template: TemplateName) =>
    renderHtml(await gather(db, normalizeSpec(requestFor(template), asOf)), {
      locale: "en",
      format: "A4",
      classification: "UNCLASSIFIED",
      drafter: null,
    }).html;
  const noteHtml = await htmlOf("briefing-note");
  const dossierHtml = await htmlOf("dossier");
  const executablePath = resolveChromiumPath();
  const pdfOptions = {
    format: "A4",
    printBackground: true,
    preferCSSPageSize: true,
    tagged: true,
    outline: true,
  } as const;

  // (a) a browser per PDF
  const perLaunch = await measure(
    async () => {
      const browser = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
      try {
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.setContent(noteHtml, { waitUntil: "load" });
        await page.pdf(pdfOptions);
      } finally {
        await browser.close();
      }
    },
    { warmup: 1, iterations: 8, minIterations: 5, maxMs: 60_000 },
  );

  const warm = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
  const rawPrint = async (html: string) => {
    const page = await warm.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setContent(html, { waitUntil: "load" });
      await page.pdf(pdfOptions);
    } finally {
      await page.close();
    }
  };
  const pool = new BrowserPool({ executablePath });
  const service = new BriefService({
    db,
    dataDir: dir,
    pool,
    classification: { en: "UNCLASSIFIED" },
  });
  const generate = async (template: TemplateName, force: boolean) => {
    const row = await service.generate(requestFor(template), { force, waitMs: 120_000 });
    if (row.status !== "done") throw new Error(`brief ${row.status}: ${row.error}`);
    return row;
  };

  // (b) the floor and (c) our uncached path, measured in alternation: on a shared machine the
  // load drifts, and alternating makes both see the same load; the median ratio of the pairs is
  // the figure the target reads. Each is timed on a service at rest, as a request finds it: the
  // pool has opened the next job's page (pool.warm()), so that opening it in the background
  // does not slow the floor's print either.
  const alternate = async (template: TemplateName, html: string, n: number) => {
    const floor: number[] = [];
    const ours: number[] = [];
    const ratios: number[] = [];
    for (let i = -2; i < n; i++) {
      await pool.warm();
      let t0 = performance.now();
      await rawPrint(html);
      const b = performance.now() - t0;
      await pool.warm();
      t0 = performance.now();
      await generate(template, true);
      const c = performance.now() - t0;
      if (i < 0) continue; // warm-up pairs
      floor.push(b);
      ours.push(c);
      ratios.push(c / b);
    }
    return { floor: summarize(floor), ours: summarize(ours), pairRatio: median(ratios) };
  };
  const note = await alternate("briefing-note", noteHtml, 30);
  const noteStages = (await service.get((await generate("briefing-note", true)).id))?.timings;
  const dossier = await alternate("dossier", dossierHtml, 12);
  const dossierStages = (await service.get((await generate("dossier", true)).id))?.timings;

  const cached = await measure(() => generate("briefing-note", false), {
    warmup: 5,
    iterations: 200,
    maxMs: 10_000,
  });

  // Throughput, one job at a time against two at once, back to back (no pause to open pages
  // ahead): ours, and the floor's own, which bounds what two at once can gain on this machine.
  // Blocks alternate for the same reason as the pairs above. CPU time per brief is taken by
  // process (this one, and Chromium's by type) over our two-at-once blocks.
  const perBrief = async (jobs: () => Promise<unknown>, width: number, count: number) => {
    const t0 = performance.now();
    for (let i = 0; i < count / width; i++) await Promise.all(Array.from({ length: width }, jobs));
    return (performance.now() - t0) / count;
  };
  const blocks = {
    floor1: [] as number[],
    floor2: [] as number[],
    ours1: [] as number[],
    ours2: [] as number[],
  };
  const cpu: Record<string, number> = {};
  let cpuBriefs = 0;
  for (let i = 0; i < 5; i++) {
    blocks.floor1.push(await perBrief(() => rawPrint(noteHtml), 1, 4));
    blocks.floor2.push(await perBrief(() => rawPrint(noteHtml), 2, 4));
    blocks.ours1.push(await perBrief(() => generate("briefing-note", true), 1, 4));
    const browserPid = pool.pid() as number;
    const before = treeCpuMs(browserPid);
    const nodeBefore = process.cpuUsage();
    blocks.ours2.push(await perBrief(() => generate("briefing-note", true), 2, 4));
    const after = treeCpuMs(browserPid);
    const node = process.cpuUsage(nodeBefore);
    if (pool.pid() !== browserPid) continue; // relaunched within the block: not comparable
    for (const [type, ms] of Object.entries(after))
      cpu[type] = (cpu[type] ?? 0) + ms - (before[type] ?? 0);
    cpu.node = (cpu.node ?? 0) + (node.user + node.system) / 1000;
    cpuBriefs += 4;
  }
  await warm.close();
  const through = Object.fromEntries(
    Object.entries(blocks).map(([k, v]) => [k, summarize(v)]),
  ) as Record<keyof typeof blocks, Timing>;
  const oursGain = through.ours1.p50 / through.ours2.p50;
  const floorGain = through.floor1.p50 / through.floor2.p50;
  const cpuPerBrief = Object.entries(cpu)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${(v / Math.max(1, cpuBriefs)).toFixed(0)}`)
    .join(", ");

  // Memory over consecutive renders, after warm-up.
  const memory = (): number => {
    const browserPid = pool.pid();
    return (
      treeRssMiB(process.pid) +
      (browserPid && !isDescendant(browserPid) ? treeRssMiB(browserPid) : 0)
    );
  };
  const warmupRenders = Math.min(50, Math.floor(renders / 5));
  for (let i = 0; i < warmupRenders; i++) await generate("briefing-note", true);
  const before = memory();
  for (let i = warmupRenders; i < renders; i++) await generate("briefing-note", true);
  const after = memory();
  await pool.close();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const growth = (after - before) / before;
  const stages = (timings: unknown) =>
    Object.entries((timings ?? {}) as Record<string, number>)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  const rows: Row[] = [
    {
      name: "(a) launch Chromium per PDF (note)",
      ...perLaunch,
      note: `${ratio(perLaunch.p50, note.floor.p50)} the floor`,
    },
    { name: "(b) note: raw page.pdf(), warm browser (floor)", ...note.floor },
    {
      name: "(c) note: our path, uncached",
      ...note.ours,
      note: `${ratio(note.ours.p50, note.floor.p50)} the floor (pairs: ${note.pairRatio.toFixed(2)}×); ${ratio(perLaunch.p50, note.ours.p50)} faster than (a)`,
      targets: [
        { label: "≤ 1.3× floor (pairs)", pass: note.pairRatio <= 1.3 },
        { label: "≥ 1.5× faster than (a)", pass: perLaunch.p50 >= 1.5 * note.ours.p50 },
      ],
    },
    { name: "(b) dossier: raw page.pdf() (floor)", ...dossier.floor },
    {
      name: "(c) dossier: our path, uncached",
      ...dossier.ours,
      note: `${ratio(dossier.ours.p50, dossier.floor.p50)} the floor (pairs: ${dossier.pairRatio.toFixed(2)}×)`,
      targets: [{ label: "≤ 1.3× floor (pairs)", pass: dossier.pairRatio <= 1.3 }],
    },
    {
      name: "(c) note: our path, cached",
      ...cached,
      targets: [{ label: "≤ 5 ms", pass: cached.p50 <= 5 }],
    },
    { name: "(b) floor, one at a time (per PDF)", ...through.floor1 },
    {
      name: "(b) floor, two at once (per PDF)",
      ...through.floor2,
      note: `${floorGain.toFixed(2)}× the throughput of one`,
    },
    { name: "(c) ours, one at a time (per brief)", ...through.ours1 },
    {
      name: "(c) ours, two at once (per brief)",
      ...through.ours2,
      note: `${oursGain.toFixed(2)}× the throughput of one`,
      targets: [{ label: "≥ 1.7× one", pass: oursGain >= 1.7 }],
    },
    {
      name: `memory, renders ${warmupRenders}→${renders}`,
      note: `${before.toFixed(0)} → ${after.toFixed(0)} MiB (${(growth * 100).toFixed(1)}%)`,
      targets: [{ label: "≤ 15% growth", pass: growth <= 0.15 }],
    },
  ];
  return {
    name: "briefs: the render path against its baselines",
    context: [
      `CN–KG as of ${asOf}, en, A4: the note ${noteHtml.length.toLocaleString("en")} bytes of HTML, the dossier ${dossierHtml.length.toLocaleString("en")}`,
      `stages of one uncached note (ms): ${stages(noteStages)}`,
      `stages of one uncached dossier (ms): ${stages(dossierStages)}`,
      `CPU per brief, two at once (ms): ${cpuPerBrief}`,
      `${os.availableParallelism()} CPUs, Node ${process.version}, Chromium at ${executablePath}`,
    ],
    rows,
    details: [],
  };
}

function isDescendant(pid: number): boolean {
  for (let current: number | null = pid, i = 0; current && current > 1 && i < 50; i++) {
    if (current === process.pid) return true;
    current = parentOf(current);
  }
  return false;
}
