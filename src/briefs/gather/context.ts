// What every section builder works from: the spec, one relationship's row and its two countries.
import type { Db } from "../../db/client.ts";
import { BriefInputError } from "../errors.ts";
import type { BriefSpec, Cites, CountryRef, Locators, PersonRef } from "../model.ts";

export type GatherContext = {
  db: Db;
  spec: BriefSpec;
  /** The engagement an event brief is about: its facts are those of its meetings, not a period's. */
  event: string | null;
  relationship: { id: number; key: string; countryAId: number; countryBId: number };
  countries: [CountryRef, CountryRef];
  /** Country id → code, for the two countries and any other that a record names. */
  codeOf: (countryId: number | null | undefined) => string | null;
  /** Source id → the locators its citations give, collected while loading. */
  locators: Locators;
  /** Sources published after the brief's date: what they report was not known by then. */
  later: ReadonlySet<number>;
};

/** Both languages; a text stored in one language only stands in for the other (untranslated). */
export const pair = (en: string | null, zh: string | null) => ({
  en: en ?? zh ?? "",
  zh: zh ?? en ?? "",
});
export const maybe = (en: string | null, zh: string | null) => ({ en, zh });

/** The records some source published by the brief's date reports (see citesOf). */
export const known = <T extends { cites: Cites }>(records: T[]): T[] =>
  records.filter((r) => r.cites.length > 0);

/**
 * Source ids of a record's citations (numbered later, in reading order); notes their locators.
 * Sources published after the brief's date are left out: a record they alone report has no
 * citation left, and `known` drops it.
 */
export function citesOf(
  context: GatherContext,
  given: readonly { sourceId: number; locator: string | null }[],
): Cites {
  const citations = given.filter((c) => !context.later.has(c.sourceId));
  for (const c of citations) {
    if (!c.locator) continue;
    const set = context.locators.get(c.sourceId) ?? new Set<string>();
    set.add(c.locator);
    context.locators.set(c.sourceId, set);
  }
  return [...new Set(citations.map((c) => c.sourceId))];
}

type PersonRow = {
  key: string;
  nameEn: string | null;
  nameZh: string | null;
  countryId: number | null;
  offices: { titleEn: string | null; titleZh: string | null }[];
};

/** A person as briefs name them: both names, and the latest office on record. */
export function personRef(context: GatherContext, person: PersonRow): PersonRef {
  const office = person.offices[0];
  return {
    key: person.key,
    name: pair(person.nameEn, person.nameZh),
    office: office ? pair(office.titleEn, office.titleZh) : null,
    country: context.codeOf(person.countryId),
  };
}

export const personWith = {
  offices: { orderBy: { id: "desc" }, limit: 1, columns: { titleEn: true, titleZh: true } },
} as const;

/** What a brief looks up whatever relationships it covers: read once per brief, not per one. */
export type BriefLookups = {
  /** Country id → code, for every country recorded. */
  codes: ReadonlyMap<number, string>;
  /** Sources published after the brief's date. */
  later: ReadonlySet<number>;
};

export async function loadLookups(db: Db, spec: BriefSpec): Promise<BriefLookups> {
  const countries = await db.query.countries.findMany({ columns: { id: true, code: true } });
  const later = await db.query.sources.findMany({
    where: { publishedOn: { gt: spec.asOf } },
    columns: { id: true },
  });
  return {
    codes: new Map(countries.map((c) => [c.id, c.code])),
    later: new Set(later.map((s) => s.id)),
  };
}

export async function loadContext(
  db: Db,
  spec: BriefSpec,
  key: string,
  locators: Locators,
  { codes, later }: BriefLookups,
): Promise<GatherContext> {
  const row = await db.query.relationships.findFirst({
    where: { key },
    columns: { id: true, key: true, countryAId: true, countryBId: true },
    with: { countryA: true, countryB: true },
  });
  if (!row) throw new BriefInputError(`no relationship ${key} is recorded`, "between");
  const countries: [CountryRef, CountryRef] = [
    { code: row.countryA.code, name: pair(row.countryA.nameEn, row.countryA.nameZh) },
    { code: row.countryB.code, name: pair(row.countryB.nameEn, row.countryB.nameZh) },
  ];
  return {
    db,
    spec,
    event: "event" in spec ? spec.event : null,
    relationship: row,
    countries,
    codeOf: (id) => (id == null ? null : (codes.get(id) ?? null)),
    locators,
    later,
  };
}
