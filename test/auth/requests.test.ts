// Who may do what over HTTP: no key, a wrong or revoked key, and each role; anonymous reads only
// when ATTACHE_PUBLIC_READ=true.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "../../src/auth/keys.ts";
import { ConfigError, loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createTestDb } from "../support/db.ts";

type Body = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

let db: Db;
let closed: RunningServer;
let open: RunningServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = createTestDb().db;
  for (const role of ["viewer", "editor", "admin"] as const) {
    tokens[role] = (await createApiKey(db, { name: `${role}-key`, role }, "test")).token;
  }
  tokens.revoked = (await createApiKey(db, { name: "gone", role: "admin" }, "test")).token;
  await revokeApiKey(db, "gone", "test");
  const logger = createLogger("silent");
  closed = await startServer(db, loadConfig({ PORT: "0" }), logger);
  open = await startServer(db, loadConfig({ PORT: "0", ATTACHE_PUBLIC_READ: "true" }), logger);
});
afterAll(async () => {
  await closed.close();
  await open.close();
});

async function call(server: RunningServer, query: string, authorization?: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Body,
  };
}
const bearer = (role: string) => `Bearer ${tokens[role]}`;
const code = (body: Body) => body.errors?.[0]?.extensions?.code;

const read = `{ relationship(between: ["CN", "KG"]) { key } }`;
const write = `mutation { createTopic(input: { key: "water", kind: COOPERATION_AREA, name: { en: "Water", zh: "水" } }) { key } }`;
const admin = `{ apiKeys { name } }`;

describe("without ATTACHE_PUBLIC_READ", () => {
  it("refuses a request without a key, saying how to sign in", async () => {
    const { status, body } = await call(closed, read);
    expect(status).toBe(200);
    expect(code(body)).toBe("UNAUTHENTICATED");
    expect(body.errors?.[0]?.message).toMatch(/Authorization: Bearer <token>/);
    expect(body.data).toEqual({ relationship: null });
  });

  it("still describes itself (introspection) and serves GraphiQL with a sign-in hint", async () => {
    const { body } = await call(closed, "{ __schema { mutationType { name } } }");
    expect(body.data).toEqual({ __schema: { mutationType: { name: "Mutation" } } });
    const page = await fetch(`${closed.url}/graphql`, { headers: { accept: "text/html" } });
    expect(await page.text()).toContain("Reading needs an API key");
  });

  it("lets every role read", async () => {
    for (const role of ["viewer", "editor", "admin"]) {
      const { body } = await call(closed, read, bearer(role));
      expect(body).toEqual({ data: { relationship: { key: "CN-KG" } } });
    }
  });
});

describe("wrong credentials", () => {
  it("refuse the whole request with 401, reads included, even with public reads on", async () => {
    for (const server of [closed, open]) {
      for (const authorization of [
        `Bearer att_${"x".repeat(43)}`,
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        bearer("revoked"),
      ]) {
        const { status, headers, body } = await call(server, read, authorization);
        expect(status, authorization).toBe(401);
        expect(headers.get("www-authenticate")).toMatch(/^Bearer /);
        expect(code(body), authorization).toBe("UNAUTHENTICATED");
        expect(body.data).toBeUndefined();
      }
    }
  });

  it("say a revoked key is revoked", async () => {
    const { body } = await call(closed, read, bearer("revoked"));
    expect(body.errors?.[0]?.message).toMatch(/revoked/);
  });
});

describe("roles", () => {
  it("refuse a viewer's write with FORBIDDEN, naming the role needed", async () => {
    const { body } = await call(closed, write, bearer("viewer"));
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      requiredRole: "editor",
      role: "viewer",
    });
    expect(body.data).toBeNull();
  });

  it("let an editor write but not manage keys", async () => {
    expect((await call(closed, write, bearer("editor"))).body).toEqual({
      data: { createTopic: { key: "water" } },
    });
    const { body } = await call(closed, admin, bearer("editor"));
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      requiredRole: "admin",
    });
  });

  it("let an admin manage keys", async () => {
    const { body } = await call(closed, admin, bearer("admin"));
    expect(body.data?.apiKeys).toEqual(
      expect.arrayContaining([{ name: "viewer-key" }, { name: "gone" }]),
    );
  });

  it("tell a caller who they are", async () => {
    expect((await call(closed, "{ me { name role } }", bearer("editor"))).body).toEqual({
      data: { me: { name: "editor-key", role: "EDITOR" } },
    });
    expect((await call(closed, "{ me { name role } }")).body).toEqual({
      data: { me: { name: null, role: null } },
    });
  });
});

describe("with ATTACHE_PUBLIC_READ=true", () => {
  it("serves anonymous reads", async () => {
    expect((await call(open, read)).body).toEqual({ data: { relationship: { key: "CN-KG" } } });
  });

  it("still needs a key to write, or to read what only admins read", async () => {
    const written = await call(open, write);
    expect(code(written.body)).toBe("UNAUTHENTICATED");
    expect(written.body.errors?.[0]?.extensions?.requiredRole).toBe("editor");
    expect(code((await call(open, admin)).body)).toBe("UNAUTHENTICATED");
    expect(code((await call(open, "{ auditLog(first: 1) { totalCount } }")).body)).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("is read from the environment, and nothing else than true or false is accepted", () => {
    expect(loadConfig({}).publicRead).toBe(false);
    expect(loadConfig({ ATTACHE_PUBLIC_READ: "1" }).publicRead).toBe(true);
    expect(() => loadConfig({ ATTACHE_PUBLIC_READ: "yes" })).toThrow(ConfigError);
  });
});
