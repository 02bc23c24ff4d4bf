// Repeated reads served from memory. A response is cached under the operation, its variables, the
// caller's role and locale, and the database's data version: any write by any process (a mutation,
// an import, the CLI, a brief finishing) changes the version, so no stale answer is ever served and
// nothing has to be told to invalidate. Entries of older versions age out of the LRU.
//
// Not @graphql-yoga/plugin-response-cache: measured on the dossier, it added 30–75% CPU to every
// miss (it adds `__typename` and `id` to every selection set and walks each result to find
// entities for invalidation, which a data version makes unnecessary).
import {
  type ASTNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { LRUCache } from "lru-cache";
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
 * asks (`me`), the clock (next fire times), signed links that expire (briefs), when a key was last
 * used (bookkeeping, which leaves the data version as it is: db/data-version.ts).
 */
const uncachedFields = new Set([
  "Query.me",
  "ApiKey.lastUsedAt",
  "Query.nextRuns",
  "Schedule.nextRuns",
  "Schedule.nextRunsLocal",
]);
const uncachedTypes = new Set(["Brief"]);
/** Even so, nothing is kept longer than this. */
const TTL_MS = 60_000;
/**
 * The largest answer kept, in characters of JSON (1 MiB): one answer of tens of megabytes would
 * push out every other and hold most of the cache's memory for a minute.
 */
export const MAX_CACHED_CHARS = 1024 * 1024;

/**
 * A query (not a mutation or subscription) that asks for nothing of the above: only the operation
 * that runs is looked at, with the fragments it spreads, not the document's other operations.
 */
function cacheableOperation(schema: GraphQLSchema, document: DocumentNode, name?: string | null) {
  const operation = getOperationAST(document, name);
  if (operation?.operation !== "query") return false;
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [],
    ),
  );
  const types = new TypeInfo(schema);
  const pending: ASTNode[] = [operation];
  const reached = new Set<string>();
  let cacheable = true;
  const visitor = visitWithTypeInfo(types, {
    Field(node) {
      const parent = types.getParentType()?.name;
      const type = types.getType();
      if (
        uncachedFields.has(`${parent}.${node.name.value}`) ||
        (type && uncachedTypes.has(getNamedType(type).name))
      ) {
        cacheable = false;
      }
    },
    FragmentSpread(node) {
      const fragment = fragments.get(node.name.value);
      if (fragment && !reached.has(node.name.value)) {
        reached.add(node.name.value);
        pending.push(fragment);
      }
    },
  });
  for (let node = pending.pop(); node && cacheable; node = pending.pop()) visit(node, visitor);
  return cacheable;
}

export function responseCache(
  db: Db,
  caller: (request: Request) => Caller,
  megabytes: number,
): Plugin {
  if (megabytes === 0) return {};
  const version = dataVersion(db.$client);
  // An answer is kept with its JSON, which sizes it and is sent as it is on a hit (yoga's
  // `stringify` seam), so a hit costs no serialisation.
  type Entry = { result: ExecutionResult; json: string };
  const cache = new LRUCache<string, Entry>({
    maxSize: megabytes * 1024 * 1024,
    sizeCalculation: (entry, key) => entry.json.length + key.length,
    ttl: TTL_MS,
  });
  // By the operation's params, not the request: a batched request carries several operations.
  const keys = new WeakMap<object, string>();
  // yoga reuses the parsed document of a query text, so this is worked out once per text and
  // operation (one document may hold a query and a mutation).
  const cacheable = new WeakMap<DocumentNode, Map<string, boolean>>();
  return {
    onParams({ params, request, setResult }) {
      let who: Caller;
      try {
        who = caller(request);
      } catch {
        return; // a refused key: the context answers it, uncached
      }
      const { role } = who.auth.principal;
      let key: string;
      try {
        key = JSON.stringify([
          role ?? "anonymous",
          who.locale,
          version(),
          params.operationName ?? null,
          params.query ?? null,
          params.variables ?? null,
        ]);
      } catch {
        return; // variables too deep to serialise: refused before this (yoga.ts), never cached
      }
      const hit = cache.get(key);
      if (!hit) {
        keys.set(params, key);
        return;
      }
      const served: ExecutionResult & { stringify: () => string } = {
        ...hit.result,
        stringify: () => hit.json,
      };
      setResult(served);
    },
    onExecute({ args }) {
      const params = (args.contextValue as { params?: object }).params;
      const key = params && keys.get(params);
      if (!key) return;
      let byOperation = cacheable.get(args.document);
      if (!byOperation) {
        byOperation = new Map();
        cacheable.set(args.document, byOperation);
      }
      const operation = args.operationName ?? "";
      let ok = byOperation.get(operation);
      if (ok === undefined) {
        ok = cacheableOperation(args.schema, args.document, args.operationName);
        byOperation.set(operation, ok);
      }
      if (!ok) return;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result || result.errors?.length) return;
          const json = JSON.stringify(result);
          if (json.length + key.length > Math.min(MAX_CACHED_CHARS, megabytes * 1024 * 1024))
            return;
          cache.set(key, { result, json });
        },
      };
    },
  };
}
