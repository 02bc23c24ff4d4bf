// Topics, with the words that name them in a report.
import { entityInfo } from "../../domain/entities.ts";
import {
  type Bilingual,
  bilingualOf,
  codec,
  dependents,
  json,
  jsonList,
  readRecords,
  saveRow,
  textColumns,
  withList,
} from "../codec.ts";
import { topicSchema } from "../format.ts";

type TopicValues = { key: string; kind: string; name: Bilingual; terms: string[] };

export const topics = codec<"topics", TopicValues>({
  entity: entityInfo("topic"),
  versioned: true,
  timestamps: false,
  schema: topicSchema,
  keyOf: (t) => t.key,
  refs: () => [],
  check: () => {},
  values: (t) => ({ key: t.key, kind: t.kind, name: t.name as Bilingual, terms: [...t.terms] }),
  out: (v) => withList({ ...v }, "terms", v.terms),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM topics", "id", "key", id, (r) => ({
      key: r.key as string,
      kind: r.kind as string,
      name: bilingualOf(r, "name"),
      terms: jsonList(r.terms),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      kind: v.kind,
      ...textColumns("name", v.name),
      terms: json(v.terms),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM event_topics WHERE topic_id = ?", "event", "events"],
      ["SELECT count(*) AS n FROM project_topics WHERE topic_id = ?", "project", "projects"],
      ["SELECT count(*) AS n FROM statement_topics WHERE topic_id = ?", "statement", "statements"],
    ]),
});
