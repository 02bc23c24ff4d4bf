// The extractor's lookup read from the database column by column sees what a whole export of the
// same database shows it: same people, events, statements, levels… in the same order (the
// extractor takes the first stored record that matches).
import { expect, it } from "vitest";
import { exportDataset } from "../../src/dataset/export.ts";
import { storedFromDataset } from "../../src/ingest/stored.ts";
import { storedFromDb } from "../../src/ingest/stored-db.ts";
import { createTestDb } from "../support/db.ts";
import { addUzbekistan } from "../support/uzbekistan.ts";

it("reads from the seeded database, with a second relationship, what an export of it gives", async () => {
  const { db } = createTestDb();
  await addUzbekistan(db);
  const fromExport = storedFromDataset((await exportDataset(db)) as Record<string, unknown>);
  const fromDb = await storedFromDb(db);
  for (const section of Object.keys(fromExport) as (keyof typeof fromExport)[]) {
    expect(fromDb[section], section).toEqual(fromExport[section]);
  }
  expect(fromDb.statements.length).toBeGreaterThan(20);
  expect(fromDb.statements.some((s) => s.side === "joint")).toBe(true);
  expect(fromDb.people.find((p) => p.key === "wang-yi")?.titles.length).toBeGreaterThan(0);
});
