// One search across every kind of entity, in either language.

import { entities } from "../domain/entities.ts";
import { checkSearchText } from "../search/query.ts";
import { type SearchHit as Hit, type SearchKind, search } from "../search/search.ts";
import { builder } from "./builder.ts";
import { userInputError } from "./errors.ts";

/** Search kind → the GraphQL type of its records, from the entity registry. */
const nodeTypes = new Map(
  entities.flatMap((e) => (e.searchKind ? [[e.searchKind, e.graphqlType] as const] : [])),
);

const SearchKindEnum = builder.enumType("SearchKind", {
  values: Object.fromEntries(
    [...nodeTypes].map(([kind, type]) => [
      type.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase(),
      { value: kind },
    ]),
  ) as Record<string, { value: SearchKind }>,
});

const SearchHit = builder.objectRef<Hit>("SearchHit").implement({
  fields: (t) => ({
    kind: t.field({ type: SearchKindEnum, resolve: (hit) => hit.kind }),
    snippet: t.string({
      description: "Where the words occur, the match marked «like this»",
      resolve: (hit) => hit.snippet,
    }),
    score: t.float({
      nullable: true,
      description:
        "Lower is more relevant (bm25); null where a term occurs in more than 10,000 records and the newest matches come first",
      resolve: (hit) => hit.score,
    }),
    node: t.node({ id: (hit) => ({ type: nodeTypes.get(hit.kind) as string, id: hit.entityId }) }),
  }),
});

builder.queryField("search", (t) =>
  t.field({
    type: [SearchHit],
    description:
      "Full-text search over titles, names, summaries and quotes in English and Chinese; every term must occur. Terms of two characters (铁路, 中吉) are matched too; a term of one character is refused. Hits are ranked by relevance, unless a term occurs in more than 10,000 records: then the most recently added matches come first.",
    args: {
      query: t.arg.string({ required: true }),
      kinds: t.arg({ type: [SearchKindEnum] }),
      first: t.arg.int({ defaultValue: 20 }),
    },
    resolve: (_root, args, ctx) => {
      checkSearchText(args.query, "query");
      const first = args.first ?? 20;
      if (first < 1 || first > 100)
        throw userInputError("first must be between 1 and 100", "first");
      return search(ctx.db, args.query, { kinds: args.kinds ?? undefined, limit: first });
    },
  }),
);
