// The Pothos schema builder: drizzle-planned types, Relay nodes and connections, and the
// role-based authorization of src/graphql/auth.ts.
import SchemaBuilder from "@pothos/core";
import DrizzlePlugin from "@pothos/plugin-drizzle";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { relations } from "../db/relations.ts";
import { type AuthScopes, rootScopesPlugin, scopesFor, unauthorizedError } from "./auth.ts";
import type { GraphQLContext } from "./context.ts";
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
  plugins: [ScopeAuthPlugin, rootScopesPlugin, RelayPlugin, DrizzlePlugin],
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
    decodeGlobalID: decodeId,
  },
});
