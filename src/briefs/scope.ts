// The relationships a weekly summary or a schedule covers: those named, and every relationship of
// the countries named. Checked against what is recorded, so a summary never covers nothing.
import { eq, inArray, or } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { countries, relationships } from "../db/schema.ts";
import { argumentAt, badInput } from "../domain/refusal.ts";
import { relationshipKey } from "../domain/relationship-key.ts";

export type Scope = { relationships: string[]; countries: string[] };

/** A scope as given ("KG-CN", "cn,kg", " kg ") in one spelling: keys and codes, each once, sorted. */
export function scopeOf(given: {
  relationships?: readonly string[] | null;
  countries?: readonly string[] | null;
}): Scope {
  const unique = (list: string[]) => [...new Set(list)].sort();
  return {
    relationships: unique(
      (given.relationships ?? []).map((r) => relationshipKey(r.trim().split(/[-,\s]+/))),
    ),
    countries: unique((given.countries ?? []).map((c) => c.trim().toUpperCase())),
  };
}

/** Which of `values` no row of the table holds in its natural key or code. */
async function unrecorded(
  db: Db,
  [table, column]:
    | [typeof countries, typeof countries.code]
    | [typeof relationships, typeof relationships.key],
  values: string[],
): Promise<string[]> {
  const rows = await db.select({ value: column }).from(table).where(inArray(column, values));
  const known = new Set(rows.map((row) => row.value));
  return values.filter((value) => !known.has(value));
}

/**
 * Refuses a scope that names nothing, or a relationship or country not recorded; returns the
 * relationships it covers, as relationshipsInScope does.
 */
export async function checkScope(db: Db, scope: Scope, prefix: string): Promise<string[]> {
  const { countries: codes, relationships: pairs } = scope;
  const covered: string[] = [...pairs];
  if (codes.length === 0 && pairs.length === 0) {
    throw badInput(
      "the scope names no relationship or country",
      argumentAt(prefix, "relationships"),
    );
  }
  if (codes.length > 0) {
    const unknown = await unrecorded(db, [countries, countries.code], codes);
    if (unknown.length) {
      throw badInput(
        `unknown countries: ${unknown.join(", ")}: add them first (a countries section in a dataset file, or createCountry)`,
        argumentAt(prefix, "countries"),
      );
    }
    // A country with no recorded relationship would make a brief (or a message) about nothing.
    const empty: string[] = [];
    for (const c of codes) {
      const ofCountry = await relationshipsInScope(db, { relationships: [], countries: [c] });
      if (ofCountry.length === 0) empty.push(c);
      covered.push(...ofCountry);
    }
    if (empty.length) {
      throw badInput(
        `no relationship recorded for: ${empty.join(", ")}`,
        argumentAt(prefix, "countries"),
      );
    }
  }
  if (pairs.length > 0) {
    const unknown = await unrecorded(db, [relationships, relationships.key], pairs);
    if (unknown.length) {
      throw badInput(
        `no relationship recorded for: ${unknown.join(", ")}`,
        argumentAt(prefix, "relationships"),
      );
    }
  }
  return [...new Set(covered)].sort();
}

/** The relationships a scope covers, by key, in key order. */
export async function relationshipsInScope(db: Db, scope: Scope): Promise<string[]> {
  const byCountry = scope.countries.length
    ? (
        await db
          .select({ key: relationships.key })
          .from(relationships)
          .innerJoin(
            countries,
            or(
              eq(countries.id, relationships.countryAId),
              eq(countries.id, relationships.countryBId),
            ),
          )
          .where(inArray(countries.code, scope.countries))
      ).map((r) => r.key)
    : [];
  return [...new Set([...scope.relationships, ...byCountry])].sort();
}
