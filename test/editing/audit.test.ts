// The audit trail: who (the key's name), when, which record, and the record before and after;
// admins read it as auditLog, filtered by record and by key.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createTestDb } from "../support/db.ts";
import { graphqlClient, onlyError, testKey } from "../support/graphql.ts";

type Entry = {
  sequence: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityKey: string | null;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changedFields: string[];
};
type Page = {
  auditLog: {
    totalCount: number;
    nodes: Entry[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
const auditQuery = `query ($entityType: AuditEntityType, $entityKey: String, $entity: ID, $actor: String, $action: AuditAction, $first: Int, $after: String) {
  auditLog(entityType: $entityType, entityKey: $entityKey, entity: $entity, actor: $actor, action: $action, first: $first, after: $after) {
    totalCount
    nodes { sequence at actor action entityType entityKey entityId before after changedFields }
    pageInfo { hasNextPage endCursor }
  }
}`;

let db: Db;
let admin: Awaited<ReturnType<typeof graphqlClient>>;
let eventId: string;
beforeAll(async () => {
  db = createTestDb().db;
  admin = await graphqlClient(db, {}, { role: "admin" });
  const alice = await graphqlClient(db, {}, { token: await testKey(db, "editor", "alice") });
  const bob = await graphqlClient(db, {}, { token: await testKey(db, "editor", "bob") });
  const created = await alice<{ createEvent: { id: string } }>(
    `mutation { createEvent(input: {
      key: "2026-03-01-phone-call", between: ["CN", "KG"], type: "phone_call", date: "2026-03-01",
      title: { en: "Phone call", zh: "通电话" },
      participants: [{ person: "wang-yi", role: HOST }],
      sources: [{ source: "peoples-daily-2025-11-20-p3-first-strategic-dialogue" }] }) { id } }`,
  );
  eventId = created.data?.createEvent.id as string;
  await bob(
    `mutation { updateEvent(key: "2026-03-01-phone-call", version: 1, patch: { title: { en: "Telephone call", zh: "通电话" } }) { version } }`,
  );
  await alice(`mutation { deleteEvent(key: "2026-03-01-phone-call", version: 2) { key } }`);
});

describe("the audit log", () => {
  it("records each write of a record, newest first, with who, what and the change", async () => {
    const { data, errors } = await admin<Page>(auditQuery, {
      entityType: "EVENT",
      entityKey: "2026-03-01-phone-call",
    });
    expect(errors).toBeUndefined();
    const entries = data?.auditLog.nodes ?? [];
    expect(data?.auditLog.totalCount).toBe(3);
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ["alice", "DELETE"],
      ["bob", "UPDATE"],
      ["alice", "CREATE"],
    ]);
    const [deleted, updated, created] = entries as [Entry, Entry, Entry];
    expect(created).toMatchObject({ entityType: "EVENT", entityId: eventId, before: null });
    expect(created.after).toEqual({
      key: "2026-03-01-phone-call",
      between: ["CN", "KG"],
      type: "phone_call",
      date: "2026-03-01",
      title: { en: "Phone call", zh: "通电话" },
      participants: [{ person: "wang-yi", role: "host" }],
      sources: ["peoples-daily-2025-11-20-p3-first-strategic-dialogue"],
    });
    expect(updated.before).toEqual(created.after);
    expect(updated.after?.title).toEqual({ en: "Telephone call", zh: "通电话" });
    expect(updated.changedFields).toEqual(["title"]);
    expect(deleted).toMatchObject({ after: null, before: updated.after });
    expect(Date.parse(created.at)).toBeLessThanOrEqual(Date.parse(deleted.at));
    expect(created.sequence).toBeLessThan(deleted.sequence);
  });

  it("filters by record ID, by key (the API key's name) and by action", async () => {
    const byId = await admin<Page>(auditQuery, { entity: eventId });
    expect(byId.data?.auditLog.totalCount).toBe(3);
    const byBob = await admin<Page>(auditQuery, { actor: "bob" });
    expect(byBob.data?.auditLog.nodes.map((e) => e.entityKey)).toEqual(["2026-03-01-phone-call"]);
    const creates = await admin<Page>(auditQuery, { actor: "alice", action: "CREATE" });
    expect(creates.data?.auditLog.totalCount).toBe(1);
    const bad = await admin<Page>(auditQuery, { entity: "not-an-id" });
    expect(onlyError(bad).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "entity",
    });
  });

  it("pages through the whole log", async () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page: { data?: Page } = await admin<Page>(auditQuery, { first: 50, after });
      seen.push(...(page.data?.auditLog.nodes.map((n) => n.sequence) ?? []));
      if (!page.data?.auditLog.pageInfo.hasNextPage) break;
      after = page.data.auditLog.pageInfo.endCursor;
    }
    const total = (db.$client.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number })
      .n;
    expect(seen).toHaveLength(total);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it("records the seeding and the keys too, without tokens", async () => {
    const seeded = await admin<Page>(auditQuery, { actor: "seed", first: 1 });
    expect(seeded.data?.auditLog.totalCount).toBeGreaterThan(80);
    const keys = await admin<Page>(auditQuery, { entityType: "API_KEY", entityKey: "alice" });
    expect(keys.data?.auditLog.nodes[0]?.after).toMatchObject({ name: "alice", role: "editor" });
    expect(JSON.stringify(keys.data)).not.toMatch(/att_[A-Za-z0-9_-]{43}/);
  });

  it("is for admins only", async () => {
    for (const role of ["viewer", "editor"] as const) {
      const response = await (await graphqlClient(db, {}, { role }))(auditQuery, {});
      expect(onlyError(response).extensions).toMatchObject({
        code: "FORBIDDEN",
        requiredRole: "admin",
      });
    }
  });
});
