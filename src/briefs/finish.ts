// After Chromium: where each heading landed (for a table of contents with true page numbers),
// and the document metadata Chromium does not write (author, subject, keywords, dates, language).
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFRef,
  PDFString,
} from "pdf-lib";

export type OutlineEntry = { title: string; page: number; depth: number };

const normalize = (text: string) => text.replace(/\s+/g, " ").trim();
const squeeze = (text: string) => text.replace(/\s+/g, "");

/** The PDF's bookmarks (made by Chromium from h1–h6), flattened in document order. */
export async function readOutline(pdf: Uint8Array): Promise<OutlineEntry[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageIndex = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const entries: OutlineEntry[] = [];
  const walk = (item: PDFDict | undefined, depth: number): void => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      const title = node.lookupMaybe(PDFName.of("Title"), PDFString, PDFHexString);
      const dest = node.lookupMaybe(PDFName.of("Dest"), PDFArray);
      const target = dest?.get(0) as PDFRef | undefined;
      const page = target ? pageIndex.get(target.toString()) : undefined;
      if (title && page !== undefined) {
        entries.push({ title: normalize(title.decodeText()), page, depth });
      }
      walk(node.lookupMaybe(PDFName.of("First"), PDFDict), depth + 1);
    }
  };
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  walk(outlines?.lookupMaybe(PDFName.of("First"), PDFDict), 0);
  return entries;
}

/**
 * The page of each heading, matched in document order by title against the outline.
 * Throws when a heading has no bookmark: a table of contents must not guess.
 */
export function pagesOfHeadings(
  headings: readonly { id: string; title: string }[],
  outline: readonly OutlineEntry[],
): Record<string, number> {
  const pages: Record<string, number> = {};
  let from = 0;
  for (const heading of headings) {
    // Chromium's bookmark text drops the space at a line wrap, and repeats a heading's text when
    // its box is fragmented (e.g. at a forced page break): compare without white space, by prefix.
    const title = squeeze(heading.title);
    const at = outline.findIndex((entry, i) => i >= from && squeeze(entry.title).startsWith(title));
    if (at < 0) throw new Error(`heading "${heading.title}" has no bookmark in the PDF`);
    pages[heading.id] = (outline[at] as OutlineEntry).page;
    from = at + 1;
  }
  return pages;
}

export type PdfMetadata = {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  language: string;
  created: Date;
};

export async function withMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.language);
  doc.setCreator("Attaché");
  doc.setProducer("Attaché (Chromium, pdf-lib)");
  doc.setCreationDate(meta.created);
  doc.setModificationDate(meta.created);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
