// Statements: what one side, or both jointly, said; one clause of a source each.
import { entityInfo } from "../../domain/entities.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import {
  type Cit,
  citeOut,
  citeRefs,
  citesOf,
  codec,
  compact,
  dateColumns,
  dependents,
  keyRefs,
  mergeCites,
  nn,
  nonEmpty,
  optionalRef,
  pairOf,
  readCitations,
  readKeyList,
  readRecords,
  relationshipOfEvent,
  saveRow,
  sorted,
  str,
  type Text,
  textColumns,
  textOf,
  unique,
  writeCitations,
  writeKeyList,
} from "../codec.ts";
import { statementSchema } from "../format.ts";

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
