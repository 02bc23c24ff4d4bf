// Citations numbered in the order the template prints its sections; the numbered sources with
// their locators; and whose voice the statements come through (the sourcing line).
import { inArray } from "drizzle-orm";
import * as t from "../../db/schema.ts";
import { locatorParagraphs, numberCitations } from "../../domain/citations.ts";
import type { Source, Sourcing, Statement } from "../model.ts";
import { type GatherContext, pair } from "./context.ts";

// The languages each country publishes its own readouts in: a source in one of them, or from one
// of its institutions, speaks for that side. Countries not listed are not judged.
const OWN_LANGUAGES: Record<string, readonly string[]> = {
  CN: ["zh"],
  KG: ["ky", "ru"],
  KZ: ["kk", "ru"],
  UZ: ["uz", "ru"],
  TJ: ["tg", "ru"],
  TM: ["tk", "ru"],
  RU: ["ru"],
  MN: ["mn"],
  PK: ["ur", "en"],
  US: ["en"],
  GB: ["en"],
};

export async function numberSources(
  context: GatherContext,
  printed: readonly unknown[],
  everything: unknown,
): Promise<Source[]> {
  const ordered = numberCitations(printed, everything);
  if (ordered.length === 0) return [];
  const rows = await context.db.select().from(t.sources).where(inArray(t.sources.id, ordered));
  const institutions = await institutionNames(context);
  const byId = new Map(rows.map((s) => [s.id, s]));
  return ordered.map((id, i) => {
    const s = byId.get(id);
    if (!s) throw new Error(`source ${id} vanished while gathering`);
    return {
      n: i + 1,
      key: s.key,
      publication: pair(s.publicationEn, s.publicationZh),
      institution: institutions.has(s.publicationEn),
      title: pair(s.titleEn, s.titleZh),
      language: s.language,
      publishedOn: s.publishedOn,
      page: s.page,
      url: s.url,
      ...locators(context.locators.get(id)),
    };
  });
}

/**
 * Which publications carry the statements, and which side is heard only through the other's.
 * Reads the statements' citations as source ids: call it before numbering.
 */
export async function sourcing(
  context: GatherContext,
  statements: readonly Statement[],
): Promise<Sourcing> {
  const ids = [...new Set(statements.flatMap((s) => s.cites))];
  if (ids.length === 0) return { publications: [], reportedOnly: [] };
  const rows = await context.db
    .select({
      id: t.sources.id,
      en: t.sources.publicationEn,
      zh: t.sources.publicationZh,
      language: t.sources.language,
    })
    .from(t.sources)
    .where(inArray(t.sources.id, ids));
  const institutions = await institutionNames(context);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const cited = (s: Statement) => s.cites.map((id) => byId.get(id)).filter((x) => x !== undefined);
  const publications = new Map<string, Sourcing["publications"][number]>();
  for (const src of statements.flatMap(cited)) {
    publications.set(src.en, {
      name: pair(src.en, src.zh),
      institution: institutions.has(src.en),
      language: src.language,
    });
  }
  const sideOf = (src: { language: string }): string | null => {
    const own = context.countries.filter((c) => OWN_LANGUAGES[c.code]?.includes(src.language));
    return own.length === 1 ? (own[0]?.code ?? null) : null;
  };
  const reportedOnly: Sourcing["reportedOnly"] = [];
  for (const country of context.countries) {
    const voices = new Set(
      statements
        .filter((s) => s.side === country.code)
        .flatMap(cited)
        .map(sideOf),
    );
    const [only] = [...voices];
    if (voices.size === 1 && only && only !== country.code) {
      reportedOnly.push({ side: country.code, by: only });
    }
  }
  return { publications: [...publications.values()], reportedOnly };
}

async function institutionNames(context: GatherContext): Promise<Set<string>> {
  const rows = await context.db.select({ en: t.organizations.nameEn }).from(t.organizations);
  return new Set(rows.map((o) => o.en).filter((en): en is string => en !== null));
}

/** A source's locators: the paragraphs they name, and any other place as it is written. */
function locators(given: Set<string> | undefined): Pick<Source, "paragraphs" | "locators"> {
  const paragraphs = new Set<number>();
  const other = new Set<string>();
  for (const locator of given ?? []) {
    const named = locatorParagraphs(locator);
    if (named) for (const n of named) paragraphs.add(n);
    else other.add(locator);
  }
  return { paragraphs: [...paragraphs].sort((a, b) => a - b), locators: [...other].sort() };
}
