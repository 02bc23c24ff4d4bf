// Briefs over the API: the mutation, queries, the SSE subscription and the file routes, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "../../src/auth/keys.ts";
import { BriefService } from "../../src/briefs/service.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { briefs } from "../../src/db/schema.ts";
import { createBriefLinks } from "../../src/http/brief-links.ts";
import { createLogger } from "../../src/log.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { insertBriefRow } from "../support/briefs.ts";
import { createTestDb } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";
import { pdfText } from "../support/pdf-text.ts";

const secret = "a-test-secret-of-at-least-32-characters";
let server: RunningServer;
let token = "";
let viewer = "";
let revoked = "";
let db: Db;
let pool: BrowserPool;
let service: BriefService;

beforeAll(async () => {
  const test = createTestDb();
  db = test.db;
  const dir = test.dir;
  pool = new BrowserPool();
  service = new BriefService({ db, dataDir: dir, pool });
  const config = loadConfig({
    PORT: "0",
    ATTACHE_DATA_DIR: dir,
    ATTACHE_PUBLIC_URL: "http://example.test",
    ATTACHE_LINK_SECRET: secret,
  });
  server = await startServer(db, config, createLogger("silent"), { briefs: service });
  token = await testKey(db, "editor");
  viewer = await testKey(db, "viewer");
  revoked = await testKey(db, "viewer", "gone");
  await revokeApiKey(db, "gone", "test");
});
afterAll(async () => {
  await server.close();
  await service.idle();
  await pool.close();
});

async function gql<T>(
  query: string,
  variables?: object,
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}

type Brief = {
  id: string;
  status: string;
  fileName: string;
  downloadUrl: string | null;
  pages: number | null;
  sha256: string | null;
  between: string[];
  timings: { pdf: number } | null;
};
const fields = "id status fileName downloadUrl pages sha256 between timings { pdf }";

describe("generateBrief", () => {
  let brief: Brief;
  beforeAll(async () => {
    const { data, errors } = await gql<{ generateBrief: Brief }>(
      `mutation ($input: GenerateBriefInput!) { generateBrief(input: $input) { ${fields} } }`,
      { input: { between: ["KG", "CN"], asOf: "2025-11-24", locale: "ZH", waitMs: 60000 } },
    );
    expect(errors).toBeUndefined();
    brief = data?.generateBrief as Brief;
  }, 120_000);

  it("returns the finished brief with a download link and a meaningful file name", () => {
    expect(brief).toMatchObject({
      status: "DONE",
      fileName: "CN-KG-briefing-note-2025-11-24-zh.pdf",
      between: ["CN", "KG"],
    });
    // A signed link: a random public id (not the row's integer id), an expiry and a signature.
    expect(brief.downloadUrl).toMatch(
      /^http:\/\/example\.test\/briefs\/[A-Za-z0-9_-]{22}\.pdf\?expires=\d+&signature=[A-Za-z0-9_-]+$/,
    );
    expect(brief.timings?.pdf).toBeGreaterThan(0);
  });

  it("makes one weekly summary of every relationship of a country; refuses an empty list", async () => {
    const { data, errors } = await gql<{ generateBrief: Brief & { countries: string[] } }>(
      `mutation WeeklySummaryOfCountry($input: GenerateBriefInput!) {
        generateBrief(input: $input) { status fileName between relationships countries pages }
      }`,
      {
        input: {
          template: "WEEKLY_SUMMARY",
          countries: ["kg"],
          period: { from: "2025-11-17", to: "2025-11-23" },
          waitMs: 60000,
        },
      },
    );
    expect(errors).toBeUndefined();
    expect(data?.generateBrief).toMatchObject({
      status: "DONE",
      fileName: "KG-weekly-summary-2025-11-23-en.pdf",
      between: null,
      relationships: [],
      countries: ["KG"],
    });
    const refused = await gql(
      `mutation { generateBrief(input: { template: WEEKLY_SUMMARY, relationships: [] }) { id } }`,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.relationships",
    });
  }, 120_000);

  it("serves the PDF with its name, ETag and caching headers, and 304 on a match", async () => {
    const { pathname, search } = new URL(brief.downloadUrl as string);
    const path = `${pathname}${search}`;
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain(brief.fileName);
    expect(response.headers.get("etag")).toBe(`"${brief.sha256}"`);
    expect(response.headers.get("cache-control")).toContain("max-age");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(await pdfText(pdf)).toContain("热恩别克·库鲁巴耶夫");
    const again = await fetch(`${server.url}${path}`, {
      headers: { "if-none-match": `"${brief.sha256}"` },
    });
    expect(again.status).toBe(304);
  });

  it("serves the HTML preview under a policy that runs and fetches nothing", async () => {
    const { pathname, search } = new URL(brief.downloadUrl as string);
    const response = await fetch(`${server.url}${pathname.replace(".pdf", ".html")}${search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    // …and is shown in no other site's frame
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(await response.text()).toContain("<html");
  });

  it("finds it again by id and in the list", async () => {
    const { data } = await gql<{
      brief: Brief;
      briefs: { totalCount: number; nodes: { id: string }[] };
    }>(
      `query ($id: ID!) { brief(id: $id) { ${fields} } briefs(first: 5, status: DONE) { totalCount nodes { id } } }`,
      { id: brief.id },
    );
    expect(data?.brief.sha256).toBe(brief.sha256);
    expect(data?.briefs.nodes.map((n) => n.id)).toContain(brief.id);
  });

  it("lists the templates", async () => {
    const { data } = await gql<{ templates: { name: string }[] }>(
      `{ templates { name description parameters } }`,
    );
    expect(data?.templates.map((t) => t.name).sort()).toEqual([
      "briefing-note",
      "dossier",
      "event-brief",
      "weekly-summary",
    ]);
  });

  it.each([
    [{ between: ["CN", "XX"] }, "input.between"],
    [{ between: ["CN", "KG"], period: { from: "2025-12-01", to: "2025-11-01" } }, "input.period"],
    [{ between: ["CN", "KG"], template: "EVENT_BRIEF" }, "input.event"],
  ])("refuses %j with BAD_USER_INPUT on %s", async (input, argumentName) => {
    const { errors } = await gql(
      `mutation ($input: GenerateBriefInput!) { generateBrief(input: $input) { id } }`,
      { input },
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
  });

  it("404s an unknown brief file", async () => {
    expect((await fetch(`${server.url}/briefs/99999.pdf`)).status).toBe(404);
  });

  describe("who may fetch the files", () => {
    const plain = () => `${server.url}${new URL(brief.downloadUrl as string).pathname}`;
    const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

    it("a viewer key may; no key, a revoked key or a garbage key get the 404 of an unknown brief", async () => {
      expect((await fetch(plain(), bearer(viewer))).status).toBe(200);
      for (const init of [{}, bearer(revoked), bearer("att_garbage"), bearer(`${viewer}x`)]) {
        const response = await fetch(plain(), init);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: "no such brief" });
      }
    });

    it("a signed link opens without a key until it expires; a tampered or expired one is a 404", async () => {
      const signed = new URL(brief.downloadUrl as string);
      const at = (url: URL) => `${server.url}${url.pathname}${url.search}`;
      expect((await fetch(at(signed))).status).toBe(200);
      const later = new URL(signed);
      later.searchParams.set("expires", String(Number(signed.searchParams.get("expires")) + 3600));
      const other = new URL(signed);
      other.pathname = other.pathname.replace(/[A-Za-z0-9_-]{22}/, "A".repeat(22));
      const publicId = /([A-Za-z0-9_-]{22})\.pdf/.exec(signed.pathname)?.[1] as string;
      const expired = createBriefLinks({
        publicUrl: "http://example.test",
        secret,
        lifetimeMs: 60_000,
        clock: () => new Date(Date.now() - 120_000),
      }).signed(publicId, "pdf");
      const foreign = createBriefLinks({
        publicUrl: "http://example.test",
        secret: "another-secret-of-at-least-32-characters",
        lifetimeMs: 60_000,
      }).signed(publicId, "pdf");
      for (const url of [later, other, new URL(expired), new URL(foreign)]) {
        expect((await fetch(at(url))).status, url.href).toBe(404);
      }
    });

    it("the integer id does not name a file", async () => {
      const id = db.select({ id: briefs.id }).from(briefs).get()?.id;
      expect((await fetch(`${server.url}/briefs/${id}.pdf`, bearer(viewer))).status).toBe(404);
    });

    it("an unfinished brief answers like an unknown one, even to a reader", async () => {
      const queued = insertBriefRow(db, "rendering");
      const response = await fetch(`${server.url}/briefs/${queued.publicId}.pdf`, bearer(viewer));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "no such brief" });
    });

    it("serves byte ranges and honours If-None-Match and If-Range", async () => {
      const part = await fetch(plain(), {
        headers: { authorization: `Bearer ${viewer}`, range: "bytes=0-4" },
      });
      expect(part.status).toBe(206);
      expect(part.headers.get("content-range")).toMatch(/^bytes 0-4\/\d+$/);
      expect(await part.text()).toBe("%PDF-");
      const stale = await fetch(plain(), {
        headers: { authorization: `Bearer ${viewer}`, range: "bytes=0-4", "if-range": '"old"' },
      });
      expect(stale.status).toBe(200);
      const unsatisfiable = await fetch(plain(), {
        headers: { authorization: `Bearer ${viewer}`, range: "bytes=99999999-" },
      });
      expect(unsatisfiable.status).toBe(416);
      const cached = await fetch(plain(), {
        headers: { authorization: `Bearer ${viewer}`, "if-none-match": `W/"x", "${brief.sha256}"` },
      });
      expect(cached.status).toBe(304);
    });
  });
});

describe("briefUpdated over SSE", () => {
  it("streams the brief's states until it is done", async () => {
    const { data } = await gql<{ generateBrief: Brief }>(
      `mutation { generateBrief(input: { between: ["CN", "KG"], asOf: "2025-11-24", template: EVENT_BRIEF, event: "2025-11-19-wang-yi-visits-kyrgyzstan", force: true, waitMs: 0 }) { id status } }`,
    );
    const id = data?.generateBrief.id as string;
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        query: `subscription ($id: ID!) { briefUpdated(id: $id) { id status pages } }`,
        variables: { id },
      }),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text(); // the stream ends after a final state
    const states = [...text.matchAll(/"status":"(\w+)"/g)].map((m) => m[1]);
    expect(states.at(-1)).toBe("DONE");
    expect(new Set(states).size).toBe(states.length); // each state once
  }, 60_000);
});
