import fs from "node:fs";
import { parseDatasetText } from "../src/dataset/load.ts";
import { importDataset } from "../src/dataset/write.ts";
import { migrateDatabase, openDatabase } from "../src/db/client.ts";
import { seedDatabase } from "../src/db/seed.ts";
const n = Number(process.argv[2] ?? 20000);
const sources = ["peoples-daily-2025-11-20-p3-first-strategic-dialogue"];
const events = Array.from({ length: n }, (_, i) => ({
  key: `2024-01-01-e${i}`, between: ["CN", "KG"], type: "talks", date: "2024-01-01",
  title: { en: `Talks number ${i} about trade`, zh: `第${i}次会谈` },
  participants: [{ person: "wang-yi", role: "host" }, { person: "sadyr-japarov", role: "guest" }],
  topics: ["bilateral_relations"], sources: [{ source: sources[0], locator: "para. 1" }],
}));
for (const s of ["", "-wal", "-shm"]) fs.rmSync("/tmp/prof.db" + s, { force: true });
const db = openDatabase("/tmp/prof.db"); migrateDatabase(db); await seedDatabase(db);
const loaded = parseDatasetText("e.json", JSON.stringify({ events }));
const t = performance.now();
const r = await importDataset(db, [loaded], { actor: "x" });
console.log(r.created, (performance.now() - t).toFixed(0), "ms");
if (process.env.ONCE) process.exit(0);
const t2 = performance.now();
const r2 = await importDataset(db, [loaded], { actor: "x" });
console.log(r2.unchanged, (performance.now() - t2).toFixed(0), "ms");
