// Numbering citations in reading order: the first source a reader meets is [1], and a source
// cited again keeps its number. Gather fills only the sections a template prints, so no source is
// listed that nothing on the page cites.

type WithCites = { cites: number[] };

function isCited(value: object): value is WithCites {
  return Array.isArray((value as { cites?: unknown }).cites);
}

/**
 * Rewrites every `cites` array (holding source ids) reachable from `sections`, in order, to
 * citation numbers; returns the source ids in number order. Walks arrays in order and object
 * keys in insertion order, the order templates print them.
 */
export function numberCitations(sections: readonly unknown[], everything?: unknown): number[] {
  const numbers = new Map<number, number>();
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (isCited(value)) {
      const renumbered = value.cites.map((sourceId) => {
        let n = numbers.get(sourceId);
        if (n === undefined) {
          n = numbers.size + 1;
          numbers.set(sourceId, n);
        }
        return n;
      });
      value.cites = [...new Set(renumbered)].sort((a, b) => a - b);
    }
    for (const [key, child] of Object.entries(value)) if (key !== "cites") visit(child);
  };
  for (const section of sections) visit(section);
  // What the template does not print cites nothing: its source ids must not pass for numbers.
  const cleared = new Set<object>();
  const clear = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value) || cleared.has(value))
      return;
    cleared.add(value);
    if (Array.isArray(value)) {
      for (const item of value) clear(item);
      return;
    }
    if (isCited(value)) value.cites = [];
    for (const [key, child] of Object.entries(value)) if (key !== "cites") clear(child);
  };
  clear(everything);
  return [...numbers.keys()];
}
