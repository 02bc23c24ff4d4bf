// Resolving the natural keys clients pass (country codes, record keys, global IDs) to row ids,
// with a BAD_USER_INPUT error naming the argument when one does not exist.
import { count, inArray, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { countries, eventTypes, people, relationships, topics } from "../db/schema.ts";
import { relationshipKey } from "../domain/relationship-key.ts";
import { userInputError } from "./errors.ts";
import { decodeId } from "./ids.ts";

const COUNTRY_CODE = /^[A-Za-z]{2}$/;

/** Ids of ISO alpha-2 codes, in the order given. */
export function countryIds(db: Db, codes: readonly string[], argumentName: string): number[] {
  const normalized = codes.map((code) => {
    if (!COUNTRY_CODE.test(code)) {
      throw userInputError(`"${code}" is not an ISO 3166-1 alpha-2 country code`, argumentName);
    }
    return code.toUpperCase();
  });
  if (normalized.length === 0) return [];
  const rows = db
    .select({ id: countries.id, code: countries.code })
    .from(countries)
    .where(inArray(countries.code, normalized))
    .all();
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  return normalized.map((code) => {
    const id = byCode.get(code);
    if (id === undefined) throw userInputError(`unknown country code "${code}"`, argumentName);
    return id;
  });
}

/** The relationship of a pair given as ["CN","KG"] (any order); null when there is none. */
export function relationshipIdBetween(
  db: Db,
  codes: readonly string[],
  argumentName: string,
): number | null {
  if (codes.length !== 2 || codes[0]?.toUpperCase() === codes[1]?.toUpperCase()) {
    throw userInputError("a relationship is named by two different country codes", argumentName);
  }
  countryIds(db, codes, argumentName);
  const key = relationshipKey(codes);
  const row = db
    .select({ id: relationships.id })
    .from(relationships)
    .where(inArray(relationships.key, [key]))
    .get();
  return row?.id ?? null;
}

/** A relationship named "CN-KG" (any order) that must exist. */
export function requireRelationship(db: Db, name: string, argumentName: string): number {
  const codes = name.split(/[-,\s]+/).filter(Boolean);
  const id = relationshipIdBetween(db, codes, argumentName);
  if (id === null) throw userInputError(`no relationship ${relationshipKey(codes)}`, argumentName);
  return id;
}

function idsByKey(
  db: Db,
  table: typeof eventTypes | typeof topics | typeof people,
  noun: string,
  keys: readonly string[],
  argumentName: string,
): number[] {
  if (keys.length === 0) return [];
  const rows = db
    .select({ id: table.id, key: table.key })
    .from(table)
    .where(inArray(table.key, [...keys]))
    .all();
  const byKey = new Map(rows.map((r) => [r.key, r.id]));
  return keys.map((key) => {
    const id = byKey.get(key);
    if (id === undefined) throw userInputError(`unknown ${noun} "${key}"`, argumentName);
    return id;
  });
}

export const eventTypeIds = (db: Db, keys: readonly string[], arg: string) =>
  idsByKey(db, eventTypes, "event type", keys, arg);
export const topicIds = (db: Db, keys: readonly string[], arg: string) =>
  idsByKey(db, topics, "topic", keys, arg);

/** A person given by key ("wang-yi") or by global ID. */
export function personId(db: Db, keyOrId: string, argumentName: string): number {
  // Keys are lower-case; every global ID starts with an upper-case letter (base64 of a type name).
  if (/^[A-Z]/.test(keyOrId)) {
    const { typename, id } = decodeId(keyOrId);
    if (typename !== "Person")
      throw userInputError(`"${keyOrId}" is not a Person ID`, argumentName);
    return Number(id);
  }
  return idsByKey(db, people, "person", [keyOrId], argumentName)[0] as number;
}

/** Rejects a period whose end comes before its start. */
export function checkPeriod(
  from: string | null | undefined,
  to: string | null | undefined,
  argumentName: string,
): void {
  if (from && to && from > to) {
    throw userInputError(`the period is inverted: ${from} is after ${to}`, argumentName);
  }
}

/** Rows of a table matching a condition: the totalCount of root connections. */
export function countRows(db: Db, table: SQLiteTable, where: SQL | undefined): number {
  return db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}

/** A condition for drizzle's RAW filter, which needs one even when nothing is filtered. */
export function orTrue(condition: SQL | undefined): SQL {
  return condition ?? sql`1 = 1`;
}
