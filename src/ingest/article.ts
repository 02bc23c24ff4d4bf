// One article read once: its paragraphs, the two countries it is about, the people it names and
// its dateline, shared by the rules that find events, documents and statements.
import { firstDay } from "./dates.ts";
import type { CountryPair } from "./draft.ts";
import { buildGazetteer, type Gazetteer } from "./gazetteer.ts";
import { knownPlaces } from "./lexicon/countries.ts";
import { findPeople, type PeopleFinder } from "./people.ts";
import { type Paragraph, segment } from "./segment.ts";
import type { StoredRecords } from "./stored.ts";

export type Place = { zh: string; en: string; country: string };

export type Article = {
  paragraphs: Paragraph[];
  published: string;
  gazetteer: Gazetteer;
  /** China and the other country, China first; undefined when the text names no other. */
  pair?: CountryPair;
  people: PeopleFinder;
  /** The city of the dateline (新华社天津7月27日电), if any. */
  dateline?: Place;
  /** The first day-precise date of the lead paragraphs: the day of what is reported. */
  leadDate?: string;
  stored: StoredRecords;
};

const DATELINE =
  /^(?:[^\d，。]{0,12}?(?:社|网|报|台)|本报)?([\u4e00-\u9fff]{2,6}?)(?:\d{1,2}月)?\d{1,2}日电/;

/** A paragraph's dateline (新华社北京12月3日电), after any byline before a colon: city and rest. */
function datelineOf(text: string): { city: string; rest: string } | null {
  const body = text.replace(/^[^：:]{0,20}[：:]/, "");
  const m = DATELINE.exec(body);
  return m ? { city: m[1] as string, rest: body.slice(m[0].length) } : null;
}

/**
 * A paragraph or sentence without its dateline: the day a report was filed is not the day of
 * what it reports (新华社北京12月3日电 12月2日，…会谈).
 */
export const withoutDateline = (text: string): string => datelineOf(text)?.rest ?? text;

function partnerOf(paragraphs: Paragraph[], gazetteer: Gazetteer): string | undefined {
  const counts = new Map<string, number>();
  const text = paragraphs.map((p) => p.text).join("\n");
  for (const f of gazetteer.countriesIn(text)) counts.set(f.code, (counts.get(f.code) ?? 0) + 2);
  // Pair forms (中吉) and X方 count too: a report may name the partner in full only once.
  const after = "(?=双方|两国|关系|合作|友好|外长|命运|建交|建立|\\d)";
  for (const m of text.matchAll(new RegExp(`中(.)${after}|(.)中${after}|(.)方`, "g"))) {
    const code = m[1]
      ? gazetteer.pair(`中${m[1]}`)?.[1]
      : m[2]
        ? gazetteer.pair(`${m[2]}中`)?.[0]
        : gazetteer.country(`${m[3]}方`);
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  counts.delete("CN");
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export function readArticle(text: string, published: string, stored: StoredRecords): Article {
  const paragraphs = segment(text);
  const gazetteer = buildGazetteer(stored, text);
  const partner = partnerOf(paragraphs, gazetteer);
  const people = findPeople(paragraphs, gazetteer, stored, partner);
  let dateline: Place | undefined;
  let leadDate: string | undefined;
  for (const p of paragraphs.slice(0, 4)) {
    if (p.heading) continue;
    const found = datelineOf(p.text);
    const place = found ? knownPlaces.find((k) => found.city.endsWith(k.zh)) : undefined;
    if (place && !dateline) dateline = place;
    leadDate ??= firstDay(found?.rest ?? p.text, published);
  }
  return {
    paragraphs,
    published,
    gazetteer,
    pair: partner ? ["CN", partner] : undefined,
    people,
    dateline,
    leadDate,
    stored,
  };
}
