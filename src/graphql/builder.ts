// The Pothos schema builder: drizzle-planned types, Relay nodes and connections, and role-based
// authorization (src/graphql/auth.ts). Every root field needs at least a role: Query and
// Subscription viewer, Mutation editor (`rootScopes`, set on the root types in schema.ts, so a
// field nobody thought about is never open); fields add stricter rules with `authScopes`.
import SchemaBuilder, { PothosError } from "@pothos/core";
import DrizzlePlugin from "@pothos/plugin-drizzle";
import RelayPlugin, { resolveNodes } from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import type { GraphQLResolveInfo } from "graphql";
import { relations } from "../db/relations.ts";
import { type AuthScopes, scopesFor, unauthorizedError } from "./auth.ts";
import { busyRetryPlugin } from "./busy-retry.ts";
import type { GraphQLContext } from "./context.ts";
import { cursorTagPlugin } from "./cursors.ts";
import { userInputError } from "./errors.ts";
import { decodeId, encodeId } from "./ids.ts";
import { typeColumnsPlugin } from "./type-columns.ts";

/** IDs one `nodes(ids:)` takes. */
export const MAX_NODES_IDS = 100;

export const builder = new SchemaBuilder<{
  DrizzleRelations: typeof relations;
  Context: GraphQLContext;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    PartialDate: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Scope auth first, so a refused field never reaches the resolvers (or queries) of the others.
  // Busy retry outermost, so a retried field is authorized and planned afresh each time. Field
  // configs pass through the plugins last to first: type columns sees the drizzle plugin's.
  plugins: [
    busyRetryPlugin,
    cursorTagPlugin,
    ScopeAuthPlugin,
    RelayPlugin,
    typeColumnsPlugin,
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
    // One that does not decode has no type: node(id:) finds nothing, and an argument that takes
    // IDs of one type refuses it (errors.ts names the argument).
    decodeGlobalID: (id) => {
      try {
        return decodeId(id);
      } catch {
        return { typename: "", id };
      }
    },
    nodeQueryOptions: { resolve: (_root, { id }, ctx, info) => nodeOrNull(ctx, info, id) },
    nodesQueryOptions: {
      description: `The records with these IDs, in order (null for one that names nothing); at most ${MAX_NODES_IDS} IDs, each once`,
      resolve: (_root, { ids }, ctx, info) => {
        // Each ID is a lookup of its own: thousands in one request held the server for seconds.
        if (ids.length > MAX_NODES_IDS) {
          throw userInputError(
            `ids: at most ${MAX_NODES_IDS} IDs a request, got ${ids.length}`,
            "ids",
          );
        }
        // A repeated ID would answer the same record again, as many times as it is given: a few
        // bytes of query for megabytes of answer, which the values limit (result-size.ts) counts
        // as one per ID given.
        const seen = new Set<string>();
        for (const id of ids) {
          const key = `${id.typename}:${/^\d+$/.test(id.id) ? BigInt(id.id) : id.id}`;
          if (seen.has(key)) {
            const given = id.typename ? encodeId(id.typename, id.id) : id.id;
            throw userInputError(`ids: each ID at most once; "${given}" is given twice`, "ids");
          }
          seen.add(key);
        }
        return ids.map((id) => nodeOrNull(ctx, info, id));
      },
    },
  },
});

export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** What every root type requires at least; fields add stricter scopes. */
export const rootScopes = {
  Query: { viewer: true },
  Subscription: { viewer: true },
  Mutation: { editor: true },
} as const;

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
