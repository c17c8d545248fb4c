// Preflight: what a print shop checks before printing a PDF, in plain words.
// - page sizes and boxes (trim, bleed);
// - fonts: every font dictionary is checked for an embedded font file (FontFile, FontFile2,
//   FontFile3); Type 3 fonts are drawings inside the PDF, so always embedded;
// - images: pixels against their size on the page, below 300 dpi is a problem;
// - text below 6 pt. The size is the Tf size scaled by the text matrix and the current
//   transformation matrix (vertical scale), which is what a reader sees; horizontal scaling
//   (Tz) and text rise are ignored, and glyphs drawn inside Type 3 fonts are not counted;
// - colours used, by colour space;
// - accessibility (tagged PDF/UA-1, src/print/accessibility.ts) and archiving (PDF/A-2,
//   src/print/archival.ts), for files meant for reading: every check made, each problem with
//   its clause. Print-shop files and handouts claim neither and get a note instead.
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, PDFString, PDFHexString, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { readPage, dictGet, readerFontName, type Colour } from '../pdf/index.js';
import { MM } from './bleed.js';
import { accessibility, formatAccessibility, type AccessibilityReport } from './accessibility.js';
import { archival, type ArchivalReport } from './archival.js';
import { HANDOUT_PURPOSE, PURPOSE_KEY } from './document.js';
import { lookup, str } from './pdfFacts.js';

export const MIN_TEXT_PT = 6;
export const MIN_IMAGE_DPI = 300;
/** Far more than print needs: the file is heavier and slower to print for nothing. */
export const MAX_IMAGE_DPI = 4 * MIN_IMAGE_DPI;

export interface FontReport {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export interface ImageReport {
  page: number;
  pixels: [number, number];
  /** Size on the page in mm. */
  size: [number, number];
  dpi: number;
}

export interface PreflightReport {
  pageCount: number;
  /** One line per run of pages with the same size and boxes. */
  pages: string[];
  /** Trim size per page, in points, and whether the page has its own TrimBox and BleedBox. */
  boxes: { trim: [number, number]; bleed?: number; hasTrimBox: boolean; hasBleedBox: boolean }[];
  fonts: FontReport[];
  images: ImageReport[];
  smallestText?: { size: number; page: number };
  smallText: { page: number; size: number; font: string }[];
  colours: { space: string; label: string }[];
  pdfx?: string;
  /** Pages using transparency (which PDF/X-1a forbids). */
  transparencyPages: number[];
  /** Tagged PDF / PDF/UA-1: what a screen reader gets. */
  accessibility: AccessibilityReport;
  /** PDF/A-2: what an archive accepts. */
  archival: ArchivalReport;
  /** A file for printing (print shop: trim box or PDF/X; or a handout), which needs no structure for readers. */
  forPrint: boolean;
  problems: string[];
  notes: string[];
}

const NAMED_SIZES: [string, number, number][] = [
  ['A3', 297, 420],
  ['A4', 210, 297],
  ['A5', 148, 210],
  ['A6', 105, 148],
  ['US Letter', 215.9, 279.4],
];

function sizeName(wMm: number, hMm: number): string {
  for (const [name, w, h] of NAMED_SIZES) {
    if (Math.abs(wMm - w) < 1 && Math.abs(hMm - h) < 1) return `${name} portrait`;
    if (Math.abs(wMm - h) < 1 && Math.abs(hMm - w) < 1) return `${name} landscape`;
  }
  return 'custom size';
}

const mm = (pt: number) => pt / MM;
const fmt = (n: number, digits = 1) => String(Number(n.toFixed(digits)));

function describePage(page: PDFPage): { line: string; box: PreflightReport['boxes'][number] } {
  const hasTrimBox = page.node.get(PDFName.of('TrimBox')) !== undefined;
  const hasBleedBox = page.node.get(PDFName.of('BleedBox')) !== undefined;
  const media = page.getMediaBox();
  const trim = page.getTrimBox();
  const bleedBox = page.getBleedBox();
  const size = `${fmt(mm(trim.width))} × ${fmt(mm(trim.height))} mm (${sizeName(mm(trim.width), mm(trim.height))})`;
  if (!hasTrimBox) {
    return { line: `${size}, no trim box (an ordinary PDF page, not a print-shop file)`, box: { trim: [trim.width, trim.height], hasTrimBox, hasBleedBox } };
  }
  const sides = [trim.x - bleedBox.x, trim.y - bleedBox.y, bleedBox.x + bleedBox.width - (trim.x + trim.width), bleedBox.y + bleedBox.height - (trim.y + trim.height)];
  const even = sides.every((s) => Math.abs(s - sides[0]!) < 0.01);
  const bleed = hasBleedBox ? (even ? `bleed ${fmt(mm(sides[0]!))} mm on every side` : `bleed ${sides.map((s) => fmt(mm(s))).join('/')} mm (left/bottom/right/top)`) : 'no bleed box';
  return {
    line: `trim ${size}, ${bleed}, sheet ${fmt(mm(media.width))} × ${fmt(mm(media.height))} mm`,
    box: { trim: [trim.width, trim.height], bleed: hasBleedBox && even ? sides[0] : undefined, hasTrimBox, hasBleedBox },
  };
}

function text(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFName) return o.decodeText();
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return undefined;
}

/** Every font dictionary in the file (descendant fonts of composite fonts included). */
function scanFonts(doc: PDFDocument): FontReport[] {
  const ctx = doc.context;
  const fonts: FontReport[] = [];
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || text(obj.get(PDFName.of('Type'))) !== 'Font') continue;
    const type = text(obj.get(PDFName.of('Subtype'))) ?? 'unknown';
    if (type === 'Type0') continue; // its descendant font carries the font file
    const base = text(dictGet(ctx, obj, 'BaseFont')) ?? '(unnamed)';
    const descriptor = dictGet(ctx, obj, 'FontDescriptor');
    const embedded = type === 'Type3' || ['FontFile', 'FontFile2', 'FontFile3'].some((k) => dictGet(ctx, descriptor, k) instanceof PDFStream);
    const subset = /^[A-Z]{6}\+/.test(base);
    fonts.push({ name: readerFontName(base), type, embedded, subset });
  }
  return fonts.sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
}

export function colourLabel(c: Colour): string {
  const v = c.values;
  const pct = (x: number) => Math.round(x * 100);
  if (c.space.endsWith('RGB') && v.length === 3) return '#' + v.map((x) => Math.round(x * 255).toString(16).padStart(2, '0')).join('').toUpperCase();
  if (c.space.endsWith('CMYK') && v.length === 4) return `C${pct(v[0]!)} M${pct(v[1]!)} Y${pct(v[2]!)} K${pct(v[3]!)}`;
  if (c.space.endsWith('Gray') && v.length === 1) return v[0] === 0 ? 'black' : v[0] === 1 ? 'white' : `${100 - pct(v[0]!)}% grey`;
  return v.length ? v.map((x) => fmt(x, 2)).join(' ') : c.space;
}

function pdfxVersion(doc: PDFDocument): string | undefined {
  const ctx = doc.context;
  const info = ctx.lookup(ctx.trailerInfo.Info);
  const version = text(dictGet(ctx, info as PDFObject, 'GTS_PDFXVersion'));
  // A PDF/X output intent (GTS_PDFX); a PDF/A one (GTS_PDFA1) makes no print-shop file.
  const intents = doc.catalog.lookup(PDFName.of('OutputIntents'));
  const list = intents instanceof PDFArray ? intents.asArray().map((i) => (i instanceof PDFRef ? ctx.lookup(i) : i)) : [];
  const intent = list.find((i) => text(dictGet(ctx, i, 'S')) === 'GTS_PDFX');
  if (!version && !intent) return undefined;
  const condition = text(dictGet(ctx, intent instanceof PDFRef ? ctx.lookup(intent) : intent, 'OutputConditionIdentifier'));
  return `${version ?? 'output intent without a PDF/X version'}${condition ? ` (output condition ${condition})` : ''}`;
}

/** `bytes`: the file as read (its header and end are checked for PDF/A). */
export function preflight(doc: PDFDocument, bytes?: Uint8Array): PreflightReport {
  const problems: string[] = [];
  const notes: string[] = [];
  const pages: PreflightReport['pages'] = [];
  const boxes: PreflightReport['boxes'] = [];
  const images: ImageReport[] = [];
  const smallText: PreflightReport['smallText'] = [];
  let smallestText: PreflightReport['smallestText'];
  const colours = new Map<string, { space: string; label: string }>();
  const transparencyPages: number[] = [];

  let run: { from: number; to: number; line: string } | undefined;
  const flush = () => {
    if (run) pages.push(`${run.from === run.to ? `page ${run.from}` : `pages ${run.from}–${run.to}`}: ${run.line}`);
  };
  doc.getPages().forEach((page, k) => {
    const n = k + 1;
    const { line, box } = describePage(page);
    boxes.push(box);
    if (run && run.line === line) run.to = n;
    else {
      flush();
      run = { from: n, to: n, line };
    }

    const drawing = readPage(page);
    if (drawing.transparency) transparencyPages.push(n);
    for (const t of drawing.text) {
      if (!smallestText || t.size < smallestText.size - 1e-6) smallestText = { size: t.size, page: n };
      if (t.size < MIN_TEXT_PT - 0.005 && t.size > 0) smallText.push({ page: n, size: t.size, font: t.font });
    }
    for (const img of drawing.images) {
      const dpi = Math.min(img.pixelsWide / (img.width / 72), img.pixelsHigh / (img.height / 72));
      images.push({ page: n, pixels: [img.pixelsWide, img.pixelsHigh], size: [mm(img.width), mm(img.height)], dpi });
    }
    for (const c of drawing.colours) {
      const label = colourLabel(c);
      colours.set(`${c.space} ${label}`, { space: c.space, label });
    }
  });
  flush();

  const fonts = scanFonts(doc);
  for (const f of fonts.filter((f) => !f.embedded)) problems.push(`font "${f.name}" is not embedded: the printer will substitute another font`);
  for (const i of images.filter((i) => i.dpi < MIN_IMAGE_DPI)) {
    problems.push(`page ${i.page}: an image of ${i.pixels[0]} × ${i.pixels[1]} pixels printed at ${fmt(i.size[0])} × ${fmt(i.size[1])} mm is only ${Math.round(i.dpi)} dpi (${MIN_IMAGE_DPI} needed): use a larger image`);
  }
  for (const i of images.filter((i) => i.dpi > MAX_IMAGE_DPI)) {
    problems.push(`page ${i.page}: an image of ${i.pixels[0]} × ${i.pixels[1]} pixels printed at ${fmt(i.size[0])} × ${fmt(i.size[1])} mm is ${Math.round(i.dpi)} dpi, far more than the ${MIN_IMAGE_DPI} print needs: it makes the file heavy and slow to print; use a smaller image (brochure build downsamples the images it is given)`);
  }
  const smallBySize = new Map<string, { pages: Set<number>; size: number; font: string }>();
  for (const t of smallText) {
    const key = `${fmt(t.size, 2)} ${t.font}`;
    const e = smallBySize.get(key) ?? { pages: new Set<number>(), size: t.size, font: t.font };
    e.pages.add(t.page);
    smallBySize.set(key, e);
  }
  for (const e of smallBySize.values()) {
    problems.push(`text in ${fmt(e.size, 2)} pt (${e.font}) on page${e.pages.size > 1 ? 's' : ''} ${pageList([...e.pages])}: below ${MIN_TEXT_PT} pt, hard to read in print`);
  }
  const pdfx = pdfxVersion(doc);
  if (boxes.some((b) => !b.hasTrimBox)) notes.push('no trim box: for a print shop, send the file made by `brochure print` (bleed, crop marks, trim box)');
  // Files for reading (out/<lang>/) must be accessible and archival; files for printing claim
  // neither (a claim they make is checked all the same).
  const a11y = accessibility(doc);
  const archive = archival(doc, bytes);
  const handout = str(lookup(doc.context, (lookup(doc.context, doc.context.trailerInfo.Info) as PDFDict | undefined)?.get(PDFName.of(PURPOSE_KEY)))) === HANDOUT_PURPOSE;
  const printShop = Boolean(pdfx) || boxes.some((b) => b.hasTrimBox);
  const forPrint = printShop || handout;
  if (printShop) notes.push('a print-shop file: it carries no structure for screen readers; publish the PDFs of out/<lang>/ online, not this one');
  if (handout) notes.push('a handout for printing: pages placed on sheets carry no structure for screen readers; publish the PDFs of out/<lang>/ online, not this one');
  if (!forPrint || a11y.pdfua !== undefined) problems.push(...a11y.problems.map((p) => `accessibility: ${p}`));
  if (archive.claim !== undefined || (archive.unreadable && !forPrint)) problems.push(...archive.problems.map((p) => `archiving: ${p}`));
  else if (!forPrint) notes.push('not an archival PDF (no PDF/A identification): the PDFs `brochure build` writes are PDF/A-2a');
  const spaces = new Set([...colours.values()].map((c) => c.space));
  if ([...spaces].some((s) => s.includes('RGB'))) notes.push('colours are RGB: the print shop converts them to CMYK (ask for a proof), or send the PDF/X file made by `brochure print`, which is already CMYK');

  return {
    pageCount: doc.getPageCount(),
    pages,
    boxes,
    fonts,
    images,
    smallestText,
    smallText,
    colours: [...colours.values()].sort((a, b) => a.space.localeCompare(b.space) || a.label.localeCompare(b.label)),
    pdfx,
    transparencyPages,
    accessibility: a11y,
    archival: archive,
    forPrint,
    problems,
    notes,
  };
}

/** The report as a person reads it. */
export function formatPreflight(file: string, r: PreflightReport): string[] {
  const lines: string[] = [`Preflight of ${file}`];
  lines.push(`  Pages: ${r.pageCount}`);
  for (const p of r.pages) lines.push(`    ${p}`);
  const notEmbedded = r.fonts.filter((f) => !f.embedded).length;
  lines.push(`  Fonts: ${r.fonts.length}, ${notEmbedded ? `${notEmbedded} NOT embedded` : 'all embedded'}`);
  for (const f of r.fonts) lines.push(`    ${f.embedded ? 'ok     ' : 'PROBLEM'} ${f.name} (${f.type}${f.embedded ? (f.subset ? ', embedded subset' : ', embedded') : ', not embedded'})`);
  if (!r.images.length) lines.push('  Images: none');
  else {
    const low = r.images.filter((i) => i.dpi < MIN_IMAGE_DPI).length;
    const high = r.images.filter((i) => i.dpi > MAX_IMAGE_DPI).length;
    const verdict = [low ? `${low} below ${MIN_IMAGE_DPI} dpi` : '', high ? `${high} above ${MAX_IMAGE_DPI} dpi (far more than print needs)` : ''].filter(Boolean).join(', ');
    lines.push(`  Images: ${r.images.length}, ${verdict || `all from ${MIN_IMAGE_DPI} to ${MAX_IMAGE_DPI} dpi at print size`}`);
    for (const i of r.images) lines.push(`    ${i.dpi < MIN_IMAGE_DPI || i.dpi > MAX_IMAGE_DPI ? 'PROBLEM' : 'ok     '} page ${i.page}: ${i.pixels[0]} × ${i.pixels[1]} px at ${fmt(i.size[0])} × ${fmt(i.size[1])} mm = ${Math.round(i.dpi)} dpi`);
  }
  if (r.smallestText) {
    lines.push(`  Text: smallest ${fmt(r.smallestText.size, 2)} pt (page ${r.smallestText.page}); ${r.smallText.length ? `some text below ${MIN_TEXT_PT} pt` : `nothing below ${MIN_TEXT_PT} pt`}`);
  } else lines.push('  Text: none');
  const bySpace = new Map<string, string[]>();
  for (const c of r.colours) bySpace.set(c.space, [...(bySpace.get(c.space) ?? []), c.label]);
  lines.push(`  Colours: ${r.colours.length}`);
  for (const [space, labels] of bySpace) lines.push(`    ${space}: ${labels.slice(0, 20).join(', ')}${labels.length > 20 ? `, and ${labels.length - 20} more` : ''}`);
  lines.push(`  Transparency: ${r.transparencyPages.length ? `on page${r.transparencyPages.length > 1 ? 's' : ''} ${pageList(r.transparencyPages)} (fine for most printers and PDF/X-4; PDF/X-1a allows none: the PDF/X file \`brochure print\` makes draws those parts opaque)` : 'none'}`);
  lines.push(`  PDF/X: ${r.pdfx ?? 'no (an ordinary PDF)'}`);
  if (!r.forPrint || r.accessibility.pdfua !== undefined) lines.push(...formatAccessibility(r.accessibility));
  if (r.archival.unreadable) lines.push('  Archiving: the XMP metadata cannot be read (below), so no PDF/A claim can be read either');
  else if (r.archival.claim !== undefined) lines.push(`  Archiving: PDF/A-${r.archival.claim} claimed; ${r.archival.problems.length ? `${r.archival.problems.length} PROBLEM${r.archival.problems.length === 1 ? '' : 'S'} (below)` : 'every PDF/A-2 check passed'}`);
  else lines.push('  Archiving: no PDF/A claim');
  for (const n of r.notes) lines.push(`  Note: ${n}`);
  if (r.problems.length) {
    lines.push(`  Result: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} to fix before printing${r.forPrint ? '' : ' or publishing'}:`);
    for (const p of r.problems) lines.push(`    - ${p}`);
  } else lines.push('  Result: no problems found');
  return lines;
}

/** 1, 2, 3, 5 → "1–3, 5" */
export function pageList(pages: number[]): string {
  const parts: string[] = [];
  for (let k = 0; k < pages.length; k++) {
    let j = k;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > k ? `${pages[k]}–${pages[j]}` : String(pages[k]));
    k = j;
  }
  return parts.join(', ');
}
