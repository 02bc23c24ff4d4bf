// The `search` argument that list fields share: a full-text condition on one kind of entity.
// Text that cannot be searched is refused (a Refusal naming the argument, mapped in errors.ts).
import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { checkSearchText, matchingIds } from "../search/query.ts";

export function searchWhere(
  idColumn: SQLiteColumn,
  kind: string,
  text: string,
  argumentName: string,
): SQL {
  return sql`${idColumn} IN ${matchingIds(kind, checkSearchText(text, argumentName))}`;
}
