// API keys: random bearer tokens shown once at creation; only their SHA-256 is stored. Tokens
// carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
import { createHash, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { writeAudit } from "../audit/log.ts";
import type { Db } from "../db/client.ts";
import { Refusal } from "../domain/refusal.ts";
import { keyUsage } from "./key-usage.ts";
import { isRole, type Role, roles } from "./roles.ts";

const TOKEN_PREFIX = "att_";
const TOKEN_SHAPE = /^att_[A-Za-z0-9_-]{43}$/;
const KEY_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Names the audit log uses for writes made without a key. */
const RESERVED_NAMES = new Set(["cli", "seed", "system", "anonymous"]);
/** lastUsedAt is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export type ApiKeyInfo = {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

/** A refused key operation, with the code and argument a client can act on. */
export class KeyError extends Refusal {}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const columns = `id, name, role, prefix, created_at AS createdAt, revoked_at AS revokedAt,
  last_used_at AS lastUsedAt`;

function byName(sqlite: Database.Database, name: string): ApiKeyInfo | undefined {
  return sqlite.prepare(`SELECT ${columns} FROM api_keys WHERE name = ?`).get(name) as
    | ApiKeyInfo
    | undefined;
}

/** What the audit log keeps of a key: never its token or hash. */
const audited = (key: ApiKeyInfo) => ({
  name: key.name,
  role: key.role,
  prefix: key.prefix,
  ...(key.revokedAt ? { revokedAt: key.revokedAt } : {}),
});

/** Makes a key; the token is returned this once and cannot be recovered later. */
export function createApiKey(
  db: Db,
  input: { name: string; role: string },
  actor: string,
): { key: ApiKeyInfo; token: string } {
  const name = input.name.trim();
  if (!KEY_NAME.test(name)) {
    throw new KeyError(
      `"${input.name}" is not a key name: use 1–64 lower-case letters, digits, '.', '_' or '-'`,
      "BAD_USER_INPUT",
      "name",
    );
  }
  if (RESERVED_NAMES.has(name)) {
    throw new KeyError(`"${name}" is reserved for the audit log`, "BAD_USER_INPUT", "name");
  }
  if (!isRole(input.role)) {
    throw new KeyError(
      `"${input.role}" is not a role: use ${roles.join(", ")}`,
      "BAD_USER_INPUT",
      "role",
    );
  }
  const role = input.role;
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      if (byName(sqlite, name)) {
        throw new KeyError(
          `an API key named "${name}" exists already (names stay taken after revocation)`,
          "CONFLICT",
          "name",
        );
      }
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
      const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
      const { lastInsertRowid } = sqlite
        .prepare("INSERT INTO api_keys (name, role, token_hash, prefix) VALUES (?, ?, ?, ?)")
        .run(name, role, hashToken(token), prefix);
      const key = byName(sqlite, name) as ApiKeyInfo;
      writeAudit(sqlite, {
        actor,
        action: "create",
        entityType: "api_key",
        entityId: Number(lastInsertRowid),
        entityKey: name,
        before: null,
        after: audited(key),
      });
      return { key, token };
    })
    .immediate();
}

export function listApiKeys(db: Db): ApiKeyInfo[] {
  keyUsage(db.$client).flush();
  return db.$client.prepare(`SELECT ${columns} FROM api_keys ORDER BY id`).all() as ApiKeyInfo[];
}

/** Revokes a key at once (every request checks); revoking a revoked key changes nothing. */
export function revokeApiKey(db: Db, name: string, actor: string): ApiKeyInfo {
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      const before = byName(sqlite, name);
      if (!before) throw new KeyError(`no API key named "${name}"`, "NOT_FOUND", "name");
      if (before.revokedAt) return before;
      sqlite
        .prepare(
          "UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
        )
        .run(before.id);
      const after = byName(sqlite, name) as ApiKeyInfo;
      writeAudit(sqlite, {
        actor,
        action: "revoke",
        entityType: "api_key",
        entityId: before.id,
        entityKey: name,
        before: audited(before),
        after: audited(after),
      });
      return after;
    })
    .immediate();
}

export type Authentication =
  | { ok: true; key: { id: number; name: string; role: Role } }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" };

/** Checks a bearer token against the stored hashes; revocation takes effect on the next request. */
export function authenticateToken(db: Db, token: string): Authentication {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "malformed" };
  const sqlite = db.$client;
  const row = sqlite
    .prepare(
      "SELECT id, name, role, revoked_at AS revokedAt, last_used_at AS lastUsedAt FROM api_keys WHERE token_hash = ?",
    )
    .get(hashToken(token)) as
    | {
        id: number;
        name: string;
        role: string;
        revokedAt: string | null;
        lastUsedAt: string | null;
      }
    | undefined;
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (!isRole(row.role)) return { ok: false, reason: "unknown" };
  touch(sqlite, row.id, row.lastUsedAt);
  return { ok: true, key: { id: row.id, name: row.name, role: row.role } };
}

/** Notes the time off the request path (see key-usage.ts), at most once a minute per key. */
function touch(sqlite: Database.Database, id: number, lastUsedAt: string | null): void {
  const now = Date.now();
  if (lastUsedAt && now - Date.parse(lastUsedAt) < TOUCH_INTERVAL_MS) return;
  keyUsage(sqlite).note(id, new Date(now));
}

/**
 * The first start's admin key: made when no admin key is active, named "admin" (or "admin-2"…
 * when that name is taken by a revoked key). Returns the token to show once, or null.
 */
export function ensureAdminKey(db: Db): { name: string; token: string } | null {
  const sqlite = db.$client;
  // One write transaction, so two processes starting at once make one key between them.
  return sqlite
    .transaction(() => {
      const active = sqlite
        .prepare("SELECT 1 FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1")
        .get();
      if (active) return null;
      let name = "admin";
      for (let n = 2; byName(sqlite, name); n++) name = `admin-${n}`;
      const { key, token } = createApiKey(db, { name, role: "admin" }, "system");
      return { name: key.name, token };
    })
    .immediate();
}
