// The graphql-http audit suite (GraphQL over HTTP) against the real server, with a viewer's key.
import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createTestDb } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";

let server: RunningServer;
let token: string;
beforeAll(async () => {
  const { db, dir } = createTestDb();
  token = await testKey(db, "viewer");
  server = await startServer(
    db,
    loadConfig({ PORT: "0", ATTACHE_DATA_DIR: dir }),
    createLogger("silent"),
  );
});
afterAll(() => server.close());

describe("graphql-http audits", () => {
  const audits = serverAudits({
    url: () => `${server.url}/graphql`,
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });
  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status === "ok" ? "ok" : `${result.status}: ${result.reason}`).toBe("ok");
    });
  }
});
