// API keys: tokens shown once and stored only as a hash, listing, revocation, the first admin key,
// and the `attache keys` command.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createFirstAdminKey } from "../../src/auth/first-start.ts";
import {
  authenticateToken,
  createApiKey,
  ensureAdminKey,
  hashToken,
  KeyError,
  listApiKeys,
  revokeApiKey,
} from "../../src/auth/keys.ts";
import { inTransaction } from "../../src/db/transaction.ts";
import { createTestDb, tempDir } from "../support/db.ts";

const keyError = async (operation: Promise<unknown>) => {
  try {
    await operation;
  } catch (error) {
    if (error instanceof KeyError) return { code: error.code, argumentName: error.argumentName };
    throw error;
  }
  throw new Error("expected a KeyError");
};

describe("API keys", () => {
  it("shows the token once and stores only its SHA-256", async () => {
    const { db, file } = createTestDb({ seed: false });
    const { key, token } = await createApiKey(db, { name: "alice", role: "editor" }, "test");
    expect(token).toMatch(/^att_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name: "alice", role: "editor", revokedAt: null });
    expect(token.startsWith(key.prefix)).toBe(true);
    const stored = db.$client.prepare("SELECT * FROM api_keys").get() as Record<string, unknown>;
    expect(stored.token_hash).toBe(hashToken(token));
    // Nowhere in the database, the audit log included.
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    expect(fs.readFileSync(file).includes(token)).toBe(false);
    expect(JSON.stringify(await listApiKeys(db))).not.toContain(hashToken(token));
    const audit = db.$client.prepare("SELECT actor, action, after FROM audit_log").all();
    expect(audit).toEqual([
      {
        actor: "test",
        action: "create",
        after: JSON.stringify({ name: "alice", role: "editor", prefix: key.prefix }),
      },
    ]);
  });

  it("authenticates a valid token and refuses unknown, malformed and revoked ones", async () => {
    const { db } = createTestDb({ seed: false });
    const { token } = await createApiKey(db, { name: "bob", role: "viewer" }, "test");
    expect(authenticateToken(db, token)).toMatchObject({ ok: true, key: { name: "bob" } });
    expect(authenticateToken(db, `att_${"A".repeat(43)}`)).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(authenticateToken(db, "hunter2")).toEqual({ ok: false, reason: "malformed" });
    expect((await revokeApiKey(db, "bob", "test")).revokedAt).not.toBeNull();
    expect(authenticateToken(db, token)).toEqual({ ok: false, reason: "revoked" });
    // Revoking twice changes nothing (and is not audited twice).
    await revokeApiKey(db, "bob", "test");
    const actions = db.$client.prepare("SELECT action FROM audit_log ORDER BY id").all();
    expect(actions).toEqual([{ action: "create" }, { action: "revoke" }]);
  });

  it("records when a key was last used", async () => {
    const { db } = createTestDb({ seed: false });
    const { token } = await createApiKey(db, { name: "carol", role: "viewer" }, "test");
    expect((await listApiKeys(db))[0]?.lastUsedAt).toBeNull();
    authenticateToken(db, token);
    expect((await listApiKeys(db))[0]?.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("refuses bad names, reserved names, unknown roles and duplicates", async () => {
    const { db } = createTestDb({ seed: false });
    expect(await keyError(createApiKey(db, { name: "Alice Smith", role: "viewer" }, "t"))).toEqual({
      code: "BAD_USER_INPUT",
      argumentName: "name",
    });
    expect(await keyError(createApiKey(db, { name: "cli", role: "viewer" }, "t"))).toEqual({
      code: "BAD_USER_INPUT",
      argumentName: "name",
    });
    expect(await keyError(createApiKey(db, { name: "dave", role: "root" }, "t"))).toEqual({
      code: "BAD_USER_INPUT",
      argumentName: "role",
    });
    await createApiKey(db, { name: "dave", role: "viewer" }, "t");
    expect(await keyError(createApiKey(db, { name: "dave", role: "admin" }, "t"))).toEqual({
      code: "CONFLICT",
      argumentName: "name",
    });
    expect(await keyError(revokeApiKey(db, "nobody", "t"))).toEqual({
      code: "NOT_FOUND",
      argumentName: "name",
    });
  });
});

describe("a key made while another write transaction awaits", () => {
  it("waits for that transaction to end and is not rolled back with it", async () => {
    const { db } = createTestDb({ seed: false });
    const order: string[] = [];
    const failing = inTransaction(db, "write", async () => {
      await db.run(
        sql`INSERT INTO topics (key, kind, name_en, name_zh) VALUES ('doomed', 'issue', 'd', 'd')`,
      );
      order.push("other wrote");
      await sleep(30);
      order.push("other fails");
      throw new Error("other failed");
    });
    // Asked for from another chain while the other transaction is suspended on its timer.
    await sleep(5);
    expect(db.$client.inTransaction).toBe(true);
    const made = createApiKey(db, { name: "bystander", role: "viewer" }, "test").then((made) => {
      order.push("key made");
      return made;
    });
    await expect(failing).rejects.toThrow("other failed");
    const { token } = await made;
    expect(order).toEqual(["other wrote", "other fails", "key made"]);
    expect(db.$client.prepare("SELECT count(*) AS n FROM topics").get()).toEqual({ n: 0 });
    expect((await listApiKeys(db)).map((k) => k.name)).toEqual(["bystander"]);
    expect(authenticateToken(db, token)).toMatchObject({ ok: true, key: { name: "bystander" } });
    const audit = db.$client.prepare("SELECT action, entity_key AS name FROM audit_log").all();
    expect(audit).toEqual([{ action: "create", name: "bystander" }]);
  });
});

describe("the first admin key", () => {
  it("is made once, when no admin key is active, and printed once", async () => {
    const { db } = createTestDb({ seed: false });
    const printed: string[] = [];
    expect(await createFirstAdminKey(db, undefined, (text) => printed.push(text))).toBe("admin");
    expect(await createFirstAdminKey(db, undefined, (text) => printed.push(text))).toBeNull();
    expect(printed).toHaveLength(1);
    const token = /Admin API token[^:]*: (att_\S+)/.exec(printed[0] ?? "")?.[1] as string;
    expect(authenticateToken(db, token)).toMatchObject({ ok: true, key: { role: "admin" } });
    // Revoking the only admin key: the next start makes another, under a new name.
    await revokeApiKey(db, "admin", "test");
    expect((await ensureAdminKey(db))?.name).toBe("admin-2");
    expect(await ensureAdminKey(db)).toBeNull();
  });

  it("is not made when an admin key exists already", async () => {
    const { db } = createTestDb({ seed: false });
    await createApiKey(db, { name: "ops", role: "admin" }, "test");
    expect(await ensureAdminKey(db)).toBeNull();
  });
});

describe("attache keys", { timeout: 120_000 }, () => {
  const dataDir = tempDir();
  const attache = (...args: string[]) =>
    spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), ...args], {
      env: { ...process.env, ATTACHE_DATA_DIR: dataDir },
      encoding: "utf8",
    });

  it("creates a key, printing only the token on stdout, lists and revokes it", () => {
    const created = attache("keys", "create", "--role", "editor", "--name", "ci-bot");
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^att_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toContain('Created the editor key "ci-bot"');
    const token = created.stdout.trim();

    const listed = attache("keys", "list");
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(
      /ci-bot\s+editor\s+att_\S+…\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+never\s+active/,
    );
    expect(listed.stdout).not.toContain(token);

    expect(attache("keys", "revoke", "ci-bot").stdout).toContain('revoked "ci-bot"');
    const json = JSON.parse(attache("keys", "list", "--json").stdout);
    expect(json[0]).toMatchObject({ name: "ci-bot", role: "editor" });
    expect(json[0].revokedAt).not.toBeNull();
  });

  it("explains a refusal and exits non-zero", () => {
    // Bad input to an option is a usage error (2); a refusal of the operation itself exits 1.
    const run = attache("keys", "create", "--role", "superuser", "--name", "x");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"superuser" is not a role: use viewer, editor, admin');
    expect(attache("keys", "create", "--name", "x").status).toBe(2);
    const ghost = attache("keys", "revoke", "ghost");
    expect(ghost.status).toBe(1);
    expect(ghost.stderr).toContain('no API key named "ghost"');
  });
});
