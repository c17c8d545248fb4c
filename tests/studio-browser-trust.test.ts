// The studio trusted in a real browser (issue 19): a conflict is seen and resolved, the header
// says when rendering is over and when the server is gone (a save waiting is made when it is
// back), a broken file is shown as broken, Enter never saves, warnings are not errors.
// Debian's chromium through playwright-core; skipped, saying why, without /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { tempProject } from './project.js';
import { startStudio } from '../src/studio/index.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`studio browser tests skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium, as .ci/run does)`);
const RABAT = 'data/actions/rabat.yaml';

describe.skipIf(!hasChromium)('the studio can be trusted', () => {
  let root: string;
  let studio: Studio;
  let browser: Browser;
  let page: Page;
  const status = () => page.locator('#status').textContent();

  beforeAll(async () => {
    root = tempProject();
    studio = await startStudio({ root });
    await studio.idle();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  const openRabat = async () => {
    await page.goto(studio.url + '#/doc/fr/rabat');
    await page.waitForSelector('#pages[data-pdf]');
    await page.locator('[data-field="fr.title"]').waitFor();
  };

  it('5. Enter in a one-line field never saves; Ctrl-S does', async () => {
    await openRabat();
    const text = readFileSync(join(root, RABAT), 'utf8');
    await page.locator('[data-field="cities"]').fill('Rabat, Salé');
    await page.locator('[data-field="cities"]').press('Enter');
    await page.locator('[data-field="acronym"]').fill('OMM');
    await page.locator('[data-field="acronym"]').press('Enter');
    await page.waitForTimeout(500);
    expect(readFileSync(join(root, RABAT), 'utf8')).toBe(text);
    expect(await page.locator('.say').textContent()).toMatch(/Unsaved changes/);
    await page.locator('[data-field="acronym"]').press('Control+s');
    await page.waitForFunction(() => /Saved/.test(document.querySelector('.say')?.textContent ?? ''));
    expect(parse(readFileSync(join(root, RABAT), 'utf8'))).toMatchObject({ cities: ['Rabat', 'Salé'], acronym: 'OMM' });
  });

  it('3. after a save the header says the documents are up to date, not "Rendering…"', async () => {
    await studio.idle();
    await page.waitForFunction(() => /up to date/.test(document.querySelector('#status')?.textContent ?? ''), undefined, { timeout: 20_000 });
    expect(await status()).not.toMatch(/Rendering/);
  });

  it('2. a file changed on disk while edited: the banner stays, says what changed, and offers to reload or to keep and compare', async () => {
    await openRabat();
    const title = 'Des données pour les politiques migratoires de Rabat';
    await page.locator('[data-field="fr.title"]').fill(title);
    const text = readFileSync(join(root, RABAT), 'utf8');
    const subtitle = 'Un observatoire municipal des migrations pour Rabat';
    writeFileSync(join(root, RABAT), text.replace(/^  subtitle: .*$/m, `  subtitle: ${subtitle}`));
    const banner = page.locator('.banner.conflict');
    await banner.waitFor({ timeout: 15_000 });
    // It stays: the checks that follow redraw the problems, not the banner.
    await page.waitForTimeout(1200);
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain('fr.subtitle');
    expect(await banner.textContent()).toContain(subtitle);
    await page.screenshot({ path: '/tmp/studio/conflict.png' });
    await page.locator('#conflict-keep').click();
    const table = page.locator('.side-by-side');
    await table.waitFor();
    expect(await table.textContent()).toContain(title); // yours
    // The colleague's subtitle is kept under the title edited here; a save writes both.
    expect(await page.locator('[data-field="fr.subtitle"]').inputValue()).toBe(subtitle);
    await page.screenshot({ path: '/tmp/studio/compare.png' });
    await page.locator('#save').click();
    await page.waitForFunction(() => /Saved/.test(document.querySelector('.say')?.textContent ?? ''));
    expect(parse(readFileSync(join(root, RABAT), 'utf8')).fr).toMatchObject({ title, subtitle });
    await studio.idle();
  });

  it('2. … or reload, after a confirmation, losing the edits made here', async () => {
    await openRabat();
    await page.locator('[data-field="fr.title"]').fill('Un titre qui sera perdu');
    const text = readFileSync(join(root, RABAT), 'utf8');
    writeFileSync(join(root, RABAT), text.replace(/^  subtitle: .*$/m, '  subtitle: Un autre sous-titre'));
    await page.locator('.banner.conflict').waitFor({ timeout: 15_000 });
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
    await page.locator('#conflict-reload').click();
    await page.waitForFunction(() => (document.querySelector('[data-field="fr.subtitle"]') as HTMLTextAreaElement)?.value === 'Un autre sous-titre');
    expect(asked).toMatch(/changes you made here will be lost/);
    expect(await page.locator('[data-field="fr.title"]').inputValue()).toBe(parse(text).fr.title);
    await studio.idle();
  });

  it('4. a record whose YAML is broken shows its problem (file:line:column) and its last good pages, marked out of date', async () => {
    const file = join(root, 'data/actions/ramallah.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(/^country: (\w+)$/m, 'country: [$1'));
    try {
      await page.goto(studio.url + '#/doc/fr/ramallah');
      await page.locator('.banner.outdated').waitFor({ timeout: 15_000 });
      const side = await page.locator('.side').textContent();
      expect(side).toMatch(/data\/actions\/ramallah\.yaml:\d+:\d+/);
      expect(side).toMatch(/cannot be read/);
      expect(side).not.toMatch(/Fits/);
      expect(await page.locator('h1').first().textContent()).toBe(parse(good).fr.title);
      await page.screenshot({ path: '/tmp/studio/broken.png' });
      await page.goto(studio.url + '#/');
      const tile = page.locator('.tile[data-doc="fr/ramallah"]');
      expect(await tile.textContent()).toMatch(/File has a mistake/);
      expect(await tile.textContent()).toMatch(/Out of date/);
    } finally {
      writeFileSync(file, good);
      await studio.idle();
    }
  });

  it('8. warnings are told apart from errors, and explained where they are counted', async () => {
    await page.goto(studio.url + '#/');
    const tile = page.locator('.tile[data-doc="fr/gouvernance-migratoire-partagee"]');
    await tile.waitFor();
    expect(await tile.locator('.badge.warning').textContent()).toBe('2 warnings');
    expect(await tile.locator('.badge.problem').count()).toBe(0);
    expect(await tile.locator('.badge.warning').getAttribute('title')).toMatch(/do not stop the build/);
    await tile.click();
    const banner = page.locator('.side .banner.warning');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/2 warnings: the PDFs are built, but check these/);
    expect(await banner.textContent()).toMatch(/not a public web address/);
  });

  it('7. when the server goes away the page says so; a save made meanwhile is made when it is back', async () => {
    await openRabat();
    const port = Number(new URL(studio.url).port);
    await studio.close();
    await page.waitForFunction(() => /Connection lost/.test(document.querySelector('#status')?.textContent ?? ''), undefined, { timeout: 15_000 });
    const acronym = 'MIGRA';
    await page.locator('[data-field="acronym"]').fill(acronym);
    await page.locator('#save').click();
    await page.waitForFunction(() => /Not saved: The studio is not running/.test(document.querySelector('.say')?.textContent ?? ''));
    studio = await startStudio({ root, port });
    await page.waitForFunction(() => /Saved/.test(document.querySelector('.say')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(parse(readFileSync(join(root, RABAT), 'utf8')).acronym).toBe(acronym);
    await page.waitForFunction(() => !/Connection lost/.test(document.querySelector('#status')?.textContent ?? ''));
    await studio.idle();
  });
});
