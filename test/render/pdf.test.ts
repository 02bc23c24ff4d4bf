import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { BrowserPool, resolveChromiumPath } from "../../src/render/browser.ts";
import { renderPdf } from "../../src/render/pdf.ts";
import { pdfInfo, pdfOutline, pdfPages, pdfText } from "../support/pdf-text.ts";

const pool = new BrowserPool({ executablePath: resolveChromiumPath(process.env), concurrency: 2 });
afterAll(() => pool.close());

const NAME = "热恩别克·库鲁巴耶夫";
const TITLE = "《中吉外交部2026—2027年合作纲要》";

function doc(body: string, style = ""): string {
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>Briefing</title>
<style>body { font-family: "Noto Sans CJK SC", sans-serif; } ${style}</style></head>
<body>${body}</body></html>`;
}

const threePages = doc(
  `<section>Page one</section><section>Page two</section><section>Page three</section>`,
  `section { break-after: page; } section:last-child { break-after: auto; }
   @page { margin: 20mm; @bottom-center { content: counter(page) " / " counter(pages); } }`,
);

describe("renderPdf", () => {
  it("keeps English and Chinese text intact", async () => {
    const pdf = await renderPdf(
      pool,
      doc(`<p>Meeting with Foreign Minister ${NAME}</p><p>Signed: ${TITLE}</p>`),
    );
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await pdfInfo(pdf)).Pages).toBe("1");
    const text = await pdfText(pdf);
    expect(text).toContain("Meeting with Foreign Minister");
    expect(text).toContain(NAME);
    expect(text).toContain(TITLE);
  });

  it("numbers pages in @page margin boxes, and counts one print per PDF", async () => {
    const before = pool.stats().prints;
    const pdf = await renderPdf(pool, threePages);
    expect(pool.stats().prints - before).toBe(1);
    expect((await pdfInfo(pdf)).Pages).toBe("3");
    const texts = await pdfPages(pdf);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain("Page one");
    expect(texts[2]).toContain("Page three");
    // pdftotext drops the narrow spaces around the slash; the glyphs themselves are all there.
    expect(texts[0]).toMatch(/\b1 ?\/ ?3\b/);
    expect(texts[2]).toMatch(/\b3 ?\/ ?3\b/);
  });

  it("uses the requested paper size unless the CSS sets one", async () => {
    const a4 = await renderPdf(pool, doc("<p>A4</p>"), { format: "A4" });
    const letter = await renderPdf(pool, doc("<p>Letter</p>"), { format: "Letter" });
    const css = await renderPdf(pool, doc("<p>A5</p>", "@page { size: A5; }"), {
      format: "Letter",
    });
    expect((await pdfInfo(a4))["Page size"]).toMatch(/\(A4\)/);
    expect((await pdfInfo(letter))["Page size"]).toMatch(/\(letter\)/);
    expect((await pdfInfo(css))["Page size"]).toMatch(/\(A5\)/);
  });

  it("writes a tagged PDF with bookmarks from the headings", async () => {
    const pdf = await renderPdf(
      pool,
      doc(
        `<h1>Overview</h1><p>x</p><h2>${TITLE}</h2><p>y</p>
         <h1 style="break-before: page">Talking points &amp; asks</h1><p>z</p>`,
      ),
    );
    expect((await pdfInfo(pdf)).Tagged).toBe("yes");
    expect(await pdfOutline(pdf)).toEqual([
      { title: "Overview", page: 1, depth: 0 },
      { title: TITLE, page: 1, depth: 1 },
      { title: "Talking points & asks", page: 2, depth: 0 },
    ]);
  });

  it("loads nothing from the network or disk and runs no scripts", async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? "");
      res.end("body { color: red }");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const blockedBefore = pool.stats().blockedRequests;
    try {
      const pdf = await renderPdf(
        pool,
        `<!doctype html><html><head>
         <link rel="stylesheet" href="${origin}/s.css">
         <style>@import url(${origin}/i.css); body { background: url(${origin}/b); }</style>
         </head><body>
         <p id="t">original text</p>
         <img src="${origin}/x"><iframe src="file:///etc/passwd"></iframe>
         <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
         <script>document.getElementById("t").textContent = "script ran";</script>
         </body></html>`,
      );
      const text = await pdfText(pdf);
      expect(text).toContain("original text");
      expect(text).not.toContain("script ran");
      expect(text).not.toContain("root:");
      expect(seen).toEqual([]);
      expect(pool.stats().blockedRequests - blockedBefore).toBeGreaterThanOrEqual(4);
    } finally {
      server.close();
    }
  });
});
