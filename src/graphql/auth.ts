// Authorization in the schema, with Pothos' scope-auth plugin. The scopes are the roles:
//   viewer  any valid key, or anyone when ATTACHE_PUBLIC_READ=true
//   editor  keys with the editor or admin role
//   admin   keys with the admin role, and the local operator (the CLI)
// Every root field needs at least: Query and Subscription viewer, Mutation editor (the root types'
// authScopes, builder.ts). Fields add stricter rules with `authScopes`.
import { type AuthFailure, AuthScopeFailureType } from "@pothos/plugin-scope-auth";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { authenticateToken } from "../auth/keys.ts";
import { type AuthState, anonymous } from "../auth/principal.ts";
import { atLeast, type Role, roles } from "../auth/roles.ts";
import type { Db } from "../db/client.ts";
import type { GraphQLContext } from "./context.ts";

export type AuthScopes = { viewer: boolean; editor: boolean; admin: boolean };

export function scopesFor({ auth }: GraphQLContext): AuthScopes {
  return {
    viewer: auth.principal.role !== null || auth.publicRead,
    editor: atLeast(auth.principal.role, "editor"),
    admin: atLeast(auth.principal.role, "admin"),
  };
}

const HOW_TO_SIGN_IN =
  'send an API key as "Authorization: Bearer <token>" (in GraphiQL: the Headers tab)';

/** A request whose credentials are wrong: refused whole, with HTTP 401. */
function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: "UNAUTHENTICATED",
      http: {
        status: 401,
        headers: { "WWW-Authenticate": 'Bearer realm="attache", error="invalid_token"' },
      },
    },
  });
}

/** Who is calling, from the Authorization header. A wrong or revoked key is refused even for reads. */
export function authenticateRequest(
  db: Db,
  authorization: string | null,
  publicRead: boolean,
): AuthState {
  if (authorization === null || authorization.trim() === "") {
    return { principal: anonymous, publicRead };
  }
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!match?.[1])
    throw unauthenticated(`the Authorization header is malformed: ${HOW_TO_SIGN_IN}`);
  const result = authenticateToken(db, match[1]);
  if (!result.ok) {
    throw unauthenticated(
      result.reason === "revoked"
        ? "this API key has been revoked: ask an admin for a new one"
        : "this API key is not valid: check the token you copied (it is shown once, on creation)",
    );
  }
  const { id, name, role } = result.key;
  return { principal: { kind: "key", keyId: id, name, role }, publicRead };
}

function failedScopes(failure: AuthFailure): string[] {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return [failure.scope];
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      return failure.failures.flatMap(failedScopes);
    default:
      return [];
  }
}

/** The error of a refused field: UNAUTHENTICATED without a key, FORBIDDEN with too weak a key. */
export function unauthorizedError(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  failure: AuthFailure,
): GraphQLError {
  // The type's minimum may fail before the field's own rule is checked: name the stricter one.
  const declared = info.parentType.getFields()[info.fieldName]?.extensions?.pothosOptions as
    | { authScopes?: unknown }
    | undefined;
  const fieldScopes =
    declared?.authScopes && typeof declared.authScopes === "object"
      ? Object.keys(declared.authScopes)
      : [];
  const required = [...failedScopes(failure), ...fieldScopes]
    .filter((s): s is Role => (roles as readonly string[]).includes(s))
    .reduce<Role>((max, role) => (roles.indexOf(role) > roles.indexOf(max) ? role : max), "viewer");
  const { principal, publicRead } = ctx.auth;
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (principal.role === null) {
    const why =
      required === "viewer"
        ? "this server does not serve anonymous readers (ATTACHE_PUBLIC_READ is off)"
        : `${field} needs the ${required} role`;
    return new GraphQLError(`Sign in: ${why}; ${HOW_TO_SIGN_IN}.`, {
      extensions: { code: "UNAUTHENTICATED", requiredRole: required, publicRead },
    });
  }
  return new GraphQLError(
    `${field} needs the ${required} role; the key "${principal.name}" has the ${principal.role} role.`,
    { extensions: { code: "FORBIDDEN", requiredRole: required, role: principal.role } },
  );
}
