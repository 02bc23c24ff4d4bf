// One search across every kind of entity, ranked, with a snippet per hit.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { excerpt, matchExpression, searchTerms } from "./query.ts";

/** A kind of record the index holds: an entity's search kind in the registry. */
export type SearchKind = string;

/**
 * How many matches are ranked by relevance at most: the most recently added ones. bm25 over every
 * match of a frequent term (half the records) costs time in proportion to the matches; within
 * this window a search costs the same whatever the term.
 */
const RANK_WINDOW = 2_000;

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

/** `query` is checked by the caller (`checkSearchText`). */
export function search(
  db: Db,
  query: string,
  { kinds, limit }: { kinds?: readonly SearchKind[]; limit: number },
): SearchHit[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  // The FTS5 query, with short terms expanded from the vocabulary once, not in each sub-select.
  const match = db.get<{ match: string }>(sql`SELECT ${matchExpression(terms)} AS match`)?.match;
  if (!match || match === '""') return [];
  const kindFilter =
    kinds && kinds.length > 0
      ? sql` AND search_index.kind IN (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})`
      : sql``;
  // snippet() would mark a short term's whole trigram; such queries get an excerpt instead.
  const snippets = terms.every((term) => [...term].length >= 3);
  const rows = db.all<Row>(sql`
    SELECT search_index.kind AS kind, search_index.entity_id AS entityId,
           search_index.title AS title, search_index.body AS body,
           ${snippets ? sql`snippet(search_index, -1, '«', '»', '…', 12)` : sql`NULL`} AS snippet,
           bm25(search_index, 0, 0, 10.0, 1.0) AS score
    FROM search_index
    WHERE search_index MATCH ${match}${kindFilter}
      AND search_index.rowid >= coalesce((
        SELECT search_index.rowid FROM search_index
        WHERE search_index MATCH ${match}${kindFilter}
        ORDER BY search_index.rowid DESC LIMIT 1 OFFSET ${RANK_WINDOW - 1}), 0)
    ORDER BY score, search_index.rowid
    LIMIT ${limit}`);
  return rows.map((row) => {
    const title = row.title.trimEnd();
    return {
      kind: row.kind,
      entityId: Number(row.entityId),
      title,
      snippet:
        row.snippet?.trimEnd() ||
        excerpt(title, terms) ||
        excerpt(row.body.trimEnd(), terms) ||
        title,
      score: row.score,
    };
  });
}
