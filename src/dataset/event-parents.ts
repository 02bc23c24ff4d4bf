// An event's parent (the visit a meeting was part of): in the event's own relationship, and never
// one of the event's own parts, at any depth. A chain that loops cannot be written in any order,
// so an export of it could not be imported again. Edits check against the database; an import
// against its files first (they may change several events at once), then the database.
import { relationshipKey } from "../domain/relationship-key.ts";
import type { Store } from "./store.ts";

/** What the rules need of an event: its relationship ("CN-KG") and its parent's key. */
export type EventLink = { between: string; parent: string | null };
/** An event's link as it will be once the write is done; undefined when there is no such event. */
export type LinkOf = (key: string) => Promise<EventLink | undefined>;

/** Steps followed up a chain before giving up on it (real chains are two or three deep). */
const MAX_DEPTH = 1000;

/** What the rules read of an event record (a file's, or an edit's). */
export type EventRecord = { key: string; between: readonly string[]; parent?: string | null };

/** An event record's link. */
export function linkOfRecord(record: EventRecord): EventLink {
  return { between: relationshipKey(record.between), parent: record.parent ?? null };
}

/** Links as stored. */
export function storedLinks(store: Store): LinkOf {
  return async (key) => {
    const row = await store.get<{ pair: string; parent: string | null }>(
      `SELECT r.key AS pair, p.key AS parent FROM events e
       JOIN relationships r ON r.id = e.relationship_id
       LEFT JOIN events p ON p.id = e.parent_id
       WHERE e.key = ?`,
      key,
    );
    return row && { between: row.pair, parent: row.parent };
  };
}

/**
 * What is wrong with event `key`'s parent, for the `parent` field: a parent in another
 * relationship, or one that is (at some depth) part of the event itself. Null when nothing is;
 * an unknown parent is left to the check of references.
 */
export async function parentProblem(
  key: string,
  link: EventLink,
  linkOf: LinkOf,
): Promise<string | null> {
  if (link.parent === null) return null;
  // Part of itself: the event's own rule says so (sections/events.ts).
  if (link.parent === key) return null;
  const parent = await linkOf(link.parent);
  if (!parent) return null;
  if (parent.between !== link.between) {
    return `event "${link.parent}" belongs to ${parent.between}, not ${link.between}: an event can only be part of one in its own relationship`;
  }
  const chain = [key, link.parent];
  const seen = new Set(chain);
  let next = parent.parent;
  for (let depth = 0; next !== null && depth < MAX_DEPTH; depth++) {
    chain.push(next);
    if (next === key) {
      return `event "${link.parent}" is itself part of "${key}" (${chain.map((k) => `"${k}"`).join(" → ")}): an event cannot be part of its own part`;
    }
    // A loop above that does not pass through this event is reported with its own events.
    if (seen.has(next)) return null;
    seen.add(next);
    next = (await linkOf(next))?.parent ?? null;
  }
  return null;
}

/**
 * After event `key` was written: the records that refer to it (its statements, documents and
 * parts) but are in another relationship than it, i.e. left behind by a move.
 */
export async function leftBehind(store: Store, key: string) {
  return store.all<{ noun: string; key: string; stays: string; goes: string }>(
    `SELECT d.noun, d.key, r.key AS stays, er.key AS goes
     FROM (SELECT 'statement' AS noun, key, relationship_id, event_id FROM statements
           UNION ALL SELECT 'document', key, relationship_id, event_id FROM documents
           UNION ALL SELECT 'event', key, relationship_id, parent_id FROM events) d
     JOIN events e ON e.id = d.event_id
     JOIN relationships r ON r.id = d.relationship_id
     JOIN relationships er ON er.id = e.relationship_id
     WHERE e.key = ? AND d.relationship_id <> e.relationship_id`,
    key,
  );
}
