// API keys: random bearer tokens shown once at creation; only their SHA-256 is stored. Tokens
// carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { writeAudit } from "../audit/log.ts";
import type { Db } from "../db/client.ts";
import { apiKeys } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
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

/** The columns of a key that may be shown: never its hash. */
const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

async function byName(db: Db, name: string): Promise<ApiKeyInfo | undefined> {
  const [key] = await db.select(columns).from(apiKeys).where(eq(apiKeys.name, name));
  return key as ApiKeyInfo | undefined;
}

/** What the audit log keeps of a key: never its token or hash. */
const audited = (key: ApiKeyInfo) => ({
  name: key.name,
  role: key.role,
  prefix: key.prefix,
  ...(key.revokedAt ? { revokedAt: key.revokedAt } : {}),
});

/** Makes a key; the token is returned this once and cannot be recovered later. */
export async function createApiKey(
  db: Db,
  input: { name: string; role: string },
  actor: string,
): Promise<{ key: ApiKeyInfo; token: string }> {
  const { name, role } = checkKeyInput(input);
  return inTransaction(db, "write", () => insertApiKey(db, name, role, actor));
}

/** A key's name and role as given, or the refusal that says what is wrong with them. */
function checkKeyInput(input: { name: string; role: string }): { name: string; role: Role } {
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
  return { name, role: input.role };
}

/** Saves a new key and its audit entry; runs inside the caller's write transaction. */
async function insertApiKey(
  db: Db,
  name: string,
  role: Role,
  actor: string,
): Promise<{ key: ApiKeyInfo; token: string }> {
  if (await byName(db, name)) {
    throw new KeyError(
      `an API key named "${name}" exists already (names stay taken after revocation)`,
      "CONFLICT",
      "name",
    );
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  const [inserted] = await db
    .insert(apiKeys)
    .values({ name, role, tokenHash: hashToken(token), prefix })
    .returning(columns);
  const key = inserted as ApiKeyInfo;
  await writeAudit(db, {
    actor,
    action: "create",
    entityType: "api_key",
    entityId: key.id,
    entityKey: name,
    before: null,
    after: audited(key),
  });
  return { key, token };
}

export async function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  await keyUsage(db).flush();
  return (await db.select(columns).from(apiKeys).orderBy(apiKeys.id)) as ApiKeyInfo[];
}

/** Revokes a key at once (every request checks); revoking a revoked key changes nothing. */
export async function revokeApiKey(db: Db, name: string, actor: string): Promise<ApiKeyInfo> {
  return inTransaction(db, "write", async () => {
    const before = await byName(db, name);
    if (!before) throw new KeyError(`no API key named "${name}"`, "NOT_FOUND", "name");
    if (before.revokedAt) return before;
    const [after] = await db
      .update(apiKeys)
      .set({ revokedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` })
      .where(eq(apiKeys.id, before.id))
      .returning(columns);
    await writeAudit(db, {
      actor,
      action: "revoke",
      entityType: "api_key",
      entityId: before.id,
      entityKey: name,
      before: audited(before),
      after: audited(after as ApiKeyInfo),
    });
    return after as ApiKeyInfo;
  });
}

export type Authentication =
  | { ok: true; key: { id: number; name: string; role: Role } }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" };

/** Checks a bearer token against the stored hashes; revocation takes effect on the next request. */
export function authenticateToken(db: Db, token: string): Authentication {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "malformed" };
  // Synchronous, on the connection itself: the response cache works out the caller (part of its
  // key) in a synchronous step, and a cache hit runs no drizzle statement.
  const row = db.$client
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
  touch(db, row.id, row.lastUsedAt);
  return { ok: true, key: { id: row.id, name: row.name, role: row.role } };
}

/** Notes the time off the request path (see key-usage.ts), at most once a minute per key. */
function touch(db: Db, id: number, lastUsedAt: string | null): void {
  const now = Date.now();
  if (lastUsedAt && now - Date.parse(lastUsedAt) < TOUCH_INTERVAL_MS) return;
  keyUsage(db).note(id, new Date(now));
}

/**
 * The first start's admin key: made when no admin key is active, named "admin" (or "admin-2"…
 * when that name is taken by a revoked key). Returns the token to show once, or null.
 */
export async function ensureAdminKey(db: Db): Promise<{ name: string; token: string } | null> {
  // One write transaction, so two processes starting at once make one key between them.
  return inTransaction(db, "write", async () => {
    const [active] = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.role, "admin"), isNull(apiKeys.revokedAt)))
      .limit(1);
    if (active) return null;
    let name = "admin";
    for (let n = 2; await byName(db, name); n++) name = `admin-${n}`;
    const { key, token } = await insertApiKey(db, name, "admin", "system");
    return { name: key.name, token };
  });
}
