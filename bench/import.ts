// `attache import` at scale: 100,000 events with participants, topics and citations, as a JSON
// dataset file, against the floor of a plain batched insert of the same rows (prepared multi-row
// INSERTs in one transaction, ids resolved beforehand, no validation, no comparison, no audit).
// Both write into a database seeded with seeds/, where the search-index triggers fire as usual.
// Also: the re-import of the same file (every record unchanged), and the memory an import uses
// beyond the parsed file.
// Run alone with `node --import tsx bench/import.ts`, or with the others via `npm run bench`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import type Database from "better-sqlite3";
import { type LoadedFile, parseDatasetText } from "../src/dataset/load.ts";
import { type ImportReport, importDataset } from "../src/dataset/write.ts";
import { type Db, migrateDatabase, openDatabase } from "../src/db/client.ts";
import { seedDatabase } from "../src/db/seed.ts";
import { rangeEnd, rangeStart } from "../src/domain/partial-date.ts";

// The report shape bench/run.ts prints (as in bench/measure.ts), declared here so that this file
// stands alone.
type Row = {
  name: string;
  n?: number;
  p50?: number;
  p99?: number;
  cpuP50?: number;
  rps?: number;
  note?: string;
  targets?: { label: string; pass: boolean }[];
};
type BenchReport = { name: string; context: string[]; rows: Row[]; details: string[] };

export const IMPORT_TARGETS = {
  /** The whole import (validation, upsert, audit) against the plain insert. */
  toFloor: 1.5,
  /** Heap an import holds beyond the parsed file, as a share of the parsed file's heap. */
  memoryShare: 0.25,
} as const;

export type ImportBenchOptions = { events?: number; runs?: number };

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
/** Live heap, after full collections (taken inside a synchronous import). */
const liveHeap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
/**
 * Live heap between steps. Some garbage (large strings just written to a file) is only released
 * once the event loop turns, so let it turn first.
 */
const settledHeap = async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return liveHeap();
};

const PEOPLE = ["wang-yi", "jeenbek-kulubaev", "sadyr-japarov", "xi-jinping"];
const TYPES = ["visit", "meeting", "talks", "strategic_dialogue", "phone_call", "summit"];
const TOPICS = [
  "connectivity",
  "agriculture",
  "trade_investment",
  "security",
  "mining",
  "aviation",
];

/** N events of CN–KG in the file format, deterministic. */
function syntheticEvents(n: number, sources: readonly string[]) {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2000, 0, 1) + (i % 9_000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return {
      key: `bench-${String(i).padStart(6, "0")}`,
      between: ["CN", "KG"],
      type: TYPES[i % TYPES.length],
      date: day,
      place: { en: "Bishkek", zh: "比什凯克" },
      title: { en: `Engagement number ${i} on cooperation`, zh: `第${i}次合作会谈` },
      summary: {
        en: `Both sides agreed to deepen cooperation in connectivity and trade (record ${i}).`,
        zh: `双方同意深化互联互通和贸易合作(记录${i})。`,
      },
      topics: [TOPICS[i % TOPICS.length], TOPICS[(i + 1) % TOPICS.length]],
      participants: [
        { person: PEOPLE[i % PEOPLE.length], role: "host" },
        { person: PEOPLE[(i + 1) % PEOPLE.length], role: "guest" },
      ],
      sources: [
        { source: sources[i % sources.length], locator: `para ${i % 12}` },
        sources[(i + 1) % sources.length],
      ],
    };
  });
}

/** The same rows inserted the plain way: ids resolved beforehand, multi-row INSERTs. */
function plainInsert(
  sqlite: Database.Database,
  file: LoadedFile,
): { rows: number; run: () => void } {
  const ids = (table: string, column = "key") =>
    new Map(
      (
        sqlite.prepare(`SELECT id, ${column} AS k FROM ${table}`).all() as {
          id: number;
          k: string;
        }[]
      ).map((r) => [r.k, r.id]),
    );
  const people = ids("people");
  const personCountry = new Map(
    (
      sqlite.prepare("SELECT key, country_id AS c FROM people").all() as {
        key: string;
        c: number | null;
      }[]
    ).map((r) => [r.key, r.c]),
  );
  const types = ids("event_types");
  const topics = ids("topics");
  const sources = ids("sources");
  const relationship = ids("relationships").get("CN-KG");
  const firstId =
    ((sqlite.prepare("SELECT max(id) AS m FROM events").get() as { m: number | null }).m ?? 0) + 1;
  const events: unknown[][] = [];
  const participants: unknown[][] = [];
  const eventTopics: unknown[][] = [];
  const citations: unknown[][] = [];
  file.data.events.forEach((e, i) => {
    const id = firstId + i;
    events.push([
      id,
      e.key,
      relationship,
      types.get(e.type),
      e.status,
      e.date,
      rangeStart(e.date),
      e.endDate ?? rangeEnd(e.date),
      e.endDate ?? null,
      null,
      e.place?.en ?? null,
      e.place?.zh ?? null,
      e.title.en,
      e.title.zh,
      e.summary?.en ?? null,
      e.summary?.zh ?? null,
      Number(e.firstOfKind),
    ]);
    e.participants.forEach((p, position) => {
      participants.push([
        id,
        people.get(p.person),
        personCountry.get(p.person) ?? null,
        p.role,
        position,
      ]);
    });
    for (const t of e.topics) eventTopics.push([id, topics.get(t)]);
    for (const c of e.sources) citations.push([sources.get(c.source), c.locator ?? null, id]);
  });
  // As many rows per INSERT as the import writes (src/dataset/store.ts), so that only the
  // per-record work differs.
  const batch = (table: string, columns: string, rows: unknown[][], size = 500) => {
    const width = rows[0]?.length ?? 0;
    const statement = (n: number) =>
      sqlite.prepare(
        `INSERT INTO ${table} (${columns}) VALUES ${Array.from({ length: n }, () => `(${Array(width).fill("?").join(",")})`).join(",")}`,
      );
    const full = statement(size);
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.slice(i, i + size);
      (chunk.length === size ? full : statement(chunk.length)).run(...chunk.flat());
    }
  };
  const run = () =>
    sqlite.transaction(() => {
      batch(
        "events",
        "id, key, relationship_id, type_id, status, date, date_from, date_to, end_date, host_country_id, place_en, place_zh, title_en, title_zh, summary_en, summary_zh, first_of_kind",
        events,
      );
      batch("event_participants", "event_id, person_id, country_id, role, position", participants);
      batch("event_topics", "event_id, topic_id", eventTopics);
      batch("citations", "source_id, locator, event_id", citations);
    })();
  return { rows: events.length + participants.length + eventTopics.length + citations.length, run };
}

async function seeded(dir: string, name: string): Promise<Db> {
  const db = openDatabase(path.join(dir, name));
  migrateDatabase(db);
  await seedDatabase(db);
  return db;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Wall-clock and CPU milliseconds of one run (awaited, if it returns a promise). */
async function timed(run: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await run();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

export async function runImportBenchmark({
  events = 100_000,
  runs = 3,
}: ImportBenchOptions = {}): Promise<BenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-bench-import-"));
  const progress = (msg: string) => process.stderr.write(`[import] ${msg}\n`);
  const context: string[] = [];
  const rows: Row[] = [];
  const details: string[] = [];
  const loadBefore = os.loadavg()[0] ?? 0;
  const fresh = (name: string): Promise<Db> => {
    for (const suffix of ["", "-wal", "-shm"])
      fs.rmSync(path.join(dir, name + suffix), { force: true });
    return seeded(dir, name);
  };
  try {
    progress(`writing a JSON dataset of ${events.toLocaleString("en")} events…`);
    const probe = await fresh("probe.db");
    const sources = (
      probe.$client.prepare("SELECT key FROM sources ORDER BY key").all() as { key: string }[]
    ).map((r) => r.key);
    probe.$client.close();
    const file = path.join(dir, "events.json");
    fs.writeFileSync(file, JSON.stringify({ events: syntheticEvents(events, sources) }));
    const bytes = fs.statSync(file).size;

    progress("parsing and validating its shape…");
    const heapBeforeParse = await settledHeap();
    let text: string | null = fs.readFileSync(file, "utf8");
    const parseStarted = performance.now();
    const loaded = parseDatasetText("events.json", text);
    const parseMs = performance.now() - parseStarted;
    text = null;
    const heapParsed = await settledHeap();
    const parsedBytes = heapParsed - heapBeforeParse;

    progress("importing (untimed), measuring the live heap as it goes…");
    const memoryDb = await fresh("import.db");
    let peak = heapParsed;
    let checkpoint = 0;
    try {
      await importDataset(memoryDb, [loaded], {
        actor: "bench",
        onProgress: ({ done, total }) => {
          // Ten readings per pass, each after a full collection: live memory, not garbage.
          if (done >= checkpoint) {
            peak = Math.max(peak, liveHeap());
            checkpoint += Math.ceil(total / 10);
          }
          if (done === total) checkpoint = 0;
        },
      });
    } finally {
      memoryDb.$client.close();
    }

    const retained = (await settledHeap()) - heapParsed;

    // Import and floor take turns, each into a freshly seeded database, so that other load on the
    // machine falls on both alike; the medians are reported.
    const imports: { wall: number; cpu: number }[] = [];
    const floors: { wall: number; cpu: number }[] = [];
    let floorRows = 0;
    let childRows = 0;
    let again: { wall: number; cpu: number } = { wall: 0, cpu: 0 };
    for (let run = 1; run <= runs; run++) {
      progress(`run ${run}/${runs}: importing…`);
      const target = await fresh("import.db");
      try {
        let report: ImportReport | undefined;
        imports.push(
          await timed(async () => {
            report = await importDataset(target, [loaded], { actor: "bench" });
          }),
        );
        if (report?.created !== events) {
          throw new Error(`expected ${events} created, got ${report?.created}`);
        }
        if (run === runs) {
          childRows = (
            target.$client
              .prepare(
                `SELECT (SELECT count(*) FROM event_participants) + (SELECT count(*) FROM event_topics)
                   + (SELECT count(*) FROM citations WHERE event_id IS NOT NULL) AS n`,
              )
              .get() as { n: number }
          ).n;
          progress("importing the same file again (nothing changes)…");
          let unchanged = 0;
          again = await timed(async () => {
            unchanged = (await importDataset(target, [loaded], { actor: "bench" })).unchanged;
          });
          if (unchanged !== events) throw new Error("a re-import changed records");
        }
      } finally {
        target.$client.close();
      }
      progress(`run ${run}/${runs}: the floor, a plain batched insert of the same rows…`);
      const floorDb = await fresh("floor.db");
      try {
        const floor = plainInsert(floorDb.$client, loaded);
        floorRows = floor.rows;
        floors.push(await timed(floor.run));
      } finally {
        floorDb.$client.close();
      }
    }
    const wall = {
      import: median(imports.map((t) => t.wall)),
      floor: median(floors.map((t) => t.wall)),
    };
    const cpu = {
      import: median(imports.map((t) => t.cpu)),
      floor: median(floors.map((t) => t.cpu)),
    };
    const ratio = cpu.import / cpu.floor;
    const share = (peak - heapParsed) / parsedBytes;
    const perSecond = (ms: number) => (floorRows / ms) * 1000;
    rows.push(
      {
        name: "import (validate, upsert, audit)",
        n: runs,
        p50: wall.import,
        cpuP50: cpu.import,
        rps: perSecond(wall.import),
        note: `${ratio.toFixed(2)}× floor in CPU time, ${(wall.import / wall.floor).toFixed(2)}× in wall time`,
        targets: [
          { label: `≤ ${IMPORT_TARGETS.toFloor}× floor`, pass: ratio <= IMPORT_TARGETS.toFloor },
        ],
      },
      {
        name: "plain batched insert (the floor)",
        n: runs,
        p50: wall.floor,
        cpuP50: cpu.floor,
        rps: perSecond(wall.floor),
      },
      {
        name: "re-import, every record unchanged",
        n: 1,
        p50: again.wall,
        cpuP50: again.cpu,
        rps: perSecond(again.wall),
        note: "nothing written",
      },
      {
        name: "parse and check the file's shape",
        n: 1,
        p50: parseMs,
        note: `JSON.parse + zod; end to end ${secs(parseMs + wall.import)}`,
      },
      {
        name: "live heap beyond the parsed file, peak",
        note: `${mib(peak - heapParsed)} = ${(share * 100).toFixed(0)}% of the parsed file (${mib(parsedBytes)})`,
        targets: [
          {
            label: `≤ ${IMPORT_TARGETS.memoryShare * 100}% of parsed`,
            pass: share <= IMPORT_TARGETS.memoryShare,
          },
        ],
      },
      {
        name: "heap retained after that import",
        note: `${mib(Math.max(0, retained))} (after garbage collection)`,
      },
    );
    const loadAfter = os.loadavg()[0] ?? 0;
    const busy = Math.max(loadBefore, loadAfter) > os.availableParallelism() * 0.75;
    context.push(
      `${events.toLocaleString("en")} events with ${childRows.toLocaleString("en")} participant, topic and citation rows (${floorRows.toLocaleString("en")} rows; the req/s column counts rows per second), a ${mib(bytes)} JSON file`,
      `import and floor alternate, ${runs} runs each into a freshly seeded database; medians (ms); the target compares CPU time, which other processes on the machine disturb less than wall time`,
      "search-index triggers fire in both; the import also compares each record with the stored one and writes an audit entry per record",
      `machine: ${os.availableParallelism()} cores, Node ${process.version}; load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}${busy ? " — OTHER PROCESSES SHARED THE CPU: wall times are pessimistic" : ""}`,
    );
    details.push(
      "Heap readings follow a forced full garbage collection. The peak is the largest of twenty readings taken during a first, untimed import (ten per pass: validation, then writing), minus the heap holding the parsed file: what the import itself keeps alive (the keys the file declares, bounded lookup caches, one batch of rows).",
    );
    return { name: `Import of ${events.toLocaleString("en")} events`, context, rows, details };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // bench/run.ts's table, when it is there; the report as JSON otherwise.
  const measure = "./measure.ts";
  const format: (report: BenchReport) => string = await import(measure).then(
    (m: { formatReport: (report: BenchReport) => string }) => m.formatReport,
    () => (report: BenchReport) => JSON.stringify(report, null, 2),
  );
  const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const report = await runImportBenchmark({
    events: number("BENCH_IMPORT_EVENTS"),
    runs: number("BENCH_IMPORT_RUNS"),
  });
  process.stdout.write(`${format(report)}\n`);
}
