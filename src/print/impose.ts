// Handouts for office printers, made from PDFs the tool already rendered (pages are placed
// as they are with pdf-lib, never re-rendered):
// - duplex: one language on the front of a sheet, another on the back;
// - 2-up: two pages side by side, scaled to A5, on each A4 landscape sheet;
// - booklet: the pages of a booklet in the order a folded, saddle-stitched A5 booklet needs
//   when printed double-sided on A4 landscape (flip on the short edge).
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFEmbeddedPage, type PDFPage } from 'pdf-lib';
import { pageContentBytes, withoutMarkedContent } from '../pdf/index.js';
import { HANDOUT_PURPOSE, PURPOSE_KEY } from './document.js';
import { textDirection } from '../text/index.js';
import { pageSizes } from '../design/index.js';
import { copyDocumentInfo } from './document.js';

const SHEET = { width: pageSizes['A4-landscape'].width, height: pageSizes['A4-landscape'].height };

/** One side of a printed sheet: the page numbers (1-based) on its left and right halves; null is a blank. */
export interface SheetSide {
  left: number | null;
  right: number | null;
}

export interface BookletSheet {
  front: SheetSide;
  back: SheetSide;
}

/** Which edge a booklet is bound on: the left for left-to-right languages, the right for Arabic. */
export type Binding = 'left' | 'right';

/**
 * The imposition of an n-page booklet. Pages are padded with blanks at the end up to a
 * multiple of 4; sheet k (from the outside in) carries, bound on the left, front:
 * last-2k | 1+2k, back: 2+2k | last-1-2k. Bound on the right (a right-to-left booklet) each
 * side is mirrored: the cover is the left half of the outer sheet and pages run right to left.
 */
export function bookletOrder(pageCount: number, binding: Binding = 'left'): BookletSheet[] {
  const total = Math.max(4, Math.ceil(pageCount / 4) * 4);
  const page = (p: number) => (p <= pageCount ? p : null);
  const side = (outer: number | null, inner: number | null): SheetSide => (binding === 'left' ? { left: outer, right: inner } : { left: inner, right: outer });
  const sheets: BookletSheet[] = [];
  for (let k = 0; k < total / 4; k++) {
    sheets.push({
      front: side(page(total - 2 * k), page(1 + 2 * k)),
      back: side(page(2 + 2 * k), page(total - 1 - 2 * k)),
    });
  }
  return sheets;
}

/**
 * The edge a PDF says it binds on: /ViewerPreferences /Direction /R2L (which the tool writes
 * in every right-to-left document), else the direction of its /Lang, else the left.
 */
function bindingOf(doc: PDFDocument): Binding {
  const prefs = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const direction = prefs?.lookupMaybe(PDFName.of('Direction'), PDFName);
  if (direction) return direction === PDFName.of('R2L') ? 'right' : 'left';
  const lang = doc.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText();
  return lang && textDirection(lang.split('-')[0]!.toLowerCase()) === 'rtl' ? 'right' : 'left';
}

/** A source page: a page of one of the input documents. */
interface Source {
  doc: PDFDocument;
  index: number;
}

async function embedAll(out: PDFDocument, sources: (Source | null)[]): Promise<(PDFEmbeddedPage | null)[]> {
  // Embed each page once, at its trim size when it has one (print files), else its page size.
  const cache = new Map<string, PDFEmbeddedPage>();
  const docs: PDFDocument[] = [];
  const result: (PDFEmbeddedPage | null)[] = [];
  for (const s of sources) {
    if (!s) {
      result.push(null);
      continue;
    }
    let d = docs.indexOf(s.doc);
    if (d < 0) d = docs.push(s.doc) - 1;
    const key = `${d}:${s.index}`;
    let e = cache.get(key);
    if (!e) {
      const page = s.doc.getPage(s.index);
      const t = page.getTrimBox();
      e = await out.embedPage(page, { left: t.x, bottom: t.y, right: t.x + t.width, top: t.y + t.height });
      cache.set(key, e);
    }
    result.push(e);
  }
  return result;
}

/** Draws a page scaled to fit (never enlarged beyond 100 %) and centred in a box. */
function place(sheet: PDFPage, page: PDFEmbeddedPage | null, box: { x: number; y: number; width: number; height: number }) {
  if (!page) return;
  const scale = Math.min(box.width / page.width, box.height / page.height, 1);
  const w = page.width * scale;
  const h = page.height * scale;
  sheet.drawPage(page, { x: box.x + (box.width - w) / 2, y: box.y + (box.height - h) / 2, xScale: scale, yScale: scale });
}

/**
 * A handout: the source's title (with what it is), marked as made for printing (a document
 * information entry preflight reads), claiming no accessibility or archival conformance it
 * cannot meet: pages placed on sheets carry no structure tree.
 */
function newDocument(first: PDFDocument, titleSuffix: string) {
  return PDFDocument.create({ updateMetadata: false }).then((doc) => {
    copyDocumentInfo(first, doc, titleSuffix);
    doc.setTitle(doc.getTitle() ?? ''); // makes the information dictionary, if the source had none
    (doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict).set(PDFName.of(PURPOSE_KEY), PDFString.of(HANDOUT_PURPOSE));
    return doc;
  });
}

/**
 * Pages placed on a handout's sheets keep what they draw but not their marked content: its
 * tags pointed into a structure tree the handout does not have (ISO 32000-1, 14.7).
 */
function withoutTags(docs: PDFDocument[]) {
  for (const doc of docs) {
    for (const page of doc.getPages()) {
      page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(withoutMarkedContent(pageContentBytes(page)))));
      page.node.delete(PDFName.of('StructParents'));
    }
  }
}

/** Pages side by side on A4 landscape sheets, two per sheet: [1|2], [3|4]… */
async function sideBySide(first: PDFDocument, pairs: [Source | null, Source | null][], titleSuffix: string): Promise<Uint8Array> {
  const out = await newDocument(first, titleSuffix);
  const embedded = await embedAll(out, pairs.flat());
  const half = SHEET.width / 2;
  for (let k = 0; k < pairs.length; k++) {
    const sheet = out.addPage([SHEET.width, SHEET.height]);
    place(sheet, embedded[2 * k]!, { x: 0, y: 0, width: half, height: SHEET.height });
    place(sheet, embedded[2 * k + 1]!, { x: half, y: 0, width: half, height: SHEET.height });
  }
  return out.save({ useObjectStreams: false });
}

function pagesOf(docs: PDFDocument[]): Source[] {
  return docs.flatMap((doc) => doc.getPageIndices().map((index) => ({ doc, index })));
}

/** Booklet imposition: each sheet gives two A4 landscape pages (front, back), bound on the edge the booklet says. */
export async function imposeBooklet(booklet: PDFDocument): Promise<{ bytes: Uint8Array; sheets: BookletSheet[]; binding: Binding }> {
  withoutTags([booklet]);
  const pages = pagesOf([booklet]);
  const binding = bindingOf(booklet);
  const sheets = bookletOrder(pages.length, binding);
  const at = (p: number | null) => (p === null ? null : pages[p - 1]!);
  const sides: [Source | null, Source | null][] = sheets.flatMap((s) => [
    [at(s.front.left), at(s.front.right)] as [Source | null, Source | null],
    [at(s.back.left), at(s.back.right)] as [Source | null, Source | null],
  ]);
  return { bytes: await sideBySide(booklet, sides, ' (booklet for printing)'), sheets, binding };
}

/** 2-up: the pages of the documents, in order, two per A4 landscape sheet (a blank half at the end if odd). */
export async function twoUp(docs: PDFDocument[], opts: { repeat?: boolean } = {}): Promise<Uint8Array> {
  withoutTags(docs);
  let pages: (Source | null)[] = pagesOf(docs);
  // repeat: each page twice on its own sheet, to cut into two identical handouts.
  if (opts.repeat) pages = pages.flatMap((p) => [p, p]);
  if (pages.length % 2) pages.push(null);
  const pairs: [Source | null, Source | null][] = [];
  for (let k = 0; k < pages.length; k += 2) pairs.push([pages[k]!, pages[k + 1]!]);
  return sideBySide(docs[0]!, pairs, ' (2-up)');
}

/**
 * Duplex: for each action, its front page(s) and back page(s) alternate (front 1, back 1,
 * front 2, back 2…) at their own size, so a double-sided print puts one language on each
 * side of a sheet. A missing side is a blank page, so the next action starts a new sheet.
 */
export async function duplex(pairs: { front: PDFDocument; back: PDFDocument }[]): Promise<Uint8Array> {
  withoutTags([...new Set(pairs.flatMap((p) => [p.front, p.back]))]);
  const out = await newDocument(pairs[0]!.front, pairs.length > 1 ? ' (double-sided handouts)' : '');
  const sources: (Source | null)[] = [];
  for (const { front, back } of pairs) {
    const n = Math.max(front.getPageCount(), back.getPageCount());
    for (let k = 0; k < n; k++) {
      sources.push(k < front.getPageCount() ? { doc: front, index: k } : null);
      sources.push(k < back.getPageCount() ? { doc: back, index: k } : null);
    }
  }
  const embedded = await embedAll(out, sources);
  embedded.forEach((page, k) => {
    const twin = page ?? embedded[k % 2 ? k - 1 : k + 1]!;
    const sheet = out.addPage([twin.width, twin.height]);
    if (page) sheet.drawPage(page, { x: 0, y: 0 });
  });
  return out.save({ useObjectStreams: false });
}
