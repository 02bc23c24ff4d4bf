// The audit trail, for admins: who changed what, when, and the record before and after.
import { and, eq, type SQL } from "drizzle-orm";
import { auditActions, auditEntityTypes, changedFields } from "../audit/log.ts";
import { auditLog } from "../db/schema.ts";
import { entities } from "../domain/entities.ts";
import { builder } from "./builder.ts";
import { userInputError } from "./errors.ts";
import { encodeId } from "./ids.ts";
import { countRows, orTrue } from "./lookups.ts";

builder.scalarType("JSON", {
  description: "Any JSON value: here, a record in the dataset file format.",
  serialize: (value) => value,
  parseValue: (value) => value,
});

const upper = (value: string) => value.toUpperCase();

const AuditAction = builder.enumType("AuditAction", {
  values: Object.fromEntries(auditActions.map((a) => [upper(a), { value: a }])) as Record<
    string,
    { value: (typeof auditActions)[number] }
  >,
});

const AuditEntityType = builder.enumType("AuditEntityType", {
  values: Object.fromEntries(auditEntityTypes.map((e) => [upper(e), { value: e }])) as Record<
    string,
    { value: (typeof auditEntityTypes)[number] }
  >,
});

/** Audit type → the GraphQL type of its records (one node(id:) can fetch): the curated entities
 *  of the registry, and the service's own audited records. */
const nodeTypes = new Map<string, string>([
  ...entities.map((e) => [e.auditType, e.graphqlType] as [string, string]),
  ["schedule", "Schedule"],
  ["schedule_target", "ScheduleTarget"],
]);
const nodeTypeOf = (entityType: string) => nodeTypes.get(entityType);
const auditTypeOf = (typename: string) =>
  [...nodeTypes].find(([, graphqlType]) => graphqlType === typename)?.[0];

builder.drizzleObject("auditLog", {
  name: "AuditEntry",
  description: "One write: who, when, which record, and the record before and after.",
  // Also checked here, not only on auditLog: entries must not leak through any other path.
  authScopes: { admin: true },
  fields: (t) => ({
    sequence: t.exposeInt("id", { description: "Entries are numbered in the order written" }),
    at: t.field({ type: "DateTime", resolve: (e) => e.at }),
    actor: t.exposeString("actor", {
      description: 'The API key\'s name; "cli", "seed" or "system" for writes without a key',
    }),
    action: t.field({ type: AuditAction, resolve: (e) => e.action as never }),
    entityType: t.field({ type: AuditEntityType, resolve: (e) => e.entityType as never }),
    entityKey: t.exposeString("entityKey", {
      nullable: true,
      description: 'The natural key: "wang-yi", "CN-KG", an API key\'s name, an import\'s files',
    }),
    entityId: t.id({
      nullable: true,
      description: "The record's ID; node(id:) finds it unless it has been deleted since",
      resolve: (e) => {
        const type = nodeTypeOf(e.entityType);
        return type && e.entityId !== null ? encodeId(type, e.entityId) : null;
      },
    }),
    before: t.field({
      type: "JSON",
      nullable: true,
      description: "The record before (none on create), as a dataset file has it",
      resolve: (e) => e.before,
    }),
    after: t.field({
      type: "JSON",
      nullable: true,
      description: "The record after (none on delete)",
      resolve: (e) => e.after,
    }),
    changedFields: t.stringList({
      description: "Top-level fields that differ between before and after",
      resolve: (e) => changedFields(e.before, e.after),
    }),
  }),
});

type AuditArgs = {
  entityType?: string | null;
  entityKey?: string | null;
  entity?: { typename: string; id: string } | null;
  actor?: string | null;
  action?: string | null;
};

function auditWhere(args: AuditArgs, table = auditLog): SQL | undefined {
  const auditType = args.entity ? auditTypeOf(args.entity.typename) : undefined;
  if (args.entity && !auditType) {
    throw userInputError(`that ID is not the ID of an audited record`, "entity");
  }
  return and(
    args.entityType ? eq(table.entityType, args.entityType) : undefined,
    args.entityKey ? eq(table.entityKey, args.entityKey) : undefined,
    args.entity && auditType
      ? and(eq(table.entityType, auditType), eq(table.entityId, Number(args.entity.id)))
      : undefined,
    args.actor ? eq(table.actor, args.actor) : undefined,
    args.action ? eq(table.action, args.action) : undefined,
  );
}

builder.queryFields((t) => ({
  auditLog: t.drizzleConnection({
    type: "auditLog",
    authScopes: { admin: true },
    description:
      "Every write, newest first (admin). Filter by record (entityType and entityKey, or entity) and by who made it (actor: an API key's name).",
    args: {
      entityType: t.arg({ type: AuditEntityType }),
      entityKey: t.arg.string({ description: 'e.g. "2025-11-19-first-strategic-dialogue"' }),
      entity: t.arg.globalID({ description: "A record's ID" }),
      actor: t.arg.string({ description: "The API key's name (or cli, seed, system)" }),
      action: t.arg({ type: AuditAction }),
    },
    totalCount: (_root, args, ctx) => countRows(ctx.db, auditLog, auditWhere(args)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.auditLog.findMany(
        query({
          where: { RAW: (table) => orTrue(auditWhere(args, table)) },
          orderBy: { id: "desc" },
        }),
      ),
  }),
}));
