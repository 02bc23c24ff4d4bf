// How many values a response can hold, counted before anything executes: every field the query
// selects, scalars and their aliases included, times the size of every list above it. This
// bounds the answer's size (ATTACHE_MAX_VALUES), not only its objects: counting objects alone let
// a query of scalars under aliases (`a:text(locale:ZH) b:text(locale:EN) …`) inside nested lists
// answer 42 MB while it counted 44,200 objects.
//
// graphql-armor's cost multiplies a field by a literal `first` only: a plain list
// (Event.statements, Statement.topics…) counts as one object however many it returns, so lists
// nested in a cycle (Statement.event → Event.statements → …) passed the cost limit and made one
// request of a few hundred bytes answer millions of objects, holding the event loop for seconds.
// Here every list counts as many items as it can return: a connection's page (`first`/`last`, 20
// when absent, as Pothos pages), the `first` of `search`, the IDs given to `nodes` (each at most
// once: builder.ts refuses a repeat), and PLAIN_LIST_SIZE for a list that takes no size: such
// lists are not paged because they hold what one record holds (its participants, its citations,
// the statements of one event), a few as the data goes, and a list nested in another multiplies
// its size by that one's. An object counts one, and each of its fields as the values under it;
// a scalar is one value, a list of scalars as many as the list holds; `__typename` is one.
import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { argumentValues, fieldOf, operationOf, type Variables } from "./operation.ts";

/** The items a list that takes no size is counted as. */
export const PLAIN_LIST_SIZE = 20;
/** A connection page without `first`/`last` (Pothos' default), and the largest one served. */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

type Walk = {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Variables;
  /** Values per unit of a fragment, by fragment and page: a fragment spread many times is walked once. */
  spreads: Map<string, number>;
};

/** The most values `operation` can answer with. */
export function operationValues(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Variables,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  return valuesIn(
    { schema, fragments, variables, spreads: new Map() },
    root,
    operation.selectionSet,
  );
}

/**
 * The values one instance of `parent` answers with for `selectionSet`; `page` is set when
 * `parent` is a connection, the size of its `nodes` and `edges`. Linear in the instances, so a
 * parent's count times this is the count under a list of them.
 */
function valuesIn(
  walk: Walk,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  page?: number,
): number {
  let values = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(parent, selection.name.value);
      // `__typename` (the only field a union has), or a field validation refuses: one value.
      if (!field) {
        values += 1;
        continue;
      }
      const args = argumentValues(field, selection.arguments ?? [], walk.variables);
      const count = isListType(getNullableType(field.type)) ? listSize(field.name, args, page) : 1;
      const type = getNamedType(field.type);
      if (!selection.selectionSet || !isCompositeType(type)) {
        values += count; // a scalar is one value, a list of them as many as it holds
        continue;
      }
      const isConnection = isObjectType(type) && "pageInfo" in type.getFields();
      const inner = valuesIn(
        walk,
        type,
        selection.selectionSet,
        isConnection ? pageSize(args) : undefined,
      );
      values += count * (1 + inner);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      values += valuesIn(
        walk,
        typeOf(walk, selection.typeCondition?.name.value, parent),
        selection.selectionSet,
        page,
      );
    } else {
      const fragment = walk.fragments[selection.name.value];
      if (!fragment) continue;
      const key = `${fragment.name.value}:${page ?? ""}`;
      let unit = walk.spreads.get(key);
      if (unit === undefined) {
        unit = valuesIn(
          walk,
          typeOf(walk, fragment.typeCondition.name.value, parent),
          fragment.selectionSet,
          page,
        );
        walk.spreads.set(key, unit);
      }
      values += unit;
    }
  }
  return values;
}

function typeOf(walk: Walk, name: string | undefined, parent: GraphQLCompositeType) {
  const type = name ? walk.schema.getType(name) : undefined;
  return type && isCompositeType(type) ? type : parent;
}

/** How many items a list field answers with, at most. */
function listSize(name: string, args: Record<string, unknown>, page?: number): number {
  if (page !== undefined && (name === "nodes" || name === "edges")) return page;
  if (Array.isArray(args.ids)) return args.ids.length;
  if (typeof args.first === "number") return clamp(args.first);
  return PLAIN_LIST_SIZE;
}

function pageSize(args: Record<string, unknown>): number {
  const size = typeof args.first === "number" ? args.first : args.last;
  return typeof size === "number" ? clamp(size) : DEFAULT_PAGE;
}

const clamp = (size: number) => Math.min(Math.max(size, 0), MAX_PAGE);

export function resultSizePlugin(maxValues: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const found = operationOf(args.document, args.operationName);
      if (!found) return;
      const values = operationValues(
        args.schema,
        found.operation,
        found.fragments,
        args.variableValues,
      );
      if (values <= maxValues) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `The query could answer with ${values.toLocaleString("en")} values; at most ${maxValues.toLocaleString("en")} are allowed (ATTACHE_MAX_VALUES). Every selected field counts, scalars and aliases included, times each list above it: a page as its first (20 when absent), a list without first as ${PLAIN_LIST_SIZE}. Ask for fewer fields, smaller pages or fewer nested lists`,
            {
              extensions: {
                code: "QUERY_TOO_COMPLEX",
                limit: "values",
                maximum: maxValues,
                http: { spec: true, status: 400 },
              },
            },
          ),
        ],
      });
    },
  };
}
