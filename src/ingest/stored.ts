// What is already stored, as the extractor needs to see it: enough to reference a known person,
// event, document or organisation instead of drafting it again. A narrow interface, filled from
// a dataset export, so the rules never touch the database.
import type { PartialDate, Text } from "./draft.ts";

export type StoredCountry = { code: string; name: Text; aliases: string[] };
export type StoredPerson = {
  key: string;
  name: Text;
  aliases: string[];
  country?: string;
  titles: Text[];
};
export type StoredEvent = {
  key: string;
  date: PartialDate;
  type: string;
  between: string[];
  participants: string[];
};
export type StoredNamed = { key: string; name: Text };
export type StoredStatement = {
  key: string;
  side: string;
  date?: string;
  quote: string;
  text: string;
};

export type StoredRecords = {
  countries: StoredCountry[];
  people: StoredPerson[];
  events: StoredEvent[];
  documents: StoredNamed[];
  organizations: StoredNamed[];
  projects: StoredNamed[];
  /** Project key and date of every stored mention. */
  projectMentions: { project: string; date: string }[];
  topics: string[];
  /** Words that name a stored topic (format 2's `terms`), beside the built-in lexicon's. */
  topicTerms: { key: string; terms: string[] }[];
  eventTypes: string[];
  levels: { key: string; zh?: string }[];
  /** Relationship `CN-KG` → level keys it has steps for. */
  relationships: Map<string, Set<string>>;
  statements: StoredStatement[];
  /** Page and URL too: a report stored under a title since edited is still known by them. */
  sources: {
    key: string;
    publication: string;
    publishedOn: string;
    title: string;
    page?: string;
    url?: string;
  }[];
  targets: { key: string; title: string }[];
};

export function emptyStore(): StoredRecords {
  return {
    countries: [],
    people: [],
    events: [],
    documents: [],
    organizations: [],
    projects: [],
    projectMentions: [],
    topics: [],
    topicTerms: [],
    eventTypes: [],
    levels: [],
    relationships: new Map(),
    statements: [],
    sources: [],
    targets: [],
  };
}

type Row = Record<string, unknown>;
const rows = (data: Record<string, unknown>, section: string): Row[] =>
  Array.isArray(data[section]) ? (data[section] as Row[]) : [];
const text = (value: unknown): Text => {
  if (typeof value === "string") return { zh: value };
  const v = (value ?? {}) as Text;
  return { en: v.en, zh: v.zh };
};
const str = (value: unknown): string =>
  typeof value === "string" ? value : value instanceof Date ? value.toISOString().slice(0, 10) : "";
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function pairKey(a: string, b: string): string {
  return [a, b].sort().join("-");
}

/**
 * The lookup from a dataset in the file format (an export of the database, or files). Reads the
 * current and format-2 shapes alike: only fields both have, and format 2's additions if present.
 */
export function storedFromDataset(data: Record<string, unknown>): StoredRecords {
  const store = emptyStore();
  for (const c of rows(data, "countries")) {
    store.countries.push({
      code: str(c.code),
      name: text(c.name),
      aliases: list(c.aliases).map(str),
    });
  }
  for (const p of rows(data, "people")) {
    store.people.push({
      key: str(p.key),
      name: text(p.name),
      aliases: list(p.aliases).map(str),
      country: str(p.country) || undefined,
      titles: list(p.offices).map((o) => text((o as Row).title)),
    });
  }
  for (const e of rows(data, "events")) {
    store.events.push({
      key: str(e.key),
      date: str(e.date),
      type: str(e.type),
      between: list(e.between).map(str),
      participants: list(e.participants).map((p) => str((p as Row).person)),
    });
  }
  for (const d of rows(data, "documents")) {
    store.documents.push({ key: str(d.key), name: text(d.title) });
  }
  for (const o of rows(data, "organizations")) {
    store.organizations.push({ key: str(o.key), name: text(o.name) });
  }
  for (const p of rows(data, "projects")) {
    store.projects.push({ key: str(p.key), name: text(p.name) });
    for (const m of list(p.mentions)) {
      store.projectMentions.push({ project: str(p.key), date: str((m as Row).date) });
    }
  }
  for (const m of rows(data, "projectMentions")) {
    store.projectMentions.push({ project: str(m.project), date: str(m.date) });
  }
  store.topics = rows(data, "topics").map((t) => str(t.key));
  store.topicTerms = rows(data, "topics")
    .map((t) => ({ key: str(t.key), terms: list(t.terms).map(str).filter(Boolean) }))
    .filter((t) => t.terms.length > 0);
  store.eventTypes = rows(data, "eventTypes").map((t) => str(t.key));
  store.levels = rows(data, "partnershipLevels").map((l) => ({
    key: str(l.key),
    zh: text(l.label).zh,
  }));
  for (const r of rows(data, "relationships")) {
    const [a, b] = list(r.between).map(str);
    if (!a || !b) continue;
    store.relationships.set(
      pairKey(a, b),
      new Set(list(r.partnerships).map((s) => str((s as Row).level))),
    );
  }
  for (const s of rows(data, "statements")) {
    store.statements.push({
      key: str(s.key),
      side: str(s.side),
      date: str(s.date) || undefined,
      quote: text(s.quote).zh ?? "",
      text: text(s.text).zh ?? "",
    });
  }
  for (const s of rows(data, "sources")) {
    store.sources.push({
      key: str(s.key),
      publication: text(s.publication).zh ?? text(s.publication).en ?? "",
      publishedOn: str(s.publishedOn),
      title: text(s.title).zh ?? text(s.title).en ?? "",
      // An unquoted page (page: 3) reads as a number.
      page: s.page == null ? undefined : String(s.page),
      url: str(s.url) || undefined,
    });
  }
  for (const t of rows(data, "targets")) {
    store.targets.push({ key: str(t.key), title: text(t.title).zh ?? "" });
  }
  return store;
}
