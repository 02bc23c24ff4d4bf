// Root fields retried while another process holds the database's write lock (see db/busy.ts):
// each root field is one read or one transaction, so running it again is safe. Nested fields
// are not retried; a BUSY there is reported as such (errors.ts).
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { retryWhileBusy } from "../db/busy.ts";
import type { GraphQLContext } from "./context.ts";

/** How long a request waits for the database when the context does not say. */
const DEFAULT_DEADLINE_MS = 5_000;

export class BusyRetryPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    if (fieldConfig.parentType !== "Query" && fieldConfig.parentType !== "Mutation") {
      return resolver;
    }
    return (parent, args, context, info) =>
      retryWhileBusy(
        () => resolver(parent, args, context, info),
        (context as GraphQLContext).busyTimeoutMs ?? DEFAULT_DEADLINE_MS,
      );
  }
}

export const busyRetryPlugin = "attacheBusyRetry" as const;
SchemaBuilder.registerPlugin(busyRetryPlugin, BusyRetryPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      attacheBusyRetry: BusyRetryPlugin<Types>;
    }
  }
}
