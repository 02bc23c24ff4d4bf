// Create, update and delete mutations of a curated entity, derived from the entity registry and
// the dataset edit API: inputs have the dataset file's shape, every mutation is one transaction,
// validated like an import record, versioned and audited. An entity file declares its input
// fields once; this module makes `createX(input)`, `updateX(key, version, patch)` and
// `deleteX(key, version)` from them.
import type { ArgBuilder, InputFieldMap } from "@pothos/core";
import { actorOf } from "../auth/principal.ts";
import type { Section } from "../dataset/format.ts";
import type { relations } from "../db/relations.ts";
import { type EntityName, entityInfo } from "../domain/entities.ts";
import type { AuthScopes } from "./auth.ts";
import { builder, type Types } from "./builder.ts";
import type { GraphQLContext } from "./context.ts";
import { encodeId } from "./ids.ts";

export type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, "InputObject">;
type Table = keyof typeof relations;

export const actor = (ctx: GraphQLContext) => actorOf(ctx.auth.principal);

/**
 * The dataset edit API, loaded when a mutation first runs: reads (and `attache query`) start
 * without its codecs and schemas.
 */
export const datasetEdit = () => import("../dataset/edit.ts");

/** The drizzle query name of an entity's table: "partnership_levels" → partnershipLevels. */
export function tableOf(name: EntityName): Table {
  return entityInfo(name).table.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) as Table;
}

type Finder = { findFirst: (query: unknown) => Promise<unknown> };

/** A record read back after its commit, with the fields the client selected. */
export async function reload(
  ctx: GraphQLContext,
  name: EntityName,
  query: (q: object) => unknown,
  id: number,
): Promise<never> {
  const finder = (ctx.db.query as unknown as Record<Table, Finder>)[tableOf(name)];
  return (await finder.findFirst(query({ where: { id } }))) as never;
}

export const DeletedRecord = builder
  .objectRef<{ id: string; key: string }>("DeletedRecord")
  .implement({
    description: "What was deleted.",
    fields: (t) => ({
      id: t.id({ resolve: (r) => r.id }),
      key: t.string({ resolve: (r) => r.key }),
    }),
  });

/** How a mutation names the record it changes: by key (or code), or a relationship by its pair. */
export type Naming = {
  /** The argument: "key", "code", "between". */
  arg: string;
  define: (t: ArgBuilder<Types>) => unknown;
  /** The record's key for the dataset edit API. */
  keyOf: (value: never) => string;
};

const byKeyColumn = (column: string): Naming => ({
  arg: column,
  define: (t) => t.string({ required: true, description: `The record's ${column}` }),
  keyOf: (value: string) => value,
});

export type EditableSpec = {
  /** Input fields in the dataset file's shape; `create` marks what a new record requires. */
  fields: (t: InputFields, create: boolean) => InputFieldMap;
  /** Who may edit (default: editors). */
  authScopes?: Partial<AuthScopes>;
  /** What the mutations' descriptions say the record is, when the noun says too little. */
  what?: string;
  /** How the record is named (default: its key column). */
  naming?: Naming;
  /** Whether to offer deleteX (default true). */
  deletable?: boolean;
};

const versionDescription =
  "Increases with every change. Pass the version you read to update or delete: a stale one is refused.";

/** The input types, version field and mutations of an editable entity. */
export function editable(name: EntityName, spec: EditableSpec) {
  const info = entityInfo(name);
  const type = info.graphqlType;
  const section = info.section as Section;
  const table = tableOf(name);
  const naming = spec.naming ?? byKeyColumn(info.keyColumn);
  const authScopes = spec.authScopes ?? { editor: true };
  const role = authScopes.admin ? "admin" : "editor";
  const what = spec.what ?? info.noun;
  // A relationship's pair is one of its fields; other records name their key beside their fields.
  const keyed = naming.arg !== "between";

  builder.drizzleObjectField(table, "version", (t) =>
    t.exposeInt("version" as never, { description: versionDescription }),
  );

  const input = builder.inputType(`${type}Input`, {
    description: `A new ${info.noun}, as in a dataset file.`,
    fields: (t) => ({
      ...(keyed
        ? { [info.keyColumn]: t.string({ required: true, description: "Unique and permanent" }) }
        : {}),
      ...spec.fields(t, true),
    }),
  });
  const patch = builder.inputType(`${type}Patch`, {
    description: `Changes to a ${info.noun}: absent fields are kept, null clears an optional field, a list replaces the whole list.`,
    fields: (t) => spec.fields(t, false),
  });

  const keyArgs = (t: ArgBuilder<Types>) => ({
    [naming.arg]: naming.define(t) as ReturnType<typeof t.string>,
    version: t.int({
      required: true,
      description: "The version you read; a stale one is refused (CONFLICT)",
    }),
  });
  const keyOf = (args: Record<string, unknown>) => naming.keyOf(args[naming.arg] as never);

  builder.mutationFields((t) => ({
    [`create${type}`]: t.drizzleField({
      type: table as "events",
      authScopes,
      retryWhileBusy: true,
      description: `Creates a ${what} (${role}). Its ${naming.arg} must be new (CONFLICT otherwise).`,
      args: { input: t.arg({ type: input, required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const { createRecord } = await datasetEdit();
        const { id } = await createRecord(ctx.db, section, args.input as Record<string, unknown>, {
          actor: actor(ctx),
          arg: "input",
        });
        return reload(ctx, name, query as never, id);
      },
    }),
    [`update${type}`]: t.drizzleField({
      type: table as "events",
      authScopes,
      retryWhileBusy: true,
      description: `Changes a ${what} (${role}). Pass the version you read: if someone changed it since, CONFLICT.`,
      args: { ...keyArgs(t.arg), patch: t.arg({ type: patch, required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const { updateRecord } = await datasetEdit();
        const { id } = await updateRecord(
          ctx.db,
          section,
          keyOf(args),
          args.version as number,
          args.patch as Record<string, unknown>,
          { actor: actor(ctx), arg: "patch", keyArg: naming.arg },
        );
        return reload(ctx, name, query as never, id);
      },
    }),
    ...(spec.deletable === false
      ? {}
      : {
          [`delete${type}`]: t.field({
            type: DeletedRecord,
            authScopes,
            retryWhileBusy: true,
            description: `Deletes a ${what} (${role}) that no other record refers to (CONFLICT otherwise).`,
            args: keyArgs(t.arg),
            resolve: async (_root, args, ctx) => {
              const key = keyOf(args);
              const { deleteRecord } = await datasetEdit();
              const { id } = await deleteRecord(ctx.db, section, key, args.version as number, {
                actor: actor(ctx),
                keyArg: naming.arg,
              });
              return { id: encodeId(type, id), key };
            },
          }),
        }),
  }));
}
