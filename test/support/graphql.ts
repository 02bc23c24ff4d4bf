// Running GraphQL operations in-process through the same yoga handler the server uses.

import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { createGraphQLHandler } from "../../src/graphql/yoga.ts";

export type GraphQLResponse<T = Record<string, unknown>> = {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
};

export function graphqlClient(db: Db, env: NodeJS.ProcessEnv = {}) {
  const yoga = createGraphQLHandler(db, loadConfig(env).limits);
  return async <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> => {
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

/** The single error of a failed operation, for assertions on code and argument. */
export function onlyError(response: GraphQLResponse) {
  if (response.errors?.length !== 1) {
    throw new Error(`expected one error, got ${JSON.stringify(response)}`);
  }
  return response.errors[0] as NonNullable<GraphQLResponse["errors"]>[number];
}
