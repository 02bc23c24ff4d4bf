// A brief row in a given state, as a process making it would leave it (no rendering involved).
import type { Db } from "../../src/db/client.ts";
import { briefs } from "../../src/db/schema.ts";

export function insertBriefRow(db: Db, status: "queued" | "rendering") {
  return db
    .insert(briefs)
    .values({
      template: "briefing-note",
      locale: "en",
      spec: {},
      cacheKey: "x",
      templateHash: "x",
      dataHash: "x",
      status,
    })
    .returning()
    .get();
}
