// The Pothos schema builder: drizzle-planned types, Relay nodes and connections, and role-based
// authorization (src/graphql/auth.ts). Every root field needs at least a role: Query and
// Subscription viewer, Mutation editor (set on the root types in schema.ts, so a field nobody
// thought about is never open); fields add stricter rules with `authScopes`.
import SchemaBuilder from "@pothos/core";
import DrizzlePlugin from "@pothos/plugin-drizzle";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { relations } from "../db/relations.ts";
import { type AuthScopes, scopesFor, unauthorizedError } from "./auth.ts";
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
    PartialDate: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Scope auth first, so a refused field never reaches the resolvers (or queries) of the others.
  plugins: [ScopeAuthPlugin, RelayPlugin, DrizzlePlugin],
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
    decodeGlobalID: (globalId) => decodeId(globalId),
  },
});

export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** What every root type requires at least; fields add stricter scopes. */
export const rootScopes = {
  Query: { viewer: true },
  Subscription: { viewer: true },
  Mutation: { editor: true },
} as const;
