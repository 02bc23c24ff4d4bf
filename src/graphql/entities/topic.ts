// Topics: areas of cooperation, issues and initiatives that events, statements and projects touch.
import { builder } from "../builder.ts";
import { TopicKind, vocabularyField } from "../enums.ts";
import { editable } from "../mutations.ts";
import { BilingualInput, bilingual } from "../text.ts";

builder.drizzleNode("topics", {
  name: "Topic",
  select: { columns: { key: true, kind: true, nameEn: true, nameZh: true } },
  id: { column: (t) => t.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: vocabularyField(t, "kind", TopicKind),
    ...bilingual(t, "name"),
    terms: t.exposeStringList("terms", {
      description: "Words that name the topic in a report (铁路), for article ingestion",
    }),
  }),
});

builder.queryFields((t) => ({
  topics: t.drizzleField({
    type: ["topics"],
    args: { kind: t.arg({ type: TopicKind }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.topics.findMany(
        query({ where: args.kind ? { kind: args.kind } : {}, orderBy: { key: "asc" } }),
      ),
  }),
}));

editable("topic", {
  fields: (t, c) => ({
    kind: t.field({ type: TopicKind, required: c }),
    name: t.field({ type: BilingualInput, required: c }),
    terms: t.stringList({ description: "Words that name it in a report" }),
  }),
});
