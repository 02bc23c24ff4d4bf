// Search work counts against a per-request budget. graphql-armor's cost limit sees fields, not
// what a search text asks of the index: thirty aliases of a search with many short terms cost
// one field each to it, and seconds of SQLite time on the event loop. This plugin sums
// `searchCost` over every search text the operation would run (Query.search's `query`, and each
// `search` argument or filter field, times the `first` of the lists above it) before anything executes.
import {
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { searchCost } from "../search/query.ts";
import { argumentValues, fieldOf, operationOf, type Variables } from "./operation.ts";

/** The search work of one operation, in `searchCost` units. */
function operationSearchCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Variables,
): number {
  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(schema, root, operation.selectionSet, fragments, variables, 1) : 0;
}

function selectionCost(
  schema: GraphQLSchema,
  parent: GraphQLObjectType | ReturnType<typeof getNamedType>,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Variables,
  times: number,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(parent, selection.name.value);
      if (!field) continue;
      const args = argumentValues(field, selection.arguments ?? [], variables);
      const texts = searchTexts(args);
      if (field.name === "search" && typeof args.query === "string") texts.push(args.query);
      for (const text of texts) cost += times * searchCost(text);
      // A page reads a bounded window of matches; its totalCount reads every match.
      if (texts.length > 0 && selectsTotalCount(selection.selectionSet, fragments)) {
        cost += times * texts.length * TOTAL_COUNT_COST;
      }
      if (selection.selectionSet) {
        const size = typeof args.first === "number" && args.first > 0 ? args.first : 1;
        cost += selectionCost(
          schema,
          getNamedType(field.type),
          selection.selectionSet,
          fragments,
          variables,
          times * size,
        );
      }
    } else {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const typeName = fragment.typeCondition?.name.value;
      const type = typeName ? schema.getType(typeName) : parent;
      if (type) {
        cost += selectionCost(schema, type, fragment.selectionSet, fragments, variables, times);
      }
    }
  }
  return cost;
}

/**
 * What counting every match of a search costs beyond a page of them, in `searchCost` units: a
 * frequent short term matches a large share of the rows (fifteen aliased counts of two-letter
 * terms took ~4 s on 670,000 events), so a request holds at most two such counts by default.
 */
const TOTAL_COUNT_COST = 20;

function selectsTotalCount(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  return (selectionSet?.selections ?? []).some((selection) =>
    selection.kind === Kind.FIELD
      ? selection.name.value === "totalCount"
      : selectsTotalCount(
          selection.kind === Kind.FRAGMENT_SPREAD
            ? fragments[selection.name.value]?.selectionSet
            : selection.selectionSet,
          fragments,
        ),
  );
}

/** Every `search` text in the arguments, input objects included (`filter: { search }`). */
function searchTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(searchTexts);
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "search" && typeof inner === "string" ? [inner] : searchTexts(inner),
  );
}

export function searchCostPlugin(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const found = operationOf(args.document, args.operationName);
      if (!found) return;
      const { operation, fragments } = found;
      const cost = operationSearchCost(args.schema, operation, fragments, args.variableValues);
      if (cost <= maxCost) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `The request asks for ${cost} units of search work; at most ${maxCost} are allowed (ATTACHE_MAX_SEARCH_COST): use fewer searches, fewer terms or longer ones`,
            {
              extensions: {
                code: "QUERY_TOO_COMPLEX",
                limit: "searchCost",
                maximum: maxCost,
                http: { spec: true, status: 400 },
              },
            },
          ),
        ],
      });
    },
  };
}
