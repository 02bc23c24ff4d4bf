// The Pothos schema builder: drizzle-planned types, Relay nodes and connections, and the
// role-based authorization of src/graphql/auth.ts.
import SchemaBuilder, { PothosError } from "@pothos/core";
import DrizzlePlugin from "@pothos/plugin-drizzle";
import RelayPlugin, { resolveNodes } from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import type { GraphQLResolveInfo } from "graphql";
import { relations } from "../db/relations.ts";
import { type AuthScopes, rootScopesPlugin, scopesFor, unauthorizedError } from "./auth.ts";
import { busyRetryPlugin } from "./busy-retry.ts";
import type { GraphQLContext } from "./context.ts";
import { cursorTagPlugin } from "./cursors.ts";
import { decodeId, encodeId } from "./ids.ts";

export const builder = new SchemaBuilder<{
  DrizzleRelations: typeof relations;
  Context: GraphQLContext;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Scope auth first, so a refused field never reaches the resolvers (or queries) of the others.
  // Busy retry outermost, so a retried field is authorized and planned afresh each time.
  plugins: [
    busyRetryPlugin,
    cursorTagPlugin,
    ScopeAuthPlugin,
    rootScopesPlugin,
    RelayPlugin,
    DrizzlePlugin,
  ],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: scopesFor,
    unauthorizedError: (_parent, ctx, info, result) => unauthorizedError(ctx, info, result.failure),
  },
  defaultFieldNullability: false,
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig,
    relations,
    maxConnectionSize: 100,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodesOnConnection: true,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    encodeGlobalID: encodeId,
    // Only node(id:) and nodes(ids:) take global IDs: one that does not decode finds nothing.
    decodeGlobalID: (id) => {
      try {
        return decodeId(id);
      } catch {
        return { typename: "", id };
      }
    },
    nodeQueryOptions: { resolve: (_root, { id }, ctx, info) => nodeOrNull(ctx, info, id) },
    nodesQueryOptions: {
      resolve: (_root, { ids }, ctx, info) => ids.map((id) => nodeOrNull(ctx, info, id)),
    },
  },
});

const NOT_FOUND = /^Model \w+\(.*\) not found$/;

/**
 * The record a global ID names, or null when there is none: an ID of no type, of an unknown type
 * or of a deleted record is an answer (null), not an error, as Relay clients expect.
 */
async function nodeOrNull(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  id: { typename: string; id: string },
): Promise<unknown> {
  try {
    const [node] = await resolveNodes(builder, ctx, info, [id]);
    return node ?? null;
  } catch (error) {
    if (error instanceof PothosError || NOT_FOUND.test((error as Error).message)) return null;
    throw error;
  }
}
