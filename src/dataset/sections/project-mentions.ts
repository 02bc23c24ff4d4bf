// Mentions of a project: records of their own, so a file adds one without restating it.
import { entityInfo } from "../../domain/entities.ts";
import {
  type Cit,
  citeOut,
  citeRefs,
  citesOf,
  codec,
  compact,
  dateColumns,
  mergeCites,
  nn,
  optionalRef,
  readCitations,
  readRecords,
  saveRow,
  str,
  type Text,
  textColumns,
  textOf,
  writeCitations,
} from "../codec.ts";
import { projectMentionSchema } from "../format.ts";

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
