// Print production and handouts: bleed, crop marks and boxes; booklet, 2-up and duplex
// imposition; preflight; PDF/X through Ghostscript when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFArray, ReadingDirection, PDFRawStream, StandardFonts, concatTransformationMatrix, decodePDFRawStream, popGraphicsState, pushGraphicsState, rgb } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { printReady } from '../src/print/bleed.js';
import { bookletOrder, duplex, imposeBooklet, twoUp } from '../src/print/impose.js';
import { preflight } from '../src/print/preflight.js';
import { findGhostscript, toPdfX } from '../src/print/pdfx.js';
import { colours } from '../src/design/theme.js';
import { brochure } from './cli.js';
import { containsText, normalise, pdfText } from './pdf.js';
import { tempProject } from './project.js';

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const near = (a: number, b: number, tolerance = 0.01) => Math.abs(a - b) <= tolerance;

/** A test document whose pages show their number ("P1", "P2"…) in large type. */
async function numberedPdf(count: number, size: [number, number] = [A4.width, A4.height], direction?: 'rtl'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (direction) doc.catalog.getOrCreateViewerPreferences().setReadingDirection(ReadingDirection.R2L);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= count; n++) {
    const page = doc.addPage(size);
    page.drawText(`P${n}`, { x: 100, y: size[1] / 2, size: 48, font });
  }
  return doc.save();
}

/** The page numbers each imposed page shows, left to right, and whether they stand upright. */
async function placedNumbers(bytes: Uint8Array): Promise<{ numbers: string[]; upright: boolean; size: [number, number] }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const items = ((await page.getTextContent()).items as { str: string; transform: number[] }[]).filter((i) => /^P\d+$/.test(i.str));
      const width = page.view[2]!;
      // Left half or right half, by position on the sheet; "-" for a blank half.
      const left = items.filter((i) => i.transform[4]! < width / 2).map((i) => i.str);
      const right = items.filter((i) => i.transform[4]! >= width / 2).map((i) => i.str);
      const upright = items.every((i) => i.transform[0]! > 0 && Math.abs(i.transform[1]!) < 1e-6 && i.transform[3]! > 0);
      pages.push({ numbers: [left.join(',') || '-', right.join(',') || '-'], upright, size: [width, page.view[3]!] as [number, number] });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The text of each page, split into its left and right halves when `halves` (normalised). */
async function halvesText(bytes: Uint8Array, halves: boolean): Promise<string[][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const out: string[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const width = page.view[2]!;
      const items = (await page.getTextContent()).items as { str: string; transform: number[] }[];
      const join = (list: typeof items) => normalise(list.map((i) => i.str).join(''));
      out.push(halves ? [join(items.filter((i) => i.transform[4]! < width / 2)), join(items.filter((i) => i.transform[4]! >= width / 2))] : [join(items)]);
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

function qpdfCheck(path: string): { ok: boolean; output: string } | undefined {
  const r = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
  if (r.error) return undefined; // qpdf not installed
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

/** The page's drawing operators, decoded. */
async function contentOf(bytes: Uint8Array, index = 0): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(index);
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs
    .map((r) => doc.context.lookup(r!))
    .map((s) => Buffer.from(s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : new Uint8Array()).toString('latin1'))
    .join('\n');
}

async function screenshot(bytes: Uint8Array, scale: number): Promise<PNG> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const shot = await parser.getScreenshot({ partial: [1], scale, imageBuffer: true, imageDataUrl: false });
    return PNG.sync.read(Buffer.from(shot.pages[0]!.data));
  } finally {
    await parser.destroy();
  }
}

function pixel(png: PNG, x: number, y: number): string {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return '#' + [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
}

// One real card in French and English, built by the real CLI.
let project: string;
beforeAll(() => {
  project = tempProject();
  const r = brochure(['--root', project, 'build', '--only', 'casablanca', '--lang', 'fr,en']);
  expect(r.code, r.stderr).toBe(0);
});

describe('print-shop output', () => {
  it('keeps the trim at A4, adds 3 mm of bleed on every side and sets the boxes', async () => {
    const card = readFileSync(join(project, 'out', 'fr', 'casablanca.pdf'));
    const { bytes } = await printReady(card);
    const page = (await PDFDocument.load(bytes)).getPage(0);
    const trim = page.getTrimBox();
    const bleed = page.getBleedBox();
    const media = page.getMediaBox();
    expect(page.node.get(PDFName.of('TrimBox'))).toBeDefined();
    expect(page.node.get(PDFName.of('BleedBox'))).toBeDefined();
    expect(near(trim.width, A4.width) && near(trim.height, A4.height)).toBe(true);
    expect(near(trim.x - bleed.x, 3 * MM)).toBe(true);
    expect(near(trim.y - bleed.y, 3 * MM)).toBe(true);
    expect(near(bleed.width, trim.width + 6 * MM)).toBe(true);
    expect(near(bleed.height, trim.height + 6 * MM)).toBe(true);
    // The sheet is larger than the bleed, leaving room for the crop marks.
    expect(media.width).toBeGreaterThan(bleed.width + 10 * MM);
    expect(media.height).toBeGreaterThan(bleed.height + 10 * MM);
  });

  it('draws crop marks outside the bleed, in line with the trim edges', async () => {
    const card = readFileSync(join(project, 'out', 'fr', 'casablanca.pdf'));
    const { bytes } = await printReady(card);
    const page = (await PDFDocument.load(bytes)).getPage(0);
    const trim = page.getTrimBox();
    const bleed = page.getBleedBox();
    const lines = [...(await contentOf(bytes)).matchAll(/([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l\s+S/g)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
    const outsideBleed = ([x1, y1, x2, y2]: number[]) => {
      const inside = (x: number, y: number) => x > bleed.x + 0.01 && x < bleed.x + bleed.width - 0.01 && y > bleed.y + 0.01 && y < bleed.y + bleed.height - 0.01;
      return !inside(x1!, y1!) && !inside(x2!, y2!) && !inside((x1! + x2!) / 2, (y1! + y2!) / 2);
    };
    const marks = lines.filter(outsideBleed);
    expect(marks).toHaveLength(8); // two at each corner
    const trimXs = [trim.x, trim.x + trim.width];
    const trimYs = [trim.y, trim.y + trim.height];
    for (const [x1, y1, x2, y2] of marks) {
      const vertical = near(x1, x2);
      if (vertical) expect(trimXs.some((x) => near(x, x1))).toBe(true);
      else expect(trimYs.some((y) => near(y, y1)) && near(y1, y2)).toBe(true);
    }
  });

  it('runs the header band into the bleed in its own colour, and keeps the fonts embedded', async () => {
    const card = readFileSync(join(project, 'out', 'fr', 'casablanca.pdf'));
    const { bytes, pages } = await printReady(card);
    expect(pages[0]!.extended).toBeGreaterThan(0);
    const doc = await PDFDocument.load(bytes);
    const page = doc.getPage(0);
    const trim = page.getTrimBox();
    const media = page.getMediaBox();
    // 4 px per point; PNG rows run from the top of the sheet.
    const scale = 2;
    const png = await screenshot(bytes, scale);
    const yInTopBleed = (media.height - (trim.y + trim.height) - 1.5 * MM) * scale;
    const xInLeftBleed = (trim.x - 1.5 * MM) * scale;
    expect(pixel(png, (media.width / 2) * scale, yInTopBleed)).toBe(colours.brand.toUpperCase()); // above the band
    expect(pixel(png, xInLeftBleed, yInTopBleed + 10 * scale)).toBe(colours.brand.toUpperCase()); // left of the band
    expect(pixel(png, xInLeftBleed, (media.height / 2) * scale)).toBe('#FFFFFF'); // beside the white body
    const report = preflight(doc);
    expect(report.fonts.length).toBeGreaterThan(0);
    expect(report.fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it('the CLI writes print files under out/print/ that qpdf accepts, with the bleed asked for', async () => {
    const r = brochure(['--root', project, 'print', '--bleed', '5', '--no-pdfx']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/out\/print\/fr\/casablanca\.pdf\s+written/);
    const path = join(project, 'out', 'print', 'fr', 'casablanca.pdf');
    const page = (await PDFDocument.load(readFileSync(path))).getPage(0);
    expect(near(page.getTrimBox().x - page.getBleedBox().x, 5 * MM)).toBe(true);
    const check = qpdfCheck(path);
    if (check) expect(check.ok, check.output).toBe(true);
    // Same input, same bytes: a second run leaves the file alone.
    expect(brochure(['--root', project, 'print', '--bleed', '5', '--no-pdfx']).stdout).toMatch(/casablanca\.pdf\s+unchanged/);
  });

  it('says what to install when Ghostscript is missing, and still makes the print files', () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'no-gs-'));
    const r = brochure(['--root', project, 'print', join(project, 'out', 'en', 'casablanca.pdf')], { env: { PATH: emptyPath } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('PDF/X files need Ghostscript, which is not installed');
    expect(r.stderr).toContain('apt-get install ghostscript');
    expect(existsSync(join(project, 'out', 'print', 'en', 'casablanca.pdf'))).toBe(true);
    expect(existsSync(join(project, 'out', 'print', 'en', 'casablanca.pdfx.pdf'))).toBe(false);
  });

  const gs = findGhostscript();
  it.skipIf(!gs)(`makes a PDF/X-1a file in CMYK with Ghostscript${gs ? '' : ' (SKIPPED: Ghostscript is not installed; `apt-get install ghostscript`)'}`, async () => {
    const card = readFileSync(join(project, 'out', 'fr', 'casablanca.pdf'));
    const print = await printReady(card);
    const x = await toPdfX(print.bytes);
    if (!x.ok) throw new Error(x.message);
    expect(x.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
    const doc = await PDFDocument.load(x.bytes, { updateMetadata: false });
    const info = doc.context.lookup(doc.context.trailerInfo.Info) as import('pdf-lib').PDFDict;
    expect(info.get(PDFName.of('GTS_PDFXVersion'))?.toString()).toBe('(PDF/X-1a:2001)');
    expect(doc.catalog.lookup(PDFName.of('OutputIntents'))).toBeInstanceOf(PDFArray);
    // Boxes survive, fonts stay embedded, text stays text, every colour is CMYK or grey.
    const before = (await PDFDocument.load(print.bytes)).getPage(0);
    const after = doc.getPage(0);
    expect(near(after.getTrimBox().width, before.getTrimBox().width)).toBe(true);
    expect(near(after.getBleedBox().x, before.getBleedBox().x)).toBe(true);
    const report = preflight(doc);
    expect(report.fonts.length).toBeGreaterThan(0);
    expect(report.fonts.every((f) => f.embedded)).toBe(true);
    expect(report.images).toEqual([]);
    expect(report.colours.map((c) => c.space).filter((s) => !['DeviceCMYK', 'DeviceGray'].includes(s))).toEqual([]);
    expect(containsText((await pdfText(x.bytes)).pages[0]!, 'Casablanca')).toBe(true);
    // Deterministic: the same input gives the same file.
    const again = await toPdfX(print.bytes);
    expect(again.ok && Buffer.compare(again.bytes, x.bytes)).toBe(0);
    const path = join(project, 'x.pdf');
    writeFileSync(path, x.bytes);
    const check = qpdfCheck(path);
    if (check) expect(check.ok, check.output).toBe(true);
  });
});

describe('booklet imposition', () => {
  // Worked out by hand for a booklet folded from A4 sheets: [front left|right, back left|right].
  const byHand: Record<number, string[][]> = {
    4: [['P4', 'P1'], ['P2', 'P3']],
    8: [['P8', 'P1'], ['P2', 'P7'], ['P6', 'P3'], ['P4', 'P5']],
    12: [['P12', 'P1'], ['P2', 'P11'], ['P10', 'P3'], ['P4', 'P9'], ['P8', 'P5'], ['P6', 'P7']],
    // 6 pages: two blanks at the end, so pages 7 and 8 are empty halves.
    6: [['-', 'P1'], ['P2', '-'], ['P6', 'P3'], ['P4', 'P5']],
  };
  for (const [count, sides] of Object.entries(byHand)) {
    it(`puts the ${count} pages of a booklet where a folded A5 booklet needs them`, async () => {
      const booklet = await PDFDocument.load(await numberedPdf(Number(count)));
      const { bytes, sheets } = await imposeBooklet(booklet);
      expect(sheets).toHaveLength(sides.length / 2);
      const placed = await placedNumbers(bytes);
      expect(placed.map((p) => p.numbers)).toEqual(sides);
      for (const p of placed) {
        expect(p.upright).toBe(true);
        expect(near(p.size[0], 841.89) && near(p.size[1], 595.28)).toBe(true); // A4 landscape
      }
      const path = join(mkdtempSync(join(tmpdir(), 'impose-')), 'b.pdf');
      writeFileSync(path, bytes);
      const check = qpdfCheck(path);
      if (check) expect(check.ok, check.output).toBe(true);
    });
  }

  // Bound on the right (Arabic): the cover is the left half of the outer sheet, pages run right to left.
  const byHandRightToLeft: Record<number, string[][]> = {
    4: [['P1', 'P4'], ['P3', 'P2']],
    8: [['P1', 'P8'], ['P7', 'P2'], ['P3', 'P6'], ['P5', 'P4']],
    6: [['P1', '-'], ['-', 'P2'], ['P3', 'P6'], ['P5', 'P4']],
  };
  for (const [count, sides] of Object.entries(byHandRightToLeft)) {
    it(`binds a right-to-left booklet of ${count} pages on the right`, async () => {
      const booklet = await PDFDocument.load(await numberedPdf(Number(count), undefined, 'rtl'));
      const { bytes, binding } = await imposeBooklet(booklet);
      expect(binding).toBe('right');
      expect((await placedNumbers(bytes)).map((p) => p.numbers)).toEqual(sides);
    });
  }

  it('lists the order of any page count', () => {
    expect(bookletOrder(16)[7 - 4]).toEqual({ front: { left: 10, right: 7 }, back: { left: 8, right: 9 } });
    expect(bookletOrder(1)).toEqual([{ front: { left: null, right: 1 }, back: { left: null, right: null } }]);
  });

  it('imposes the real French booklet: every page on the half of the sheet the folding order gives it', async () => {
    const built = brochure(['--root', project, 'booklet', '--lang', 'fr']);
    expect(built.code, built.stderr).toBe(0);
    const r = brochure(['--root', project, 'handout', 'booklet', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    const source = await halvesText(readFileSync(join(project, 'out', 'fr', 'targeted-city-actions.pdf')), false);
    const imposed = await halvesText(readFileSync(join(project, 'out', 'handouts', 'fr', 'targeted-city-actions.booklet-a5.pdf')), true);
    const pages = source.length;
    expect(pages % 4).toBe(0);
    expect(imposed).toHaveLength(pages / 2);
    const sheets = bookletOrder(pages);
    const expected = sheets.flatMap((s) => [s.front, s.back]).map((side) => [source[side.left! - 1]![0], source[side.right! - 1]![0]]);
    expect(imposed).toEqual(expected);
    expect(containsText(imposed[0]![1]!, 'Migration ville à ville en Méditerranée')).toBe(true); // the cover, right of sheet 1
    expect(containsText(imposed[1]![0]!, 'Introduction')).toBe(true); // page 2, left on the back of sheet 1
  });

  it('imposes the real Arabic booklet bound on the right, which the booklet itself says (/Direction /R2L)', async () => {
    const built = brochure(['--root', project, 'booklet', '--lang', 'fr,ar']);
    expect(built.code, built.stderr).toBe(0);
    const direction = async (lang: string) => (await PDFDocument.load(readFileSync(join(project, 'out', lang, 'targeted-city-actions.pdf')))).catalog.getViewerPreferences()?.getReadingDirection();
    expect(await direction('ar')).toBe(ReadingDirection.R2L); // two-page views show Arabic spreads right to left
    expect(await direction('fr')).toBe(ReadingDirection.L2R);
    expect(brochure(['--root', project, 'build', '--only', 'casablanca', '--lang', 'ar']).code).toBe(0);
    const arabicCard = await PDFDocument.load(readFileSync(join(project, 'out', 'ar', 'casablanca.pdf')));
    expect(arabicCard.catalog.getViewerPreferences()?.getReadingDirection()).toBe(ReadingDirection.R2L);
    const r = brochure(['--root', project, 'handout', 'booklet', '--lang', 'ar']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/targeted-city-actions\.booklet-a5\.pdf\s+written\s+\(\d+ pages.* bound on the right: right to left\)/);
    const source = await halvesText(readFileSync(join(project, 'out', 'ar', 'targeted-city-actions.pdf')), false);
    const imposed = await halvesText(readFileSync(join(project, 'out', 'handouts', 'ar', 'targeted-city-actions.booklet-a5.pdf')), true);
    const pages = source.length;
    const sheets = bookletOrder(pages, 'right');
    expect(imposed).toEqual(sheets.flatMap((s) => [s.front, s.back]).map((side) => [side.left ? source[side.left - 1]![0] : '', side.right ? source[side.right - 1]![0] : '']));
    // Sheet 1: the cover on the left of the front, the back cover on its right; page 2 on the right of the back.
    expect(imposed[0]![0]).toBe(source[0]![0]);
    expect(imposed[0]![1]).toBe(source[pages - 1]![0]);
    expect(imposed[1]![1]).toBe(source[1]![0]);
  }, 180_000);

  it('the CLI imposes a booklet PDF given by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-'));
    const src = join(dir, 'numbers.pdf');
    writeFileSync(src, await numberedPdf(8));
    const r = brochure(['--root', dir, 'handout', 'booklet', src]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('8 pages on 2 sheets');
    expect(r.stdout).toContain('flip on the short edge');
    const placed = await placedNumbers(readFileSync(join(dir, 'out', 'handouts', 'numbers.booklet-a5.pdf')));
    expect(placed.map((p) => p.numbers)).toEqual(byHand[8]);
  });

  it('a file that is not a PDF is one clear line, exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-'));
    writeFileSync(join(dir, 'notes.pdf'), 'hello');
    const r = brochure(['--root', dir, 'handout', 'booklet', join(dir, 'notes.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/notes\.pdf: not a PDF file$/);
    expect(r.stderr).not.toMatch(/at .*\.js/);
  });
});

describe('2-up and duplex handouts', () => {
  it('2-up puts two pages side by side, scaled to A5, on A4 landscape sheets', async () => {
    const doc = await PDFDocument.load(await numberedPdf(3));
    const placed = await placedNumbers(await twoUp([doc]));
    expect(placed.map((p) => p.numbers)).toEqual([['P1', 'P2'], ['P3', '-']]);
    expect(placed.every((p) => p.upright && near(p.size[0], 841.89))).toBe(true);
    const repeated = await placedNumbers(await twoUp([doc], { repeat: true }));
    expect(repeated.map((p) => p.numbers)).toEqual([['P1', 'P1'], ['P2', 'P2'], ['P3', 'P3']]);
  });

  it('duplex alternates front and back language, one action per sheet', async () => {
    const front = await PDFDocument.load(await numberedPdf(1));
    const back = await PDFDocument.load(await numberedPdf(2));
    const placed = await placedNumbers(await duplex([{ front, back }, { front: back, back: front }]));
    // Action 1: front P1 / back P1, then front (none) / back P2; action 2: P1/P1, P2/blank.
    expect(placed.map((p) => p.numbers.filter((n) => n !== '-').join() || '-')).toEqual(['P1', 'P1', '-', 'P2', 'P1', 'P1', 'P2', '-']);
  });

  it('the CLI makes a French-front, English-back handout per action from the built sheets', async () => {
    const r = brochure(['--root', project, 'handout', 'duplex', '--langs', 'fr,en', '--only', 'casablanca']);
    expect(r.code, r.stderr).toBe(0);
    const path = join(project, 'out', 'handouts', 'fr-en', 'casablanca.pdf');
    const { pages, total } = await pdfText(readFileSync(path));
    expect(total).toBe(2);
    expect(containsText(pages[0]!, 'Financé par l’Union européenne')).toBe(true);
    expect(containsText(pages[1]!, 'Funded by the European Union')).toBe(true);
    const check = qpdfCheck(path);
    if (check) expect(check.ok, check.output).toBe(true);
    const usage = brochure(['--root', project, 'handout', 'duplex', '--langs', 'fr']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('expected two different languages');
  });
});

describe('preflight', () => {
  it('passes a print file of a card, and reports its boxes in millimetres', async () => {
    const card = readFileSync(join(project, 'out', 'fr', 'casablanca.pdf'));
    const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
    writeFileSync(join(dir, 'card.pdf'), (await printReady(card)).bytes);
    const r = brochure(['preflight', join(dir, 'card.pdf')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('page 1: trim 210 × 297 mm (A4 portrait), bleed 3 mm on every side');
    expect(r.stdout).toMatch(/Fonts: \d+, all embedded/);
    expect(r.stdout).toContain('nothing below 6 pt');
    expect(r.stdout).toContain(colours.brand.toUpperCase());
    expect(r.stdout).toContain('Result: no problems found');
  });

  it('finds fonts not embedded, small text and low-resolution images', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica); // a standard font: never embedded
    const page = doc.addPage([A4.width, A4.height]);
    page.drawText('Fine print', { x: 50, y: 700, size: 5, font });
    page.drawText('Readable', { x: 50, y: 650, size: 12, font });
    // Text scaled down by the transformation matrix: 9 pt × 0.5 = 4.5 pt on paper.
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(0.5, 0, 0, 0.5, 0, 0));
    page.drawText('Scaled', { x: 100, y: 100, size: 9, font });
    page.pushOperators(popGraphicsState());
    const image = await doc.embedPng(PNG.sync.write(new PNG({ width: 4, height: 4 }))); // 4 × 4 pixels
    page.drawImage(image, { x: 50, y: 400, width: 50 * MM, height: 50 * MM });
    page.drawRectangle({ x: 300, y: 400, width: 100, height: 100, color: rgb(1, 0, 0) });
    const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
    writeFileSync(join(dir, 'bad.pdf'), await doc.save());
    const r = brochure(['preflight', join(dir, 'bad.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('font "Helvetica" is not embedded');
    expect(r.stdout).toContain('text in 5 pt (Helvetica) on page 1: below 6 pt');
    expect(r.stdout).toMatch(/4 × 4 pixels printed at 50 × 50 mm is only 2 dpi/);
    expect(r.stdout).toContain('#FF0000');
    expect(r.stdout).toContain('no trim box');
    expect(r.stdout).toContain('text in 4.5 pt (Helvetica) on page 1: below 6 pt');
    expect(r.stdout).not.toContain('text in 12 pt');
    // An untagged file, not made for print either: every accessibility check it fails, each
    // with its clause (the title and language it does not have are said missing).
    expect(r.stdout).toContain('accessibility: not a tagged PDF (no /MarkInfo /Marked true): a screen reader gets no headings, lists or alternative texts (PDF/UA-1 7.1)');
    expect(r.stdout).toContain('accessibility: no document language (/Lang in the catalog) (PDF/UA-1 7.2)');
    expect(r.stdout).toContain('accessibility: font Helvetica is not embedded (PDF/UA-1 7.21.4)');
    expect(r.stdout).toMatch(/Archiving: no PDF\/A claim/);
    expect(r.stdout).toMatch(/Result: 11 problems/);
  });
});
