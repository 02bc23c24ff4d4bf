// Projects, with their dated, cited status history.
import { entityInfo } from "../../domain/entities.ts";
import { comparePartialDates } from "../../domain/partial-date.ts";
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
  mergeParts,
  nonEmpty,
  readCitations,
  readKeyList,
  readRecords,
  saveRow,
  sorted,
  type Text,
  textColumns,
  textOf,
  unique,
  where,
  writeCitations,
  writeKeyList,
} from "../codec.ts";
import { projectSchema } from "../format.ts";

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
    const statusHistory = mergeParts(existing?.statusHistory, given, stepIdentity, complete).sort(
      (a, b) => comparePartialDates(a.date, b.date) || a.status.localeCompare(b.status),
    );
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
