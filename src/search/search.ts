// One search across every kind of entity, ranked, with a snippet per hit.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { excerpt, planSearch, searchCondition } from "./query.ts";

export const searchKinds = [
  "event",
  "document",
  "statement",
  "project",
  "person",
  "organization",
  "topic",
  "country",
  "source",
  "target",
] as const;
export type SearchKind = (typeof searchKinds)[number];

export type SearchHit = {
  kind: SearchKind;
  entityId: number;
  title: string;
  snippet: string;
  score: number;
};

type Row = {
  kind: SearchKind;
  entityId: number;
  title: string;
  body: string;
  snippet: string | null;
  score: number;
};

export function search(
  db: Db,
  query: string,
  { kinds, limit }: { kinds?: readonly SearchKind[]; limit: number },
): SearchHit[] {
  const plan = planSearch(query);
  if (plan.terms.length === 0) return [];
  const kindFilter =
    kinds && kinds.length > 0
      ? sql` AND search_index.kind IN (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})`
      : sql``;
  // bm25 and snippet() need a MATCH; a LIKE-only query ranks titles before bodies instead.
  const ranked = plan.match !== null;
  const rows = db.all<Row>(sql`
    SELECT search_index.kind AS kind, search_index.entity_id AS entityId,
           search_index.title AS title, search_index.body AS body,
           ${ranked ? sql`snippet(search_index, -1, '«', '»', '…', 12)` : sql`NULL`} AS snippet,
           ${ranked ? sql`bm25(search_index, 0, 0, 10.0, 1.0)` : sql`0`} AS score
    FROM search_index
    WHERE ${searchCondition(plan)}${kindFilter}
    ORDER BY score, search_index.rowid
    LIMIT ${limit}`);
  return rows.map((row) => ({
    kind: row.kind,
    entityId: Number(row.entityId),
    title: row.title,
    snippet:
      (ranked && row.snippet) ||
      excerpt(row.title, plan.terms) ||
      excerpt(row.body, plan.terms) ||
      row.title,
    score: row.score,
  }));
}
