import fs from "node:fs";
import { parseDatasetText } from "../src/dataset/load.ts";
import { importDataset } from "../src/dataset/write.ts";
import { migrateDatabase, openDatabase } from "../src/db/client.ts";
import { seedDatabase } from "../src/db/seed.ts";
const n = Number(process.argv[2] ?? 20000);
const PEOPLE = ["wang-yi", "jeenbek-kulubaev", "sadyr-japarov", "xi-jinping"];
const TYPES = ["visit", "meeting", "talks", "strategic_dialogue", "phone_call", "summit"];
const TOPICS = ["connectivity", "agriculture", "trade_investment"];
const sources = ["peoples-daily-2025-11-20-p3-first-strategic-dialogue"];
const events = Array.from({ length: n }, (_, i) => ({
      key: `bench-${String(i).padStart(6, "0")}`, between: ["CN", "KG"], type: TYPES[i % TYPES.length],
      date: new Date(Date.UTC(2000, 0, 1) + (i % 9_000) * 86_400_000).toISOString().slice(0, 10),
      place: { en: "Bishkek", zh: "比什凯克" },
      title: { en: `Engagement number ${i} on cooperation`, zh: `第${i}次合作会谈` },
      summary: { en: `Both sides agreed to deepen cooperation in connectivity and trade (record ${i}).`, zh: `双方同意深化互联互通和贸易合作(记录${i})。` },
      topics: [TOPICS[i % 3], TOPICS[(i + 1) % 3]],
      participants: [{ person: PEOPLE[i % 4], role: "host" }, { person: PEOPLE[(i + 1) % 4], role: "guest" }],
      sources: [{ source: sources[0], locator: `para ${i % 12}` }],
}));
for (const s of ["", "-wal", "-shm"]) fs.rmSync("/tmp/prof.db" + s, { force: true });
const db = openDatabase("/tmp/prof.db"); migrateDatabase(db); await seedDatabase(db);
const loaded = parseDatasetText("e.json", JSON.stringify({ events }));
let t = performance.now(); let phase = "";
const r = await importDataset(db, [loaded], { actor: "x", onProgress: (p) => { if (p.phase !== phase) { console.log(phase, (performance.now() - t).toFixed(0)); phase = p.phase; t = performance.now(); } } });
console.log(phase, (performance.now() - t).toFixed(0), r.created);
