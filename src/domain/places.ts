// Places as records give them ("Great Hall of the People, Beijing" / 北京人民大会堂): which city
// they are in, and how English prose names them. Pure.

export type Place = { en: string | null; zh: string | null };

/** The city of an English place: its last comma-separated part. */
const cityEn = (place: string) => (place.split(",").at(-1) as string).trim();

/**
 * Whether two places are in the same city: the same last part in English ("Beijing" and "Great
 * Hall of the People, Beijing"), or one Chinese name within the other (北京, 北京人民大会堂).
 * A place not given matches any.
 */
export function sameCity(a: Place, b: Place): boolean {
  if (!(a.en || a.zh) || !(b.en || b.zh)) return true;
  if (a.en && b.en) return cityEn(a.en) === cityEn(b.en);
  if (a.zh && b.zh) return a.zh.includes(b.zh) || b.zh.includes(a.zh);
  return false;
}

/** Where several engagements in one city took place: the place itself when all agree, else the city. */
export function commonPlace(places: readonly Place[]): Place {
  // (A model built by hand may lack a place: the template's strict mode names it, not this.)
  const given = places.filter((p) => p?.en || p?.zh);
  const first = given[0];
  if (!first) return { en: null, zh: null };
  const all = (pick: (p: Place) => string | null) => new Set(given.map(pick)).size === 1;
  if (all((p) => p.en) && all((p) => p.zh)) return first;
  const zh = given
    .map((p) => p.zh)
    .filter((z): z is string => z !== null)
    .sort((x, y) => x.length - y.length)[0];
  return { en: first.en ? cityEn(first.en) : null, zh: zh ?? null };
}

/** Buildings and grounds whose English names take "the" (the Great Hall of the People). */
const TAKES_THE =
  /\bof the\b|\b(?:Hall|House|Palace|Guesthouse|Guest House|Residence|Hotel|Centre|Center|Building|Museum|Institute)\b/;

/** An English place as prose says it after "in": "the Great Hall of the People, Beijing". */
export function placeInProse(place: string): string {
  const venue = place.split(",")[0] as string;
  return /^the\b/i.test(place) || !TAKES_THE.test(venue) ? place : `the ${place}`;
}
