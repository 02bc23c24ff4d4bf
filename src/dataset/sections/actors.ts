// Who speaks and acts: sources (who reported it), organisations and mechanisms, people with the
// offices they held, and relationships with their partnership steps.
import { entityInfo } from "../../domain/entities.ts";
import { comparePartialDates } from "../../domain/partial-date.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import {
  byId,
  type Cit,
  citeOut,
  citeRefs,
  citesOf,
  codec,
  compact,
  dependents,
  groupBy,
  idFilter,
  json,
  jsonList,
  mergeBy,
  mergeCites,
  nn,
  nonEmpty,
  optionalRef,
  pairOf,
  type Ref,
  readCitations,
  readRecords,
  saveRow,
  str,
  type Text,
  textColumns,
  textOf,
  unique,
  where,
  writeCitations,
} from "../codec.ts";
import { organizationSchema, personSchema, relationshipSchema, sourceSchema } from "../format.ts";

type SourceValues = {
  key: string;
  publication: Text;
  title: Text;
  language: string;
  publishedOn: string;
  page: string | null;
  url: string | null;
  note: Text | null;
};

export const sources = codec<"sources", SourceValues>({
  entity: entityInfo("source"),
  section: "sources",
  target: "source",
  versioned: true,
  timestamps: false,
  schema: sourceSchema,
  keyOf: (s) => s.key,
  refs: () => [],
  check: () => {},
  values: (s) => ({
    key: s.key,
    publication: s.publication,
    title: s.title,
    language: s.language,
    publishedOn: s.publishedOn,
    page: nn(s.page),
    url: nn(s.url),
    note: nn(s.note),
  }),
  out: (v) => compact({ ...v }),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM sources", "id", "key", id, (r) => ({
      key: r.key as string,
      publication: textOf(r, "publication") as Text,
      title: textOf(r, "title") as Text,
      language: r.language as string,
      publishedOn: r.published_on as string,
      page: str(r.page),
      url: str(r.url),
      note: textOf(r, "note"),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      ...textColumns("publication", v.publication),
      ...textColumns("title", v.title),
      language: v.language,
      published_on: v.publishedOn,
      page: v.page,
      url: v.url,
      ...textColumns("note", v.note),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM citations WHERE source_id = ?", "citation", "citations"],
    ]),
});

type OrganizationValues = {
  key: string;
  kind: string;
  scope: string;
  abbreviation: string | null;
  name: Text;
  country: string | null;
  between: [string, string] | null;
};

export const organizations = codec<"organizations", OrganizationValues>({
  entity: entityInfo("organization"),
  section: "organizations",
  target: "organization",
  versioned: true,
  timestamps: false,
  schema: organizationSchema,
  keyOf: (o) => o.key,
  refs: (o) => [
    ...optionalRef(["country"], "country", o.country),
    ...optionalRef(["between"], "relationship", o.between ? relationshipKey(o.between) : null),
  ],
  check: () => {},
  values: (o) => ({
    key: o.key,
    kind: o.kind,
    scope: o.scope,
    abbreviation: nn(o.abbreviation),
    name: o.name,
    country: nn(o.country),
    between: o.between ? pairOf(relationshipKey(o.between)) : null,
  }),
  out: (v) => compact({ ...v }),
  read: (store, id) =>
    readRecords(
      store,
      `SELECT o.*, c.code AS country, r.key AS relationship FROM organizations o
         LEFT JOIN countries c ON c.id = o.country_id
         LEFT JOIN relationships r ON r.id = o.relationship_id`,
      "o.id",
      "o.key",
      id,
      (r) => ({
        key: r.key as string,
        kind: r.kind as string,
        scope: r.scope as string,
        abbreviation: str(r.abbreviation),
        name: textOf(r, "name") as Text,
        country: str(r.country),
        between: r.relationship ? pairOf(r.relationship as string) : null,
      }),
    ),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      kind: v.kind,
      scope: v.scope,
      abbreviation: v.abbreviation,
      ...textColumns("name", v.name),
      country_id: store.optional("country", v.country),
      relationship_id: v.between ? store.require("relationship", v.between.join("-")) : null,
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM offices WHERE organization_id = ?", "office", "offices"],
      [
        "SELECT count(*) AS n FROM document_parties WHERE organization_id = ?",
        "document party",
        "document parties",
      ],
      [
        "SELECT count(*) AS n FROM statement_organizations WHERE organization_id = ?",
        "statement",
        "statements",
      ],
    ]),
});

type OfficeValues = {
  title: Text;
  organization: string | null;
  from: string | null;
  to: string | null;
  sources: Cit[];
};
type PersonValues = {
  key: string;
  name: Text;
  aliases: string[];
  country: string | null;
  offices: OfficeValues[];
};
/** An office is the same office when its title is: a second file adds offices, never erases. */
const officeIdentity = (o: { title: Text }) => o.title.zh ?? o.title.en ?? "";

export const people = codec<"people", PersonValues>({
  entity: entityInfo("person"),
  section: "people",
  target: "person",
  versioned: true,
  timestamps: true,
  schema: personSchema,
  keyOf: (p) => p.key,
  refs: (p) => [
    ...optionalRef(["country"], "country", p.country),
    ...p.offices.flatMap((o, j) => [
      ...optionalRef(["offices", j, "organization"], "organization", o.organization),
      ...citeRefs(o.sources, ["offices", j]),
    ]),
  ],
  check(p, _store, problem) {
    unique(p.offices, officeIdentity, (j) => ["offices", j, "title"], "office", problem);
    p.offices.forEach((o, j) => {
      if (o.from && o.to && comparePartialDates(o.to, o.from) < 0) {
        problem(["offices", j, "to"], "to is before from");
      }
    });
  },
  values: (p, _store, existing, complete) => {
    const given = p.offices.map((o) => ({
      title: o.title,
      organization: nn(o.organization),
      from: nn(o.from),
      to: nn(o.to),
      sources: citesOf(o.sources),
    }));
    const stored = complete ? [] : (existing?.offices ?? []);
    const offices = mergeBy(stored, given, officeIdentity).map((o) => {
      const before = stored.find((s) => officeIdentity(s) === officeIdentity(o));
      return { ...o, sources: mergeCites(before?.sources, o.sources, complete) };
    });
    return { key: p.key, name: p.name, aliases: [...p.aliases], country: nn(p.country), offices };
  },
  out: (v) =>
    compact({
      key: v.key,
      name: v.name,
      aliases: nonEmpty(v.aliases),
      country: v.country,
      offices: nonEmpty(v.offices.map((o) => compact({ ...o, sources: o.sources.map(citeOut) }))),
    }),
  read(store, id) {
    const cites = readCitations(store, "office_id", id, { table: "offices", parent: "person_id" });
    const byPerson = groupBy(
      store.all(
        `SELECT o.id, o.person_id AS parent, o.title_en, o.title_zh, org.key AS organization,
                o.start_date, o.end_date
         FROM offices o LEFT JOIN organizations org ON org.id = o.organization_id
         ${where(idFilter("o.person_id", id))} ORDER BY o.person_id, o.id`,
        ...byId(id),
      ),
      (r) => ({
        title: textOf(r, "title") as Text,
        organization: str(r.organization),
        from: str(r.start_date),
        to: str(r.end_date),
        sources: cites.get(r.id as number) ?? [],
      }),
    );
    return readRecords(
      store,
      `SELECT p.*, c.code AS country FROM people p LEFT JOIN countries c ON c.id = p.country_id`,
      "p.id",
      "p.key",
      id,
      (r) => ({
        key: r.key as string,
        name: textOf(r, "name") as Text,
        aliases: jsonList(r.aliases),
        country: str(r.country),
        offices: byPerson.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      ...textColumns("name", v.name),
      aliases: json(v.aliases),
      country_id: store.optional("country", v.country),
    });
    if (existingId !== null) store.run("DELETE FROM offices WHERE person_id = ?", id);
    for (const o of v.offices) {
      const officeId = store.insert("offices", {
        person_id: id,
        ...textColumns("title", o.title),
        organization_id: store.optional("organization", o.organization),
        start_date: o.from,
        end_date: o.to,
      });
      writeCitations(store, "office_id", officeId, o.sources);
    }
    store.personChanged(v.key);
    return id;
  },
  dependents: (store, id) =>
    dependents(store, id, [
      [
        "SELECT count(*) AS n FROM event_participants WHERE person_id = ?",
        "event participation",
        "event participations",
      ],
      ["SELECT count(*) AS n FROM statements WHERE speaker_id = ?", "statement", "statements"],
    ]),
});

type StepValues = {
  level: string;
  since: string | null;
  attestedOn: string | null;
  note: Text | null;
  sources: Cit[];
};
type RelationshipValues = {
  between: [string, string];
  summary: Text | null;
  partnerships: StepValues[];
};

const stepDate = (s: StepValues) => (s.since ?? s.attestedOn) as string;

export const relationships = codec<"relationships", RelationshipValues>({
  entity: entityInfo("relationship"),
  section: "relationships",
  target: "relationship",
  versioned: true,
  timestamps: true,
  schema: relationshipSchema,
  keyOf: (r) => relationshipKey(r.between),
  refs: (r) => [
    ...pairOf(relationshipKey(r.between)).map(
      (code): Ref => ({ path: ["between"], target: "country", key: code }),
    ),
    ...r.partnerships.flatMap((p, j) => [
      { path: ["partnerships", j, "level"], target: "partnershipLevel" as const, key: p.level },
      ...citeRefs(p.sources, ["partnerships", j]),
    ]),
  ],
  check(r, _store, problem) {
    unique(
      r.partnerships,
      (p) => p.level,
      (j) => ["partnerships", j, "level"],
      "level",
      problem,
    );
  },
  values: (r, _store, existing, complete) => {
    const given = r.partnerships.map((p) => ({
      level: p.level,
      since: nn(p.since),
      attestedOn: nn(p.attestedOn),
      note: nn(p.note),
      sources: citesOf(p.sources),
    }));
    const stored = complete ? [] : (existing?.partnerships ?? []);
    // One step per level: a file that gives a level's establishment date, or another source
    // attesting it, updates that step and keeps the citations of the others.
    const partnerships = mergeBy(stored, given, (p) => p.level)
      .map((p) => {
        const before = stored.find((s) => s.level === p.level);
        return { ...p, sources: mergeCites(before?.sources, p.sources, complete) };
      })
      .sort(
        (a, b) => comparePartialDates(stepDate(a), stepDate(b)) || a.level.localeCompare(b.level),
      );
    return {
      between: pairOf(relationshipKey(r.between)),
      summary: r.summary ?? (complete ? null : (existing?.summary ?? null)),
      partnerships,
    };
  },
  out: (v) =>
    compact({
      between: v.between,
      summary: v.summary,
      partnerships: nonEmpty(
        v.partnerships.map((p) => compact({ ...p, sources: p.sources.map(citeOut) })),
      ),
    }),
  read(store, id) {
    const cites = readCitations(store, "partnership_id", id, {
      table: "partnerships",
      parent: "relationship_id",
    });
    const steps = groupBy(
      store.all(
        `SELECT p.id, p.relationship_id AS parent, l.key AS level, p.since, p.attested_on,
                p.note_en, p.note_zh
         FROM partnerships p JOIN partnership_levels l ON l.id = p.level_id
         ${where(idFilter("p.relationship_id", id))}
         ORDER BY p.relationship_id, coalesce(p.since, p.attested_on), l.key`,
        ...byId(id),
      ),
      (r) => ({
        level: r.level as string,
        since: str(r.since),
        attestedOn: str(r.attested_on),
        note: textOf(r, "note"),
        sources: cites.get(r.id as number) ?? [],
      }),
    );
    return readRecords(store, "SELECT * FROM relationships", "id", "key", id, (r) => ({
      between: pairOf(r.key as string),
      summary: textOf(r, "summary"),
      partnerships: steps.get(r.id as number) ?? [],
    }));
  },
  write(store, v, existingId) {
    const [a, b] = v.between;
    const id = saveRow(store, this, existingId, {
      key: `${a}-${b}`,
      country_a_id: store.require("country", a),
      country_b_id: store.require("country", b),
      ...textColumns("summary", v.summary),
    });
    if (existingId !== null) store.run("DELETE FROM partnerships WHERE relationship_id = ?", id);
    for (const p of v.partnerships) {
      const stepId = store.insert("partnerships", {
        relationship_id: id,
        level_id: store.require("partnershipLevel", p.level),
        since: p.since,
        attested_on: p.attestedOn,
        ...textColumns("note", p.note),
      });
      writeCitations(store, "partnership_id", stepId, p.sources);
    }
    return id;
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM events WHERE relationship_id = ?", "event", "events"],
      ["SELECT count(*) AS n FROM statements WHERE relationship_id = ?", "statement", "statements"],
      ["SELECT count(*) AS n FROM documents WHERE relationship_id = ?", "document", "documents"],
      ["SELECT count(*) AS n FROM targets WHERE relationship_id = ?", "target", "targets"],
    ]),
});
