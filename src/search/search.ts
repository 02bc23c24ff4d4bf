// One search across every kind of entity, ranked, with a snippet per hit.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { excerpt, matchExpression, searchTerms } from "./query.ts";

/** A kind of record the index holds: an entity's search kind in the registry. */
export type SearchKind = string;

/**
 * How many records a term may occur in for its matches to be ranked. bm25 weighs each term by the
 * number of records holding it, which FTS5 counts by walking all of them (9 ms for a long word in
 * a third of 100,000 records, whatever the window ranked); past this, the newest matches come
 * first, found without visiting older ones.
 */
export const RANK_LIMIT = 10_000;

export type SearchHit = {
  kind: SearchKind;
  entityId: number;
  title: string;
  snippet: string;
  /** bm25, lower is more relevant; null when a term is too frequent to rank (RANK_LIMIT). */
  score: number | null;
};

type Row = {
  kind: SearchKind;
  entityId: number;
  title: string;
  body: string;
  snippet: string | null;
  score: number | null;
};

/** `query` is checked by the caller (`checkSearchText`). */
export async function search(
  db: Db,
  query: string,
  { kinds, limit }: { kinds?: readonly SearchKind[]; limit: number },
): Promise<SearchHit[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  // Each term's FTS5 query, short terms expanded from the vocabulary, in one statement.
  const expanded = await db.get<Record<string, string>>(
    sql`SELECT ${sql.join(
      terms.map((term, i) => sql`${matchExpression([term])} AS ${sql.identifier(`t${i}`)}`),
      sql`, `,
    )}`,
  );
  const termMatches = terms.map((_, i) => expanded?.[`t${i}`] ?? '""');
  if (termMatches.includes('""')) return [];
  const match = termMatches.join(" AND ");
  let ranked = true;
  for (const termMatch of termMatches) {
    const frequent = await db.get(sql`
      SELECT 1 FROM search_index WHERE search_index MATCH ${termMatch}
      ORDER BY search_index.rowid DESC LIMIT 1 OFFSET ${RANK_LIMIT - 1}`);
    if (frequent) ranked = false;
  }
  const kindFilter =
    kinds && kinds.length > 0
      ? sql` AND search_index.kind IN (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})`
      : sql``;
  // snippet() would mark a short term's whole trigram; such queries get an excerpt instead.
  const snippets = terms.every((term) => [...term].length >= 3);
  const rows = await db.all<Row>(sql`
    SELECT search_index.kind AS kind, search_index.entity_id AS entityId,
           search_index.title AS title, search_index.body AS body,
           ${snippets ? sql`snippet(search_index, -1, '«', '»', '…', 12)` : sql`NULL`} AS snippet,
           ${ranked ? sql`bm25(search_index, 0, 0, 10.0, 1.0)` : sql`NULL`} AS score
    FROM search_index
    WHERE search_index MATCH ${match}${kindFilter}
    ORDER BY ${ranked ? sql`score, search_index.rowid` : sql`search_index.rowid DESC`}
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
