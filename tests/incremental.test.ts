// Fast regeneration: the render cache, worker threads and watch mode must never change
// what is written, only how much work it takes.
import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, type BuildReport } from '../src/pipeline/index.js';
import { watch } from '../src/cli/watch.js';
import { editFile, tempProject } from './project.js';
import { brochure } from './cli.js';
import { containsText, pdfText } from './pdf.js';

function outputs(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf'));
  return new Map(files.sort().map((f) => [f, readFileSync(join(dir, f))]));
}
const renderedOf = (r: BuildReport, root: string) => r.files.filter((f) => f.rendered).map((f) => relative(join(root, 'out'), f.path)).sort();

describe('cache and parallel rendering', () => {
  it('cold, cached and parallel builds write byte-identical PDFs; an edit re-renders only its outputs', async () => {
    const serial = tempProject();
    const parallel = tempProject();
    const a = await build({ root: serial, cache: false, threads: 1 });
    const b = await build({ root: parallel, threads: 2 });
    expect(a.files.every((f) => f.rendered)).toBe(true);
    const cold = outputs(join(serial, 'out'));
    expect(cold.size).toBeGreaterThan(40);
    expect(outputs(join(parallel, 'out'))).toEqual(cold);

    // Nothing changed: nothing rendered, nothing rewritten.
    const again = await build({ root: parallel });
    expect(renderedOf(again, parallel)).toEqual([]);
    expect(again.files.every((f) => f.result === 'unchanged')).toBe(true);
    expect(b.files.length).toBe(again.files.length);

    // A word of one card's body after that build (whose booklets came from the cache): the
    // booklet is bound again from its own pages as they are cached, not rendered again.
    editFile(join(parallel, 'data', 'actions', 'amman.yaml'), (s) => s.replace(/^(  activities:\n    - )/m, '$1Aussi '));
    const body = await build({ root: parallel });
    expect(renderedOf(body, parallel)).toEqual(['fr/amman.pdf', 'fr/targeted-city-actions.pdf']);
    expect(Object.keys(body.stages)).not.toContain('render booklet pages');

    // One field of one card: that sheet and the booklet of its language, nothing else.
    editFile(join(parallel, 'data', 'actions', 'rabat.yaml'), (s) => s.replace(/^(  title: .*)$/m, '$1 (edited)'));
    const edited = await build({ root: parallel });
    expect(renderedOf(edited, parallel)).toEqual(['fr/rabat.pdf', 'fr/targeted-city-actions.pdf']);
    expect(edited.files.filter((f) => f.result === 'written').map((f) => relative(join(parallel, 'out'), f.path)).sort())
      .toEqual(['fr/rabat.pdf', 'fr/targeted-city-actions.pdf']);
  }, 600_000); // two cold builds of all 50 documents, one on a single thread: minutes on a loaded machine

  it('a corrupt cache entry is detected and rebuilt, never trusted', async () => {
    const root = tempProject();
    await build({ root, only: ['casablanca'] });
    const before = outputs(join(root, 'out'));
    // Damage every cached PDF (flip a byte in the middle) and delete the outputs.
    const cacheDir = join(root, '.cache', 'renders');
    const entries = readdirSync(cacheDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf'));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      const bytes = readFileSync(join(cacheDir, e));
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      writeFileSync(join(cacheDir, e), bytes);
    }
    const r = await build({ root, only: ['casablanca'] });
    expect(r.files.every((f) => f.rendered)).toBe(true);
    expect(outputs(join(root, 'out'))).toEqual(before);
  });
});

describe('the checked data, remembered between runs', () => {
  it('gives the same messages, with their lines, when nothing changed, and sees every edit', () => {
    const root = tempProject();
    const rabat = join(root, 'data', 'actions', 'rabat.yaml');
    appendFileSync(rabat, 'partners:\n  - name: Ville de Rabat\n    logo: logos/rabat.png\n');
    const line = readFileSync(rabat, 'utf8').split('\n').findIndex((l) => l.includes('logos/rabat.png')) + 1;
    const args = ['--root', root, 'build', '--only', 'rabat', '--lang', 'fr'];
    const first = brochure(args);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`data/actions/rabat.yaml:${line}:`);
    expect(first.stderr).toContain('partners[1].logo');
    expect(existsSync(join(root, '.cache', 'data.json'))).toBe(true);
    // Read back from .cache/data.json: the line of a problem found after validation is still there.
    const second = brochure(args);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(first.stderr);
    // An edit (the logo taken out) is seen at once.
    editFile(rabat, (s) => s.replace('    logo: logos/rabat.png\n', ''));
    const third = brochure(args);
    expect(third.code, third.stderr).toBe(0);
    // A damaged memo is never trusted: the data is read again.
    writeFileSync(join(root, '.cache', 'data.json'), '{"key": "');
    const fourth = brochure(args);
    expect(fourth.code, fourth.stderr).toBe(0);
    expect(fourth.stderr).toBe(third.stderr);
    // So is a new file that the loader does not read.
    writeFileSync(join(root, 'data', 'actions', 'notes.txt'), 'to do');
    expect(brochure(['--root', root, 'validate']).stderr).toContain('notes.txt');
  });
});

describe('brochure watch', () => {
  it('rebuilds on save, reports an invalid save and keeps the last good PDFs, then recovers', async () => {
    const root = tempProject();
    const stop = new AbortController();
    const outcomes: { ok: boolean; report?: BuildReport }[] = [];
    const lines: string[] = [];
    const running = watch({ root, booklet: false, langs: ['fr'], signal: stop.signal, debounceMs: 50, print: (l) => lines.push(l), onBuild: (o) => outcomes.push({ ok: !o.error, report: o.report }) });
    const until = async (n: number) => {
      for (let i = 0; i < 600 && outcomes.length < n; i++) await new Promise((r) => setTimeout(r, 100));
      expect(outcomes.length).toBeGreaterThanOrEqual(n);
    };
    try {
      await until(1);
      expect(outcomes[0].ok).toBe(true);
      const rabatPdf = join(root, 'out', 'fr', 'rabat.pdf');
      const good = readFileSync(rabatPdf);
      const record = join(root, 'data', 'actions', 'rabat.yaml');
      const text = readFileSync(record, 'utf8');

      writeFileSync(record, text.replace('country: MA', 'country: [MA'));
      await until(2);
      expect(outcomes[1].ok).toBe(false);
      expect(lines.join('\n')).toMatch(/data\/actions\/rabat\.yaml:\d+:\d+ YAML syntax/);
      expect(readFileSync(rabatPdf).equals(good)).toBe(true);

      const seen = outcomes.length;
      writeFileSync(record, text.replace(/^(  title: .*)$/m, '$1 (watched)'));
      // One save can reach the watcher as several events: wait for the build that succeeds.
      for (let i = 0; i < 600 && !outcomes.slice(seen).some((o) => o.ok); i++) await new Promise((r) => setTimeout(r, 100));
      expect(outcomes.at(-1)!.ok).toBe(true);
      expect(readFileSync(rabatPdf).equals(good)).toBe(false);
      expect(outcomes.slice(seen).flatMap((o) => (o.report ? renderedOf(o.report, root) : []))).toEqual(['fr/rabat.pdf']);
    } finally {
      stop.abort();
      await running;
    }
  });
});

// Issue 24: the work kept between builds (parsed sheets, shaped text, the data memo, the render
// cache) must never change what is written. A series of edits in a running watch — a title, a
// body text, a partner's logo, a catalogue label, the booklet's wording — ends with exactly the
// PDFs a cold build of the same data writes.
describe('incremental and cold builds agree', () => {
  it('after a title, a body, a logo, a catalogue and a booklet edit in watch, every PDF is byte-identical to a cold build', async () => {
    const root = tempProject();
    const stop = new AbortController();
    const outcomes: { ok: boolean }[] = [];
    const running = watch({ root, langs: ['fr', 'ar'], signal: stop.signal, print: () => {}, onBuild: (o) => outcomes.push({ ok: !o.error }) });
    const settled = async (before: number) => {
      // One save may come as several events: wait for a successful build after it, then quiet.
      for (let i = 0; i < 1200 && !outcomes.slice(before).some((o) => o.ok); i++) await new Promise((r) => setTimeout(r, 50));
      expect(outcomes.slice(before).some((o) => o.ok)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
    };
    const edit = async (path: string, change: (s: string) => string) => {
      const before = outcomes.length;
      editFile(join(root, path), change);
      await settled(before);
    };
    try {
      await settled(0);
      await edit('data/actions/rabat.yaml', (s) => s.replace(/^(  title: .*)$/m, '$1 renouvelées'));
      await edit('data/actions/rabat.yaml', (s) => s.replace(/^(  objective: >-\n    )/m, '$1Dès 2024, '));
      mkdirSync(join(root, 'assets', 'logos'), { recursive: true });
      const { default: sharp } = await import('sharp');
      writeFileSync(join(root, 'assets', 'logos', 'partner.png'), await sharp({ create: { width: 400, height: 200, channels: 3, background: '#0B8A99' } }).png().toBuffer());
      await edit('data/actions/casablanca.yaml', (s) => s.replace(/^(targets:.*)$/m, '$1\npartners:\n  - name: Ville de Casablanca\n    logo: logos/partner.png'));
      await edit('data/catalogues/sdg-targets.yaml', (s) => s.replace('  fr: Faciliter la migration des personnes', '  fr: Faciliter la migration des personnes (révisé)'));
      await edit('data/booklet.yaml', (s) => s.replace(/^(    contents_heading: ).*$/m, '$1Sommaire des actions'));
    } finally {
      stop.abort();
      await running;
    }
    const cold = mkdtempSync(join(tmpdir(), 'cold-'));
    cpSync(join(root, 'data'), join(cold, 'data'), { recursive: true });
    cpSync(join(root, 'assets'), join(cold, 'assets'), { recursive: true });
    await build({ root: cold, cache: false, threads: 1, langs: ['fr', 'ar'] });
    const incremental = outputs(join(root, 'out'));
    const fresh = outputs(join(cold, 'out'));
    expect([...incremental.keys()]).toEqual([...fresh.keys()]);
    const differing = [...fresh].filter(([f, bytes]) => !incremental.get(f)!.equals(bytes)).map(([f]) => f);
    expect(differing).toEqual([]);
    // The edits are in the outputs (the test is not comparing two untouched builds).
    const booklet = (await pdfText(readFileSync(join(root, 'out', 'fr', 'targeted-city-actions.pdf')))).pages.join('\n');
    for (const t of ['Sommaire des actions', 'renouvelées', 'Dès 2024', '(révisé)', 'Ville de Casablanca']) expect(containsText(booklet, t), t).toBe(true);
  }, 600_000); // a cold build of two languages, five rebuilds, and a cold build again
});
