// Search at 100k events, every kind of term, against the search it replaced, in one process:
//   - GraphQL search(query) through yoga (what a client waits for; target p50 ≤ 20 ms);
//   - the baseline: the previous search SQL on the same data (bm25 over every match for terms of
//     3+ characters, a LIKE scan in rowid order for shorter ones), run straight on SQLite;
//   - the refusal of 30 aliases × a search of 37 short terms (it must come before any SQL).
// Run alone with `node --import tsx bench/search.ts`, or via `npm run bench -- search`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createApiKey } from "../src/auth/keys.ts";
import { loadConfig } from "../src/config.ts";
import { type Db, migrateDatabase, openDatabase } from "../src/db/client.ts";
import { createGraphQLHandler } from "../src/graphql/yoga.ts";
import { createLogger } from "../src/log.ts";
import { searchTerms } from "../src/search/query.ts";
import { search } from "../src/search/search.ts";
import { type BenchReport, formatReport, measure, type Row } from "./measure.ts";
import { generateSynthetic, SEARCH_WORDS, type SyntheticOptions } from "./synthetic.ts";

export const SEARCH_P50_MS = 20;

const SEARCH_QUERY = `query Search($query: String!) {
  search(query: $query, first: 20) { kind snippet score node { id } }
}`;

/** Terms of every length, Chinese and English, frequent, rare and absent. */
const TERMS: { query: string; what: string }[] = [
  { query: SEARCH_WORDS.frequent, what: "zh 4 chars, ~half the rows" },
  { query: SEARCH_WORDS.fts, what: "zh 4 chars, rare" },
  { query: "北极熊猫", what: "zh 4 chars, absent" },
  { query: "双方", what: "zh 2 chars, most rows" },
  { query: SEARCH_WORDS.common, what: "zh 2 chars, a third of the rows" },
  { query: SEARCH_WORDS.like, what: "zh 2 chars, rare" },
  { query: SEARCH_WORDS.absent, what: "zh 2 chars, absent" },
  { query: "the", what: "en 3 chars, most rows" },
  { query: "cooperation", what: "en 11 chars, frequent" },
  { query: "xyzzy", what: "en 5 chars, absent" },
  { query: "in", what: "en 2 chars, frequent" },
  { query: "ab", what: "en 2 chars, rare" },
  { query: "qz", what: "en 2 chars, absent" },
  { query: "双方 铁路 the", what: "three terms" },
];

const cpu = (t: { cpuP50?: number }) => `${(t.cpuP50 ?? Number.NaN).toFixed(2)} ms`;

export type SearchBenchOptions = { dataset?: SyntheticOptions; loopMs?: number };

/** The search this one replaced, as SQL on the same index (padding spaces do not change it). */
function previousSearch(db: Db) {
  const ranked = db.$client.prepare(`
    SELECT kind, entity_id, snippet(search_index, -1, '«', '»', '…', 12) AS snippet,
           bm25(search_index, 0, 0, 10.0, 1.0) AS score
    FROM search_index WHERE search_index MATCH ? ORDER BY score, rowid LIMIT 20`);
  return (query: string) => {
    const terms = searchTerms(query);
    const long = terms.filter((t) => [...t].length >= 3);
    const short = terms.filter((t) => [...t].length < 3);
    if (short.length === 0) return ranked.all(long.map((t) => `"${t}"`).join(" AND "));
    const like = short.map(() => "(title LIKE ? OR body LIKE ?)").join(" AND ");
    const params = short.flatMap((t) => [`%${t}%`, `%${t}%`]);
    const match = long.length ? `search_index MATCH ? AND ` : "";
    return db.$client
      .prepare(
        `SELECT kind, entity_id FROM search_index WHERE ${match}${like} ORDER BY rowid LIMIT 20`,
      )
      .all(...(long.length ? [long.map((t) => `"${t}"`).join(" AND ")] : []), ...params);
  };
}

export async function runSearchBenchmark(options: SearchBenchOptions = {}): Promise<BenchReport> {
  const { loopMs = 4_000 } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-bench-"));
  const db = openDatabase(path.join(dir, "attache.db"));
  const progress = (msg: string) => process.stderr.write(`[search] ${msg}\n`);
  const load = [os.loadavg()[0] ?? 0];
  const rows: Row[] = [];
  try {
    migrateDatabase(db);
    progress("generating the synthetic dataset…");
    const data = generateSynthetic(db, options.dataset);
    const indexed = (
      db.$client.prepare("SELECT count(*) AS n FROM search_index").get() as {
        n: number;
      }
    ).n;
    const { token } = await createApiKey(db, { name: "bench", role: "viewer" }, "bench");
    // The response cache off: a repeated search would be served from memory, not searched.
    const limits = { ...loadConfig({}).limits, responseCacheMegabytes: 0 };
    const yoga = createGraphQLHandler(db, limits, createLogger("silent"));
    const ask = async (query: string, variables: object) => {
      const response = await yoga.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: { search: unknown[] }; errors?: unknown[] };
    };
    const before = previousSearch(db);
    const count = db.$client.prepare(
      "SELECT count(*) AS n FROM search_index WHERE title LIKE ? OR body LIKE ?",
    );

    for (const { query, what } of TERMS) {
      progress(`"${query}" (${what})…`);
      const first = await ask(SEARCH_QUERY, { query });
      if (first.errors) throw new Error(`search "${query}": ${JSON.stringify(first.errors)}`);
      const loop = { warmup: 3, iterations: 200, maxMs: loopMs, minIterations: 15 };
      const now = await measure(() => ask(SEARCH_QUERY, { query }), loop);
      const old = await measure(() => before(query), { ...loop, iterations: 60 });
      const sqlNow = await measure(() => search(db, query, { limit: 20 }), loop);
      const matching =
        searchTerms(query).length === 1
          ? (count.get(`%${query}%`, `%${query}%`) as { n: number }).n.toLocaleString("en")
          : "—";
      rows.push({
        name: `"${query}" (${what})`,
        n: now.n,
        p50: now.p50,
        p99: now.p99,
        cpuP50: now.cpuP50,
        note: `${first.data?.search.length ?? 0} hits of ${matching}; search SQL CPU p50: before ${cpu(old)}, now ${cpu(sqlNow)} (${((sqlNow.cpuP50 ?? 0) / (old.cpuP50 ?? 1)).toFixed(2)}×)`,
        targets: [{ label: `p50 ≤ ${SEARCH_P50_MS} ms`, pass: now.p50 <= SEARCH_P50_MS }],
      });
    }

    progress("30 aliases × a search of 37 short terms…");
    const shortTerms = Array.from({ length: 37 }, (_, i) =>
      String.fromCodePoint(0x4e00 + i * 7).repeat(2),
    );
    const aliases = Array.from({ length: 30 }, (_, i) => `s${i}: search(query: $q) { kind }`);
    const abusive = `query ($q: String!) { ${aliases.join(" ")} }`;
    const refusal = await ask(abusive, { q: shortTerms.join(" ") });
    const refused = await measure(() => ask(abusive, { q: shortTerms.join(" ") }), {
      warmup: 3,
      iterations: 100,
      maxMs: loopMs,
    });
    const code = (refusal.errors?.[0] as { extensions?: { code?: string } })?.extensions?.code;
    rows.push({
      name: "30 aliases × 37 short terms",
      n: refused.n,
      p50: refused.p50,
      p99: refused.p99,
      cpuP50: refused.cpuP50,
      note: `refused with ${code ?? "no code"}`,
      targets: [{ label: "refused with a code", pass: code === "QUERY_TOO_COMPLEX" }],
    });
    load.push(os.loadavg()[0] ?? 0);
    return {
      name: "Search at scale",
      context: [
        `machine: ${os.availableParallelism()} cores, Node ${process.version}; load average ${load.map((l) => l.toFixed(2)).join(" → ")} (prefer the CPU column on a shared machine)`,
        `dataset: ${data.counts.events.toLocaleString("en")} synthetic events, ${indexed.toLocaleString("en")} rows in search_index`,
        "each row: GraphQL search(query, first: 20) through yoga with a viewer key; the note compares the search SQL alone, before (bm25 over every match; LIKE scans for short terms) and now, in CPU time",
      ],
      rows,
      details: [],
    };
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.stdout.write(`${formatReport(await runSearchBenchmark())}\n`);
}
