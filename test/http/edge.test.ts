// The HTTP edge as clients and browsers meet it: chunked bodies, CORS, readiness, and GraphiQL
// rendering in headless Chromium with every request outside the server blocked.
import http from "node:http";
import puppeteer from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { resolveChromiumPath } from "../../src/render/browser.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createTestDb } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";

const { db, dir } = createTestDb();
const token = await testKey(db, "viewer");
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    db,
    loadConfig({
      PORT: "0",
      ATTACHE_DATA_DIR: dir,
      ATTACHE_MAX_BODY_BYTES: "2000",
      ATTACHE_CORS_ORIGINS: "https://analysts.example.org",
    }),
    createLogger("silent"),
  );
});
afterAll(() => server.close());

/** POSTs a body in chunks, with no Content-Length (Transfer-Encoding: chunked). */
function postChunked(chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    });
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe("request bodies", () => {
  it("are accepted chunked, without a Content-Length, within the limit", async () => {
    const body = JSON.stringify({ query: "{ countries { code } }" });
    const { status, body: answer } = await postChunked([body.slice(0, 10), body.slice(10)]);
    expect(status).toBe(200);
    expect(JSON.parse(answer).data.countries).toHaveLength(3);
  });

  it("are refused with 413 once a chunked body passes the limit", async () => {
    const chunk = `{"query":"{ countries { code } }${" ".repeat(1500)}`;
    const { status, body } = await postChunked([chunk, " ".repeat(1500), `"}`]);
    expect(status).toBe(413);
    expect(JSON.parse(body).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });

  it("answers an allowed origin, without allowing credentials", async () => {
    const response = await preflight("https://analysts.example.org");
    expect(response.headers.get("access-control-allow-origin")).toBe(
      "https://analysts.example.org",
    );
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("does not echo any other origin", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const response = await preflight(origin);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    }
    const post = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: "{ countries { code } }" }),
    });
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows no origin unless configured", () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });
});

describe("/readyz", () => {
  it("reports a data directory with less room than ATTACHE_MIN_FREE_MB", async () => {
    const full = await startServer(
      db,
      loadConfig({ PORT: "0", ATTACHE_DATA_DIR: dir, ATTACHE_MIN_FREE_MB: "1000000000" }),
      createLogger("silent"),
    );
    try {
      const response = await fetch(`${full.url}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { problems: string[] };
      expect(body.problems.join()).toMatch(/nearly full.*ATTACHE_MIN_FREE_MB/);
      // Anyone may ask: the answer names no path on the server.
      expect(JSON.stringify(body)).not.toContain(dir);
    } finally {
      await full.close();
    }
  });
});

describe("GraphiQL", () => {
  it("is not to be framed by another site", async () => {
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent("{ me { name } }")}`,
      {
        headers: { accept: "text/html" },
      },
    );
    expect(await response.text()).toContain("graphiql");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
  });

  it("renders with no internet: everything it loads comes from this server", async () => {
    const browser = await puppeteer.launch({
      executablePath: resolveChromiumPath(process.env),
      headless: true,
      pipe: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    try {
      const page = await browser.newPage();
      const blocked: string[] = [];
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        const url = request.url();
        if (url.startsWith(server.url) || url.startsWith("blob:") || url.startsWith("data:")) {
          void request.continue();
        } else {
          blocked.push(url);
          void request.abort();
        }
      });
      await page.goto(`${server.url}/graphql`, { waitUntil: "networkidle0" });
      await page.waitForSelector(".graphiql-container", { timeout: 20_000 });
      await page.waitForFunction(
        // The editor (Monaco) spaces words with no-break spaces.
        () =>
          document
            .querySelector(".graphiql-container")
            ?.textContent?.replaceAll("\u00a0", " ")
            .includes("query Dossier"),
        { timeout: 20_000 },
      );
      expect(blocked).toEqual([]);
      // Rendered under the policy above; framed, the browser refuses to show it.
      await page.setContent(`<iframe src="${server.url}/graphql"></iframe>`);
      await page.waitForFunction(() => document.querySelector("iframe"), { timeout: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const framed = page.frames().find((frame) => frame !== page.mainFrame());
      expect(await framed?.$(".graphiql-container")).toBeFalsy();
    } finally {
      await browser.close();
    }
  }, 60_000);
});
