// The stored-records lookup read from the database: only the columns the extractor looks at (keys,
// names, dates, parties), not a whole export with every text and citation, so drafting from an
// article costs little beside a large dataset. A database file that does not exist yet is an
// empty store (everything the article names is new); a file is opened read-only.
import fs from "node:fs";
import { type Db, openDatabase } from "../db/client.ts";
import { emptyStore, pairKey, type StoredRecords } from "./stored.ts";

type Bilingual = { en: string | null; zh: string | null };
const text = ({ en, zh }: Bilingual) => ({ en: en ?? undefined, zh: zh ?? undefined });

export async function storedFromDb(db: Db): Promise<StoredRecords> {
  const q = db.query;
  const [
    countries,
    people,
    events,
    documents,
    organizations,
    projects,
    mentions,
    topics,
    eventTypes,
    levels,
    relationships,
    statements,
    sources,
    targets,
  ] = await Promise.all([
    q.countries.findMany({
      orderBy: { code: "asc" },
      columns: { code: true, nameEn: true, nameZh: true, aliases: true },
    }),
    q.people.findMany({
      orderBy: { key: "asc" },
      columns: { key: true, nameEn: true, nameZh: true, aliases: true },
      with: {
        country: { columns: { code: true } },
        offices: { columns: { titleEn: true, titleZh: true } },
      },
    }),
    q.events.findMany({
      orderBy: { key: "asc" },
      columns: { key: true, date: true },
      with: {
        type: { columns: { key: true } },
        relationship: { columns: { key: true } },
        participants: {
          columns: {},
          orderBy: { position: "asc" },
          with: { person: { columns: { key: true } } },
        },
      },
    }),
    q.documents.findMany({
      orderBy: { key: "asc" },
      columns: { key: true, titleEn: true, titleZh: true },
    }),
    q.organizations.findMany({
      orderBy: { key: "asc" },
      columns: { key: true, nameEn: true, nameZh: true },
    }),
    q.projects.findMany({
      orderBy: { key: "asc" },
      columns: { key: true, nameEn: true, nameZh: true },
    }),
    q.projectMentions.findMany({
      columns: { date: true },
      with: { project: { columns: { key: true } } },
    }),

    q.topics.findMany({
      orderBy: { key: "asc" },
      columns: { key: true, terms: true },
    }),
    q.eventTypes.findMany({
      orderBy: { key: "asc" },
      columns: { key: true },
    }),
    q.partnershipLevels.findMany({
      orderBy: { rank: "asc", key: "asc" },
      columns: { key: true, labelZh: true },
    }),
    q.relationships.findMany({
      orderBy: { key: "asc" },
      columns: { key: true },
      with: { partnerships: { columns: {}, with: { level: { columns: { key: true } } } } },
    }),
    q.statements.findMany({
      orderBy: { key: "asc" },
      columns: { key: true, date: true, quoteZh: true, textZh: true },
      with: { side: { columns: { code: true } } },
    }),
    q.sources.findMany({
      orderBy: { key: "asc" },
      columns: {
        key: true,
        publicationEn: true,
        publicationZh: true,
        publishedOn: true,
        titleEn: true,
        titleZh: true,
        page: true,
        url: true,
      },
    }),
    q.targets.findMany({
      orderBy: { key: "asc" },
      columns: { key: true, titleZh: true },
    }),
  ]);
  return {
    countries: countries.map((c) => ({
      code: c.code,
      name: text({ en: c.nameEn, zh: c.nameZh }),
      aliases: c.aliases,
    })),
    people: people.map((p) => ({
      key: p.key,
      name: text({ en: p.nameEn, zh: p.nameZh }),
      aliases: p.aliases,
      country: p.country?.code,
      titles: p.offices.map((o) => text({ en: o.titleEn, zh: o.titleZh })),
    })),
    events: events.map((e) => ({
      key: e.key,
      date: e.date,
      type: e.type.key,
      between: e.relationship.key.split("-"),
      participants: e.participants.map((p) => p.person.key),
    })),
    documents: documents.map((d) => ({ key: d.key, name: text({ en: d.titleEn, zh: d.titleZh }) })),
    organizations: organizations.map((o) => ({
      key: o.key,
      name: text({ en: o.nameEn, zh: o.nameZh }),
    })),
    projects: projects.map((p) => ({ key: p.key, name: text({ en: p.nameEn, zh: p.nameZh }) })),
    projectMentions: mentions.map((m) => ({ project: m.project.key, date: m.date })),
    topics: topics.map((t) => t.key),
    topicTerms: topics
      .filter((t) => t.terms.length > 0)
      .map((t) => ({ key: t.key, terms: t.terms })),
    eventTypes: eventTypes.map((t) => t.key),
    levels: levels.map((l) => ({ key: l.key, zh: l.labelZh })),
    relationships: new Map(
      relationships.map((r) => [
        pairKey(...(r.key.split("-") as [string, string])),
        new Set(r.partnerships.map((s) => s.level.key)),
      ]),
    ),
    statements: statements.map((s) => ({
      key: s.key,
      side: s.side?.code ?? "joint",
      date: s.date ?? undefined,
      quote: s.quoteZh ?? "",
      text: s.textZh ?? "",
    })),
    sources: sources.map((s) => ({
      key: s.key,
      publication: s.publicationZh || s.publicationEn,
      publishedOn: s.publishedOn,
      title: s.titleZh ?? s.titleEn ?? "",
      page: s.page ?? undefined,
      url: s.url ?? undefined,
    })),
    targets: targets.map((t) => ({ key: t.key, title: t.titleZh ?? "" })),
  };
}

export async function storedFromDatabase(file: string): Promise<StoredRecords> {
  if (file !== ":memory:" && !fs.existsSync(file)) return emptyStore();
  const db = openDatabase(file, { readonly: true });
  try {
    return await storedFromDb(db);
  } finally {
    db.$client.close();
  }
}
