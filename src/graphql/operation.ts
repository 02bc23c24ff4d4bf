// Reading an operation before it runs, for the limits that price it (search-cost.ts,
// result-size.ts): which operation a request runs, a field of a type, an argument's value.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  valueFromAST,
} from "graphql";

export type Variables = Record<string, unknown> | null | undefined;

/** The field `name` of an object or interface type; undefined for a union or an unknown field. */
export function fieldOf(
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

export function argumentValues(
  field: GraphQLField<unknown, unknown>,
  nodes: readonly { name: { value: string }; value: Parameters<typeof valueFromAST>[0] }[],
  variables: Variables,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const node of nodes) {
    const definition = field.args.find((arg) => arg.name === node.name.value);
    if (definition) {
      values[node.name.value] = valueFromAST(node.value, definition.type, variables ?? undefined);
    }
  }
  return values;
}

/** The operation a request runs, and the fragments of its document. */
export function operationOf(
  document: DocumentNode,
  operationName?: string | null,
): {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
} | null {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    } else if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName)
    ) {
      operation ??= definition;
    }
  }
  return operation ? { operation, fragments } : null;
}
