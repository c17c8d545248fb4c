// Issue 13, "nothing silent": each mistake that once passed without a word now ends in a
// correct result or in one clear line (file:line:column field: what to do), with nothing
// written on error and the PDFs of the last good build untouched.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { RenderCache } from '../src/cache/index.js';
import { crc32 } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { readPage } from '../src/pdf/content.js';
import { watch } from '../src/cli/watch.js';
import { cloneElement, createElement, type ReactElement } from 'react';
import { Document, Page, renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { Workspace } from '../src/pipeline/index.js';
import { imageUses, prepareImages } from '../src/resolve/images.js';
import { fitCard, textFaults } from '../src/fit/card.js';
import { renderDocument } from '../src/render/index.js';
import { CardDocument } from '../templates/CardSheet.js';
import { FundingFooter } from '../templates/parts.js';
import { scale } from '../src/design/theme.js';
import { containsText, pdfText } from './pdf.js';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brochure } from './cli.js';
import { editFile, ROOT, tempProject } from './project.js';
import { spawn } from 'node:child_process';
import { interruptedMessage } from '../src/cli/progress.js';

/** Every file under out/, by path relative to the project, with its bytes. */
export function outFiles(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(join(root, 'out'));
  return files;
}

let base: string; // the real data with casablanca built: out/ holds the last good build
let good: Map<string, Buffer>;

beforeAll(() => {
  base = tempProject();
  const r = brochure(['--root', base, 'build', '--only', 'casablanca']);
  expect(r.code, r.stderr).toBe(0);
  good = outFiles(base);
});

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brochure-silent-'));
  cpSync(base, dir, { recursive: true });
  return dir;
}

function expectOutUnchanged(dir: string) {
  const now = outFiles(dir);
  expect([...now.keys()].sort()).toEqual([...good.keys()].sort());
  for (const [path, bytes] of good) expect(now.get(path)!.equals(bytes), `${path} changed`).toBe(true);
}

const lines = (s: string) => s.split('\n').filter(Boolean);
const action = (dir: string, id: string) => join(dir, 'data', 'actions', `${id}.yaml`);

describe('1. data files that are not UTF-8', () => {
  it('a record saved as Windows-1252 is refused at its first non-UTF-8 byte, naming the encoding', () => {
    const dir = copy();
    const text = readFileSync(action(dir, 'casablanca'), 'utf8');
    // What Notepad's "ANSI" gives: one byte per accented letter (the Arabic block dropped, as cp1252 has no Arabic).
    const latin = text.replace(/\nar:[\s\S]*$/, '\n').replace(/[’]/g, "'");
    writeFileSync(action(dir, 'casablanca'), Buffer.from(latin, 'latin1'));
    const first = latin.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l));
    const column = [...latin.split('\n')[first]!].findIndex((c) => c.charCodeAt(0) > 0x7f) + 1;
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const byte = latin.split('\n')[first]![column - 1]!.charCodeAt(0).toString(16).toUpperCase();
    expect(lines(r.stderr)).toContain(`data/actions/casablanca.yaml:${first + 1}:${column} not UTF-8 text (byte 0x${byte} here): the file looks like Windows-1252 (Latin-1, Notepad's "ANSI"): save it as UTF-8 (accented letters would otherwise print as "�")`);
    expect(lines(r.stderr).at(-1)).toMatch(/^Nothing was written/);
    expectOutUnchanged(dir);
  });

  it('an Arabic record saved as Windows-1256 and a UTF-16 file are named as such', () => {
    const dir = copy();
    const ar = Buffer.from([...Buffer.from('country: MA\nar:\n  title: '), 0xc7, 0xe1, 0xc8, 0xd1, 0xe4, 0xc7, 0xe3, 0xcc, 0x20, 0xc7, 0xe1, 0xe3, 0xcd, 0xe1, 0xed, 0x20, 0xe1, 0xe1, 0xe5, 0xcc, 0xd1, 0xc9, 0x0a]);
    writeFileSync(action(dir, 'arabic'), ar);
    writeFileSync(action(dir, 'unicode'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('country: MA\n', 'utf16le')]));
    const r = brochure(['--root', dir, 'validate']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContain('data/actions/arabic.yaml:3:10 not UTF-8 text (byte 0xC7 here): the file looks like Windows-1256 (Arabic): save it as UTF-8 (accented letters would otherwise print as "�")');
    expect(lines(r.stderr)).toContain('data/actions/unicode.yaml:1:1 not UTF-8 text (byte 0xFF here): the file looks like UTF-16 ("Unicode" in Notepad and Excel): save it as UTF-8 (accented letters would otherwise print as "�")');
  });

  it('a "�" already in the text (an earlier bad conversion) is refused, in any data file', () => {
    const dir = copy();
    editFile(join(dir, 'data', 'catalogues', 'countries.yaml'), (s) => s.replace('Maroc', 'Mar\uFFFDc'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const line = readFileSync(join(dir, 'data', 'catalogues', 'countries.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('\uFFFD'));
    const column = readFileSync(join(dir, 'data', 'catalogues', 'countries.yaml'), 'utf8').split('\n')[line]!.indexOf('\uFFFD') + 1;
    expect(lines(r.stderr)).toContain(`data/catalogues/countries.yaml:${line + 1}:${column} "�" (U+FFFD) marks a character lost when the text was converted from another encoding: type the intended character again`);
    expectOutUnchanged(dir);
  });

  it('a UTF-8 byte order mark and CRLF line endings are accepted: the same PDFs', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => '\uFEFF' + s.replace(/\n/g, '\r\n'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code, r.stderr).toBe(0);
    expectOutUnchanged(dir);
  });
});

describe('3. files the loader does not see', () => {
  it('x.YAML is read; any other file in data/actions/ or data/factsheets/ is named as not read', () => {
    const dir = copy();
    renameSync(action(dir, 'casablanca'), join(dir, 'data', 'actions', 'casablanca.YAML'));
    writeFileSync(join(dir, 'data', 'actions', 'rabat.yaml.bak'), readFileSync(action(dir, 'rabat')));
    writeFileSync(join(dir, 'data', 'factsheets', 'notes.txt'), 'to do\n');
    writeFileSync(join(dir, 'data', 'actions', '.DS_Store'), ''); // hidden files are not the user's
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toEqual(expect.arrayContaining([
      'data/actions/rabat.yaml.bak warning: this file is not read: only .yaml and .yml files in data/actions/ are records (rename it to <id>.yaml, or move it out of data/)',
      'data/factsheets/notes.txt warning: this file is not read: only .yaml and .yml files in data/factsheets/ are records (rename it to <id>.yaml, or move it out of data/)',
    ]));
    expect(r.stderr).not.toContain('DS_Store');
    expectOutUnchanged(dir); // casablanca.YAML built to the same bytes
  });
});

describe('messages', () => {
  it('a tab-indented file: one message about the tabs, nothing that follows from them', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^ {2}/gm, '\t'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const mine = lines(r.stderr).filter((l) => l.startsWith('data/actions/casablanca.yaml'));
    const first = readFileSync(action(dir, 'casablanca'), 'utf8').split('\n').findIndex((l) => l.startsWith('\t')) + 1;
    const count = readFileSync(action(dir, 'casablanca'), 'utf8').split('\n').filter((l) => l.startsWith('\t')).length;
    expect(mine).toEqual([`data/actions/casablanca.yaml:${first}:1 YAML syntax: the file is indented with tabs (${count} lines, from line ${first}); YAML needs spaces: replace each tab at the start of a line with two spaces`]);
    expectOutUnchanged(dir);
  });

  it('a duplicated key names the key and the line of its first occurrence', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^country: MA$/m, 'country: MA\nacronym: CASA\ncountry: MA'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const text = readFileSync(action(dir, 'casablanca'), 'utf8').split('\n');
    const firstLine = text.findIndex((l) => l === 'country: MA') + 1;
    const secondLine = text.findIndex((l, i) => l === 'country: MA' && i + 1 > firstLine) + 1;
    expect(lines(r.stderr).filter((l) => l.startsWith('data/actions/casablanca.yaml'))).toEqual([
      `data/actions/casablanca.yaml:${secondLine}:1 country: duplicate key "country": it is already given on line ${firstLine}; keep one of the two`,
    ]);
    expectOutUnchanged(dir);
  });
});

/** The record without its block of one language (blocks are top-level keys fr:, en:, ar:). */
function dropLanguage(file: string, lang: string) {
  editFile(file, (s) => s.replace(new RegExp(`^${lang}:\\n(?:(?: .*)?\\n)*`, 'm'), ''));
}

describe('2. records that drop out of a booklet or a build', () => {
  it('a record without a booklet language is left out of that booklet with a warning naming the record, the language and the booklet', async () => {
    const dir = copy();
    dropLanguage(action(dir, 'tanger'), 'fr');
    const r = brochure(['--root', dir, 'build', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toContain('data/actions/tanger.yaml:16:1 warning: fr: "tanger" has no fr text (only en, ar): it is left out of the fr booklet (targeted-city-actions.pdf) and has no fr sheet; add an fr: block beside the en: block (status: draft while it is being translated)');
    expect(existsSync(join(dir, 'out', 'fr', 'tanger.pdf'))).toBe(false);
  });

  it('a build whose filters select nothing is a usage error (exit 2) naming the filter, and writes nothing', () => {
    const dir = copy();
    dropLanguage(action(dir, 'sfax'), 'ar');
    const r = brochure(['--root', dir, 'build', '--only', 'sfax', '--lang', 'ar']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['brochure: --lang ar: "sfax" has no ar text (only fr, en), so --only sfax --lang ar builds nothing']);
    expect(r.stdout).not.toMatch(/Built 0/);
    expectOutUnchanged(dir);
    const check = brochure(['--root', dir, 'check', '--only', 'sfax', '--lang', 'ar']);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('so --only sfax --lang ar builds nothing');

    // One of two records asked for: built, and the other named.
    const some = brochure(['--root', dir, 'build', '--only', 'sfax,casablanca', '--lang', 'ar']);
    expect(some.code, some.stderr).toBe(0);
    expect(lines(some.stderr)).toContain('data/actions/sfax.yaml:16:1 warning: ar: "sfax" has no ar text (only fr, en): --only sfax,casablanca --lang ar builds no sheet for it; add an ar: block beside the fr: block (status: draft while it is being translated)');
  });

  it('brochure booklet --lang with a language the booklet does not have is a usage error', () => {
    const dir = copy();
    editFile(join(dir, 'data', 'booklet.yaml'), (s) => s.replace(/^ {2}ar:\n[\s\S]*$/m, ''));
    const r = brochure(['--root', dir, 'booklet', '--lang', 'ar']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['brochure: --lang ar: data/booklet.yaml has no ar wording (its languages: fr, en), so booklet --lang ar builds nothing']);
    expectOutUnchanged(dir);
  });
});

describe('5. huge images', () => {
  /** A w × h PNG with some detail (a gradient and a chequer), as a real logo would have. */
  async function png(w: number, h: number): Promise<Buffer> {
    const sharp = (await import('sharp')).default;
    const raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      raw[i] = (x * 255) / w; raw[i + 1] = (y * 255) / h; raw[i + 2] = ((x >> 6) ^ (y >> 6)) & 1 ? 200 : 40;
    }
    return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
  }
  const withLogo = (dir: string, logo: string) =>
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^country: MA$/m, `country: MA\npartners:\n  - name: Big Partner\n    logo: ${logo}`));
  const logoLine = (dir: string) => readFileSync(action(dir, 'casablanca'), 'utf8').split('\n').findIndex((l) => l.includes('logo: ')) + 1;

  it('a 6000 × 6000 logo is downsampled to 300 dpi at its printed size: a sheet of normal size, the same bytes every build, and a warning', async () => {
    const dir = copy();
    mkdirSync(join(dir, 'assets', 'logos'), { recursive: true });
    writeFileSync(join(dir, 'assets', 'logos', 'huge.png'), await png(6000, 6000));
    withLogo(dir, 'logos/huge.png');
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'fr', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toContain(`data/actions/casablanca.yaml:${logoLine(dir)}:11 warning: partners[1].logo: "logos/huge.png" is 6000 × 6000 pixels, far more than the 217 × 109 a logo needs at 300 dpi: it is printed downsampled; a smaller file would build faster`);
    const pdf = readFileSync(join(dir, 'out', 'fr', 'casablanca.pdf'));
    expect(pdf.length).toBeLessThan(good.get('out/fr/casablanca.pdf')!.length + 100_000);
    const doc = await PDFDocument.load(pdf);
    const [image] = readPage(doc.getPage(0)).images;
    expect(image).toBeDefined();
    const dpi = Math.max(image!.pixelsWide / (image!.width / 72), image!.pixelsHigh / (image!.height / 72));
    // 300 dpi, rounded up to a whole pixel (26 pt = 108.3 px → 109 px).
    expect(dpi).toBeGreaterThanOrEqual(300);
    expect(dpi).toBeLessThan(303);
    const again = brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'fr', '--no-cache', '--out', 'again']);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again', 'fr', 'casablanca.pdf')).equals(pdf)).toBe(true);
    // With the cache the downsampled logo is kept: the next build reads it back, says the same, makes the same bytes.
    for (const out of ['cached-1', 'cached-2']) {
      const c = brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'fr', '--out', out]);
      expect(lines(c.stderr)).toContain(lines(r.stderr).find((l) => l.includes('6000 × 6000')));
      expect(readFileSync(join(dir, out, 'fr', 'casablanca.pdf')).equals(pdf)).toBe(true);
    }
  });

  it('above the hard limits in pixels or bytes an image is refused with a clear message', async () => {
    const dir = copy();
    mkdirSync(join(dir, 'assets', 'logos'), { recursive: true });
    // A PNG whose header says 20000 × 20000: refused from the header, never decoded.
    const small = await png(2, 2);
    const ihdr = small.indexOf('IHDR');
    small.writeUInt32BE(20000, ihdr + 4);
    small.writeUInt32BE(20000, ihdr + 8);
    small.writeUInt32BE(crc32(small.subarray(ihdr, ihdr + 17)), ihdr + 17);
    writeFileSync(join(dir, 'assets', 'logos', 'giant.png'), small);
    withLogo(dir, 'logos/giant.png');
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContain(`data/actions/casablanca.yaml:${logoLine(dir)}:11 partners[1].logo: "logos/giant.png": 20000 × 20000 pixels is above the limit of 100 million pixels: a logo needs 217 × 109 pixels at 300 dpi; save a smaller copy`);
    expectOutUnchanged(dir);

    writeFileSync(join(dir, 'assets', 'logos', 'giant.png'), Buffer.concat([small, Buffer.alloc(51 * 1024 * 1024)]));
    const bytes = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(bytes.code).toBe(1);
    expect(lines(bytes.stderr)).toContain(`data/actions/casablanca.yaml:${logoLine(dir)}:11 partners[1].logo: "logos/giant.png": the file is 51 MB, above the 50 MB an image may be: a logo needs 217 × 109 pixels at 300 dpi; save a smaller copy`);
    expectOutUnchanged(dir);
  });

  it('preflight reports an image of far more resolution than print needs', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(await doc.embedPng(await png(2000, 2000)), { x: 50, y: 600, width: 72, height: 72 }); // 2000 dpi
    const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
    writeFileSync(join(dir, 'heavy.pdf'), await doc.save());
    const r = brochure(['preflight', join(dir, 'heavy.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Images: 1, 1 above 1200 dpi (far more than print needs)');
    expect(r.stdout).toContain('- page 1: an image of 2000 × 2000 pixels printed at 25.4 × 25.4 mm is 2000 dpi, far more than the 300 print needs: it makes the file heavy and slow to print; use a smaller image (brochure build downsamples the images it is given)');
  });
});

describe('print and handout messages', () => {
  it('preflight names fonts as a reader knows them, also inside a handout (not F3, F10)', () => {
    const dir = copy();
    expect(brochure(['--root', dir, 'handout', '2up', join(dir, 'out', 'fr', 'casablanca.pdf')]).code).toBe(0);
    const r = brochure(['--root', dir, 'preflight', join(dir, 'out', 'handouts', 'fr', 'casablanca.2up.pdf')]);
    expect(r.stdout).toMatch(/- text in [\d.]+ pt \(IBM Plex Sans Condensed Bold\) on page 1: below 6 pt/);
    expect(r.stdout).toContain('ok      IBM Plex Sans Bold (CIDFontType2, embedded subset)');
    expect(r.stdout).not.toMatch(/\(F\d+\)/);
  });

  it('handout 2up of one card: each language its own file, none overwritten', () => {
    const dir = copy();
    for (const lang of ['fr', 'en']) expect(brochure(['--root', dir, 'handout', '2up', join(dir, 'out', lang, 'casablanca.pdf')]).code).toBe(0);
    const fr = readFileSync(join(dir, 'out', 'handouts', 'fr', 'casablanca.2up.pdf'));
    const en = readFileSync(join(dir, 'out', 'handouts', 'en', 'casablanca.2up.pdf'));
    expect(fr.equals(en)).toBe(false);
  });
});

describe('watch', () => {
  it('prints a warning once, not at every rebuild, and times in 24-hour ISO form', async () => {
    const root = tempProject(); // its factsheet has two warnings (links that are not public)
    const stop = new AbortController();
    let builds = 0;
    const printed: string[] = [];
    const running = watch({ root, booklet: false, langs: ['fr'], only: undefined, signal: stop.signal, debounceMs: 50, print: (l) => printed.push(l), onBuild: () => builds++ });
    const until = async (n: number) => {
      for (let i = 0; i < 600 && builds < n; i++) await new Promise((r) => setTimeout(r, 100));
      expect(builds).toBeGreaterThanOrEqual(n);
    };
    try {
      await until(1);
      editFile(action(root, 'rabat'), (s) => s.replace(/^(  title: .*)$/m, '$1 (watched)'));
      await until(2);
    } finally {
      stop.abort();
      await running;
    }
    const warnings = printed.filter((l) => l.includes(' warning: '));
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(warnings).size).toBe(warnings.length);
    const stamped = printed.filter((l) => l.startsWith('['));
    expect(stamped.length).toBeGreaterThanOrEqual(2);
    for (const l of stamped) expect(l).toMatch(/^\[([01]\d|2[0-3]):[0-5]\d:[0-5]\d\] (built|not built)/);
  });
});

describe('labels written for ids', () => {
  it('a recommendation, country or target written as its label (any language) says which id has it', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => s
      .replace('country: MA', 'country: Morocco')
      .replace('targets: ["10.7",', 'targets: ["10.7 Faciliter la migration des personnes",')
      .replace('recommendations: [welcome-instruments, labour-market,', 'recommendations: [welcome-instruments, "الوصول إلى سوق العمل وريادة الأعمال والتدريب المهني",'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(expect.arrayContaining([
      'data/actions/casablanca.yaml:10:10 country: expected a two-letter country code such as MA: did you mean MA? ("Morocco" is its en name: write the code)',
      'data/actions/casablanca.yaml:12:11 targets[1]: expected a target code such as "10.7" or "16.b": did you mean 10.7? ("10.7 Faciliter la migration des personnes" is its fr label: write the code)',
      'data/actions/casablanca.yaml:13:40 recommendations[2]: unknown recommendation "الوصول إلى سوق العمل وريادة الأعمال والتدريب المهني": did you mean labour-market? ("الوصول إلى سوق العمل وريادة الأعمال والتدريب المهني" is its ar label: write the id)',
    ]));
    expectOutUnchanged(dir);
  });
});

describe('6. the render cache', () => {
  const cacheEntries = (root: string) => {
    const dir = join(root, '.cache', 'renders');
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf')).sort();
  };

  it('a full build keeps only the entries its outputs use: a removed logo leaves nothing behind', async () => {
    const root = tempProject();
    for (const f of readdirSync(join(root, 'data', 'actions'))) if (!['casablanca.yaml', 'rabat.yaml'].includes(f)) rmSync(join(root, 'data', 'actions', f));
    expect(brochure(['--root', root, 'build']).code).toBe(0);
    const before = cacheEntries(root);
    expect(before.length).toBeGreaterThan(0);

    const sharp = (await import('sharp')).default;
    mkdirSync(join(root, 'assets', 'logos'), { recursive: true });
    await sharp({ create: { width: 800, height: 400, channels: 3, background: '#0B8A99' } }).png().toFile(join(root, 'assets', 'logos', 'partner.png'));
    const record = action(root, 'casablanca');
    const text = readFileSync(record, 'utf8');
    writeFileSync(record, text.replace(/^country: MA$/m, 'country: MA\npartners:\n  - name: Partner\n    logo: logos/partner.png'));
    expect(brochure(['--root', root, 'build']).code).toBe(0);
    const withLogo = cacheEntries(root);
    expect(withLogo).not.toEqual(before);
    // The old casablanca entries are gone; the downsampled logo is kept for the next build.
    expect(withLogo.length).toBe(before.length + 1);
    expect(withLogo.filter((e) => e.endsWith('.image.pdf')).length).toBe(1);

    writeFileSync(record, text); // the logo removed again
    const r = brochure(['--root', root, 'build']);
    expect(r.code).toBe(0);
    expect(cacheEntries(root)).toEqual(before);
  });

  it('past its size cap, the least recently used entries go first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-'));
    const old = new RenderCache(dir);
    for (const k of ['aa1', 'bb2', 'cc3']) old.put(k, Buffer.alloc(1000, k));
    const later = new RenderCache(dir); // another run, using one entry
    expect(later.get('bb2')).toBeDefined();
    const r = later.pruneToSize(1500); // three entries of 1032 bytes (checksum included)
    expect(r.removed).toBe(2); // aa1, cc3: unused by this run; bb2 is in use
    expect(later.get('bb2')).toBeDefined();
    expect(new RenderCache(dir).get('aa1')).toBeUndefined();
  });
});

describe('4. the footer and every part of the page', () => {
  const NAMES = ['Centre international pour le développement des politiques migratoires (ICMPD)', 'ONU-Habitat', 'Cités et Gouvernements Locaux Unis', 'Organisation internationale pour les migrations', 'Municipalité de Casablanca', 'Association Amal'];
  const partners = (names: string[], logo?: string) => 'partners:\n' + names.map((n, i) => `  - name: ${n}\n` + (logo && i % 2 ? `    logo: ${logo}\n` : '')).join('');

  it('six partners (with and without logos) fit in fr and ar with nothing drawn over anything, checked from the layout boxes', async () => {
    const dir = copy();
    mkdirSync(join(dir, 'assets', 'logos'), { recursive: true });
    const sharp = (await import('sharp')).default;
    await sharp({ create: { width: 400, height: 200, channels: 3, background: '#C0392B' } }).png().toFile(join(dir, 'assets', 'logos', 'p.png'));
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^country: MA$/m, `country: MA\n${partners(NAMES, 'logos/p.png')}`.trimEnd()));
    editFile(action(dir, 'rabat'), (s) => s.replace(/^country: MA$/m, `country: MA\n${partners(NAMES)}`.trimEnd()));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca,rabat', '--lang', 'fr,ar']);
    expect(r.code, r.stderr).toBe(0);

    const { data } = (await Workspace.open(dir).valid());
    const sheets = (await Workspace.open(dir).sheets({ only: ['casablanca', 'rabat'], langs: ['fr', 'ar'] }));
    expect(sheets).toHaveLength(4);
    for (const sheet of sheets) {
      let layout: Parameters<typeof textFaults>[1] | undefined;
      const { bodySize } = await fitCard(sheet); // the size the build chose
      const doc = cloneElement(CardDocument({ sheet, bodySize }) as ReactElement<DocumentProps>, { onRender: ((p: { _INTERNAL__LAYOUT__DATA_: typeof layout }) => { layout = p._INTERNAL__LAYOUT__DATA_; }) as DocumentProps['onRender'] });
      const bytes = await renderDocument(doc, sheet.lang);
      expect(textFaults(sheet, layout!), `${sheet.lang}/${sheet.id}`).toEqual([]);
      // Every partner is on the page: by name, or by its logo.
      const { pages, total } = await pdfText(bytes);
      expect(total).toBe(1);
      for (const p of sheet.partners.items) if (!p.logo) expect(containsText(pages[0]!, p.name), p.name).toBe(true);
      expect(readPage((await PDFDocument.load(bytes)).getPage(0)).images).toHaveLength(sheet.partners.items.filter((p) => p.logo).length);
    }
  });

  it('the check sees the footer: four long partner names in it are found drawn over the funding statement', async () => {
    const { data } = (await Workspace.open(base).valid());
    const [sheet] = (await Workspace.open(base).sheets({ only: ['casablanca'], langs: ['fr'] }));
    const crowded = { ...sheet!, partners: { ...sheet!.partners, items: NAMES.slice(0, 4).map((name) => ({ name })) } };
    let layout: Parameters<typeof textFaults>[1] | undefined;
    // The footer as it was before partners got their own row: all of them beside the statement.
    await renderToBuffer(createElement(Document, { onRender: (p: unknown) => { layout = (p as { _INTERNAL__LAYOUT__DATA_: typeof layout })._INTERNAL__LAYOUT__DATA_; } } as object,
      createElement(Page, { size: 'A4' }, createElement(FundingFooter, { statement: crowded.fundingStatement, partnersHeading: crowded.partners.heading, partners: crowded.partners.items, s: scale() }))));
    const faults = textFaults(crowded, layout!);
    expect(faults.some((f) => f.fault === 'overlap' && f.field?.path[0] === 'partners' && f.over?.text === crowded.fundingStatement)).toBe(true);
    expect(faults.some((f) => (f.fault === 'outside' || f.fault === 'margin') && f.field?.path[0] === 'partners')).toBe(true);
  });

  it('a partner name that cannot fit fails naming partners, and nothing is written', () => {
    const dir = copy();
    const long = 'Centreinternationalpourledéveloppementdespolitiquesmigratoires'.repeat(4);
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^country: MA$/m, `country: MA\n${partners(['ONU-Habitat', long, 'CGLU'])}`.trimEnd()));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'fr']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContainEqual(expect.stringMatching(/^data\/actions\/casablanca\.yaml:13:11 partners\[2\]\.name: on the fr card, the text runs \d+ pt past the edge of the page: shorten it$/));
    expectOutUnchanged(dir);
  });

  it('the factsheet too: an implementer name too long for its footer fails naming it', () => {
    const dir = copy();
    editFile(join(dir, 'data', 'factsheets', 'gouvernance-migratoire-partagee.yaml'), (s) => s.replace('implementer: OIM — ONU Migration', 'implementer: Organisation internationale pour les migrations, Mission au Royaume du Maroc, Bureau de Rabat et des régions'));
    const r = brochure(['--root', dir, 'build', '--only', 'gouvernance-migratoire-partagee', '--lang', 'fr']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContainEqual(expect.stringMatching(/^data\/factsheets\/gouvernance-migratoire-partagee\.yaml:27:16 fr\.implementer\.name: on the fr factsheet, the text "Organisation internationale pour les mig…" runs \d+ pt past the edge of the page: shorten it$/));
    expectOutUnchanged(dir);
  });
});

describe('too long: every column that is over', () => {
  it('when two columns are over, each is named with its own number of lines to cut', () => {
    const dir = copy();
    const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'bad', 'overflow-fails', 'data', 'actions', 'overflow-fails.yaml'), 'utf8');
    const results = fixture.split('\n').filter((l) => l.startsWith('    - '));
    writeFileSync(action(dir, 'two-over'), fixture.replace('    - Une activité.', results.slice(0, 16).join('\n')));
    const r = brochure(['--root', dir, 'build', '--only', 'two-over']);
    expect(r.code).toBe(1);
    const mine = lines(r.stderr).filter((l) => l.startsWith('data/actions/two-over.yaml'));
    expect(mine).toHaveLength(2);
    const longest = /^data\/actions\/two-over\.yaml:\d+:5 fr\.results: the fr card does not fit on one page even with 7\.5 pt body text: about \d+ pt \((\d+) lines\) too long; the RÉSULTATS column is the longest; shorten the text by about \1 lines \(and the ACTIVITÉS column too\)$/.exec(mine.find((l) => l.includes('fr.results'))!);
    const also = /^data\/actions\/two-over\.yaml:\d+:5 fr\.activities: the fr card does not fit on one page: the ACTIVITÉS column is too long as well; shorten it by about (\d+) lines?$/.exec(mine.find((l) => l.includes('fr.activities'))!);
    expect(longest, mine.join('\n')).not.toBeNull();
    expect(also, mine.join('\n')).not.toBeNull();
    expect(Number(also![1])).toBeGreaterThan(0);
    expect(Number(also![1])).toBeLessThan(Number(longest![1]));
    expectOutUnchanged(dir);
  });
});

describe('7. titles and French line ends', () => {
  it('a 300-character title is built with a warning measured on the card (its line count)', () => {
    const dir = copy();
    const title = ('Renforcement de la gouvernance locale des migrations et de la cohésion sociale dans les quartiers ').repeat(4).slice(0, 300).trim();
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^ {2}title: Migration à Casablanca$/m, `  title: ${title}`));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    const line = readFileSync(action(dir, 'casablanca'), 'utf8').split('\n').findIndex((l) => l.startsWith(`  title: ${title.slice(0, 20)}`)) + 1;
    const warning = new RegExp(`^data/actions/casablanca\\.yaml:${line}:10 warning: fr\\.title: the title takes (\\d) lines on the fr card \\(${title.length} characters\\), more than the 3 a title reads well in: shorten it, and put the detail in the subtitle or the objective$`).exec(lines(r.stderr).find((l) => l.includes('fr.title')) ?? '');
    expect(warning, r.stderr).not.toBeNull();
    expect(Number(warning![1])).toBeGreaterThanOrEqual(5);
    // The real titles stay quiet.
    expect(brochure(['--root', base, 'check', '--only', 'casablanca,rabat']).stderr).not.toContain('the title takes');
  });

  it('no French line ends on a one-letter word ("à", "a", "y"), read back from the layout', async () => {
    const dir = copy();
    const text = 'Il y a beaucoup à faire à Casablanca pour accueillir les personnes migrantes, et la ville a choisi de répondre à ces besoins grâce à un dialogue qui va de la rue à la mairie, où chacun a sa place. '.repeat(6);
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^ {2}objective: .*$/m, `  objective: ${text}`));
    const { data } = (await Workspace.open(dir).valid());
    const [sheet] = (await Workspace.open(dir).sheets({ only: ['casablanca'], langs: ['fr'] }));
    const { bodySize } = await fitCard(sheet!);
    let layout: Parameters<typeof textFaults>[1] | undefined;
    await renderDocument(cloneElement(CardDocument({ sheet: sheet!, bodySize }) as ReactElement<DocumentProps>, { onRender: ((p: { _INTERNAL__LAYOUT__DATA_: typeof layout }) => { layout = p._INTERNAL__LAYOUT__DATA_; }) as DocumentProps['onRender'] }), 'fr');
    const ends: string[] = [];
    const walk = (n: { type?: string; lines?: { string: string }[]; children?: unknown[] }) => {
      if (n.type === 'TEXT') for (const l of n.lines ?? []) ends.push(l.string.trimEnd().split(/[\s\u00A0]/).at(-1)!);
      for (const c of n.children ?? []) walk(c as typeof n);
    };
    for (const page of layout!.children) walk(page as never);
    expect(ends.length).toBeGreaterThan(20);
    expect(ends.filter((w) => /^[aàyAÀY]$/.test(w))).toEqual([]);
  });
});

describe('progress and Ctrl-C', () => {
  /** The real CLI, started in the background: its output as it comes, and its end. */
  function start(args: string[]) {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'brochure'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seen = { stdout: '', stderr: '', firstLineAt: 0 };
    const started = performance.now();
    child.stdout.on('data', (d) => {
      if (!seen.stdout) seen.firstLineAt = performance.now() - started;
      seen.stdout += d;
    });
    child.stderr.on('data', (d) => (seen.stderr += d));
    const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, seen, ended, started };
  }

  it('a cold build prints a plain line per PDF as it is rendered, long before it ends', async () => {
    const root = tempProject();
    const run = start(['--root', root, 'build', '--lang', 'fr']);
    expect(await run.ended).toBe(0);
    const total = performance.now() - run.started;
    const out = lines(run.seen.stdout);
    const rendered = out.filter((l) => /^ {2}rendered [a-z]{2}\/\S+/.test(l));
    expect(rendered).toContain('  rendered fr/casablanca');
    expect(rendered).toContain('  rendered fr/targeted-city-actions (booklet)');
    // Progress comes first, from the first card on; the written files are listed after.
    expect(out.findIndex((l) => l.startsWith('  rendered'))).toBe(0);
    expect(run.seen.firstLineAt).toBeLessThan(total / 2);
    expect(run.seen.stdout).not.toContain('\r'); // not a terminal: no progress bar
  });

  it('Ctrl-C during a build says it was interrupted and what was written (nothing, before the writing starts)', async () => {
    const dir = copy();
    const run = start(['--root', dir, 'build', '--no-cache']);
    for (let i = 0; i < 600 && !run.seen.stdout.includes('rendered'); i++) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGINT');
    expect(await run.ended).toBe(130);
    expect(lines(run.seen.stderr)).toContain('brochure: interrupted before anything was written: out/ holds the PDFs of the last good build, unchanged');
    expectOutUnchanged(dir);
  });

  it('the message names what was written when the writing had begun', () => {
    expect(interruptedMessage(['out/fr/a.pdf', 'out/en/a.pdf', 'out/fr/b.pdf', 'out/en/b.pdf'])).toBe('brochure: interrupted: 4 PDFs were written (out/fr/a.pdf, out/en/a.pdf, out/fr/b.pdf, and 1 more); the others were not: run the build again to finish');
  });
});
