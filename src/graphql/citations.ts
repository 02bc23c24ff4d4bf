// Citations: the sources that support a fact, and where in them. Every fact type has a
// `citations` field and every fact input a `sources` list.
import { builder } from "./builder.ts";

builder.drizzleObject("citations", {
  name: "Citation",
  description: "One source supporting the fact it hangs from.",
  select: { columns: { locator: true } },
  fields: (t) => ({
    source: t.relation("source"),
    locator: t.exposeString("locator", {
      nullable: true,
      description: "Where in the source, e.g. para 4",
    }),
  }),
});

export const CitationInput = builder.inputType("CitationInput", {
  description: "A source supporting the fact, and where in it.",
  fields: (t) => ({
    source: t.string({ required: true, description: "The source's key" }),
    locator: t.string({ description: "Where in the source, e.g. para 4" }),
  }),
});

type RelationBuilder = { relation: (name: never, options: object) => unknown };

/** The `citations` field of a fact type, in the order they were recorded. */
export function citationsField<T extends RelationBuilder>(t: T): ReturnType<T["relation"]> {
  return t.relation("citations" as never, { query: { orderBy: { id: "asc" } } }) as never;
}
