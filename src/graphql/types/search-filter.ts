// The `search` argument that list fields share: a full-text condition on one kind of entity.
import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { Refusal } from "../../domain/refusal.ts";
import { checkSearchText as check, matchingIds } from "../../search/query.ts";
import { userInputError } from "../errors.ts";

/** The search text's terms; a refusal becomes BAD_USER_INPUT naming the argument. */
export function checkSearchText(text: string, argumentName: string): string[] {
  try {
    return check(text, argumentName);
  } catch (error) {
    if (error instanceof Refusal) throw userInputError(error.message, argumentName);
    throw error;
  }
}

export function searchWhere(
  idColumn: SQLiteColumn,
  kind: string,
  text: string,
  argumentName: string,
): SQL {
  return sql`${idColumn} IN ${matchingIds(kind, checkSearchText(text, argumentName))}`;
}
