import type { Page } from "puppeteer";
import type { BrowserPool, RunOptions } from "./browser.ts";

export interface RenderPdfOptions {
  /** Paper size when the HTML declares no CSS `@page { size }` (default A4). */
  format?: "A4" | "Letter";
  /** Overrides the pool's per-job timeout. */
  timeoutMs?: number;
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
}

/** HTML in, PDF out. Fonts are the system's (Noto CJK for Chinese); nothing is fetched. */
export async function renderPdf(
  pool: BrowserPool,
  html: string,
  options: RenderPdfOptions = {},
): Promise<RenderedPdf> {
  const runOptions: RunOptions = { timeoutMs: options.timeoutMs };
  const pdf = await pool.run((page) => printHtml(page, html, options.format), runOptions);
  return { pdf, pages: pdfPageCount(pdf) };
}

/** Lays out `html` in a pool's page and prints it; for jobs that print more than once. */
export async function printHtml(page: Page, html: string, format: "A4" | "Letter" = "A4") {
  await page.setContent(html, { waitUntil: "load" });
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

/**
 * Page count from the root page-tree node's /Count, found through the cross-reference table
 * (trailer /Root → catalog /Pages), so text that merely looks like PDF syntax cannot fool it.
 * Chromium (Skia) writes classic xref tables; anything else fails loudly rather than guessing.
 */
export function pdfPageCount(pdf: Buffer): number {
  const tail = pdf.toString("latin1", Math.max(0, pdf.length - 1024));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) throw new Error("Not a PDF: no startxref at the end");
  const xref = pdf.toString("latin1", Number(startxref[1]));
  const trailerAt = xref.indexOf("trailer");
  if (!xref.startsWith("xref") || trailerAt < 0) {
    throw new Error("Unsupported PDF: no classic cross-reference table");
  }

  const offsets = new Map<number, number>();
  const tokens = xref.slice("xref".length, trailerAt).trim().split(/\s+/);
  for (let i = 0; i < tokens.length; ) {
    const first = Number(tokens[i]);
    const count = Number(tokens[i + 1]);
    i += 2;
    for (let n = 0; n < count; n++, i += 3) {
      if (tokens[i + 2] === "n") offsets.set(first + n, Number(tokens[i]));
    }
  }

  const object = (num: number): string => {
    const start = offsets.get(num) ?? -1;
    const end = start < 0 ? -1 : pdf.indexOf("endobj", start, "latin1");
    const text = end < 0 ? "" : pdf.toString("latin1", start, end);
    if (!text.startsWith(`${num} `)) throw new Error(`Malformed PDF: object ${num} not found`);
    return text;
  };
  const reference = (dict: string, key: string): number => {
    const match = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
    if (!match) throw new Error(`Malformed PDF: no /${key} reference`);
    return Number(match[1]);
  };

  const pages = object(reference(object(reference(xref.slice(trailerAt), "Root")), "Pages"));
  const count = /\/Count\s+(\d+)/.exec(pages);
  if (!count) throw new Error("Malformed PDF: page tree without /Count");
  return Number(count[1]);
}
