// After Chromium's one print, one PDF-library load: where each heading landed (Chromium writes a
// named destination per element id a link points to), the table of contents' page numbers drawn
// into the slots it reserved (at the rectangles Chromium gives their links), the document
// metadata Chromium does not write, and the page count.
import {
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFPage,
  type PDFRef,
  rgb,
  StandardFonts,
} from "@cantoo/pdf-lib";

export type PdfMetadata = {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  language: string;
  created: Date;
};

export type FinishOptions = {
  metadata: PdfMetadata;
  /** Ids whose page numbers go into the contents' slots (links with class toc-page). */
  contents?: readonly string[];
  /** Size of the contents' digits, in points. */
  contentsFontSize?: number;
};

export type FinishedPdf = {
  pdf: Buffer;
  pages: number;
  /** Heading id → 1-based page, for the contents' ids. */
  contents: Record<string, number>;
};

export async function finishPdf(input: Uint8Array, options: FinishOptions): Promise<FinishedPdf> {
  // An incremental update: Chromium's bytes stay as they are, the changes are appended, so
  // neither loading (no eager parse of the font streams) nor saving costs a rewrite.
  const doc = await PDFDocument.load(input, {
    updateMetadata: false,
    forIncrementalUpdate: true,
    parseSpeed: ParseSpeeds.Fastest,
  });
  const pages = doc.getPages();
  const contents: Record<string, number> = {};
  const wanted = new Set(options.contents ?? []);
  if (wanted.size > 0) {
    const pageOf = destinations(doc, pages);
    for (const id of wanted) {
      const page = pageOf.get(id);
      if (page === undefined)
        throw new Error(
          `a section the contents list (#${id}) did not reach the printed PDF, so its page is unknown`,
        );
      contents[id] = page;
    }
    await drawContentsNumbers(doc, pages, contents, options.contentsFontSize ?? 10);
  }
  const meta = options.metadata;
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.language);
  doc.setCreator("Attaché");
  doc.setProducer("Attaché (Chromium, pdf-lib)");
  doc.setCreationDate(meta.created);
  doc.setModificationDate(meta.created);
  const pdf = Buffer.from(await doc.commit({ useObjectStreams: false }));
  return { pdf, pages: pages.length, contents };
}

/** Named destination → 1-based page, from the catalog's /Dests (Chromium's form). */
function destinations(doc: PDFDocument, pages: PDFPage[]): Map<string, number> {
  const index = new Map(pages.map((page, i) => [page.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const array = doc.context.lookupMaybe(value, PDFArray);
    const target = array?.get(0) as PDFRef | undefined;
    const page = target ? index.get(target.toString()) : undefined;
    if (page !== undefined) out.set(decodeName(name.asString()), page);
  }
  return out;
}

/** "/sec-x" → "sec-x", with #xx escapes decoded. */
const decodeName = (name: string) =>
  decodeURIComponent(name.slice(1).replace(/#([0-9a-fA-F]{2})/g, "%$1"));

/**
 * Draws each number right-aligned in the rightmost link to its heading on the page that holds
 * it: the slot the contents reserved (a fixed-width link at the end of each line).
 */
async function drawContentsNumbers(
  doc: PDFDocument,
  pages: PDFPage[],
  numbers: Record<string, number>,
  size: number,
): Promise<void> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const slots = new Map<string, { page: PDFPage; rect: number[] }>();
  for (const page of pages) {
    const annots = page.node.Annots();
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = doc.context.lookupMaybe(annots?.get(i), PDFDict);
      const dest = annot?.get(PDFName.of("Dest"));
      if (!(dest instanceof PDFName)) continue;
      const id = decodeName(dest.asString());
      if (!(id in numbers)) continue;
      const rect = annot
        ?.lookupMaybe(PDFName.of("Rect"), PDFArray)
        ?.asArray()
        .map((n) => Number(n.toString()));
      if (rect?.length !== 4) continue;
      const known = slots.get(id);
      if (!known || (rect[2] as number) >= (known.rect[2] as number)) slots.set(id, { page, rect });
    }
  }
  for (const [id, n] of Object.entries(numbers)) {
    const slot = slots.get(id);
    if (!slot) throw new Error(`the contents have no slot for #${id}`);
    const [, y1, x2, y2] = slot.rect as [number, number, number, number];
    const text = String(n);
    const width = font.widthOfTextAtSize(text, size);
    const height = font.heightAtSize(size, { descender: false });
    slot.page.drawText(text, {
      x: x2 - width,
      y: y1 + (y2 - y1 - height) / 2,
      size,
      font,
      color: rgb(0, 0, 0),
    });
  }
}
