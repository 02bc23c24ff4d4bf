// Requests that are not well formed, sent by anyone without a key, get a 400 that says what is
// wrong, and nothing at error level in the log: they are the client's mistake, not a fault.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createTestDb } from "../support/db.ts";

const { db, dir } = createTestDb();
const lines: { level: string; msg: string }[] = [];
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    db,
    loadConfig({ PORT: "0", ATTACHE_DATA_DIR: dir }),
    createLogger("debug", (line) => lines.push(JSON.parse(line))),
  );
});
afterAll(() => server.close());

const errorLines = () => lines.filter((line) => line.level === "error");

async function answer(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as { errors?: { message: string; extensions?: object }[] },
  };
}

describe("malformed requests", () => {
  it("GET with variables that are not JSON: 400, saying so", async () => {
    const query = encodeURIComponent("{ me { name } }");
    for (const param of ["variables", "extensions"]) {
      const { status, body } = await answer(
        await fetch(`${server.url}/graphql?query=${query}&${param}=${encodeURIComponent("{bad")}`),
      );
      expect(status).toBe(400);
      expect(body.errors?.[0]?.message).toMatch(/not valid JSON/);
      expect(body.errors?.[0]?.extensions).toEqual({ code: "BAD_REQUEST" });
    }
    expect(errorLines()).toEqual([]);
  });

  it("variables nested 49,000 deep: 400, before anything serialises them", async () => {
    const deep = `${"[".repeat(49_000)}${"]".repeat(49_000)}`;
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"query":"query($x: String) { me { name } }","variables":{"x":${deep}}}`,
    });
    const { status, body } = await answer(response);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe("The variables nest more than 64 levels deep");
    expect(errorLines()).toEqual([]);
  });

  it("variables nested as deep as input types go are still taken", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "query($x: String) { __typename }",
        variables: { x: null, y: [[[[{ a: [{ b: 1 }] }]]]] },
      }),
    });
    expect((await answer(response)).status).toBe(200);
  });

  it("a request target that is not a URL: 400", async () => {
    const head = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(server.url).port), "127.0.0.1", () => {
        socket.write("GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      });
      let received = "";
      socket.on("data", (chunk) => {
        received += chunk;
      });
      socket.on("end", () => resolve(received));
      socket.on("error", reject);
    });
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(head).toContain('{"error":"malformed request target"}');
    expect(errorLines()).toEqual([]);
  });
});
