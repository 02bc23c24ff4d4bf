// Running GraphQL operations in-process through the same yoga handler the server uses, with an
// API key (a fresh viewer key unless told otherwise) in the Authorization header.

import { createApiKey } from "../../src/auth/keys.ts";
import type { Role } from "../../src/auth/roles.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { createGraphQLHandler } from "../../src/graphql/yoga.ts";
import type { Logger } from "../../src/log.ts";

export type GraphQLResponse<T = Record<string, unknown>> = {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
};

let keys = 0;

/** A new API key of `role` in `db`; returns its token. */
export async function testKey(
  db: Db,
  role: Role,
  name = `test-${role}-${++keys}`,
): Promise<string> {
  return (await createApiKey(db, { name, role }, "test")).token;
}

export type ClientOptions = {
  /** The key's role (default viewer); null sends no Authorization header. */
  role?: Role | null;
  /** A token to send instead of a fresh key's. */
  token?: string;
  /** Where the handler logs (nowhere by default). */
  logger?: Logger;
};

export async function graphqlClient(
  db: Db,
  env: NodeJS.ProcessEnv = {},
  options: ClientOptions = {},
) {
  const config = loadConfig(env);
  const yoga = createGraphQLHandler(db, config.limits, options.logger, {
    publicRead: config.publicRead,
  });
  const role = options.role === undefined ? "viewer" : options.role;
  const token = options.token ?? (role === null ? undefined : await testKey(db, role));
  return clientOf((request) => Promise.resolve(yoga.fetch(request)), token);
}

/** A client posting operations with `token` to whatever answers `fetcher`: a handler or a server. */
export function clientOf(fetcher: (request: Request) => Promise<Response>, token?: string) {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return async <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> => {
    const response = await fetcher(
      new Request("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...auth, ...headers },
        body: JSON.stringify({ query, variables }),
      }),
    );
    return { status: response.status, ...((await response.json()) as object) };
  };
}

export type Client = ReturnType<typeof clientOf>;

/** The single error of a failed operation, for assertions on code and argument. */
export function onlyError(response: GraphQLResponse) {
  if (response.errors?.length !== 1) {
    throw new Error(`expected one error, got ${JSON.stringify(response)}`);
  }
  return response.errors[0] as NonNullable<GraphQLResponse["errors"]>[number];
}
