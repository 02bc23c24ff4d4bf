// The `search` argument that list fields share: a full-text condition on one kind of entity.
import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { MAX_QUERY_LENGTH, matchingIds, planSearch } from "../search/query.ts";
import { userInputError } from "./errors.ts";

export function checkSearchText(text: string, argumentName: string): void {
  if (text.trim().length === 0) throw userInputError("the search text is empty", argumentName);
  if (text.length > MAX_QUERY_LENGTH) {
    throw userInputError(
      `the search text is ${text.length} characters long; the limit is ${MAX_QUERY_LENGTH}`,
      argumentName,
    );
  }
}

export function searchWhere(
  idColumn: SQLiteColumn,
  kind: string,
  text: string,
  argumentName: string,
): SQL {
  checkSearchText(text, argumentName);
  return sql`${idColumn} IN ${matchingIds(kind, planSearch(text))}`;
}
