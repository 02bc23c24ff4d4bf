// The Pothos schema builder: drizzle-planned types, Relay nodes and connections.
import SchemaBuilder from "@pothos/core";
import DrizzlePlugin from "@pothos/plugin-drizzle";
import RelayPlugin from "@pothos/plugin-relay";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { relations } from "../db/relations.ts";
import type { GraphQLContext } from "./context.ts";
import { decodeId, encodeId } from "./ids.ts";

export const builder = new SchemaBuilder<{
  DrizzleRelations: typeof relations;
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
  };
}>({
  plugins: [RelayPlugin, DrizzlePlugin],
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
