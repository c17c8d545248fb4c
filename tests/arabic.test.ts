// The Arabic edition: every Arabic card reads back (copy, search, pdf-parse) as it was written,
// Arabic is drawn only with the Arabic font, a card is the same whichever cards were rendered
// before it, the card is mirrored, and it still looks like the committed baseline image.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { PDFParse } from 'pdf-parse';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, PDFDict, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { Workspace } from '../src/pipeline/index.js';
import { renderCard } from '../src/render/index.js';
import { fitCard } from '../src/fit/card.js';
import type { ResolvedSheet } from '../src/resolve/index.js';
import { normalise, pdfText } from './pdf.js';
import { editFile, ROOT, tempProject } from './project.js';
import { brochure } from './cli.js';

const { data } = (await Workspace.open(ROOT, { cache: false }).valid());
const sheets = (await Workspace.open(ROOT, { cache: false }).sheets({ langs: ['ar'] }));
const sheet = (id: string) => sheets.find((s) => s.id === id)!;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u;

/** Every text of an Arabic card, as the reader should get it back. */
function fieldsOf(s: ResolvedSheet): [string, string][] {
  return [
    ['programme', s.programme], ['series', s.series], ['place', s.place], ['title', s.title],
    ...(s.subtitle ? [['subtitle', s.subtitle] as [string, string]] : []),
    ...(s.acronym ? [['acronym', s.acronym] as [string, string]] : []),
    ...(s.draftMark ? [['draft mark', s.draftMark] as [string, string]] : []),
    ['sdg heading', s.sdgHeading],
    ...s.targets.flatMap((t): [string, string][] => [[`goal ${t.goal}`, t.goalTitle], [`target ${t.code}`, `${t.code} ${t.label}`]]),
    ['objective heading', s.objective.heading], ['activities heading', s.activities.heading], ['results heading', s.results.heading],
    ...s.objective.paragraphs.map((p, i): [string, string] => [`objective ${i + 1}`, p]),
    ...s.activities.items.map((p, i): [string, string] => [`activity ${i + 1}`, p]),
    ...s.results.items.map((p, i): [string, string] => [`result ${i + 1}`, p]),
    ['recommendations heading', s.recommendations.heading],
    ...s.recommendations.items.map((p, i): [string, string] => [`recommendation ${i + 1}`, p]),
    ['funding statement', s.fundingStatement],
    // Latin names inside the Arabic card stay left to right: "CIES Tunisie", not "Tunisie CIES".
    ...s.partners.items.map((p): [string, string] => ['partner', p.name]),
  ];
}

/** Each embedded font's name and the characters its glyphs stand for (its ToUnicode map). */
async function fontCharacters(bytes: Buffer): Promise<{ name: string; text: string }[]> {
  const pdf = await PDFDocument.load(bytes);
  const out: { name: string; text: string }[] = [];
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const name = String(obj.get(PDFName.of('BaseFont')) ?? '');
    const ref = obj.get(PDFName.of('ToUnicode'));
    const stream = ref instanceof PDFRef ? pdf.context.lookup(ref) : undefined;
    let text = '';
    if (stream instanceof PDFRawStream) {
      const cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      // Every <hex> destination of the bfrange/bfchar entries: UTF-16BE code units.
      for (const m of cmap.matchAll(/<([0-9a-fA-F ]{4,})>/g)) {
        const units = m[1].split(' ').filter(Boolean).map((h) => parseInt(h, 16));
        if (units.some((u) => u > 0xff)) text += String.fromCharCode(...units);
      }
    }
    if (name && name !== '/Type0') out.push({ name, text });
  }
  return out.filter((f) => !/Identity/.test(f.name));
}

interface PlacedText { str: string; x: number; right: number; y: number }
async function placedText(bytes: Buffer): Promise<{ items: PlacedText[]; width: number }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(1);
    const content = await page.getTextContent();
    const items = (content.items as { str: string; transform: number[]; width: number }[])
      .filter((i) => i.str.trim())
      .map((i) => ({ str: i.str, x: i.transform[4], right: i.transform[4] + i.width, y: i.transform[5] }));
    return { items, width: page.view[2] };
  } finally {
    await doc.destroy();
  }
}

async function screenshot(bytes: Buffer): Promise<PNG> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const shot = await parser.getScreenshot({ partial: [1], scale: 1, imageBuffer: true, imageDataUrl: false });
    return PNG.sync.read(Buffer.from(shot.pages[0].data));
  } finally {
    await parser.destroy();
  }
}

describe('Arabic edition', () => {
  // fontkit caches one glyph per id with the letters of its first use; the Amman card reaches
  // glyphs the Rabat card reaches from other letters (patches/fontkit+2.0.4.patch). Without the
  // patch, Rabat built after Amman broke "الأدلة" across two lines. Separate processes, as a user runs them.
  it('builds a card identically whichever cards are built with it', () => {
    const alone = mkdtempSync(join(tmpdir(), 'ar-alone-'));
    const together = mkdtempSync(join(tmpdir(), 'ar-together-'));
    expect(brochure(['build', '--root', ROOT, '--out', alone, '--lang', 'ar', '--only', 'rabat']).code).toBe(0);
    expect(brochure(['build', '--root', ROOT, '--out', together, '--lang', 'ar', '--only', 'amman,rabat']).code).toBe(0);
    expect(readFileSync(join(together, 'ar', 'rabat.pdf')).equals(readFileSync(join(alone, 'ar', 'rabat.pdf')))).toBe(true);
  });

  it('has every action in Arabic', () => {
    expect(sheets.map((s) => s.id).sort()).toEqual(data.actions.map((a) => a.id).sort());
    expect(sheets.every((s) => s.direction === 'rtl')).toBe(true);
  });

  // What copy/paste, search and pdf-parse read back equals the source, after NFKC
  // normalisation and without line breaks (patches/@react-pdf+render+4.7.0.patch).
  for (const s of sheets) {
    it(`ar/${s.id}: the text reads back as written; Arabic only in the Arabic font`, async () => {
      const bytes = await renderCard(s);
      const { pages } = await pdfText(bytes);
      const text = normalise(pages.join('\n'));
      const wrong = fieldsOf(s).filter(([, source]) => !text.includes(normalise(source)));
      expect(wrong).toEqual([]);

      const fonts = await fontCharacters(bytes);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((f) => ARABIC.test(f.text) && !/IBMPlexSansArabic/.test(f.name)).map((f) => f.name)).toEqual([]);
      expect(fonts.some((f) => /IBMPlexSansArabic/.test(f.name) && ARABIC.test(f.text))).toBe(true);
      expect(bytes.includes('/Helvetica')).toBe(false);
    });
  }

  it('mirrors the card: title and footer from the right, OBJECTIVE at the right, Western digits', async () => {
    const s = sheet('rabat');
    const { items, width } = await placedText(await renderCard(s));
    const find = (text: string) => {
      const item = items.find((i) => normalise(i.str) === normalise(text));
      expect(item, text).toBeDefined();
      return item!;
    };
    const margin = 36;
    const heading = (text: string) => find(text);
    expect(heading(s.objective.heading).x).toBeGreaterThan(heading(s.activities.heading).x);
    expect(heading(s.activities.heading).x).toBeGreaterThan(heading(s.results.heading).x);
    // Right-aligned: the title line and the objective heading end at the right margin.
    expect(Math.abs(find(s.title).right - (width - margin))).toBeLessThan(1.5);
    expect(Math.abs(heading(s.objective.heading).right - (width - margin))).toBeLessThan(1.5);
    // The funding statement stands at the right of the footer, beside the emblem.
    expect(find(s.fundingStatement).x).toBeGreaterThan(width / 2);
    // Target codes in Western digits; the first target's tile is the rightmost.
    const codes = s.targets.map((t) => find(t.code));
    expect(codes[0].x).toBeGreaterThan(codes[1].x);
  });

  it('prints a lettered target code left to right ("11.b", not "b.11")', async () => {
    const s = sheets.find((x) => x.targets.some((t) => /[a-z]$/.test(t.code)))!;
    const code = s.targets.find((t) => /[a-z]$/.test(t.code))!.code;
    const { items } = await placedText(await renderCard(s));
    // What the eye reads left to right on each baseline (bidi in a right-to-left Text drew "b.11").
    const lines = new Map<number, PlacedText[]>();
    for (const i of items) lines.set(Math.round(i.y), [...(lines.get(Math.round(i.y)) ?? []), i]);
    const seen = [...lines.values()].map((l) => l.sort((a, b) => a.x - b.x).map((i) => i.str).join(''));
    expect(seen.some((l) => l.includes(code))).toBe(true);
  });

  it('keeps a Latin name left to right on an Arabic card, brackets and all', async () => {
    const s = sheet('rabat');
    const bytes = await renderCard({ ...s, acronym: 'ACME-2 (EU)', partners: { ...s.partners, items: [{ name: 'Cities Alliance (UNOPS)' }] } });
    const { items } = await placedText(bytes);
    const lines = new Map<number, PlacedText[]>();
    for (const i of items) lines.set(Math.round(i.y), [...(lines.get(Math.round(i.y)) ?? []), i]);
    const seen = [...lines.values()].map((l) => normalise(l.sort((a, b) => a.x - b.x).map((i) => i.str).join('')));
    expect(seen.some((l) => l.includes(normalise('Cities Alliance (UNOPS)')))).toBe(true);
    expect(seen.some((l) => l.includes(normalise('ACME-2 (EU)')))).toBe(true);
  });

  it('looks like the committed baseline (shaping, dots, mirroring)', async () => {
    const baselinePath = join(import.meta.dirname, 'baselines', 'ar-rabat.png');
    const { bytes } = await fitCard(sheet('rabat'));
    const actual = await screenshot(bytes);
    if (process.env.UPDATE_BASELINES || !existsSync(baselinePath)) {
      mkdirSync(join(import.meta.dirname, 'baselines'), { recursive: true });
      writeFileSync(baselinePath, PNG.sync.write(actual));
      if (!process.env.UPDATE_BASELINES) throw new Error(`no baseline: wrote ${baselinePath}, look at it and commit it`);
    }
    const baseline = PNG.sync.read(readFileSync(baselinePath));
    expect([actual.width, actual.height]).toEqual([baseline.width, baseline.height]);
    const diff = new PNG({ width: baseline.width, height: baseline.height });
    const different = pixelmatch(actual.data, baseline.data, diff.data, baseline.width, baseline.height, { threshold: 0.1 });
    // A broken join, a moved dot row or an unmirrored block changes thousands of pixels;
    // anti-aliasing noise a few dozen.
    const tolerance = 0.001 * baseline.width * baseline.height;
    if (different > tolerance) {
      const dir = mkdtempSync(join(tmpdir(), 'ar-visual-'));
      writeFileSync(join(dir, 'actual.png'), PNG.sync.write(actual));
      writeFileSync(join(dir, 'diff.png'), PNG.sync.write(diff));
      throw new Error(`${different} pixels differ from tests/baselines/ar-rabat.png (tolerance ${Math.round(tolerance)}): see ${dir}`);
    }
  });
});

// Issue 25, items 3 and 4: numbers in right-to-left text. The Unicode bidi algorithm splits a
// number at a plain space ("5 000" shown as "000 5"), leaves a leading "+" and a date's hyphens
// behind, and textkit broke "13%" across lines with a hyphen ("13-" / "%").
describe('numbers in Arabic text', () => {
  const written = {
    thousands: 'استفاد 5 000 مستفيد من البرنامج بميزانية قدرها 1 250 000 درهم',
    phone: 'للتواصل: +216 75 123 456 أو 0522 12 34 56 من الاثنين إلى الجمعة',
    dates: 'من 12/03/2024 إلى 2024-06-30 ثم من 2024 إلى 2026',
    marks: 'رقم الملف\u200F: \u200EAB-12\u200E والمرجع \u2067٣١٢\u2069',
    percentages: Array.from({ length: 60 }, (_, i) => `${10 + ((i * 37) % 90)}% من`).join(' '),
  };
  let dir: string;
  let bytes: Buffer;
  it('builds a card holding them, bidi marks typed in the YAML accepted (never drawn)', async () => {
    dir = tempProject();
    const yaml = (t: string) => JSON.stringify(t); // a YAML double-quoted scalar, escapes and all
    editFile(join(dir, 'data', 'actions', 'casablanca.yaml'), (y) => y.replace(/^(ar:\n(?:.*\n)*?  results:\n)/m, `$1${Object.values(written).map((t) => `    - ${yaml(t)}\n`).join('')}`));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'ar']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/U\+200[EF]|U\+206[79]|not in the IBM Plex/);
    bytes = readFileSync(join(dir, 'out', 'ar', 'casablanca.pdf'));
    expect(bytes.includes('/Helvetica')).toBe(false);
  }, 60_000);

  it('read back in logical order, as written (copy, search)', async () => {
    const text = normalise((await pdfText(bytes)).pages.join('\n'));
    for (const [what, t] of Object.entries(written)) expect(text.includes(normalise(t.replace(/[\u200E\u200F\u2066-\u2069]/g, ''))), what).toBe(true);
  });

  it('shown left to right whole: digit groups, a leading "+", a date with hyphens', async () => {
    const { items } = await placedText(bytes);
    // What the eye reads left to right on each baseline.
    const lines = new Map<number, PlacedText[]>();
    for (const i of items) lines.set(Math.round(i.y), [...(lines.get(Math.round(i.y)) ?? []), i]);
    const seen = [...lines.values()].map((l) => normalise(l.sort((a, b) => a.x - b.x).map((i) => i.str).join(' ')));
    for (const number of ['5 000', '1 250 000', '+216 75 123 456', '0522 12 34 56', '12/03/2024', '2024-06-30']) {
      expect(seen.some((l) => l.includes(normalise(number))), number).toBe(true);
    }
  });

  it('never broken inside, and no hyphen added: every "-" printed is one written', async () => {
    const text = (await pdfText(bytes)).pages.join('\n');
    const s = (await Workspace.open(dir).sheets({ only: ['casablanca'], langs: ['ar'] }))[0]!;
    const hyphens = (t: string) => (t.match(/-/g) ?? []).length;
    expect(hyphens(text)).toBe(fieldsOf(s).reduce((n, [, t]) => n + hyphens(t), 0));
    for (const line of text.split('\n')) expect(line.trim(), 'a line starting with "%"').not.toMatch(/^%/);
  });

  // The same check on every real Arabic card: textkit took a change of font or bidi level inside
  // a word for a hyphenation point, and printed «- and (HUDC- at line ends (Beirut, Ramallah, Zarqa).
  for (const s of sheets) {
    it(`ar/${s.id}: no hyphen that was not written`, async () => {
      const { bytes: card } = await fitCard(s);
      const text = (await pdfText(card)).pages.join('\n');
      const hyphens = (t: string) => (t.match(/-/g) ?? []).length;
      expect(hyphens(text)).toBe(fieldsOf(s).reduce((n, [, t]) => n + hyphens(t), 0));
    });
  }
});
