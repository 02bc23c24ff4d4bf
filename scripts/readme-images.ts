// Makes the images the README shows: page 1 of the sample briefing note and of the dossier, in
// English and Chinese.
// Run: node --import tsx scripts/readme-images.ts   (needs `npm run setup` first)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { latestReportDate } from "../src/briefs/runtime.ts";
import { BriefService } from "../src/briefs/service.ts";
import { migrateDatabase, openDatabase } from "../src/db/client.ts";
import { seedDatabase } from "../src/db/seed.ts";
import { BrowserPool } from "../src/render/browser.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-readme-"));
const db = openDatabase(path.join(dir, "attache.db"));
migrateDatabase(db);
await seedDatabase(db);
const pool = new BrowserPool();
const asOf = (await latestReportDate(db, "CN-KG")) ?? "2025-11-19";
const service = new BriefService({
  db,
  dataDir: dir,
  pool,
  clock: () => new Date(`${asOf}T09:00:00Z`),
  classification: { en: "UNCLASSIFIED" }, // as `npm start` prints it by default
});
try {
  const samples = [
    { template: "briefing-note", name: "sample-brief" },
    { template: "dossier", name: "sample-dossier" },
  ];
  for (const [{ template, name }, locale] of samples.flatMap((sample) =>
    (["en", "zh"] as const).map((locale) => [sample, locale] as const),
  )) {
    const brief = await service.generate(
      { template, between: ["CN", "KG"], asOf, locale },
      { waitMs: 120_000 },
    );
    if (brief.status !== "done" || !brief.file)
      throw new Error(`brief ${brief.status}: ${brief.error}`);
    const out = path.resolve("docs", `${name}-${locale}-page1`);
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "70",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      service.filePath(brief.file),
      out,
    ]);
    process.stdout.write(`${out}.png (${brief.pages} pages)\n`);
  }
} finally {
  await pool.close();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
