import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

// Reads PDFs with poppler-utils (pdftotext, pdfinfo, pdftohtml), which work on files, not stdin.

const run = promisify(execFile);

async function withPdfFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "attache-pdf-"));
  const file = path.join(dir, "doc.pdf");
  try {
    await writeFile(file, pdf);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function poppler(tool: string, args: string[]): Promise<string> {
  const { stdout } = await run(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface PdfTextOptions {
  /** Keep the physical layout (pdftotext -layout). */
  layout?: boolean;
  firstPage?: number;
  lastPage?: number;
}

/** The PDF's text as pdftotext extracts it (UTF-8; pages end with a form feed). */
export function pdfText(pdf: Buffer, opts: PdfTextOptions = {}): Promise<string> {
  const args = ["-enc", "UTF-8"];
  if (opts.layout) args.push("-layout");
  if (opts.firstPage !== undefined) args.push("-f", String(opts.firstPage));
  if (opts.lastPage !== undefined) args.push("-l", String(opts.lastPage));
  return withPdfFile(pdf, (file) => poppler("pdftotext", [...args, file, "-"]));
}

/** Text of each page, in order. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pages = (await pdfText(pdf)).split("\f");
  pages.pop(); // pdftotext ends every page, the last one included, with \f
  return pages;
}

/** Page text without the running header and footer lines (banner, reference, n / N). */
export function bodyLines(page: string): string[] {
  return page
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/UNCLASSIFIED|非密|AT-[A-Z+]+-|\d+\s*\/\s*\d+$/.test(l));
}

/** Sentences of 30 characters or more printed more than once (line breaks joined). */
export function repeated(pages: string[]): string[] {
  const text = pages
    .flatMap(bodyLines)
    .join(" ")
    .replace(/\[\d+(, \d+)*\]/g, "");
  const sentences = text
    .split(/(?<=[.。;；])\s*/u)
    .map((s) => s.trim())
    .filter((s) => [...s].length >= 30);
  return [...new Set(sentences.filter((s, i) => sentences.indexOf(s) !== i))];
}

/** `pdfinfo` fields, e.g. { Pages: "3", "Page size": "595.276 x 841.89 pts (A4)", Tagged: "yes" }. */
export function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withPdfFile(pdf, async (file) => {
    const info: Record<string, string> = {};
    for (const line of (await poppler("pdfinfo", [file])).split("\n")) {
      const match = /^([^:]+):\s*(.*)$/.exec(line);
      if (match?.[1] && match[2] !== undefined) info[match[1]] = match[2].trim();
    }
    return info;
  });
}

export interface OutlineEntry {
  title: string;
  /** 1-based page the bookmark points to. */
  page: number;
  /** 0 for top-level bookmarks. */
  depth: number;
}

const XML_ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
};

/** The PDF's bookmarks (document outline), flattened in order, via `pdftohtml -xml`. */
export function pdfOutline(pdf: Buffer): Promise<OutlineEntry[]> {
  return withPdfFile(pdf, async (file) => {
    const xml = await poppler("pdftohtml", ["-xml", "-i", "-q", "-stdout", file]);
    const entries: OutlineEntry[] = [];
    let depth = -1;
    for (const tag of xml.matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
      if (tag[0] === "<outline>") depth++;
      else if (tag[0] === "</outline>") depth--;
      else {
        const title = (tag[2] ?? "").replace(
          /&(?:amp|lt|gt|quot|apos);/g,
          (e) => XML_ENTITIES[e] ?? e,
        );
        entries.push({ title, page: Number(tag[1]), depth });
      }
    }
    return entries;
  });
}

// Running headers and footers: banner, reference, page n / N, the date, the short title.
const MARGIN_LINES = [
  /^(UNCLASSIFIED|OFFICIAL|RESTRICTED|CONFIDENTIAL|SECRET|非密)$/,
  /^AT-[A-Z0-9+]+-[A-Z]{2}-\d{8}-[0-9A-F]{4}$/,
  /^\d+\s*\/\s*\d+$/,
  /^\d{1,2} [A-Z][a-z]+ \d{4}$|^\d{4}年\d{1,2}月\d{1,2}日$/,
  /· (Briefing note|Dossier|Event brief|(Weekly|Daily|Monthly) summary)$|·(简报|资料汇编|活动简报|周报|日报|月报)$/,
];
const squeeze = (text: string) => text.replace(/\s+/g, "");

/** A page's body, line by line, without its running header and footer. */
export function pageBody(page: string): string[] {
  return page
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !MARGIN_LINES.some((m) => m.test(l)));
}

/**
 * What breaks the print rules of a brief: a page ending with a heading or a table's header row,
 * a short table split (its header repeated over a row or two), a last page holding only the tail
 * of the sources (the Sources heading is not on it), and a date of the title broken across lines.
 * Empty when the layout is sound.
 */
export async function layoutFaults(
  pdf: Buffer,
  /** `tableHeads`: the last header cell of each table short enough to be printed whole. */
  rules: { sources: string; tableHeads?: string[]; titleDate?: string },
): Promise<string[]> {
  const pages = (await pdfPages(pdf)).map(pageBody);
  const outline = await pdfOutline(pdf);
  const headings = new Set(outline.map((o) => squeeze(o.title)));
  const heads = new Set((rules.tableHeads ?? []).map(squeeze));
  const faults: string[] = [];
  for (const [i, lines] of pages.entries()) {
    const last = squeeze(lines.at(-1) ?? "");
    if (headings.has(last)) faults.push(`page ${i + 1} ends with the heading ${last}`);
    if (heads.has(last)) faults.push(`page ${i + 1} ends with a table header (${last})`);
  }
  for (const head of heads) {
    const on = pages.filter((lines) => lines.some((l) => squeeze(l) === head)).length;
    if (on > 1) faults.push(`a short table (${head}) is split across ${on} pages`);
  }
  const sources = outline.find((o) => o.title === rules.sources);
  if (sources && sources.page !== pages.length) {
    faults.push(`the sources begin on page ${sources.page} of ${pages.length}`);
  }
  if (rules.titleDate && !(pages[0] ?? []).some((l) => l.includes(rules.titleDate as string))) {
    faults.push(`the title's date "${rules.titleDate}" is not on one line`);
  }
  return faults;
}
