// Sources: the publications and texts every fact cites.
import { entityInfo } from "../../domain/entities.ts";
import {
  codec,
  compact,
  dependents,
  nn,
  readRecords,
  saveRow,
  str,
  type Text,
  textColumns,
  textOf,
} from "../codec.ts";
import { sourceSchema } from "../format.ts";

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
