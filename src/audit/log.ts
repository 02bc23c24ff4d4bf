// The audit trail: every write records who (the API key's name, or "cli"/"seed"), when, which
// entity, and the change as the record before and after, in the dataset file format.
import type { Db } from "../db/client.ts";
import { auditLog } from "../db/schema.ts";
import { entities } from "../domain/entities.ts";

export const auditActions = [
  "create",
  "update",
  "delete",
  "import",
  "revoke",
  "pause",
  "resume",
  "run",
  "resend",
  "rotate",
  "test_send",
  "preview",
  "unsubscribe",
  // a brief asked for (made, or returned from the cache)
  "request",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Kinds of audited entities, as stored in `audit_log.entity_type`: the curated entities of the
 *  registry, and the service's own records. */
export const auditEntityTypes = [
  ...entities.map((e) => e.auditType),
  "api_key",
  "dataset",
  "brief",
  "schedule",
  "schedule_target",
];
export type AuditEntityType = string;

export type AuditRecord = {
  actor: string;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: number | null;
  entityKey: string | null;
  before: unknown;
  after: unknown;
};

/** The audit_log columns of an entry. */
export function auditColumns(entry: AuditRecord): Record<string, unknown> {
  return {
    actor: entry.actor,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    entity_key: entry.entityKey,
    before:
      entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
  };
}

/**
 * Appends one entry, on the caller's connection: inside the caller's transaction when it runs in
 * the body of one (db/transaction.ts). The columns are those `auditColumns` names.
 */
export async function writeAudit(db: Db, entry: AuditRecord): Promise<void> {
  // The record's names are the table's; JSON columns: drizzle encodes the value, absent is NULL.
  await db
    .insert(auditLog)
    .values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
}

/** Top-level fields whose values differ between two records (all of them on create or delete). */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return names.filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name])).sort();
}
