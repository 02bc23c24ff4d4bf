// The relationship dossier at 100k events, in one process (search has bench/search.ts):
//   - the dossier GraphQL query through yoga in-process, against hand-written SQL (the floor);
//   - the same query over HTTP against the real server, driven by autocannon;
// Run alone with `node --import tsx bench/dossier.ts`, or with the others via `npm run bench`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon, { type Result as AutocannonResult } from "autocannon";
import type Database from "better-sqlite3";
import { createApiKey } from "../src/auth/keys.ts";
import { loadConfig } from "../src/config.ts";
import { type Db, migrateDatabase, openDatabase, StatementLog } from "../src/db/client.ts";
import { createGraphQLHandler } from "../src/graphql/yoga.ts";
import { createLogger } from "../src/log.ts";
import { startServer } from "../src/server.ts";
import { type BenchReport, formatReport, measure, type Row, type Timing } from "./measure.ts";
import { generateSynthetic, type SyntheticOptions } from "./synthetic.ts";

export const DOSSIER_QUERY = `query Dossier($between: [String!]!) {
  relationship(between: $between) {
    key
    countries { code name }
    events(first: 50) {
      nodes {
        key
        date
        title
        type { key label }
        participants { role person { key name } }
        documents { key kind action title date }
        citations { locator source { key title publication publishedOn } }
      }
    }
  }
}`;

export const TARGETS = {
  dossierP50Ms: 5,
  dossierToFloor: 4,
  httpRps: 1000,
  httpDistinctRps: 300,
} as const;

export type DossierBenchOptions = {
  dataset?: SyntheticOptions;
  /** Seconds of autocannon load; 0 skips the HTTP part. */
  httpSeconds?: number;
  connections?: number;
  /** Upper bound on the time of each in-process timing loop. */
  loopMs?: number;
};

type Yoga = ReturnType<typeof createGraphQLHandler>;

/** The default limits with the response cache off: what a request costs when it is executed. */
const UNCACHED = { ...loadConfig({}).limits, responseCacheMegabytes: 0 };

/** The viewer key made for the run. */
let bearer: string | undefined;

/** Headers of a call, a fresh object each time: fetch implementations may add to the one given. */
function requestHeaders(): Record<string, string> {
  return {
    "content-type": "application/json",
    ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
  };
}

async function graphql(yoga: Yoga, query: string, variables: object): Promise<string> {
  const response = await yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: requestHeaders(),
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GraphQL status ${response.status}: ${text}`);
  return text;
}

function dataOf(text: string): unknown {
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (parsed.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(parsed.errors)}`);
  return parsed.data;
}

/** The country pairs of the `n` relationships with the most events, busiest first. */
function busiestPairs(db: Db, n: number): [string, string][] {
  return db.$client
    .prepare(
      `SELECT a.code AS a, b.code AS b FROM relationships r
       JOIN countries a ON a.id = r.country_a_id JOIN countries b ON b.id = r.country_b_id
       ORDER BY (SELECT count(*) FROM events e WHERE e.relationship_id = r.id) DESC, r.id LIMIT ?`,
    )
    .all(n)
    .map((row) => {
      const { a, b } = row as { a: string; b: string };
      return [a, b];
    });
}

function httpRow(name: string, result: AutocannonResult, target: number): Row {
  return {
    name,
    n: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    note: `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
    targets: [
      {
        label: `≥ ${target.toLocaleString("en")} req/s`,
        pass: result.requests.average >= target && result.non2xx === 0,
      },
    ],
  };
}

// ---- the floor: hand-written SQL, one query per level, batched with IN (...) -----------------

type EventRow = {
  id: number;
  key: string;
  date: string;
  title: string;
  typeKey: string;
  typeLabel: string;
};

/** The dossier straight from better-sqlite3, in the shape (and key order) GraphQL returns. */
export function createDossierFloor(sqlite: Database.Database) {
  const relationship = sqlite.prepare<[string], Record<string, string | number>>(
    `SELECT r.id, r.key, a.code AS aCode, a.name_en AS aName, b.code AS bCode, b.name_en AS bName
     FROM relationships r
     JOIN countries a ON a.id = r.country_a_id
     JOIN countries b ON b.id = r.country_b_id
     WHERE r.key = ?`,
  );
  const latestEvents = sqlite.prepare<[number], EventRow>(
    `SELECT e.id, e.key, e.date AS date, e.title_en AS title, t.key AS typeKey, t.label_en AS typeLabel
     FROM events e JOIN event_types t ON t.id = e.type_id
     WHERE e.relationship_id = ?
     ORDER BY e.date_from DESC, e.id DESC
     LIMIT 50`,
  );
  const batched = (sql: (placeholders: string) => string) => {
    const cache = new Map<number, Database.Statement<number[], Record<string, unknown>>>();
    return (ids: readonly number[]) => {
      let statement = cache.get(ids.length);
      if (!statement) {
        statement = sqlite.prepare(sql(ids.map(() => "?").join(", ")));
        cache.set(ids.length, statement);
      }
      return statement.all(...ids);
    };
  };
  const participants = batched(
    (ids) => `SELECT p.event_id AS eventId, p.role, pe.key, pe.name_en AS name
      FROM event_participants p JOIN people pe ON pe.id = p.person_id
      WHERE p.event_id IN (${ids}) ORDER BY p.event_id, p.position`,
  );
  const documents = batched(
    (ids) => `SELECT event_id AS eventId, key, kind, action, title_en AS title, date
      FROM documents WHERE event_id IN (${ids}) ORDER BY id`,
  );
  const citations = batched(
    (ids) => `SELECT c.event_id AS eventId, c.locator, s.key, s.title_en AS title,
        s.publication_en AS publication, s.published_on AS publishedOn
      FROM citations c JOIN sources s ON s.id = c.source_id
      WHERE c.event_id IN (${ids}) ORDER BY c.id`,
  );

  return (between: readonly [string, string]) => {
    const key = [...between]
      .map((c) => c.toUpperCase())
      .sort()
      .join("-");
    const r = relationship.get(key);
    if (!r) return { relationship: null };
    const rows = latestEvents.all(r.id as number);
    const ids = rows.map((e) => e.id);
    const byEvent = new Map(
      rows.map((e) => [
        e.id,
        {
          key: e.key,
          date: e.date,
          title: e.title,
          type: { key: e.typeKey, label: e.typeLabel },
          participants: [] as unknown[],
          documents: [] as unknown[],
          citations: [] as unknown[],
        },
      ]),
    );
    if (ids.length > 0) {
      for (const p of participants(ids)) {
        byEvent.get(p.eventId as number)?.participants.push({
          role: String(p.role).toUpperCase(),
          person: { key: p.key, name: p.name },
        });
      }
      for (const d of documents(ids)) {
        byEvent.get(d.eventId as number)?.documents.push({
          key: d.key,
          kind: String(d.kind).toUpperCase(),
          action: String(d.action).toUpperCase(),
          title: d.title,
          date: d.date,
        });
      }
      for (const c of citations(ids)) {
        byEvent.get(c.eventId as number)?.citations.push({
          locator: c.locator,
          source: {
            key: c.key,
            title: c.title,
            publication: c.publication,
            publishedOn: c.publishedOn,
          },
        });
      }
    }
    return {
      relationship: {
        key: r.key,
        countries: [
          { code: r.aCode, name: r.aName },
          { code: r.bCode, name: r.bName },
        ],
        events: { nodes: [...byEvent.values()] },
      },
    };
  };
}

// ---- evidence: the SQL drizzle runs, its plan, and its cost alone -----------------------------

/** StatementLog that also keeps the parameters, so captured statements can be replayed. */
class ReplayLog extends StatementLog {
  readonly params: unknown[][] = [];
  override logQuery(query: string, params: unknown[] = []): void {
    super.logQuery(query);
    this.params.push(params);
  }
  override clear(): void {
    super.clear();
    this.params.length = 0;
  }
}

type Captured = { sql: string; params: unknown[] };

function explain(sqlite: Database.Database, { sql, params }: Captured): string {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows
    .map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${"  ".repeat(d)}${r.detail}`;
    })
    .join("\n");
}

/** Runs a captured statement the way drizzle does (rows as arrays when it asked for raw). */
function replay(sqlite: Database.Database, { sql, params }: Captured) {
  const statement = sqlite.prepare(sql);
  return () => (statement.reader ? statement.raw(true).all(...params) : statement.run(...params));
}

async function capture(
  file: string,
  run: (yoga: Yoga) => Promise<unknown>,
): Promise<{ statements: Captured[]; close: () => void }> {
  const log = new ReplayLog();
  const db = openDatabase(file, { logger: log });
  const yoga = createGraphQLHandler(db, UNCACHED, createLogger("silent"));
  await run(yoga);
  log.clear();
  await run(yoga);
  return {
    statements: log.statements.map((sql, i) => ({ sql, params: log.params[i] ?? [] })),
    close: () => db.$client.close(),
  };
}

/**
 * The dossier's relational query written against drizzle directly, selecting only the columns the
 * GraphQL fields read (both languages of bilingual texts): what Pothos could ask for. With
 * `allColumns`, every column of every table, which is what the Pothos types ask for today.
 */
export function leanDossier(db: Db, relationshipId: number, allColumns = false) {
  if (allColumns) {
    return db.query.relationships.findFirst({
      where: { id: relationshipId },
      with: {
        countryA: true,
        countryB: true,
        events: {
          orderBy: { dateFrom: "desc", id: "desc" },
          limit: 51,
          with: {
            type: true,
            participants: { orderBy: { position: "asc" }, with: { person: true } },
            documents: { orderBy: { id: "asc" } },
            citations: { orderBy: { id: "asc" }, with: { source: true } },
          },
        },
      },
    });
  }
  const name = { nameEn: true, nameZh: true } as const;
  const title = { titleEn: true, titleZh: true } as const;
  return db.query.relationships.findFirst({
    where: { id: relationshipId },
    columns: { id: true, key: true },
    with: {
      countryA: { columns: { id: true, code: true, ...name } },
      countryB: { columns: { id: true, code: true, ...name } },
      events: {
        columns: { id: true, key: true, date: true, ...title },
        orderBy: { dateFrom: "desc", id: "desc" },
        limit: 51,
        with: {
          type: { columns: { key: true, labelEn: true, labelZh: true } },
          participants: {
            columns: { role: true },
            orderBy: { position: "asc" },
            with: { person: { columns: { id: true, key: true, ...name } } },
          },
          documents: {
            columns: { id: true, key: true, kind: true, action: true, date: true, ...title },
            orderBy: { id: "asc" },
          },
          citations: {
            columns: { locator: true },
            orderBy: { id: "asc" },
            with: {
              source: {
                columns: {
                  id: true,
                  key: true,
                  publishedOn: true,
                  publicationEn: true,
                  publicationZh: true,
                  ...title,
                },
              },
            },
          },
        },
      },
    },
  });
}

const ms = (t: number) => `${t.toFixed(2)} ms`;

function timingRow(name: string, t: Timing, extra: Partial<Row> = {}): Row {
  return { name, n: t.n, p50: t.p50, p99: t.p99, cpuP50: t.cpuP50, ...extra };
}

// ---- the benchmark ----------------------------------------------------------------------------

export async function runDossierBenchmark(options: DossierBenchOptions = {}): Promise<BenchReport> {
  const { httpSeconds = 10, connections = 10, loopMs = 12_000 } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-bench-"));
  const file = path.join(dir, "attache.db");
  const context: string[] = [];
  const rows: Row[] = [];
  const details: string[] = [];
  const progress = (msg: string) => process.stderr.write(`[dossier] ${msg}\n`);
  const db: Db = openDatabase(file);
  const loadBefore = os.loadavg()[0] ?? 0;
  try {
    migrateDatabase(db);
    progress("generating the synthetic dataset…");
    const data = generateSynthetic(db, options.dataset);
    const sqliteVersion = (
      db.$client.prepare("SELECT sqlite_version() AS v").get() as { v: string }
    ).v;
    const c = data.counts;
    context.push(
      `machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, SQLite ${sqliteVersion}`,
      `dataset: ${c.events.toLocaleString("en")} events, ${c.relationships} relationships, ${c.countries} countries, ${c.people} people, ${c.sources} sources, ${c.participants.toLocaleString("en")} participants, ${c.citations.toLocaleString("en")} citations, ${c.documents.toLocaleString("en")} documents; generated in ${(data.ms / 1000).toFixed(1)} s`,
      `dossier: relationship ${data.busiest.key} (${data.busiest.events.toLocaleString("en")} events), latest 50 events with participants, documents and citation sources`,
    );
    // Readers need a key unless ATTACHE_PUBLIC_READ is on: read as a client would, with one.
    const { token } = await createApiKey(db, { name: "bench", role: "viewer" }, "bench");
    bearer = token;
    const between = data.busiest.between;
    const vars = { between };

    // 1. dossier through yoga, in-process
    progress("dossier through yoga, in-process…");
    const yoga = createGraphQLHandler(db, UNCACHED, createLogger("silent"));
    const first = await graphql(yoga, DOSSIER_QUERY, vars);
    const graphqlData = dataOf(first);
    const dossier = await measure(() => graphql(yoga, DOSSIER_QUERY, vars), { maxMs: loopMs });

    // the same through the response cache: repeats, and distinct relationships (all misses)
    const cachedYoga = createGraphQLHandler(db, loadConfig({}).limits, createLogger("silent"));
    const cached = await measure(() => graphql(cachedYoga, DOSSIER_QUERY, vars), {
      warmup: 50,
      iterations: 2000,
      maxMs: loopMs / 4,
    });
    const pairs = busiestPairs(db, 400);
    let next = 0;
    const misses = await measure(
      () => graphql(cachedYoga, DOSSIER_QUERY, { between: pairs[next++ % pairs.length] }),
      { warmup: 0, iterations: pairs.length, maxMs: loopMs / 2 },
    );
    let nextUncached = 0;
    const distinct = await measure(
      () => graphql(yoga, DOSSIER_QUERY, { between: pairs[nextUncached++ % pairs.length] }),
      { warmup: 0, iterations: pairs.length, maxMs: loopMs / 2 },
    );

    // the fixed cost of a request through yoga, whatever it asks
    const baseline = await measure(() => graphql(yoga, "{ __typename }", {}), {
      warmup: 50,
      iterations: 1000,
      maxMs: loopMs / 4,
    });

    // 2. the floor, which must give the very same data
    progress("dossier with hand-written SQL (the floor)…");
    const floor = createDossierFloor(db.$client);
    const floorJson = JSON.stringify(floor(between));
    if (floorJson !== JSON.stringify(graphqlData)) {
      throw new Error("the SQL floor does not return what the GraphQL dossier returns");
    }
    const floorTiming = await measure(() => JSON.stringify({ data: floor(between) }), {
      warmup: 50,
      iterations: 2000,
      maxMs: loopMs / 2,
    });
    const ratio = dossier.p50 / floorTiming.p50;
    rows.push(
      timingRow("dossier, GraphQL in-process", dossier, {
        note: `${ratio.toFixed(1)}× floor; ${(first.length / 1024).toFixed(0)} KiB`,
        targets: [
          { label: `p50 ≤ ${TARGETS.dossierP50Ms} ms`, pass: dossier.p50 <= TARGETS.dossierP50Ms },
          { label: `≤ ${TARGETS.dossierToFloor}× floor`, pass: ratio <= TARGETS.dossierToFloor },
        ],
      }),
      timingRow("dossier, hand-written SQL (the floor)", floorTiming, {
        note: "5 statements + JSON",
      }),
      timingRow("dossier, from the response cache", cached, {
        note: `${(dossier.p50 / cached.p50).toFixed(1)}× faster than executed`,
      }),
      timingRow("dossier, distinct relationships, executed", distinct, {
        note: `${pairs.length} relationships with the most events, each once`,
      }),
      timingRow("dossier, distinct relationships, cache misses", misses, {
        note: `the cache's cost on a miss: ${((misses.cpuP50 ?? 0) / (distinct.cpuP50 ?? 1)).toFixed(2)}× in CPU`,
      }),
      timingRow("diag: { __typename } through yoga", baseline, { note: "fixed cost of a request" }),
    );

    // 3. evidence: the statements drizzle ran for the dossier, alone, and the plan of the big one
    progress("capturing the SQL drizzle generates…");
    const dossierSql = await capture(file, (y) => graphql(y, DOSSIER_QUERY, vars));
    try {
      const main = dossierSql.statements.reduce((a, b) => (b.sql.length > a.sql.length ? b : a));
      const replays = dossierSql.statements.map((s) => replay(db.$client, s));
      const sqlOnly = await measure(
        () => {
          for (const run of replays) run();
        },
        { maxMs: loopMs / 4 },
      );
      const builtJson = JSON.stringify(replay(db.$client, main)()).length;
      const prepare = await measure(() => db.$client.prepare(main.sql), {
        iterations: 500,
        maxMs: loopMs / 8,
      });
      const relationshipId = (
        db.$client.prepare("SELECT id FROM relationships WHERE key = ?").get(data.busiest.key) as {
          id: number;
        }
      ).id;
      const full = await measure(() => leanDossier(db, relationshipId, true), {
        maxMs: loopMs / 4,
      });
      const fullJson = JSON.stringify(await leanDossier(db, relationshipId, true)).length;
      const lean = await measure(() => leanDossier(db, relationshipId), { maxMs: loopMs / 4 });
      const leanJson = JSON.stringify(await leanDossier(db, relationshipId)).length;
      rows.push(
        timingRow("diag: drizzle's SQL alone, prepared once", sqlOnly, {
          note: `${dossierSql.statements.length} statements; SQLite builds ${(builtJson / 1024).toFixed(0)} KiB of JSON`,
        }),
        timingRow("diag: preparing its relational statement", prepare, {
          note: `${(main.sql.length / 1024).toFixed(1)} KiB of SQL, what keeping it prepared (by SQL text) saves per request`,
        }),
        timingRow("diag: drizzle findFirst, every column", full, {
          note: `build+run+map (statement kept); ${(fullJson / 1024).toFixed(0)} KiB of rows`,
        }),
        timingRow("diag: drizzle findFirst, only columns read", lean, {
          note: `build+run+map (statement kept); ${(leanJson / 1024).toFixed(0)} KiB of rows`,
        }),
      );
      details.push(
        `Statements drizzle ran for one dossier (${dossierSql.statements.length}):`,
        "",
        ...dossierSql.statements.map(
          (s) =>
            `- ${s.sql.length > 160 ? `${s.sql.slice(0, 160)}… (${s.sql.length} chars)` : s.sql}`,
        ),
        "",
        "EXPLAIN QUERY PLAN of the relational query:",
        "",
        "```",
        explain(db.$client, main),
        "```",
        "",
      );
    } finally {
      dossierSql.close();
    }

    // 4. over HTTP: the real server, autocannon in a worker thread (its own core)
    if (httpSeconds > 0) {
      progress(`dossier over HTTP, ${connections} connections for ${httpSeconds} s…`);
      const config = loadConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        ATTACHE_DATA_DIR: dir,
        LOG_LEVEL: "silent",
        ATTACHE_SCHEDULER: "off",
      });
      const server = await startServer(db, config, createLogger("silent"));
      const uncachedServer = await startServer(
        db,
        { ...config, limits: UNCACHED },
        createLogger("silent"),
      );
      try {
        const body = JSON.stringify({ query: DOSSIER_QUERY, variables: vars });
        const check = await fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: requestHeaders(),
          body,
        });
        dataOf(await check.text());
        const repeated = await autocannon({
          url: `${server.url}/graphql`,
          method: "POST",
          headers: requestHeaders(),
          body,
          connections,
          duration: httpSeconds,
          workers: 1,
        });
        rows.push(
          httpRow(
            `dossier over HTTP, repeated (cache; ${connections} conn, ${httpSeconds} s)`,
            repeated,
            TARGETS.httpRps,
          ),
        );
        // Each connection walks the relationships in the same order, so with a cache some would
        // hit: the server for this run has none, every request is executed.
        const distinctHttp = await autocannon({
          url: `${uncachedServer.url}/graphql`,
          connections,
          duration: httpSeconds,
          workers: 1,
          requests: busiestPairs(db, 1000).map((between) => ({
            method: "POST",
            headers: requestHeaders(),
            body: JSON.stringify({ query: DOSSIER_QUERY, variables: { between } }),
          })),
        });
        rows.push(
          httpRow(
            `dossier over HTTP, distinct relationships (no cache)`,
            distinctHttp,
            TARGETS.httpDistinctRps,
          ),
        );
        progress("{ __typename } over HTTP: the ceiling of the HTTP stack…");
        const ceiling = await autocannon({
          url: `${server.url}/graphql`,
          method: "POST",
          headers: requestHeaders(),
          body: JSON.stringify({ query: "{ __typename }" }),
          connections,
          duration: Math.max(1, Math.round(httpSeconds / 2)),
          workers: 1,
        });
        rows.push({
          name: "diag: { __typename } over HTTP",
          n: ceiling.requests.total,
          p50: ceiling.latency.p50,
          p99: ceiling.latency.p99,
          rps: ceiling.requests.average,
          note: `non-2xx ${ceiling.non2xx}; the most this stack serves here`,
        });
      } finally {
        await server.close();
        await uncachedServer.close();
      }
    }

    const loadAfter = os.loadavg()[0] ?? 0;
    const busy = Math.max(loadBefore, loadAfter) > os.availableParallelism() * 0.75;
    context.push(
      `load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}${busy ? " — OTHER PROCESSES SHARED THE CPU: the figures are pessimistic, run again when the machine is idle" : ""}`,
      `in-process: ${ms(dossier.mean)} mean dossier, ${(first.length / 1024).toFixed(0)} KiB response; timings are wall-clock per request, sequential, after warm-up`,
    );
    return { name: "Relationship dossier", context, rows, details };
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await runDossierBenchmark();
  process.stdout.write(`${formatReport(report)}\n`);
}
