// Images the data names: downsampled to what print needs, refused past hard limits, and the
// render cache that keeps them and the PDFs.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { RenderCache } from '../src/cache/index.js';
import { crc32 } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { readPage } from '../src/pdf/content.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { editFile, tempProject } from './project.js';
import { lastGoodBuild, lines } from './lastGood.js';

const last = lastGoodBuild();
const { copy, expectOutUnchanged } = last;
const action = (dir: string, id: string) => join(dir, 'data', 'actions', `${id}.yaml`);

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
    expect(pdf.length).toBeLessThan(last.good.get('out/fr/casablanca.pdf')!.length + 100_000);
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
