// Everything the documents are made of, edited in the studio (issue 20): the booklet (its
// wording and the countries' order), a catalogue (a recommendation's label; a new SDG target a
// record can use at once), the programme, a factsheet — each through the form drawn from its
// JSON Schema, saved with the action form's rules (only the changed lines change, nothing
// invalid written, every document that uses the file checked and built again). In chromium:
// the forms from the keyboard, and axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { tempProject } from './project.js';
import { axeViolations, hasChromium, openBrowser } from './browser.js';
import { pdfText } from './pdf.js';
import { post, request } from './studio-http.js';
import { startStudio } from '../src/studio/index.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;

let root: string;
let studio: Studio;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const get = async (path: string) => (await request(studio.url + path.slice(1), { headers: { host: new URL(studio.url).host } })).json;
/** A save as the form makes it: the file's value, edited. */
async function saveEdit(file: string, edit: (value: any) => void) {
  const text = read(file);
  const value = parse(text);
  edit(value);
  return post(studio.url, '/api/save', { file, before: text, value });
}
const changedLines = (a: string, b: string) => {
  const [x, y] = [a.split('\n'), b.split('\n')];
  return y.filter((line, i) => line !== x[i]);
};

beforeAll(async () => {
  root = tempProject();
  studio = await startStudio({ root });
  await studio.idle();
}, 180_000);
afterAll(async () => studio?.close());

describe('the other data files, saved from their forms', () => {
  it('the booklet: the countries’ order changes one line, comments kept, and the booklet follows', async () => {
    const before = read('data/booklet.yaml');
    const saved = await saveEdit('data/booklet.yaml', (v) => (v.countries = ['MA', 'TN', 'LB', 'PS', 'JO']));
    expect(saved.status, saved.body).toBe(200);
    expect(changedLines(before, read('data/booklet.yaml'))).toEqual(['countries: [MA, TN, LB, PS, JO]']);
    await studio.idle();
    const { pages } = await pdfText(readFileSync(join(root, 'out/fr/targeted-city-actions.pdf')));
    const contents = pages.find((p) => /Rabat/.test(p) && /Tunis|Sfax|Sousse/.test(p))!;
    expect(contents.search(/MAROC|Maroc/)).toBeLessThan(contents.search(/TUNISIE|Tunisie/));
  }, 120_000);

  it('a catalogue: a recommendation’s new wording is on every card that uses it', async () => {
    const saved = await saveEdit('data/catalogues/recommendations.yaml', (v) => (v['urban-planning-housing'].fr = 'Urbanisme et logement digne'));
    expect(saved.status, saved.body).toBe(200);
    await studio.idle();
    const text = (await pdfText(readFileSync(join(root, 'out/fr/rabat.pdf')))).pages.join('\n');
    expect(text).toContain('Urbanisme et logement digne');
    // Recorded in the history like a record's save, field by field.
    const { versions } = await get('/api/history?file=data/catalogues/recommendations.yaml');
    expect(versions[0]).toMatchObject({ kind: 'save', fields: ['urban-planning-housing.fr'] });
  }, 120_000);

  it('a new SDG target is offered at once, and a record can use it', async () => {
    const saved = await saveEdit('data/catalogues/sdg-targets.yaml', (v) => (v['10.3'] = { fr: 'Assurer l’égalité des chances', en: 'Ensure equal opportunity', ar: 'ضمان تكافؤ الفرص' }));
    expect(saved.status, saved.body).toBe(200);
    expect((await get('/api/catalogues')).targets.map((t: any) => t.code)).toContain('10.3');
    const used = await saveEdit('data/actions/rabat.yaml', (v) => v.targets.push('10.3'));
    expect(used.status, used.body).toBe(200);
  }, 120_000);

  it('the programme: a wrong date is refused at its field and line, and nothing is written', async () => {
    const before = read('data/programme.yaml');
    const saved = await saveEdit('data/programme.yaml', (v) => (v.edition_date = '1 June 2021'));
    expect(saved.status).toBe(422);
    expect(saved.json.problems.some((p: any) => p.file === 'data/programme.yaml' && p.field === 'edition_date' && p.line === 4)).toBe(true);
    expect(read('data/programme.yaml')).toBe(before);
  });

  it('a factsheet: its new title is in its PDF', async () => {
    const file = 'data/factsheets/gouvernance-migratoire-partagee.yaml';
    const saved = await saveEdit(file, (v) => (v.fr.title = 'Pour une gouvernance migratoire partagée'));
    expect(saved.status, saved.body).toBe(200);
    await studio.idle();
    expect((await pdfText(readFileSync(join(root, 'out/fr/gouvernance-migratoire-partagee.pdf')))).pages[0]).toContain('Pour une gouvernance migratoire partagée');
  }, 120_000);

  it('the order of the action sheets: Amman before Zarqa, set in the files’ order: fields only', async () => {
    const { actions } = await get('/api/booklet-order?lang=en');
    const ids = actions.map((a: any) => a.id);
    const [z, a] = [ids.indexOf('zarqa'), ids.indexOf('amman')];
    expect(z).toBeLessThan(a);
    [ids[z], ids[a]] = [ids[a], ids[z]];
    const before = read('data/actions/amman.yaml');
    const saved = await post(studio.url, '/api/booklet-order', { ids });
    expect(saved.status, saved.body).toBe(200);
    expect(saved.json.changed.length).toBeGreaterThan(0);
    expect(changedLines(before, read('data/actions/amman.yaml'))).toEqual([`order: ${(z + 1) * 10}`]);
    expect((await get('/api/booklet-order?lang=en')).actions.map((x: any) => x.id)).toEqual(ids);
    await studio.idle();
    const text = (await pdfText(readFileSync(join(root, 'out/en/targeted-city-actions.pdf')))).pages.join('\n');
    expect(text.indexOf('Amman')).toBeLessThan(text.indexOf('Zarqa'));
    expect((await post(studio.url, '/api/booklet-order', { ids: ids.slice(1) })).status).toBe(400);
  }, 120_000);

  it('refuses files the studio does not edit, and creating anything but an action', async () => {
    for (const file of ['data/translated-sources.yaml', 'data/schemas/action.schema.json', 'data/../package.json', 'assets/x.yaml']) {
      expect((await post(studio.url, '/api/save', { file, before: '', value: {} })).status, file).toBe(400);
    }
    expect((await post(studio.url, '/api/save', { file: 'data/booklet.yaml', create: true, value: {} })).status).toBe(400);
    const files = (await get('/api/data-files')).files.map((f: any) => f.file);
    expect(files).toEqual(expect.arrayContaining(['data/programme.yaml', 'data/booklet.yaml', 'data/catalogues/sdg-targets.yaml', 'data/factsheets/gouvernance-migratoire-partagee.yaml']));
    expect((await request(studio.url + 'api/schema?file=data/translated-sources.yaml', { headers: { host: new URL(studio.url).host } })).status).toBe(404);
  });
});

describe.skipIf(!hasChromium)('the forms in the browser', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ browser, page } = await openBrowser(1280));
  });
  afterAll(async () => browser?.close());

  const violations = () => axeViolations(page);

  it('the list of files, then the booklet from the keyboard: a country moved, the Arabic cover title typed, Ctrl+S', async () => {
    await page.goto(`${studio.url}#/data`);
    await page.getByRole('link', { name: /^Booklet:/ }).waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('link', { name: /^Booklet:/ }).click();
    const down = page.getByRole('button', { name: 'Move down Countries 1' });
    await down.waitFor();
    await down.focus();
    await page.keyboard.press('Enter');
    // The focus stays on the moved country's button, so the next Enter moves it again.
    await page.keyboard.press('Enter');
    const title = page.locator('#f-languages-ar-cover_title');
    expect(await title.getAttribute('dir')).toBe('rtl');
    expect(await title.getAttribute('lang')).toBe('ar');
    await title.fill('الهجرة من مدينة إلى مدينة في البحر الأبيض المتوسط');
    await page.keyboard.press('Control+s');
    await page.locator('.data-form .say.good').waitFor({ timeout: 60_000 });
    const saved = parse(read('data/booklet.yaml'));
    expect(saved.countries).toEqual(['TN', 'LB', 'MA', 'PS', 'JO']);
    expect(saved.languages.ar.cover_title).toBe('الهجرة من مدينة إلى مدينة في البحر الأبيض المتوسط');
    expect(await violations()).toEqual([]);
  }, 90_000);

  it('a factsheet edited beside its pages: the new title saved, then on its page', async () => {
    await page.goto(`${studio.url}#/doc/fr/gouvernance-migratoire-partagee`);
    const title = page.locator('#f-fr-title');
    await title.waitFor({ timeout: 60_000 });
    // Its pages beside the form (pdf.js draws them as the form loads).
    await page.locator('#pages canvas').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('#pages canvas').count()).toBeGreaterThan(0);
    await title.fill('Une gouvernance migratoire partagée, bilan');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.data-form .say.good').waitFor({ timeout: 60_000 });
    expect(parse(read('data/factsheets/gouvernance-migratoire-partagee.yaml')).fr.title).toBe('Une gouvernance migratoire partagée, bilan');
    expect(await violations()).toEqual([]);
    await studio.idle();
    expect((await pdfText(readFileSync(join(root, 'out/fr/gouvernance-migratoire-partagee.pdf')))).pages[0]).toContain('bilan');
  }, 120_000);

  it('a catalogue: an entry opens, a new one is added by id, axe clean', async () => {
    await page.goto(`${studio.url}#/edit/${encodeURIComponent('data/catalogues/countries.yaml')}`);
    await page.locator('details.entry summary').first().click();
    await page.getByLabel('Add an entry').fill('DZ');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('#f-DZ-fr').fill('Algérie');
    await page.locator('#f-DZ-en').fill('Algeria');
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.data-form .say.good').waitFor({ timeout: 60_000 });
    expect(parse(read('data/catalogues/countries.yaml')).DZ).toEqual({ fr: 'Algérie', en: 'Algeria' });
  }, 90_000);
});
