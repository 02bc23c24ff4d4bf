// Turning what a user typed into a full-text condition over `search_index`.
// FTS5's trigram tokenizer cannot match a term shorter than three characters, and most Chinese
// words are one or two (铁路, 中吉), so such terms become LIKE patterns over the same rows.
import { type SQL, sql } from "drizzle-orm";

export const MAX_QUERY_LENGTH = 200;

export type SearchPlan = {
  /** Phrases for `search_index MATCH`, each quoted so FTS5 syntax in the input is inert. */
  match: string | null;
  /** Terms too short for the trigram index, matched with LIKE. */
  like: string[];
  terms: string[];
};

export function planSearch(query: string): SearchPlan {
  const terms = [...new Set(query.trim().split(/\s+/).filter(Boolean))];
  const long = terms.filter((term) => [...term].length >= 3);
  const short = terms.filter((term) => [...term].length < 3);
  return {
    match:
      long.length > 0 ? long.map((term) => `"${term.replaceAll('"', '""')}"`).join(" AND ") : null,
    like: short.map((term) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    terms,
  };
}

/** A condition on the `search_index` table (unaliased) that every term must satisfy. */
export function searchCondition(plan: SearchPlan): SQL {
  const parts: SQL[] = [];
  if (plan.match) parts.push(sql`search_index MATCH ${plan.match}`);
  for (const pattern of plan.like) {
    parts.push(
      sql`(search_index.title LIKE ${pattern} ESCAPE '\\' OR search_index.body LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  return sql.join(parts, sql` AND `);
}

/** Ids of one kind of entity whose text satisfies the plan, as a sub-select. */
export function matchingIds(kind: string, plan: SearchPlan): SQL {
  return sql`(SELECT search_index.entity_id FROM search_index WHERE search_index.kind = ${kind} AND ${searchCondition(plan)})`;
}

/** A short excerpt around the first term found in `text`, the term marked «like this». */
export function excerpt(text: string, terms: readonly string[], radius = 24): string | null {
  const lower = text.toLowerCase();
  for (const term of terms) {
    const at = lower.indexOf(term.toLowerCase());
    if (at < 0) continue;
    const start = Math.max(0, at - radius);
    const end = Math.min(text.length, at + term.length + radius);
    return `${start > 0 ? "…" : ""}${text.slice(start, at)}«${text.slice(at, at + term.length)}»${text.slice(at + term.length, end)}${end < text.length ? "…" : ""}`;
  }
  return null;
}
