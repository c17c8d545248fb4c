// One print or handout job on named files: what the CLI's commands do for each file, and what
// the studio offers for a document. Each reads its PDFs, writes its result atomically and says
// what it made (the line the CLI prints, the note the studio shows).
import { readPage } from '../pdf/index.js';
import { writeAtomic, type WriteResult } from '../write/index.js';
import { printReady } from './bleed.js';
import { loadPdf, readPdfFile } from './document.js';
import { duplex, imposeBooklet, twoUp } from './impose.js';
import { findGhostscript, GHOSTSCRIPT_MISSING, PDFX_VERSION, toPdfX } from './pdfx.js';
import { formatPreflight, pageList, preflight } from './preflight.js';

/** A file a job wrote: where, whether its bytes changed, and what it holds. */
export interface Made {
  target: string;
  result: WriteResult;
  detail: string;
}

/** How a path is shown in messages (relative to the project). */
type Shown = (path: string) => string;

const mmText = (pt: number) => String(Number((pt / (72 / 25.4)).toFixed(1)));
const s = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The print-shop files of one PDF: with bleed, crop marks and page boxes at `target`, and a
 * PDF/X-1a (CMYK) copy beside it when asked and Ghostscript is installed. `failures` are
 * Ghostscript's, one line each; the print file is made all the same.
 */
export async function printShopFiles(input: string, target: string, opts: { bleedMm: number; pdfx: boolean; iccProfile?: string }, shown: Shown): Promise<{ made: Made[]; notes: string[]; failures: string[]; pdfxMissing: boolean }> {
  const bytes = readPdfFile(input, shown(input));
  const source = await loadPdf(bytes, shown(input));
  const result = await printReady(bytes, { bleedMm: opts.bleedMm });
  const first = result.pages[0]!;
  const extended = result.pages.reduce((n, p) => n + p.extended, 0);
  const made: Made[] = [{ target, result: writeAtomic(target, Buffer.from(result.bytes)), detail: `${s(result.pages.length, 'page')}, trim ${mmText(first.width)} × ${mmText(first.height)} mm, bleed ${opts.bleedMm} mm, ${extended} background${extended === 1 ? '' : 's'} run into the bleed` }];
  const notes = [...result.notes];
  const failures: string[] = [];
  const gs = opts.pdfx ? findGhostscript() : undefined;
  if (!gs) return { made, notes, failures, pdfxMissing: opts.pdfx };
  const x = await toPdfX(result.bytes, { profile: opts.iccProfile, date: source.getCreationDate() });
  if (!x.ok) return { made, notes, failures: [x.message], pdfxMissing: x.message === GHOSTSCRIPT_MISSING };
  const xTarget = target.replace(/\.pdf$/, '.pdfx.pdf');
  made.push({ target: xTarget, result: writeAtomic(xTarget, x.bytes), detail: `${PDFX_VERSION}, CMYK` });
  notes.push(...x.notes);
  const flattened = (await loadPdf(x.bytes, xTarget)).getPages().map((p, k) => (readPage(p).text.length === 0 && readPage(p).images.length > 0 ? k + 1 : 0)).filter(Boolean);
  if (flattened.length) notes.push(`page${flattened.length > 1 ? 's' : ''} ${pageList(flattened)} use${flattened.length > 1 ? '' : 's'} transparency (soft masks or blend modes), which ${PDFX_VERSION} forbids: Ghostscript turned ${flattened.length > 1 ? 'them' : 'it'} into an image. If your print shop takes PDF/X-4 or ordinary PDFs, send the file without .pdfx instead.`);
  return { made, notes, failures, pdfxMissing: false };
}

/** A double-sided handout of one or more actions: each sheet one language on the front, another on the back. */
export async function duplexHandout(pairs: { front: string; back: string }[], target: string, shown: Shown): Promise<Made> {
  const docs = await Promise.all(pairs.map(async (p) => ({ front: await loadPdf(readPdfFile(p.front, shown(p.front)), shown(p.front)), back: await loadPdf(readPdfFile(p.back, shown(p.back)), shown(p.back)) })));
  return { target, result: writeAtomic(target, Buffer.from(await duplex(docs))), detail: s(pairs.length, 'sheet') };
}

/** Pages two to an A4 landscape sheet (each twice with `repeat`, to cut into identical handouts). */
export async function twoUpHandout(inputs: string[], target: string, repeat: boolean, shown: Shown): Promise<Made> {
  const docs = await Promise.all(inputs.map((p) => loadPdf(readPdfFile(p, shown(p)), shown(p))));
  const pages = docs.reduce((n, d) => n + d.getPageCount(), 0);
  const sheets = Math.ceil((repeat ? pages * 2 : pages) / 2);
  return { target, result: writeAtomic(target, Buffer.from(await twoUp(docs, { repeat }))), detail: `${s(pages, 'page')} on ${s(sheets, 'A4 landscape sheet')}` };
}

/** A folded, stapled A5 booklet: the pages in folding order on A4 landscape, double-sided. */
export async function bookletHandout(input: string, target: string, shown: Shown): Promise<Made> {
  const doc = await loadPdf(readPdfFile(input, shown(input)), shown(input));
  const { bytes, sheets, binding } = await imposeBooklet(doc);
  const blanks = sheets.length * 4 - doc.getPageCount();
  const bound = binding === 'right' ? ', bound on the right: right to left' : '';
  return { target, result: writeAtomic(target, Buffer.from(bytes)), detail: `${doc.getPageCount()} pages${blanks ? ` + ${blanks} blank` : ''} on ${s(sheets.length, 'sheet')}${bound}` };
}

/** Preflight of one PDF: the report's lines (every check with its clause) and how many problems. */
export async function preflightFile(input: string, shown: Shown): Promise<{ lines: string[]; problems: number }> {
  const bytes = readPdfFile(input, shown(input));
  const report = preflight(await loadPdf(bytes, shown(input)), bytes);
  return { lines: formatPreflight(shown(input), report), problems: report.problems.length };
}
