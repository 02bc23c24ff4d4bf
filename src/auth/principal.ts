// Who is making a request: the holder of an API key, the local operator (the CLI), or nobody.
import type { Role } from "./roles.ts";

export type Principal =
  | { kind: "key"; keyId: number; name: string; role: Role }
  | { kind: "operator"; name: string; role: "admin" }
  | { kind: "anonymous"; name: null; role: null };

/** What resolvers know about the caller: who, and whether anonymous callers may read. */
export type AuthState = { principal: Principal; publicRead: boolean };

export const anonymous: Principal = { kind: "anonymous", name: null, role: null };

/**
 * Someone with the database file in hand (the `attache` CLI): trusted as an admin, recorded in the
 * audit log under `name` ("cli", "seed").
 */
export function operator(name = "cli"): AuthState {
  return { principal: { kind: "operator", name, role: "admin" }, publicRead: false };
}

/** The name the audit log records for a write. */
export function actorOf(principal: Principal): string {
  return principal.name ?? "anonymous";
}
