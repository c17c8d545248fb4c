// Print-shop output: each rendered page placed, unchanged, on a larger sheet with bleed and
// crop marks, and the page boxes a print shop's software reads (MediaBox, BleedBox, TrimBox).
// React-PDF cannot draw outside the page, so backgrounds that touch the page edge (the
// card's header band, any full-bleed colour) are extended into the bleed here: the page's
// content stream is read, and every filled rectangle that touches an edge is painted again,
// in its own colour, over the bleed strip beyond that edge.
import { PDFDocument, cmyk, grayscale, rgb, type Color, type PDFPage } from 'pdf-lib';
import { readPage, type Colour } from '../pdf/index.js';
import { copyDocumentInfo } from './document.js';

export const MM = 72 / 25.4;
export const DEFAULT_BLEED_MM = 3;
/** Crop marks: they start this far outside the bleed, are this long, and this thick. */
const MARK_GAP_MM = 1;
const MARK_LENGTH_MM = 5;
const MARK_WIDTH_PT = 0.25;
/** Paper left around the marks. */
const SLUG_MM = 2;
/** A rectangle closer than this to an edge touches it (rounding in the renderer). */
const EDGE_PT = 0.5;

export interface PrintOptions {
  bleedMm?: number;
}

export interface PrintPage {
  /** Trim size in points. */
  width: number;
  height: number;
  /** Backgrounds extended into the bleed. */
  extended: number;
}

export interface PrintResult {
  bytes: Uint8Array;
  pages: PrintPage[];
  /** Things the print shop or designer should know, one line each. */
  notes: string[];
}

/** Distance from the trim edge to the paper edge. */
export function marginFor(bleedMm: number): number {
  return (bleedMm + MARK_GAP_MM + MARK_LENGTH_MM + SLUG_MM) * MM;
}

export async function printReady(pdf: Uint8Array, opts: PrintOptions = {}): Promise<PrintResult> {
  const bleedMm = opts.bleedMm ?? DEFAULT_BLEED_MM;
  const bleed = bleedMm * MM;
  const margin = marginFor(bleedMm);
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const doc = await PDFDocument.create({ updateMetadata: false });
  copyDocumentInfo(source, doc);

  const notes: string[] = [];
  const pages: PrintPage[] = [];
  const sourcePages = source.getPages();
  // A page that already has a TrimBox (e.g. a file that went through this step) is cut to it.
  const trims = sourcePages.map((p) => p.getTrimBox());
  const embedded = await doc.embedPages(sourcePages, trims.map((t) => ({ left: t.x, bottom: t.y, right: t.x + t.width, top: t.y + t.height })));

  sourcePages.forEach((sourcePage, index) => {
    const trim = trims[index]!;
    const { width, height } = trim;
    const page = doc.addPage([width + 2 * margin, height + 2 * margin]);
    const drawing = readPage(sourcePage);

    // 1. Bleed: edge-touching backgrounds continued beyond the trim, in painting order.
    let extended = 0;
    for (const rect of drawing.rects) {
      const r = { x0: rect.x0 - trim.x, y0: rect.y0 - trim.y, x1: rect.x1 - trim.x, y1: rect.y1 - trim.y };
      const touches = { left: r.x0 <= EDGE_PT, bottom: r.y0 <= EDGE_PT, right: r.x1 >= width - EDGE_PT, top: r.y1 >= height - EDGE_PT };
      if (!touches.left && !touches.bottom && !touches.right && !touches.top) continue;
      const colour = pdfLibColour(rect.colour);
      if (!colour) {
        notes.push(`page ${index + 1}: a background in a ${rect.colour.space} colour touches the edge and was not extended into the bleed`);
        continue;
      }
      // The rectangle grown over every edge it touches, then only its parts outside the trim.
      const g = { x0: touches.left ? -bleed : Math.max(r.x0, 0), y0: touches.bottom ? -bleed : Math.max(r.y0, 0), x1: touches.right ? width + bleed : Math.min(r.x1, width), y1: touches.top ? height + bleed : Math.min(r.y1, height) };
      for (const strip of outsideTrim(g, width, height)) {
        page.drawRectangle({ x: margin + strip.x0, y: margin + strip.y0, width: strip.x1 - strip.x0, height: strip.y1 - strip.y0, color: colour, opacity: rect.opacity < 1 ? rect.opacity : undefined });
      }
      extended++;
    }
    for (const img of drawing.images) {
      const touches = img.x0 - trim.x <= EDGE_PT || img.y0 - trim.y <= EDGE_PT || img.x1 - trim.x >= width - EDGE_PT || img.y1 - trim.y >= height - EDGE_PT;
      if (touches) notes.push(`page ${index + 1}: an image touches the page edge; images cannot be extended into the bleed, so give it bleed in the design or keep it off the edge`);
    }

    // 2. The page itself, unchanged, at trim size in the middle.
    page.drawPage(embedded[index]!, { x: margin, y: margin });

    // 3. Crop marks in the slug, in pure black (K only after conversion to CMYK).
    drawCropMarks(page, margin, width, height, bleed);

    page.setMediaBox(0, 0, width + 2 * margin, height + 2 * margin);
    page.setBleedBox(margin - bleed, margin - bleed, width + 2 * bleed, height + 2 * bleed);
    page.setTrimBox(margin, margin, width, height);
    pages.push({ width, height, extended });
  });

  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pages, notes };
}

/** The parts of rectangle g (trim coordinates) that lie outside the trim [0,w]×[0,h]. */
function outsideTrim(g: { x0: number; y0: number; x1: number; y1: number }, w: number, h: number) {
  const strips: { x0: number; y0: number; x1: number; y1: number }[] = [];
  if (g.y1 > h) strips.push({ x0: g.x0, y0: Math.max(g.y0, h), x1: g.x1, y1: g.y1 }); // above, corners included
  if (g.y0 < 0) strips.push({ x0: g.x0, y0: g.y0, x1: g.x1, y1: Math.min(g.y1, 0) }); // below, corners included
  const y0 = Math.max(g.y0, 0);
  const y1 = Math.min(g.y1, h);
  if (y1 > y0) {
    if (g.x0 < 0) strips.push({ x0: g.x0, y0, x1: Math.min(g.x1, 0), y1 });
    if (g.x1 > w) strips.push({ x0: Math.max(g.x0, w), y0, x1: g.x1, y1 });
  }
  return strips.filter((s) => s.x1 - s.x0 > 0.01 && s.y1 - s.y0 > 0.01);
}

function pdfLibColour(c: Colour): Color | undefined {
  const v = c.values;
  if (v.length === 3 && (c.space === 'DeviceRGB' || c.space.startsWith('ICCBased'))) return rgb(v[0]!, v[1]!, v[2]!);
  if (v.length === 4 && (c.space === 'DeviceCMYK' || c.space.startsWith('ICCBased'))) return cmyk(v[0]!, v[1]!, v[2]!, v[3]!);
  if (v.length === 1 && (c.space === 'DeviceGray' || c.space.startsWith('ICCBased'))) return grayscale(v[0]!);
  return undefined;
}

function drawCropMarks(page: PDFPage, margin: number, width: number, height: number, bleed: number) {
  const start = bleed + MARK_GAP_MM * MM;
  const end = start + MARK_LENGTH_MM * MM;
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: MARK_WIDTH_PT, color: grayscale(0) });
  for (const x of [margin, margin + width]) {
    for (const y of [margin, margin + height]) {
      const dx = x === margin ? -1 : 1;
      const dy = y === margin ? -1 : 1;
      line(x + dx * start, y, x + dx * end, y); // horizontal mark, level with the trim edge
      line(x, y + dy * start, x, y + dy * end); // vertical mark
    }
  }
}

