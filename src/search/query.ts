// Turning what a user typed into a full-text condition over `search_index` (FTS5, trigram
// tokenizer). A term of three or more characters is a phrase of its trigrams. The tokenizer has
// no token shorter than three characters, so a two-character term (铁路, 中吉, "EU") becomes the OR
// of the trigrams that start with it, read from `search_index_vocab` by a range on `term`: every
// occurrence starts one, because each indexed text ends with two spaces (see the migration
// `search_vocabulary`). A one-character term would match nearly every record and is refused.
import { type SQL, sql } from "drizzle-orm";
import { Refusal } from "../domain/refusal.ts";

const MAX_QUERY_LENGTH = 200;
/** Each term is a lookup in the index; more than this in one search text is refused. */
export const MAX_TERMS = 8;
const MIN_TERM_LENGTH = 2;

const length = (term: string) => [...term].length;

/** The distinct terms of a search text, split on white space. */
export function searchTerms(text: string): string[] {
  return [...new Set(text.trim().split(/\s+/).filter(Boolean))];
}

/** Refuses a search text the index cannot answer well; returns its terms. */
export function checkSearchText(text: string, argumentName: string): string[] {
  const refuse = (message: string) => {
    throw new Refusal(message, "BAD_USER_INPUT", argumentName);
  };
  if (text.length > MAX_QUERY_LENGTH) {
    refuse(`the search text is ${text.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
  }
  const terms = searchTerms(text);
  if (terms.length === 0) refuse("the search text is empty");
  if (terms.length > MAX_TERMS) {
    refuse(`the search text has ${terms.length} terms; the limit is ${MAX_TERMS}`);
  }
  const short = terms.find((term) => length(term) < MIN_TERM_LENGTH);
  if (short !== undefined) {
    refuse(`"${short}" is too short to search for: use terms of at least two characters`);
  }
  return terms;
}

/**
 * Index work a search text costs, in units of one long term; the GraphQL layer sums it over a
 * request. A two-character term costs more: a vocabulary range and an OR of its trigrams.
 */
export function searchCost(text: string): number {
  return 1 + searchTerms(text).reduce((sum, term) => sum + (length(term) < 3 ? 3 : 1), 0);
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * An SQL expression giving the FTS5 query for `terms` (all of them must occur). A two-character
 * term with no trigram in the vocabulary makes it `""`, which matches nothing.
 */
export function matchExpression(terms: readonly string[]): SQL {
  const parts = terms.map((term) => {
    if (length(term) >= 3) return sql`${quote(term)}`;
    // The trigram tokenizer folds case, and so does its vocabulary.
    const prefix = term.toLowerCase();
    return sql`(SELECT '(' || group_concat('"' || replace(term, '"', '""') || '"', ' OR ') || ')'
      FROM search_index_vocab WHERE term >= ${prefix} AND term < ${`${prefix}\u{10FFFF}`})`;
  });
  return sql`coalesce(${sql.join(parts, sql` || ' AND ' || `)}, '""')`;
}

/** Ids of one kind of entity whose text contains every term, as a sub-select. */
export function matchingIds(kind: string, terms: readonly string[]): SQL {
  return sql`(SELECT search_index.entity_id FROM search_index WHERE search_index.kind = ${kind} AND search_index MATCH ${matchExpression(terms)})`;
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
