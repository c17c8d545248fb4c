// Out of the studio (issue 20): a document's print-shop file, handouts and preflight, made on
// the build thread where `brochure print` / `handout` write them and offered for download;
// every page of a document as a thumbnail; how full each card's page is (from the fitting).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { tempProject } from './project.js';
import { post, request } from './studio-http.js';
import { startStudio } from '../src/studio/index.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;
let root: string;
let studio: Studio;
const host = () => new URL(studio.url).host;

beforeAll(async () => {
  root = tempProject();
  studio = await startStudio({ root });
  await studio.idle();
}, 180_000);
afterAll(async () => studio?.close());

describe('print, handouts and preflight from the studio', () => {
  it('a two-language handout of a card: French front, English back, in out/handouts/fr-en/', async () => {
    const r = await post(studio.url, '/api/print', { path: 'fr/rabat.pdf', kind: 'duplex', back: 'en' });
    expect(r.status, r.body).toBe(200);
    expect(r.json.made).toEqual([{ file: 'out/handouts/fr-en/rabat.pdf', url: '/files/out/handouts/fr-en/rabat.pdf', detail: '1 sheet' }]);
    const pdf = await PDFDocument.load(readFileSync(join(root, 'out/handouts/fr-en/rabat.pdf')));
    expect(pdf.getPageCount()).toBe(2);
    const served = await request(studio.url + 'files/out/handouts/fr-en/rabat.pdf', { headers: { host: host() } });
    expect(served.status).toBe(200);
  });

  it('the print-shop file with its bleed, and the folded A5 booklet', async () => {
    const print = await post(studio.url, '/api/print', { path: 'en/amman.pdf', kind: 'print' });
    expect(print.status, print.body).toBe(200);
    expect(print.json.made[0]).toMatchObject({ file: 'out/print/en/amman.pdf', detail: expect.stringContaining('bleed 3 mm') });
    const booklet = await post(studio.url, '/api/print', { path: 'fr/targeted-city-actions.pdf', kind: 'booklet-a5' });
    expect(booklet.status, booklet.body).toBe(200);
    expect(existsSync(join(root, 'out/handouts/fr/targeted-city-actions.booklet-a5.pdf'))).toBe(true);
  }, 120_000);

  it('handouts of every action of a language, in the booklet’s order', async () => {
    const duplex = await post(studio.url, '/api/print/all', { lang: 'fr', kind: 'duplex', back: 'ar' });
    expect(duplex.status, duplex.body).toBe(200);
    expect(duplex.json.made[0]).toMatchObject({ file: 'out/handouts/fr-ar/all-actions.pdf', detail: '15 sheets' });
    expect((await PDFDocument.load(readFileSync(join(root, 'out/handouts/fr-ar/all-actions.pdf')))).getPageCount()).toBe(30);
    const twoUp = await post(studio.url, '/api/print/all', { lang: 'en', kind: '2up' });
    expect(twoUp.status, twoUp.body).toBe(200);
    expect(twoUp.json.made[0]).toMatchObject({ file: 'out/handouts/en/all-actions.2up.pdf', detail: '15 pages on 8 A4 landscape sheets' });
    expect((await post(studio.url, '/api/print/all', { lang: 'xx', kind: '2up' })).status).toBe(400);
  }, 120_000);

  it('preflight: the report’s lines, every check with its result', async () => {
    const r = await post(studio.url, '/api/print', { path: 'ar/beirut.pdf', kind: 'preflight' });
    expect(r.status, r.body).toBe(200);
    expect(r.json.problems).toBe(0);
    expect(r.json.lines[0]).toBe('Preflight of out/ar/beirut.pdf');
    expect(r.json.lines.join('\n')).toMatch(/Fonts: \d+, all embedded/);
  });

  it('refuses what is not a built document or not a job, and a back in the same language', async () => {
    const cases: [unknown, number][] = [
      [{ path: '../package.json', kind: 'print' }, 400],
      [{ path: 'fr/rabat.pdf', kind: 'rm -rf' }, 400],
      [{ path: 'fr/rabat.pdf', kind: 'duplex', back: 'fr' }, 400],
      [{ path: 'fr/no-such-card.pdf', kind: 'print' }, 404],
      [{ path: 'es/rabat.pdf', kind: 'print' }, 400],
    ];
    for (const [body, status] of cases) expect((await post(studio.url, '/api/print', body)).status, JSON.stringify(body)).toBe(status);
  });
});

describe('every page, and how full a card is', () => {
  it('each page of a booklet has its own thumbnail', async () => {
    const page = (n: number) => request(studio.url + `thumbnails/out/fr/targeted-city-actions.pdf.png?page=${n}`, { headers: { host: host() } });
    const [one, five] = await Promise.all([page(1), page(5)]);
    expect(one.status).toBe(200);
    expect(five.status).toBe(200);
    expect(one.body).not.toBe(five.body);
  }, 60_000);

  it('each card says how full its columns are, from the fitting step', async () => {
    const state = (await request(studio.url + 'api/state', { headers: { host: host() } })).json;
    const cards = state.documents.filter((d: any) => d.kind === 'card');
    expect(cards.length).toBe(45);
    for (const c of cards) expect(c.fill > 0.3 && c.fill <= 1, `${c.lang}/${c.id}: ${c.fill}`).toBe(true);
    expect(state.documents.filter((d: any) => d.kind !== 'card').every((d: any) => d.fill === undefined)).toBe(true);
  });
});
