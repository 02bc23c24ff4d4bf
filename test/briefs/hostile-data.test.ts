// Stored text is data, never markup or a URL to fetch: hostile titles and summaries render as
// text in both locales, and a listener on loopback receives nothing.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BriefService } from "../../src/briefs/service.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb } from "../support/db.ts";
import { pdfText } from "../support/pdf-text.ts";

let server: http.Server;
const requests: string[] = [];
let port = 0;
let pool: BrowserPool;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end("x");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  pool = new BrowserPool();
});
afterAll(async () => {
  await pool.close();
  await new Promise((resolve) => server.close(resolve));
});

it("renders hostile stored text as text, fetching nothing", async () => {
  const { db, dir } = createTestDb();
  const base = `http://127.0.0.1:${port}`;
  const title = `<img src=${base}/img><link rel=stylesheet href=${base}/css.css><script>document.title='pwned'</script>`;
  const summary = `</style><style>@import url(${base}/import.css); body{background:url(${base}/bg)}</style><iframe src="file:///etc/passwd"></iframe><a href="javascript:alert(1)">x</a>{{constructor}}`;
  db.$client
    .prepare("UPDATE events SET title_en = ?, title_zh = ? WHERE key = ?")
    .run(title, title, "2025-11-19-first-strategic-dialogue");
  db.$client
    .prepare("UPDATE statements SET text_en = ?, text_zh = ? WHERE key = ?")
    .run(summary, summary, "kg-supports-china-core-interests-2025-11-19");
  const service = new BriefService({
    db,
    dataDir: dir,
    pool,
    clock: () => new Date("2025-11-24T00:00:00Z"),
  });
  for (const locale of ["en", "zh"] as const) {
    const row = await service.generate(
      { between: ["CN", "KG"], asOf: "2025-11-24", locale, template: "dossier" },
      { waitMs: 60_000 },
    );
    expect(row.status, row.error ?? "").toBe("done");
    const pdf = fs.readFileSync(service.filePath(row.file as string));
    const text = (await pdfText(pdf)).replace(/\s+/g, "");
    expect(text).toContain("<script>document.title='pwned'</script>".replace(/\s+/g, ""));
    expect(text).toContain(`@import url(${base}/import.css)`.replace(/\s+/g, ""));
    const html = fs.readFileSync(
      service.filePath((row.file as string).replace(/\.pdf$/, ".html")),
      "utf8",
    );
    expect(html).not.toContain("<script>document.title");
    expect(html).not.toContain("<img src=");
    expect(html).toContain("&lt;script&gt;");
  }
  expect(requests).toEqual([]);
  expect(pool.stats().blockedRequests).toBe(0); // nothing was even attempted: it is all text
});
