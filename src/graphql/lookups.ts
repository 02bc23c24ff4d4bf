// Resolving the natural keys clients pass in filters (country codes, relationship pairs, record
// keys) to row ids, with a BAD_USER_INPUT error naming the argument when one does not exist.
import { and, count, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { countries, eventTypes, people, relationships, topics } from "../db/schema.ts";
import { entityInfo } from "../domain/entities.ts";
import { rangeEnd, rangeStart } from "../domain/partial-date.ts";
import { relationshipKey } from "../domain/relationship-key.ts";
import { userInputError } from "./errors.ts";

const COUNTRY_CODE = /^[A-Za-z]{2}$/;

/** The refusal of a country code the store does not know, saying how to add it. */
function unknownCountry(code: string, argumentName: string) {
  return userInputError(
    `unknown country code "${code}": add the country first (the createCountry mutation, or a countries section in a dataset file)`,
    argumentName,
  );
}

/** Ids of ISO alpha-2 codes, in the order given. */
export async function countryIds(
  db: Db,
  codes: readonly string[],
  argumentName: string,
): Promise<number[]> {
  const normalized = codes.map((code) => {
    if (!COUNTRY_CODE.test(code)) {
      throw userInputError(`"${code}" is not an ISO 3166-1 alpha-2 country code`, argumentName);
    }
    return code.toUpperCase();
  });
  if (normalized.length === 0) return [];
  const rows = await db
    .select({ id: countries.id, code: countries.code })
    .from(countries)
    .where(inArray(countries.code, normalized));
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  return normalized.map((code) => {
    const id = byCode.get(code);
    if (id === undefined) throw unknownCountry(code, argumentName);
    return id;
  });
}

/** The relationship of a pair given as ["CN","KG"] (any order); null when there is none. */
export async function relationshipIdBetween(
  db: Db,
  codes: readonly string[],
  argumentName: string,
): Promise<number | null> {
  if (codes.length !== 2 || codes[0]?.toUpperCase() === codes[1]?.toUpperCase()) {
    throw userInputError("a relationship is named by two different country codes", argumentName);
  }
  await countryIds(db, codes, argumentName);
  const [row] = await db
    .select({ id: relationships.id })
    .from(relationships)
    .where(inArray(relationships.key, [relationshipKey(codes)]));
  return row?.id ?? null;
}

/** A relationship named "CN-KG" (any order) that must exist. */
export async function requireRelationship(
  db: Db,
  name: string,
  argumentName: string,
): Promise<number> {
  const codes = name.split(/[-,\s]+/).filter(Boolean);
  const id = await relationshipIdBetween(db, codes, argumentName);
  if (id === null) throw userInputError(`no relationship ${relationshipKey(codes)}`, argumentName);
  return id;
}

const keyed = { eventType: eventTypes, topic: topics, person: people } as const;

/** Ids of records named by their keys, in the order given. */
export async function idsByKey(
  db: Db,
  entity: keyof typeof keyed,
  keys: readonly string[],
  argumentName: string,
): Promise<number[]> {
  if (keys.length === 0) return [];
  const table = keyed[entity];
  const rows = await db
    .select({ id: table.id, key: table.key })
    .from(table)
    .where(inArray(table.key, [...keys]));
  const byKey = new Map(rows.map((r) => [r.key, r.id]));
  return keys.map((key) => {
    const id = byKey.get(key);
    if (id === undefined)
      throw userInputError(`unknown ${entityInfo(entity).noun} "${key}"`, argumentName);
    return id;
  });
}

/** Rejects a period whose end comes before its start (partial dates: by the days they cover). */
export function checkPeriod(
  from: string | null | undefined,
  to: string | null | undefined,
  argumentName: string,
): void {
  if (from && to && rangeStart(from) > rangeEnd(to)) {
    throw userInputError(`the period is inverted: ${from} is after ${to}`, argumentName);
  }
}

/** Rows of a table matching a condition: the totalCount of root connections. */
export async function countRows(db: Db, table: SQLiteTable, where: SQL | undefined) {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

/** A condition for drizzle's RAW filter, which needs one even when nothing is filtered. */
export function orTrue(condition: SQL | undefined): SQL {
  return condition ?? sql`1 = 1`;
}

/**
 * Records whose dates meet the period [from, to] (partial dates, inclusive): the range of days a
 * record's date covers (`dateFrom`–`dateTo`) overlaps the days the period covers.
 */
export function datedWithin(
  range: { dateFrom: SQLiteColumn; dateTo: SQLiteColumn },
  from: string | null | undefined,
  to: string | null | undefined,
): SQL | undefined {
  return and(
    from ? gte(range.dateTo, rangeStart(from)) : undefined,
    to ? lte(range.dateFrom, rangeEnd(to)) : undefined,
  );
}

/**
 * `build` once per field and arguments: a connection's totalCount and its page resolve separately
 * with the same arguments object, and should validate and look up the filter once.
 */
export function oncePerArgs<A extends object, R>(build: (db: Db, args: A) => Promise<R>) {
  const built = new WeakMap<A, Promise<R>>();
  return (db: Db, args: A): Promise<R> => {
    let result = built.get(args);
    if (!result) {
      result = build(db, args);
      built.set(args, result);
    }
    return result;
  };
}
