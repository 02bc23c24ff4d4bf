// Relationships, with their partnership steps (one per level, established or attested).
import { comparePartialDates } from "../../domain/partial-date.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import { pairOf, type Ref } from "../codec.ts";
import { describe } from "../describe.ts";
import { cites, type Field, parts, plain, ref, text, type Values } from "../fields.ts";
import { relationshipSchema } from "../format.ts";
import type { Store } from "../store.ts";

/** A relationship is its two countries: its key ("CN-KG") and a reference to each. */
const countryPair: Field = {
  name: "between",
  value: (given) => pairOf(relationshipKey(given as [string, string])),
  refs: (given) =>
    pairOf(relationshipKey(given as [string, string])).map(
      (code): Ref => ({ path: ["between"], target: "country", key: code }),
    ),
  read: (row) => pairOf(row.key as string),
  columns: ["key", "country_a_id", "country_b_id"],
  put: async (into, value, store) => {
    const [a, b] = value as [string, string];
    into.push(`${a}-${b}`, await store.require("country", a), await store.require("country", b));
  },
};

const stepDate = (s: Values) => (s.since ?? s.attestedOn) as string;

/**
 * Live schedules that would fail every run without the relationship: those that name it, and
 * those that cover a country of it that has no other relationship.
 */
async function schedulesOf(store: Store, id: number): Promise<string[]> {
  const pair = (await store.get<{ key: string }>("SELECT key FROM relationships WHERE id = ?", id))
    ?.key;
  if (!pair) return [];
  const alone = new Set<string>();
  for (const code of pair.split("-")) {
    const others = await store.get<{ n: number }>(
      `SELECT count(*) AS n FROM relationships r
       JOIN countries a ON a.id = r.country_a_id JOIN countries b ON b.id = r.country_b_id
       WHERE r.id <> ? AND (a.code = ? OR b.code = ?)`,
      id,
      code,
      code,
    );
    if (!others?.n) alone.add(code);
  }
  const rows = await store.all<{ name: string; scope: string }>(
    "SELECT name, scope FROM schedules WHERE deleted_at IS NULL ORDER BY name",
  );
  const held: string[] = [];
  for (const row of rows) {
    const scope = JSON.parse(row.scope) as { relationships?: string[]; countries?: string[] };
    const through = (scope.countries ?? []).filter((c) => alone.has(c));
    if (scope.relationships?.includes(pair)) held.push(`schedule "${row.name}"`);
    else if (through.length > 0)
      held.push(`schedule "${row.name}" (by country ${through.join(", ")})`);
  }
  return held;
}

export const relationships = describe("relationship", relationshipSchema, {
  keyOf: (r) => relationshipKey(r.between),
  fields: [
    countryPair,
    text("summary", { kept: true }),
    // One step per level: a file that gives a level's establishment date, or another source
    // attesting it, updates that step and keeps the citations of the others.
    parts("partnerships", {
      table: "partnerships",
      idColumn: "partnership_id",
      fields: [
        ref("level", "partnershipLevel"),
        plain("since"),
        plain("attestedOn"),
        text("note"),
        cites(),
      ],
      order: "coalesce(t.since, t.attested_on), ref_level",
      identity: (p) => p.level as string,
      identityAt: "level",
      noun: "level",
      merge: true,
      sort: (a, b) =>
        comparePartialDates(stepDate(a), stepDate(b)) ||
        (a.level as string).localeCompare(b.level as string),
    }),
  ],
  dependents: [
    ["events", "relationship_id", "event", "events"],
    ["statements", "relationship_id", "statement", "statements"],
    ["documents", "relationship_id", "document", "documents"],
    ["targets", "relationship_id", "target", "targets"],
    ["organizations", "relationship_id", "mechanism", "mechanisms"],
  ],
  heldBy: schedulesOf,
});
