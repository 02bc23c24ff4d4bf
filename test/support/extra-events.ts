// Extra events written through the dataset writer, for paging and filtering tests.

import { datasetFileSchema } from "../../src/dataset/format.ts";
import { writeDataset } from "../../src/dataset/write.ts";
import type { Db } from "../../src/db/client.ts";
import { addDays } from "../../src/domain/dates.ts";

/** `count` CN–KG events one day apart from 2024-01-01, alternating talks and phone calls. */
export async function addExtraEvents(db: Db, count: number): Promise<string[]> {
  const events = Array.from({ length: count }, (_, i) => ({
    key: `extra-${String(i).padStart(3, "0")}`,
    between: ["KG", "CN"],
    type: i % 2 === 0 ? "talks" : "phone_call",
    date: addDays("2024-01-01", i),
    title: { en: `Extra engagement ${i}`, zh: `额外会谈${i}` },
    topics: i % 3 === 0 ? ["agriculture"] : [],
    participants: i % 5 === 0 ? [{ person: "wang-yi", role: "guest" }] : [],
    sources: ["peoples-daily-2025-11-20-p3-first-strategic-dialogue"],
  }));
  await writeDataset(db, [{ file: "extra.yaml", data: datasetFileSchema.parse({ events }) }]);
  return events.map((e) => e.key);
}
