// Record keys for drafted records: lower-case ASCII as the dataset format requires, readable
// (pinyin for Chinese names: 巴特策策格 → ba-te-ce-ce-ge), unique within the draft and the store.
import { pinyin } from "pinyin-pro";

const MAX_KEY = 100;

export function slug(text: string): string {
  const syllables = pinyin(text, {
    toneType: "none",
    type: "array",
    nonZh: "consecutive",
    v: true,
  });
  const ascii = syllables
    .join("-")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return ascii.slice(0, 60).replace(/-+$/, "") || "record";
}

export function englishSlug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/**
 * Hands out keys, adding -2, -3 … where a key is already taken. The next suffix to try is kept per
 * base, so a report that repeats one sentence a thousand times costs a thousand look-ups, not half
 * a million (probing from -2 each time was quadratic: 32,000 characters blocked the server 3 s).
 */
export class KeyMaker {
  private readonly taken: Set<string>;
  private readonly next = new Map<string, number>();
  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }
  make(base: string): string {
    const root = base.slice(0, MAX_KEY - 4).replace(/-+$/, "");
    let key = root;
    let n = this.next.get(root) ?? 2;
    if (this.next.has(root) || this.taken.has(key)) {
      for (; ; n++) {
        const suffix = `-${n}`;
        // Past -999 the suffix is longer than the room kept for it: the root gives way.
        key = `${root.slice(0, MAX_KEY - suffix.length).replace(/-+$/, "")}${suffix}`;
        if (!this.taken.has(key)) break;
      }
      n++;
    }
    this.next.set(root, n);
    this.taken.add(key);
    return key;
  }
}
