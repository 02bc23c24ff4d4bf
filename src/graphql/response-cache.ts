// Repeated reads served from memory. A response is cached under the operation, its variables, the
// caller's role and locale, and the database's data version: any write by any process (a mutation,
// an import, the CLI, a brief finishing) changes the version, so no stale answer is ever served and
// nothing has to be told to invalidate. Entries of older versions age out of the LRU.
import {
  createInMemoryCache,
  useResponseCache as responseCachePlugin,
} from "@graphql-yoga/plugin-response-cache";
import type { Plugin } from "graphql-yoga";
import type { AuthState } from "../auth/principal.ts";
import type { Db } from "../db/client.ts";
import { dataVersion } from "../db/data-version.ts";
import { isLocale, type Locale, localeFromHeader } from "../domain/locale.ts";
import { authenticateRequest } from "./auth.ts";

export type Caller = { auth: AuthState; locale: Locale };

/**
 * Who is asking and in which language, worked out once per request (the cache's key needs it
 * before the context is built; the context reuses it). A refused key is remembered as its error.
 */
export function callerOf(db: Db, publicRead: boolean) {
  const callers = new WeakMap<Request, Caller | { error: unknown }>();
  return (request: Request): Caller => {
    let caller = callers.get(request);
    if (!caller) {
      try {
        const explicit = request.headers.get("x-attache-locale")?.toLowerCase();
        caller = {
          // A wrong or revoked key fails the whole request with 401, reads included.
          auth: authenticateRequest(db, request.headers.get("authorization"), publicRead),
          locale:
            explicit && isLocale(explicit)
              ? explicit
              : localeFromHeader(request.headers.get("accept-language")),
        };
      } catch (error) {
        caller = { error };
      }
      callers.set(request, caller);
    }
    if ("error" in caller) throw caller.error;
    return caller;
  };
}

/**
 * Answers that depend on more than the data, the role and the locale are never cached: which key
 * asks (`me`), the clock (next fire times), signed links that expire (briefs).
 */
const uncachedFields = [
  "Query.me",
  "Query.nextRuns",
  "Schedule.nextRuns",
  "Schedule.nextRunsLocal",
];
const uncachedTypes = ["Brief"];
/** Even so, nothing is kept longer than this. */
const TTL_MS = 60_000;

export function responseCache(
  db: Db,
  caller: (request: Request) => Caller,
  entries: number,
): Plugin {
  const version = dataVersion(db.$client);
  const known = (request: Request): Caller | null => {
    try {
      return caller(request);
    } catch {
      return null;
    }
  };
  const session = (request: Request): string | null => {
    const who = known(request);
    return who && `${who.auth.principal.role ?? "anonymous"}:${who.locale}:${version()}`;
  };
  return responseCachePlugin({
    cache: createInMemoryCache({ max: entries }),
    session,
    // Only requests whose caller is known: a refused key is answered by the context, uncached.
    enabled: (request) => entries > 0 && known(request) !== null,
    ttl: TTL_MS,
    ttlPerSchemaCoordinate: Object.fromEntries(uncachedFields.map((field) => [field, 0])),
    ignoredTypes: uncachedTypes,
    // The data version already keys every entry; no per-entity bookkeeping.
    invalidateViaMutation: false,
  });
}
