// Writing validated dataset files into the database in one transaction: records upsert by their
// natural keys, references resolve to ids, and any unresolved reference rolls everything back.
import { eq, getTableColumns, type InferInsertModel, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { findPartnershipLevel } from "../domain/partnership-ladder.ts";
import { relationshipKey } from "../domain/relationship-key.ts";
import { DatasetError, formatPath, type LoadedFile, type Problem } from "./load.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Citation = { source: string; locator?: string | undefined };
type SubjectColumn =
  | "eventId"
  | "documentId"
  | "statementId"
  | "partnershipId"
  | "projectMentionId"
  | "officeId";

export type WriteSummary = Record<string, number>;

/** Upserts every record of the files; throws DatasetError (having written nothing) on problems. */
export function writeDataset(db: Db, files: readonly LoadedFile[]): WriteSummary {
  return db.transaction((tx) => {
    const writer = new Writer(tx);
    for (const file of files) writer.writeFile(file);
    if (writer.problems.length > 0) throw new DatasetError(writer.problems);
    return writer.summary;
  });
}

class Writer {
  readonly problems: Problem[] = [];
  readonly summary: WriteSummary = {};
  private readonly ids = new Map<SQLiteTable, Map<string, number>>();
  private file = "";

  constructor(private readonly tx: Tx) {}

  writeFile({ file, data }: LoadedFile): void {
    this.file = file;
    data.countries.forEach((c, i) => {
      this.upsert(t.countries, t.countries.code, ["countries", i], {
        code: c.code,
        alpha3: c.alpha3,
        numeric: c.numeric,
        nameEn: c.name.en,
        nameZh: c.name.zh,
      });
    });
    data.eventTypes.forEach((e, i) => {
      this.upsert(t.eventTypes, t.eventTypes.key, ["eventTypes", i], {
        key: e.key,
        cameo: e.cameo,
        labelEn: e.label.en,
        labelZh: e.label.zh,
      });
    });
    data.topics.forEach((topic, i) => {
      this.upsert(t.topics, t.topics.key, ["topics", i], {
        key: topic.key,
        kind: topic.kind,
        nameEn: topic.name.en,
        nameZh: topic.name.zh,
      });
    });
    data.sources.forEach((s, i) => {
      this.upsert(t.sources, t.sources.key, ["sources", i], {
        key: s.key,
        publicationEn: s.publication.en,
        publicationZh: s.publication.zh,
        titleEn: s.title.en,
        titleZh: s.title.zh,
        language: s.language,
        publishedOn: s.publishedOn,
        page: s.page ?? null,
        url: s.url ?? null,
        noteEn: s.note?.en ?? null,
        noteZh: s.note?.zh ?? null,
      });
    });
    data.organizations.forEach((o, i) => {
      const at = ["organizations", i];
      this.upsert(t.organizations, t.organizations.key, at, {
        key: o.key,
        kind: o.kind,
        abbreviation: o.abbreviation ?? null,
        nameEn: o.name.en,
        nameZh: o.name.zh,
        countryId: this.optionalRef(t.countries, t.countries.code, o.country, [...at, "country"]),
      });
    });
    data.people.forEach((p, i) => {
      this.writePerson(p, ["people", i]);
    });
    data.relationships.forEach((r, i) => {
      this.writeRelationship(r, ["relationships", i]);
    });
    data.events.forEach((e, i) => {
      this.writeEvent(e, ["events", i]);
    });
    data.documents.forEach((d, i) => {
      this.writeDocument(d, ["documents", i]);
    });
    data.projects.forEach((p, i) => {
      this.writeProject(p, ["projects", i]);
    });
    data.statements.forEach((s, i) => {
      this.writeStatement(s, ["statements", i]);
    });
  }

  private writePerson(p: LoadedFile["data"]["people"][number], at: PropertyKey[]): void {
    const personId = this.upsert(t.people, t.people.key, at, {
      key: p.key,
      nameEn: p.name.en,
      nameZh: p.name.zh,
      countryId: this.optionalRef(t.countries, t.countries.code, p.country, [...at, "country"]),
    });
    if (personId === undefined) return;
    this.tx.delete(t.offices).where(eq(t.offices.personId, personId)).run();
    p.offices.forEach((o, j) => {
      const oat = [...at, "offices", j];
      const office = this.tx
        .insert(t.offices)
        .values({
          personId,
          titleEn: o.title.en,
          titleZh: o.title.zh,
          organizationId: this.optionalRef(t.organizations, t.organizations.key, o.organization, [
            ...oat,
            "organization",
          ]),
          startDate: o.from ?? null,
          endDate: o.to ?? null,
        })
        .returning({ id: t.offices.id })
        .get();
      this.cite("officeId", office.id, o.sources, oat);
    });
  }

  private writeRelationship(
    r: LoadedFile["data"]["relationships"][number],
    at: PropertyKey[],
  ): void {
    const relationshipId = this.relationshipId(r.between, [...at, "between"], true);
    if (relationshipId === undefined) return;
    if (r.summary) {
      this.tx
        .update(t.relationships)
        .set({ summaryEn: r.summary.en, summaryZh: r.summary.zh })
        .where(eq(t.relationships.id, relationshipId))
        .run();
    }
    if (!r.partnerships) return;
    this.tx.delete(t.partnerships).where(eq(t.partnerships.relationshipId, relationshipId)).run();
    r.partnerships.forEach((p, j) => {
      const pat = [...at, "partnerships", j];
      const level = findPartnershipLevel(p.level);
      if (!level) {
        this.problem([...pat, "level"], `unknown partnership level "${p.level}"`);
        return;
      }
      const row = this.tx
        .insert(t.partnerships)
        .values({
          relationshipId,
          level: level.key,
          rank: level.rank,
          labelEn: p.label?.en ?? level.en,
          labelZh: p.label?.zh ?? level.zh,
          since: p.since,
          noteEn: p.note?.en ?? null,
          noteZh: p.note?.zh ?? null,
        })
        .returning({ id: t.partnerships.id })
        .get();
      this.cite("partnershipId", row.id, p.sources, pat);
    });
  }

  private writeEvent(e: LoadedFile["data"]["events"][number], at: PropertyKey[]): void {
    const relationshipId = this.relationshipId(e.between, [...at, "between"], false);
    const typeId = this.ref(t.eventTypes, t.eventTypes.key, e.type, [...at, "type"]);
    if (relationshipId === undefined || typeId === undefined) return;
    const eventId = this.upsert(t.events, t.events.key, at, {
      key: e.key,
      relationshipId,
      typeId,
      status: e.status,
      startDate: e.date,
      endDate: e.endDate ?? null,
      hostCountryId: this.optionalRef(t.countries, t.countries.code, e.host, [...at, "host"]),
      placeEn: e.place?.en ?? null,
      placeZh: e.place?.zh ?? null,
      titleEn: e.title.en,
      titleZh: e.title.zh,
      summaryEn: e.summary?.en ?? null,
      summaryZh: e.summary?.zh ?? null,
      firstOfKind: e.firstOfKind,
    });
    if (eventId === undefined) return;
    this.tx.delete(t.eventParticipants).where(eq(t.eventParticipants.eventId, eventId)).run();
    e.participants.forEach((p, j) => {
      const pat = [...at, "participants", j];
      const personId = this.ref(t.people, t.people.key, p.person, [...pat, "person"]);
      if (personId === undefined) return;
      const side =
        this.optionalRef(t.countries, t.countries.code, p.side, [...pat, "side"]) ??
        this.tx
          .select({ countryId: t.people.countryId })
          .from(t.people)
          .where(eq(t.people.id, personId))
          .get()?.countryId ??
        null;
      this.tx
        .insert(t.eventParticipants)
        .values({ eventId, personId, countryId: side, role: p.role, position: j })
        .run();
    });
    this.tx.delete(t.eventTopics).where(eq(t.eventTopics.eventId, eventId)).run();
    e.topics.forEach((key, j) => {
      const topicId = this.ref(t.topics, t.topics.key, key, [...at, "topics", j]);
      if (topicId !== undefined) this.tx.insert(t.eventTopics).values({ eventId, topicId }).run();
    });
    this.cite("eventId", eventId, e.sources, at);
  }

  private writeDocument(d: LoadedFile["data"]["documents"][number], at: PropertyKey[]): void {
    const documentId = this.upsert(t.documents, t.documents.key, at, {
      key: d.key,
      kind: d.kind,
      titleEn: d.title.en,
      titleZh: d.title.zh,
      signedOn: d.signedOn ?? null,
      eventId: this.optionalRef(t.events, t.events.key, d.event, [...at, "event"]),
      validFrom: d.validFrom ?? null,
      validTo: d.validTo ?? null,
      summaryEn: d.summary?.en ?? null,
      summaryZh: d.summary?.zh ?? null,
    });
    if (documentId === undefined) return;
    this.tx.delete(t.documentParties).where(eq(t.documentParties.documentId, documentId)).run();
    d.parties.forEach((party, j) => {
      const pat = [...at, "parties", j];
      const countryId = this.ref(t.countries, t.countries.code, party.country, [...pat, "country"]);
      if (countryId === undefined) return;
      const organizationId = this.optionalRef(
        t.organizations,
        t.organizations.key,
        party.organization,
        [...pat, "organization"],
      );
      this.tx.insert(t.documentParties).values({ documentId, countryId, organizationId }).run();
    });
    this.cite("documentId", documentId, d.sources, at);
  }

  private writeProject(p: LoadedFile["data"]["projects"][number], at: PropertyKey[]): void {
    const projectId = this.upsert(t.projects, t.projects.key, at, {
      key: p.key,
      status: p.status,
      nameEn: p.name.en,
      nameZh: p.name.zh,
      summaryEn: p.summary?.en ?? null,
      summaryZh: p.summary?.zh ?? null,
    });
    if (projectId === undefined) return;
    this.tx.delete(t.projectCountries).where(eq(t.projectCountries.projectId, projectId)).run();
    p.countries.forEach((code, j) => {
      const countryId = this.ref(t.countries, t.countries.code, code, [...at, "countries", j]);
      if (countryId !== undefined) {
        this.tx.insert(t.projectCountries).values({ projectId, countryId }).run();
      }
    });
    this.tx.delete(t.projectTopics).where(eq(t.projectTopics.projectId, projectId)).run();
    p.topics.forEach((key, j) => {
      const topicId = this.ref(t.topics, t.topics.key, key, [...at, "topics", j]);
      if (topicId !== undefined)
        this.tx.insert(t.projectTopics).values({ projectId, topicId }).run();
    });
    this.tx.delete(t.projectMentions).where(eq(t.projectMentions.projectId, projectId)).run();
    p.mentions.forEach((m, j) => {
      const mat = [...at, "mentions", j];
      const mention = this.tx
        .insert(t.projectMentions)
        .values({
          projectId,
          eventId: this.optionalRef(t.events, t.events.key, m.event, [...mat, "event"]),
          mentionedOn: m.date,
          status: m.status ?? null,
          noteEn: m.note.en,
          noteZh: m.note.zh,
        })
        .returning({ id: t.projectMentions.id })
        .get();
      this.cite("projectMentionId", mention.id, m.sources, mat);
    });
  }

  private writeStatement(s: LoadedFile["data"]["statements"][number], at: PropertyKey[]): void {
    const countryId = this.ref(t.countries, t.countries.code, s.side, [...at, "side"]);
    const topicId = this.ref(t.topics, t.topics.key, s.topic, [...at, "topic"]);
    if (countryId === undefined || topicId === undefined) return;
    const statementId = this.upsert(t.statements, t.statements.key, at, {
      key: s.key,
      kind: s.kind,
      countryId,
      speakerId: this.optionalRef(t.people, t.people.key, s.speaker, [...at, "speaker"]),
      eventId: this.optionalRef(t.events, t.events.key, s.event, [...at, "event"]),
      topicId,
      organizationId: this.optionalRef(t.organizations, t.organizations.key, s.organization, [
        ...at,
        "organization",
      ]),
      projectId: this.optionalRef(t.projects, t.projects.key, s.project, [...at, "project"]),
      statedOn: s.date,
      textEn: s.text.en,
      textZh: s.text.zh,
      quoteZh: s.quote?.zh ?? null,
      quoteEn: s.quote?.en ?? null,
    });
    if (statementId !== undefined) this.cite("statementId", statementId, s.sources, at);
  }

  /** Replaces the citations of one subject. */
  private cite(
    column: SubjectColumn,
    subjectId: number,
    citations: readonly Citation[],
    at: PropertyKey[],
  ): void {
    this.tx.delete(t.citations).where(eq(t.citations[column], subjectId)).run();
    citations.forEach((c, j) => {
      const sourceId = this.ref(t.sources, t.sources.key, c.source, [...at, "sources", j]);
      if (sourceId === undefined) return;
      this.tx
        .insert(t.citations)
        .values({ sourceId, locator: c.locator ?? null, [column]: subjectId })
        .run();
    });
  }

  /** The relationship of a country pair, created when `create` is set (relationships section). */
  private relationshipId(
    between: readonly [string, string],
    at: PropertyKey[],
    create: boolean,
  ): number | undefined {
    const key = relationshipKey(between);
    const known = this.lookup(t.relationships, t.relationships.key, key);
    if (known !== undefined || !create) {
      if (known === undefined) {
        this.problem(at, `no relationship ${key}: add it under "relationships" first`);
      }
      return known;
    }
    const [a, b] = key.split("-") as [string, string];
    const countryAId = this.ref(t.countries, t.countries.code, a, at);
    const countryBId = this.ref(t.countries, t.countries.code, b, at);
    if (countryAId === undefined || countryBId === undefined) return undefined;
    const row = this.tx
      .insert(t.relationships)
      .values({ key, countryAId, countryBId })
      .returning({ id: t.relationships.id })
      .get();
    this.remember(t.relationships, key, row.id);
    return row.id;
  }

  private upsert<T extends SQLiteTable>(
    table: T,
    keyColumn: SQLiteColumn,
    at: PropertyKey[],
    values: InferInsertModel<T>,
  ): number | undefined {
    // Natural-key columns ("key", "code") have the same name in SQL and in TypeScript.
    const key = String((values as Record<string, unknown>)[keyColumn.name]);
    const section = String(at[0]);
    this.summary[section] = (this.summary[section] ?? 0) + 1;
    const existing = this.lookup(table, keyColumn, key);
    const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
    const idColumn = columns.id as SQLiteColumn;
    if (existing !== undefined) {
      const set = { ...values } as Record<string, unknown>;
      if ("version" in columns) set.updatedAt = new Date().toISOString();
      this.tx
        .update(table)
        .set(set as never)
        .where(eq(idColumn, existing) as SQL)
        .run();
      return existing;
    }
    const row = this.tx
      .insert(table)
      .values(values as never)
      .returning({ id: idColumn })
      .get() as { id: number };
    this.remember(table, key, row.id);
    return row.id;
  }

  private ref(
    table: SQLiteTable,
    keyColumn: SQLiteColumn,
    key: string,
    at: PropertyKey[],
  ): number | undefined {
    const id = this.lookup(table, keyColumn, key);
    if (id === undefined) {
      this.problem(at, `unknown ${describe(table)} "${key}"`);
    }
    return id;
  }

  private optionalRef(
    table: SQLiteTable,
    keyColumn: SQLiteColumn,
    key: string | undefined,
    at: PropertyKey[],
  ): number | null {
    return key === undefined ? null : (this.ref(table, keyColumn, key, at) ?? null);
  }

  private lookup(table: SQLiteTable, keyColumn: SQLiteColumn, key: string): number | undefined {
    let byKey = this.ids.get(table);
    if (!byKey) {
      const idColumn = (getTableColumns(table) as Record<string, SQLiteColumn>).id as SQLiteColumn;
      const rows = this.tx.select({ id: idColumn, key: keyColumn }).from(table).all() as {
        id: number;
        key: string;
      }[];
      byKey = new Map(rows.map((r) => [r.key, r.id]));
      this.ids.set(table, byKey);
    }
    return byKey.get(key);
  }

  private remember(table: SQLiteTable, key: string, id: number): void {
    this.ids.get(table)?.set(key, id);
  }

  private problem(at: PropertyKey[], message: string): void {
    this.problems.push({ file: this.file, path: formatPath(at), message });
  }
}

const tableNouns = new Map<SQLiteTable, string>([
  [t.countries, "country"],
  [t.eventTypes, "event type"],
  [t.topics, "topic"],
  [t.sources, "source"],
  [t.organizations, "organization"],
  [t.people, "person"],
  [t.relationships, "relationship"],
  [t.events, "event"],
  [t.documents, "document"],
  [t.projects, "project"],
]);

function describe(table: SQLiteTable): string {
  return tableNouns.get(table) ?? "record";
}
