// Countries, their short forms and places as an article names them. Stored countries and aliases
// first, then the built-in table; a short form shared by several countries (乌: Uzbekistan or
// Ukraine) resolves to the one the article names in full.
import type { CountryRecord, Text } from "./draft.ts";
import { type KnownCountry, knownCountries, knownPlaces } from "./lexicon/countries.ts";
import type { StoredRecords } from "./stored.ts";

export type CountryInfo = {
  code: string;
  name: Text;
  names: string[];
  short?: string;
  known?: KnownCountry;
};

export type Gazetteer = {
  countries: CountryInfo[];
  /** A country by its code. */
  byCode(code: string): CountryInfo | undefined;
  /** The country a name, alias or 'X方' names, or undefined. */
  country(word: string): string | undefined;
  /** Every full country name mentioned in a text, with positions. */
  countriesIn(text: string): { code: string; at: number; length: number }[];
  /** Places (cities) in a text, with their country. */
  placesIn(text: string): { zh: string; en: string; country: string; at: number }[];
  /** The countries of a pair form such as 中吉, 吉中, 中吉双方. */
  pair(word: string): [string, string] | undefined;
  /** A country record to draft for a code the store lacks. */
  record(code: string): CountryRecord | undefined;
};

export function buildGazetteer(stored: StoredRecords, text: string): Gazetteer {
  const infos = new Map<string, CountryInfo>();
  for (const k of knownCountries) {
    infos.set(k.code, {
      code: k.code,
      name: { en: k.en, zh: k.zh },
      names: [k.zh, ...(k.names ?? [])],
      short: k.short,
      known: k,
    });
  }
  for (const c of stored.countries) {
    const info = infos.get(c.code) ?? { code: c.code, name: c.name, names: [] };
    info.name = { en: c.name.en ?? info.name.en, zh: c.name.zh ?? info.name.zh };
    for (const n of [c.name.zh, ...c.aliases]) if (n && !info.names.includes(n)) info.names.push(n);
    // A stored alias such as 吉方 gives the short form too.
    const shortAlias = c.aliases.find((a) => /^.方$/.test(a));
    if (shortAlias) info.short = shortAlias[0];
    infos.set(c.code, info);
  }
  const countries = [...infos.values()];
  const namePatterns = countries
    .flatMap((c) =>
      c.names.filter((n) => n.length >= 2 && !/^.方$/.test(n)).map((n) => ({ n, code: c.code })),
    )
    .sort((a, b) => b.n.length - a.n.length);

  function countriesIn(t: string) {
    const found: { code: string; at: number; length: number }[] = [];
    const taken: boolean[] = [];
    for (const { n, code } of namePatterns) {
      for (let at = t.indexOf(n); at >= 0; at = t.indexOf(n, at + 1)) {
        if (taken[at]) continue;
        for (let i = at; i < at + n.length; i++) taken[i] = true;
        found.push({ code, at, length: n.length });
      }
    }
    return found.sort((a, b) => a.at - b.at);
  }
  // Countries the article names in full decide what a shared short form means.
  const named = new Map<string, number>();
  for (const f of countriesIn(text)) named.set(f.code, (named.get(f.code) ?? 0) + 1);

  function byShort(ch: string): string | undefined {
    const candidates = countries.filter((c) => c.short === ch);
    if (candidates.length === 0) return undefined;
    const mentioned = candidates.filter((c) => named.has(c.code));
    return (mentioned[0] ?? candidates[0])?.code;
  }

  return {
    countries,
    byCode: (code) => infos.get(code),
    country(word) {
      const exact = countries.find((c) => c.names.includes(word));
      if (exact) return exact.code;
      if (/^.方$/.test(word)) return byShort(word[0] as string);
      return undefined;
    },
    countriesIn,
    placesIn(t) {
      const found: { zh: string; en: string; country: string; at: number }[] = [];
      for (const p of knownPlaces) {
        const at = t.indexOf(p.zh);
        if (at >= 0) found.push({ ...p, at });
      }
      return found.sort((a, b) => a.at - b.at);
    },
    pair(word) {
      const m = /^(.)(.)(双方|两国)?$/.exec(word);
      if (!m) return undefined;
      const a = byShort(m[1] as string);
      const b = byShort(m[2] as string);
      return a && b && a !== b && (a === "CN" || b === "CN") ? [a, b] : undefined;
    },
    record(code) {
      const k = infos.get(code)?.known;
      if (!k) return undefined;
      const aliases = k.short ? [`${k.short}方`] : [];
      return {
        code: k.code,
        alpha3: k.alpha3,
        numeric: k.numeric,
        name: { en: k.en, zh: k.zh },
        ...(aliases.length > 0 ? { aliases } : {}),
      };
    },
  };
}
