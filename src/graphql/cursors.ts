// Cursors that name their list. Pothos' cursors hold only the ordering values, so one list's
// cursor is a valid position in another list ordered by values of the same types. Each cursor we
// hand out is prefixed with a tag of its connection type (`QueryEventsConnection`), and a cursor
// passed to a list must carry that list's tag: anything else is BAD_USER_INPUT on the argument.
import { createHash } from "node:crypto";
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from "@pothos/core";
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { userInputError } from "./errors.ts";

const tags = new Map<string, string>();
function tagOf(connection: string): string {
  let tag = tags.get(connection);
  if (!tag) {
    tag = createHash("sha256").update(connection).digest("base64url").slice(0, 6);
    tags.set(connection, tag);
  }
  return tag;
}

const tagged = (connection: string, cursor: unknown) =>
  typeof cursor === "string" ? `${tagOf(connection)}.${cursor}` : cursor;

/** Tags `cursor` of `XConnectionEdge` and `startCursor`/`endCursor` of `XConnection.pageInfo`. */
export class CursorTagPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const { parentType, name } = fieldConfig;
    if (name === "cursor" && parentType.endsWith("ConnectionEdge")) {
      const connection = parentType.slice(0, -"Edge".length);
      return async (...args) => tagged(connection, await resolver(...args));
    }
    if (name === "pageInfo" && parentType.endsWith("Connection")) {
      return async (...args) => {
        const info = (await resolver(...args)) as Record<string, unknown> | null;
        return (
          info && {
            ...info,
            startCursor: tagged(parentType, await info.startCursor),
            endCursor: tagged(parentType, await info.endCursor),
          }
        );
      };
    }
    return resolver;
  }
}

export const cursorTagPlugin = "attacheCursorTags" as const;
SchemaBuilder.registerPlugin(cursorTagPlugin, CursorTagPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      attacheCursorTags: CursorTagPlugin<Types>;
    }
  }
}

/**
 * The operation with each `after`/`before` of a connection field stripped of its tag (in the
 * query or in the variables), or the error of the first cursor that is not that list's.
 */
export function untagCursors(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): { document: DocumentNode; variables: Record<string, unknown> | undefined } | GraphQLError {
  const typeInfo = new TypeInfo(schema);
  const values = { ...(variables ?? {}) };
  /** Variables already stripped, and for which list (one variable may serve two fields). */
  const stripped = new Map<string, string>();
  let error: GraphQLError | null = null;
  const untag = (connection: string, argument: string, cursor: string): string | null => {
    const prefix = `${tagOf(connection)}.`;
    if (cursor.startsWith(prefix)) return cursor.slice(prefix.length);
    error ??= userInputError(
      `The cursor in "${argument}" is not one of this list's: pass a cursor this list returned`,
      argument,
    );
    return null;
  };
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        if (node.name.value !== "after" && node.name.value !== "before") return undefined;
        const type = typeInfo.getFieldDef()?.type;
        const connection = type ? getNamedType(type).name : "";
        if (!connection.endsWith("Connection")) return undefined;
        if (node.value.kind === Kind.STRING) {
          const inner = untag(connection, node.name.value, node.value.value);
          return inner === null ? undefined : { ...node, value: { ...node.value, value: inner } };
        }
        if (node.value.kind === Kind.VARIABLE) {
          const name = node.value.name.value;
          const given = values[name];
          if (typeof given === "string" && stripped.get(name) !== connection) {
            const inner = untag(connection, node.name.value, stripped.has(name) ? "" : given);
            if (inner !== null) {
              values[name] = inner;
              stripped.set(name, connection);
            }
          }
        }
        return undefined;
      },
    }),
  );
  return error ?? { document: rewritten, variables: values };
}
