// The studio in a real browser: Debian's chromium driven by playwright-core (no browser is
// downloaded; without /usr/bin/chromium these tests are skipped, saying why). Screenshots of
// the overview, a document view and the form go to /tmp/studio/ for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { tempProject } from './project.js';
import { containsText, pdfText } from './pdf.js';
import { startStudio } from '../src/studio/index.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`studio browser tests skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium, as .ci/run does)`);
const SHOTS = '/tmp/studio';
const RABAT = 'data/actions/rabat.yaml';

describe.skipIf(!hasChromium)('brochure studio in a browser', () => {
  let root: string;
  let studio: Studio;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    root = tempProject();
    studio = await startStudio({ root });
    await studio.idle();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('opens on the overview with a thumbnail of every document', async () => {
    await page.goto(studio.url);
    const state = await (await fetch(studio.url + 'api/state')).json();
    await page.waitForSelector('.tile');
    expect(await page.locator('.tile').count()).toBe(state.documents.length);
    // Every thumbnail is a picture of its first page, made on the server.
    await page.waitForFunction(() => [...document.querySelectorAll('.tile img')].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0), undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => [...document.querySelectorAll('.tile img')].map((i) => (i as HTMLImageElement).naturalWidth))).toEqual(state.documents.map(() => 400));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'overview.png') });
    // Filters: Arabic only, then a search.
    await page.getByRole('button', { name: 'AR', exact: true }).click();
    expect(await page.locator('.tile').count()).toBe(state.documents.filter((d: any) => d.lang === 'ar').length);
    await page.getByRole('button', { name: 'All languages' }).click();
    await page.getByRole('searchbox').fill('Rabat');
    expect(await page.locator('.tile').count()).toBe(state.documents.filter((d: any) => [d.title, ...d.cities].join(' ').includes('Rabat')).length);
  });

  it('edits the Rabat title and an activity in the form; the YAML keeps its comments and the PDF has the new title', async () => {
    const before = readFileSync(join(root, RABAT), 'utf8');
    await page.goto(studio.url + '#/doc/fr/rabat');
    await page.waitForSelector('#pages[data-pdf]');
    await page.screenshot({ path: join(SHOTS, 'document.png') });
    const shownPdf = await page.locator('#pages').getAttribute('data-pdf');
    const title = 'Des données fiables pour les politiques migratoires de Rabat';
    await page.locator('[data-field="fr.title"]').fill(title);
    await page.locator('[data-field="fr.activities[2]"]').fill('Organiser deux ateliers participatifs sur les vulnérabilités ;');
    await page.locator('#save').click();
    await page.waitForFunction((old) => document.querySelector('#pages')?.getAttribute('data-pdf') !== old, shownPdf, { timeout: 30_000 });
    const after = readFileSync(join(root, RABAT), 'utf8');
    const comments = (s: string) => s.split('\n').filter((l) => l.trim().startsWith('#'));
    expect(comments(after)).toEqual(comments(before));
    expect(parse(after).fr.title).toBe(title);
    expect(parse(after).fr.activities[1]).toBe('Organiser deux ateliers participatifs sur les vulnérabilités ;');
    await studio.idle();
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'fr', 'rabat.pdf')));
    expect(containsText(pages.join(' '), title)).toBe(true);
    await page.locator('.tabs').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -70));
    await page.screenshot({ path: join(SHOTS, 'form.png') });
  });

  it('shows an unknown target at its field and writes nothing', async () => {
    const before = readFileSync(join(root, RABAT), 'utf8');
    await page.locator('#target-input').fill('99.9');
    await page.locator('#target-input').press('Enter');
    const message = page.locator('[data-field="targets"] .message');
    await message.first().waitFor();
    expect(await message.first().textContent()).toMatch(/99\.9/);
    await page.locator('#save').click();
    await page.getByText('Not saved').waitFor();
    expect(readFileSync(join(root, RABAT), 'utf8')).toBe(before);
    await page.screenshot({ path: join(SHOTS, 'form-problem.png') });
    // Revert asks first when there are unsaved changes.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revert' }).click();
  });

  it('shows a change made to the file on disk', async () => {
    await page.waitForFunction(() => !document.querySelector('[data-field="targets"] .message'));
    const shownPdf = await page.locator('#pages').getAttribute('data-pdf');
    const text = readFileSync(join(root, RABAT), 'utf8');
    const subtitle = 'Un observatoire municipal des migrations pour Rabat';
    writeFileSync(join(root, RABAT), text.replace(/^  subtitle: .*$/m, `  subtitle: ${subtitle}`));
    await page.waitForFunction((s) => (document.querySelector('[data-field="fr.subtitle"]') as HTMLTextAreaElement)?.value === s, subtitle, { timeout: 10_000 });
    await page.waitForFunction((old) => document.querySelector('#pages')?.getAttribute('data-pdf') !== old, shownPdf, { timeout: 30_000 });
  });

  it('edits Arabic right to left', async () => {
    await page.goto(studio.url + '#/doc/ar/rabat');
    await page.getByRole('tab', { name: 'العربية' }).click();
    expect(await page.locator('[data-field="ar.title"]').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('[data-field="ar.activities[1]"]').getAttribute('dir')).toBe('rtl');
    await page.getByRole('tab', { name: 'English' }).click();
    expect(await page.locator('[data-field="en.title"]').getAttribute('dir')).toBe('ltr');
  });

  it('creates a new action from the form', async () => {
    await page.goto(studio.url + '#/new');
    await page.locator('[data-field="fr.title"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'new-action.png') });
    await page.locator('[data-field="country"]').selectOption('MA');
    await page.locator('[data-field="cities"]').fill('Fès');
    await page.locator('[data-field="fr.title"]').fill('Accueil des migrants à Fès');
    expect(await page.locator('#action-id').inputValue()).toBe('accueil-des-migrants-a-fes');
    await page.locator('#target-input').fill('10.7');
    await page.locator('#target-input').press('Enter');
    await page.locator('[data-field="fr.objective"]').fill('Améliorer l’accueil des migrants.');
    await page.locator('[data-field="fr.activities[1]"]').fill('Ouvrir un guichet d’accueil.');
    await page.locator('[data-field="fr.results[1]"]').fill('Un guichet ouvert.');
    await page.getByRole('button', { name: 'Create action' }).click();
    await page.waitForURL(/#\/doc\/fr\/accueil-des-migrants-a-fes/);
    expect(parse(readFileSync(join(root, 'data/actions/accueil-des-migrants-a-fes.yaml'), 'utf8')).fr.title).toBe('Accueil des migrants à Fès');
    await page.waitForSelector('#pages[data-pdf]', { timeout: 30_000 });
  });

  it('a page of another site cannot post to the studio', async () => {
    const before = readFileSync(join(root, RABAT), 'utf8');
    const other = await browser.newPage();
    // Another origin (a different port on this machine), posting as a cross-site page would.
    await other.goto('data:text/html,<p>another site</p>');
    const url = studio.url + 'api/save';
    const answers: number[] = [];
    other.on('response', (r) => { if (r.url() === url) answers.push(r.status()); });
    const submitted = other.waitForResponse((r) => r.url() === url && r.request().resourceType() === 'document');
    await other.evaluate(async (url) => {
      await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ file: 'data/actions/rabat.yaml', before: '', value: {} }) }).catch(() => {});
      const f = document.createElement('form');
      f.method = 'POST';
      f.action = url;
      f.enctype = 'text/plain';
      document.body.append(f);
      f.submit();
    }, url);
    expect((await submitted).status()).toBe(403);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((s) => s === 403)).toBe(true);
    await other.close();
    expect(readFileSync(join(root, RABAT), 'utf8')).toBe(before);
  });
});
