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

/** Hands out keys, adding -2, -3 … where a key is already taken. */
export class KeyMaker {
  private readonly taken: Set<string>;
  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }
  make(base: string): string {
    const root = base.slice(0, MAX_KEY - 4).replace(/-+$/, "");
    let key = root;
    for (let n = 2; this.taken.has(key); n++) key = `${root}-${n}`;
    this.taken.add(key);
    return key;
  }
}
