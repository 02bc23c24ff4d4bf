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

const PARAGRAPHS = /^paras?\.?\s*(\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*)$/i;

/**
 * The paragraphs a locator names ("para 4", "paras 2, 5", "paras 2-4"), or null when it names
 * something else ("title"), which a brief prints as it is.
 */
export function locatorParagraphs(locator: string): number[] | null {
  const list = PARAGRAPHS.exec(locator.trim())?.[1];
  if (!list) return null;
  return list.split(",").flatMap((part) => {
    const [from, to = from] = part.split(/[-–]/).map((n) => Number(n.trim())) as [number, number?];
    return Array.from({ length: Math.max(0, to - from) + 1 }, (_, i) => from + i);
  });
}

/** Sorted paragraph numbers as runs, a run of three or more as one range: 2, 3, 4, 7 → 2–4, 7. */
export function paragraphRuns(paragraphs: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const n of [...new Set(paragraphs)].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.flatMap(([from, to]) =>
    to - from === 1
      ? [
          [from, from],
          [to, to],
        ]
      : [[from, to]],
  );
}
