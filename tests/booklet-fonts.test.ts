// The booklet's fonts: one subset of each font file for the whole booklet (not one per sheet),
// and every card page still draws exactly what its sheet draws, glyph for glyph.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { brochure } from './cli.js';
import { tempProject } from './project.js';
import { textOperatorReaders } from '../src/assemble/fonts.js';
import { pageContentBytes } from '../src/pdf/index.js';

const project = tempProject();
const out = (lang: string, file: string) => join(project, 'out', lang, file);
const BOOKLET = 'targeted-city-actions.pdf';

beforeAll(() => {
  const r = brochure(['--root', project, 'build', '--lang', 'fr,ar']);
  expect(r.code, r.stdout + r.stderr).toBe(0);
}, 300_000);

/** The font programs a PDF embeds, by their name without the subset tag. */
async function embeddedFonts(bytes: Buffer): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type'))?.toString() === '/FontDescriptor') names.push(String(obj.get(PDFName.of('FontName'))).replace(/^\/[A-Z]{6}\+/, ''));
  }
  return names.sort();
}

/** A page drawn by pdf.js with the PDF's own fonts, as grey levels. */
async function pixels(pdf: Uint8Array, page: number, width = 420): Promise<{ width: number; height: number; grey: Uint8Array }> {
  const [{ createCanvas }, pdfjs] = await Promise.all([import('@napi-rs/canvas'), import('pdfjs-dist/legacy/build/pdf.mjs')]);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const p = await doc.getPage(page);
    const viewport = p.getViewport({ scale: width / p.getViewport({ scale: 1 }).width });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext('2d');
    await p.render({ canvasContext: context as unknown as CanvasRenderingContext2D, viewport, canvas: canvas as unknown as HTMLCanvasElement }).promise;
    const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const grey = new Uint8Array(canvas.width * canvas.height);
    for (let k = 0; k < grey.length; k++) grey[k] = Math.round((rgba[4 * k]! + rgba[4 * k + 1]! + rgba[4 * k + 2]!) / 3);
    return { width: canvas.width, height: canvas.height, grey };
  } finally {
    await doc.destroy();
  }
}

describe.each(['fr', 'ar'])('the %s booklet\'s fonts', (lang) => {
  it('are one subset of each font file, where each sheet carries its own', async () => {
    const booklet = await embeddedFonts(readFileSync(out(lang, BOOKLET)));
    expect(booklet.length).toBeGreaterThan(2);
    expect(new Set(booklet).size, booklet.join(', ')).toBe(booklet.length);
    // Each of its fonts is one a sheet uses, so the booklet's are no more than the sheets' together.
    const sheets = new Set<string>();
    for (const f of readdirSync(join(project, 'out', lang)).filter((f) => f !== BOOKLET)) for (const n of await embeddedFonts(readFileSync(out(lang, f)))) sheets.add(n);
    for (const n of booklet) expect(sheets.has(n), n).toBe(true);
  });

  it('draw every card page exactly as its sheet, apart from the page number', async () => {
    const booklet = readFileSync(out(lang, BOOKLET));
    const bookletDoc = await PDFDocument.load(booklet, { updateMetadata: false });
    const sizes = bookletDoc.getPages().map((p) => p.getHeight());
    // The cards: one-page sheets (a factsheet has two). Each is found in the booklet by its pixels.
    const cards = readdirSync(join(project, 'out', lang)).filter((f) => f !== BOOKLET && f.endsWith('.pdf'));
    const candidates = await Promise.all(sizes.map((_, i) => pixels(booklet, i + 1)));
    let compared = 0;
    for (const card of cards) {
      const bytes = readFileSync(out(lang, card));
      if ((await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount() !== 1) continue;
      const sheet = await pixels(bytes, 1);
      // The page number is drawn in the bottom band of the page: everything above it must match.
      const band = Math.floor(sheet.height * 0.95) * sheet.width;
      const differing = candidates.map((c) => (c.grey.length !== sheet.grey.length ? Infinity : sheet.grey.subarray(0, band).reduce((n, v, k) => n + (Math.abs(v - c.grey[k]!) > 24 ? 1 : 0), 0)));
      expect(Math.min(...differing), `${lang}/${card}: its page in the booklet`).toBe(0);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  }, 120_000);

  it('are re-encoded from text operators found alike by the fast scan and by the content lexer', async () => {
    for (const f of readdirSync(join(project, 'out', lang))) {
      const doc = await PDFDocument.load(readFileSync(out(lang, f)), { updateMetadata: false });
      for (const page of doc.getPages()) {
        const bytes = pageContentBytes(page);
        const scanned = textOperatorReaders.scanText(Buffer.from(bytes).toString('latin1'));
        expect(scanned, `${f}: written as pdfkit writes`).toBeDefined();
        expect(scanned, f).toEqual(textOperatorReaders.parseText(bytes));
      }
    }
  });
});

describe('the French booklet', () => {
  it('weighs under 300 KB, tagged (each sheet\'s fonts were 200 KB of it)', () => {
    expect(readFileSync(out('fr', BOOKLET)).length).toBeLessThan(300 * 1024);
  });
});
