import type { Page } from "puppeteer";
import type { BrowserPool } from "./browser.ts";

export interface RenderPdfOptions {
  /** Paper size when the HTML declares no CSS `@page { size }` (default A4). */
  format?: "A4" | "Letter";
  /** Overrides the pool's per-job timeout. */
  timeoutMs?: number;
}

/** HTML in, PDF out, in one print. Fonts are the system's (Noto CJK for Chinese); nothing is fetched. */
export function renderPdf(
  pool: BrowserPool,
  html: string,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  return pool.run((page) => printHtml(pool, page, html, options.format), {
    timeoutMs: options.timeoutMs,
  });
}

/** Lays out `html` in a pool's page and prints it; the pool counts the prints. */
async function printHtml(
  pool: BrowserPool,
  page: Page,
  html: string,
  format: "A4" | "Letter" = "A4",
) {
  await page.setContent(html, { waitUntil: "load" });
  pool.countPrint();
  const bytes = await page.pdf({
    format,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: false,
    tagged: true, // structure tree, for screen readers and text extraction
    outline: true, // bookmarks from h1–h6
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
