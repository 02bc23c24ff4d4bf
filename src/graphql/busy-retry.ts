// Root fields retried while another process holds the database's write lock (see db/busy.ts).
// Query fields are reads, so running one again is safe. A mutation is retried only when it says
// so (`retryWhileBusy: true`): one that is a single transaction rolled back by the BUSY; one that
// sends mail, calls webhooks or renders before it writes must not repeat those. Nested fields are
// not retried; a BUSY there is reported as such (errors.ts).
import SchemaBuilder, {
  BasePlugin,
  type FieldNullability,
  type InputFieldMap,
  type PothosOutputFieldConfig,
  type SchemaTypes,
  type TypeParam,
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
    const retried =
      fieldConfig.parentType === "Query" ||
      (fieldConfig.parentType === "Mutation" &&
        (fieldConfig.pothosOptions as { retryWhileBusy?: boolean }).retryWhileBusy === true);
    if (!retried) return resolver;
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
    export interface MutationFieldOptions<
      Types extends SchemaTypes,
      Type extends TypeParam<Types>,
      Nullable extends FieldNullability<Type>,
      Args extends InputFieldMap,
      ResolveReturnShape,
    > {
      /** Safe to run again after SQLITE_BUSY: one transaction, no mail, webhook or render first. */
      retryWhileBusy?: boolean;
    }
  }
}
