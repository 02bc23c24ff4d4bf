// What was said and what is to be done: statements, projects with their status history and
// mentions, and targets.
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
  dateColumns,
  dependents,
  groupBy,
  idFilter,
  keyRefs,
  mergeBy,
  mergeCites,
  nn,
  nonEmpty,
  optionalRef,
  pairOf,
  type Ref,
  readCitations,
  readKeyList,
  readRecords,
  saveRow,
  sorted,
  str,
  type Text,
  textColumns,
  textOf,
  unique,
  where,
  writeCitations,
  writeKeyList,
} from "../codec.ts";
import {
  AT_AN_EARLY_DATE,
  projectMentionSchema,
  projectSchema,
  statementSchema,
  targetSchema,
} from "../format.ts";
import { relationshipOfEvent } from "./engagements.ts";

type StepValues = { status: string; date: string; sources: Cit[] };
type ProjectValues = {
  key: string;
  name: Text;
  summary: Text | null;
  countries: string[];
  topics: string[];
  statusHistory: StepValues[];
};
const stepIdentity = (s: { status: string; date: string }) => `${s.status}@${s.date}`;

export const projects = codec<"projects", ProjectValues>({
  entity: entityInfo("project"),
  section: "projects",
  target: "project",
  versioned: true,
  timestamps: true,
  schema: projectSchema,
  keyOf: (p) => p.key,
  refs: (p) => [
    ...keyRefs("countries", "country", p.countries),
    ...keyRefs("topics", "topic", p.topics),
    ...p.statusHistory.flatMap((s, j) => citeRefs(s.sources, ["statusHistory", j])),
  ],
  check(p, _store, problem) {
    unique(
      p.countries,
      (c) => c,
      (j) => ["countries", j],
      "country",
      problem,
    );
    unique(
      p.topics,
      (t) => t,
      (j) => ["topics", j],
      "topic",
      problem,
    );
    unique(p.statusHistory, stepIdentity, (j) => ["statusHistory", j], "status step", problem);
  },
  values: (p, _store, existing, complete) => {
    const given = p.statusHistory.map((s) => ({ ...s, sources: citesOf(s.sources) }));
    const stored = complete ? [] : (existing?.statusHistory ?? []);
    const statusHistory = mergeBy(stored, given, stepIdentity)
      .map((s) => {
        const before = stored.find((t) => stepIdentity(t) === stepIdentity(s));
        return { ...s, sources: mergeCites(before?.sources, s.sources, complete) };
      })
      .sort((a, b) => comparePartialDates(a.date, b.date) || a.status.localeCompare(b.status));
    return {
      key: p.key,
      name: p.name,
      summary: p.summary ?? (complete ? null : (existing?.summary ?? null)),
      countries: sorted(p.countries),
      topics: sorted(p.topics),
      statusHistory,
    };
  },
  out: (v) =>
    compact({
      ...v,
      topics: nonEmpty(v.topics),
      statusHistory: nonEmpty(
        v.statusHistory.map((s) => ({ ...s, sources: s.sources.map(citeOut) })),
      ),
    }),
  read(store, id) {
    const countries = readKeyList(
      store,
      {
        table: "project_countries",
        parent: "project_id",
        child: "country_id",
        childTable: "countries",
        keyColumn: "code",
      },
      id,
    );
    const topics = readKeyList(store, projectTopicsJoin, id);
    const cites = readCitations(store, "project_status_step_id", id, {
      table: "project_status_steps",
      parent: "project_id",
    });
    const steps = groupBy(
      store.all(
        `SELECT id, project_id AS parent, status, date FROM project_status_steps
         ${where(idFilter("project_id", id))} ORDER BY project_id, date_from, status`,
        ...byId(id),
      ),
      (r) => ({
        status: r.status as string,
        date: r.date as string,
        sources: cites.get(r.id as number) ?? [],
      }),
    );
    return readRecords(store, "SELECT * FROM projects", "id", "key", id, (r) => ({
      key: r.key as string,
      name: textOf(r, "name") as Text,
      summary: textOf(r, "summary"),
      countries: countries.get(r.id as number) ?? [],
      topics: topics.get(r.id as number) ?? [],
      statusHistory: steps.get(r.id as number) ?? [],
    }));
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      ...textColumns("name", v.name),
      ...textColumns("summary", v.summary),
    });
    const replace = existingId !== null;
    if (replace) store.run("DELETE FROM project_status_steps WHERE project_id = ?", id);
    writeKeyList(
      store,
      { table: "project_countries", parent: "project_id", child: "country_id", target: "country" },
      id,
      v.countries,
      replace,
    );
    writeKeyList(store, { ...projectTopicsJoin, target: "topic" }, id, v.topics, replace);
    for (const s of v.statusHistory) {
      const stepId = store.insert("project_status_steps", {
        project_id: id,
        status: s.status,
        ...dateColumns(s.date),
      });
      writeCitations(store, "project_status_step_id", stepId, s.sources);
    }
    return id;
  },
  dependents: (store, id) =>
    dependents(store, id, [
      [
        "SELECT count(*) AS n FROM statement_projects WHERE project_id = ?",
        "statement",
        "statements",
      ],
      [
        "SELECT count(*) AS n FROM project_mentions WHERE project_id = ?",
        "project mention",
        "project mentions",
      ],
    ]),
});

const projectTopicsJoin = {
  table: "project_topics",
  parent: "project_id",
  child: "topic_id",
  childTable: "topics",
};

type MentionValues = {
  key: string;
  project: string;
  date: string;
  event: string | null;
  note: Text;
  sources: Cit[];
};

export const projectMentions = codec<"projectMentions", MentionValues>({
  entity: entityInfo("projectMention"),
  section: "projectMentions",
  target: "projectMention",
  versioned: true,
  timestamps: true,
  schema: projectMentionSchema,
  keyOf: (m) => m.key,
  refs: (m) => [
    { path: ["project"], target: "project", key: m.project },
    ...optionalRef(["event"], "event", m.event),
    ...citeRefs(m.sources),
  ],
  check: () => {},
  values: (m, _store, existing, complete) => ({
    key: m.key,
    project: m.project,
    date: m.date,
    event: nn(m.event),
    note: m.note,
    sources: mergeCites(existing?.sources, citesOf(m.sources), complete),
  }),
  owner: (v) => `project ${v.project}${v.event ? `, event ${v.event}` : ""}`,
  out: (v) => compact({ ...v, sources: v.sources.map(citeOut) }),
  read(store, id) {
    const cites = readCitations(store, "project_mention_id", id);
    return readRecords(
      store,
      `SELECT m.*, p.key AS project, e.key AS event FROM project_mentions m
         JOIN projects p ON p.id = m.project_id LEFT JOIN events e ON e.id = m.event_id`,
      "m.id",
      "m.key",
      id,
      (r) => ({
        key: r.key as string,
        project: r.project as string,
        date: r.date as string,
        event: str(r.event),
        note: textOf(r, "note") as Text,
        sources: cites.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      project_id: store.require("project", v.project),
      event_id: store.optional("event", v.event),
      ...dateColumns(v.date),
      ...textColumns("note", v.note),
    });
    if (existingId !== null) store.run("DELETE FROM citations WHERE project_mention_id = ?", id);
    writeCitations(store, "project_mention_id", id, v.sources);
    return id;
  },
  dependents: () => [],
});

type StatementValues = {
  key: string;
  kind: string;
  between: [string, string];
  event: string | null;
  side: string;
  speaker: string | null;
  verb: string | null;
  date: string;
  topics: string[];
  organizations: string[];
  projects: string[];
  text: Text;
  quote: Text | null;
  sources: Cit[];
};

const statementJoins = {
  topics: {
    table: "statement_topics",
    parent: "statement_id",
    child: "topic_id",
    childTable: "topics",
    target: "topic" as const,
  },
  organizations: {
    table: "statement_organizations",
    parent: "statement_id",
    child: "organization_id",
    childTable: "organizations",
    target: "organization" as const,
  },
  projects: {
    table: "statement_projects",
    parent: "statement_id",
    child: "project_id",
    childTable: "projects",
    target: "project" as const,
  },
};

export const statements = codec<"statements", StatementValues>({
  entity: entityInfo("statement"),
  section: "statements",
  target: "statement",
  versioned: true,
  timestamps: true,
  schema: statementSchema,
  keyOf: (s) => s.key,
  refs: (s) => [
    ...optionalRef(["between"], "relationship", s.between ? relationshipKey(s.between) : null),
    ...optionalRef(["event"], "event", s.event),
    ...optionalRef(["side"], "country", s.side === "joint" ? null : s.side),
    ...optionalRef(["speaker"], "person", s.speaker),
    ...keyRefs("topics", "topic", s.topics),
    ...keyRefs("organizations", "organization", s.organizations),
    ...keyRefs("projects", "project", s.projects),
    ...citeRefs(s.sources),
  ],
  check(s, store, problem) {
    unique(
      s.topics,
      (t) => t,
      (j) => ["topics", j],
      "topic",
      problem,
    );
    unique(
      s.organizations,
      (o) => o,
      (j) => ["organizations", j],
      "organization",
      problem,
    );
    unique(
      s.projects,
      (p) => p,
      (j) => ["projects", j],
      "project",
      problem,
    );
    const pair = s.between
      ? relationshipKey(s.between)
      : s.event
        ? relationshipOfEvent(store, s.event)
        : null;
    if (pair && s.side !== "joint" && !pair.split("-").includes(s.side)) {
      problem(
        ["side"],
        `${s.side} is not a party to the relationship ${pair}: use one of its two countries or "joint"`,
      );
    }
    if (s.between && s.event) {
      const ofEvent = relationshipOfEvent(store, s.event);
      if (ofEvent && ofEvent !== relationshipKey(s.between)) {
        problem(
          ["event"],
          `event ${s.event} belongs to ${ofEvent}, not ${relationshipKey(s.between)}`,
        );
      }
    }
  },
  values: (s, store, existing, complete) => ({
    key: s.key,
    kind: s.kind,
    between: pairOf(
      s.between
        ? relationshipKey(s.between)
        : (relationshipOfEvent(store, s.event as string) ?? ""),
    ),
    event: nn(s.event),
    side: s.side,
    speaker: nn(s.speaker),
    verb: nn(s.verb),
    date: s.date,
    topics: [...s.topics],
    organizations: sorted(s.organizations),
    projects: sorted(s.projects),
    text: s.text,
    quote: s.quote && (s.quote.zh || s.quote.en) ? (compact(s.quote) as Text) : null,
    sources: mergeCites(existing?.sources, citesOf(s.sources), complete),
  }),
  owner: (v) =>
    `relationship ${v.between.join("-")}, side ${v.side}${v.event ? `, event ${v.event}` : ""}`,
  out: (v) =>
    compact({
      ...v,
      organizations: nonEmpty(v.organizations),
      projects: nonEmpty(v.projects),
      sources: v.sources.map(citeOut),
    }),
  read(store, id) {
    const topics = readKeyList(store, statementJoins.topics, id, true);
    const organizations = readKeyList(store, statementJoins.organizations, id);
    const projectKeys = readKeyList(store, statementJoins.projects, id);
    const cites = readCitations(store, "statement_id", id);
    return readRecords(
      store,
      `SELECT s.*, r.key AS relationship, c.code AS side, p.key AS speaker, e.key AS event
         FROM statements s JOIN relationships r ON r.id = s.relationship_id
         LEFT JOIN countries c ON c.id = s.side_country_id
         LEFT JOIN people p ON p.id = s.speaker_id LEFT JOIN events e ON e.id = s.event_id`,
      "s.id",
      "s.key",
      id,
      (r) => ({
        key: r.key as string,
        kind: r.kind as string,
        between: pairOf(r.relationship as string),
        event: str(r.event),
        side: str(r.side) ?? "joint",
        speaker: str(r.speaker),
        verb: str(r.verb),
        date: r.date as string,
        topics: topics.get(r.id as number) ?? [],
        organizations: organizations.get(r.id as number) ?? [],
        projects: projectKeys.get(r.id as number) ?? [],
        text: textOf(r, "text") as Text,
        quote: textOf(r, "quote"),
        sources: cites.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      kind: v.kind,
      relationship_id: store.require("relationship", v.between.join("-")),
      side_country_id: v.side === "joint" ? null : store.require("country", v.side),
      speaker_id: store.optional("person", v.speaker),
      event_id: store.optional("event", v.event),
      verb: v.verb,
      ...dateColumns(v.date),
      ...textColumns("text", v.text),
      ...textColumns("quote", v.quote),
    });
    const replace = existingId !== null;
    if (replace) store.run("DELETE FROM citations WHERE statement_id = ?", id);
    writeKeyList(store, statementJoins.topics, id, v.topics, replace, true);
    writeKeyList(store, statementJoins.organizations, id, v.organizations, replace);
    writeKeyList(store, statementJoins.projects, id, v.projects, replace);
    writeCitations(store, "statement_id", id, v.sources);
    return id;
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM target_statements WHERE statement_id = ?", "target", "targets"],
    ]),
});

type TargetValues = {
  key: string;
  between: [string, string];
  title: Text;
  amount: number | null;
  unit: string | null;
  by: string | null;
  status: string;
  date: string | null;
  statements: string[];
  sources: Cit[];
};

export const targets = codec<"targets", TargetValues>({
  entity: entityInfo("target"),
  section: "targets",
  target: "target",
  versioned: true,
  timestamps: true,
  schema: targetSchema,
  keyOf: (t) => t.key,
  refs: (t): Ref[] => [
    { path: ["between"], target: "relationship", key: relationshipKey(t.between) },
    ...keyRefs("statements", "statement", t.statements),
    ...citeRefs(t.sources),
  ],
  check(t, _store, problem) {
    unique(
      t.statements,
      (s) => s,
      (j) => ["statements", j],
      "statement",
      problem,
    );
  },
  values: (t, _store, existing, complete) => ({
    key: t.key,
    between: pairOf(relationshipKey(t.between)),
    title: t.title,
    amount: nn(t.amount),
    unit: nn(t.unit),
    by: nn(t.by),
    status: t.status,
    date: nn(t.date),
    statements: sorted(t.statements),
    sources: mergeCites(existing?.sources, citesOf(t.sources), complete),
  }),
  owner: (v) => `relationship ${v.between.join("-")}`,
  out: (v) =>
    compact({ ...v, statements: nonEmpty(v.statements), sources: v.sources.map(citeOut) }),
  read(store, id) {
    const statementKeys = readKeyList(
      store,
      {
        table: "target_statements",
        parent: "target_id",
        child: "statement_id",
        childTable: "statements",
      },
      id,
    );
    const cites = readCitations(store, "target_id", id);
    return readRecords(
      store,
      `SELECT t.*, r.key AS relationship FROM targets t
         JOIN relationships r ON r.id = t.relationship_id`,
      "t.id",
      "t.key",
      id,
      (r) => ({
        key: r.key as string,
        between: pairOf(r.relationship as string),
        title: textOf(r, "title") as Text,
        amount: (r.amount as number | null) ?? null,
        unit: str(r.unit),
        by: str(r.by_date) ?? str(r.by_note),
        status: r.status as string,
        date: str(r.date),
        statements: statementKeys.get(r.id as number) ?? [],
        sources: cites.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      relationship_id: store.require("relationship", v.between.join("-")),
      ...textColumns("title", v.title),
      amount: v.amount,
      unit: v.unit,
      by_date: v.by === AT_AN_EARLY_DATE ? null : v.by,
      by_note: v.by === AT_AN_EARLY_DATE ? v.by : null,
      status: v.status,
      ...dateColumns(v.date),
    });
    const replace = existingId !== null;
    if (replace) store.run("DELETE FROM citations WHERE target_id = ?", id);
    writeKeyList(
      store,
      {
        table: "target_statements",
        parent: "target_id",
        child: "statement_id",
        target: "statement",
      },
      id,
      v.statements,
      replace,
    );
    writeCitations(store, "target_id", id, v.sources);
    return id;
  },
  dependents: () => [],
});
