// The studio's own pages for everyone (WCAG 2.2 AA): axe-core (from npm, run in Debian's
// chromium) finds no violation on any view, and everything works from the keyboard with the
// focus kept where the user was. Skipped, saying why, without /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { tempProject } from './project.js';
import { startStudio } from '../src/studio/index.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`studio accessibility tests skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium, as .ci/run does)`);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const RABAT = 'data/actions/rabat.yaml';

describe.skipIf(!hasChromium)('the studio meets WCAG 2.2 AA', () => {
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
    // The studio's content security policy forbids inline scripts: the test injects axe past it.
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  /** axe-core's violations of WCAG 2.0–2.2 A and AA rules on the page as it is now, one line each. */
  async function violations(): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('')}`));
  }
  const open = async (hash: string, ready: string) => {
    await page.goto(studio.url + hash);
    await page.waitForSelector(ready);
    await page.waitForTimeout(300); // thumbnails and pages drawing in
  };

  it('no violation on the overview, each kind of document, the form in French and Arabic, and a new action', async () => {
    const views: [string, string, string][] = [
      ['overview', '#/', '.tile'],
      ['card (fr)', '#/doc/fr/rabat', '#pages[data-pdf]'],
      ['card (ar)', '#/doc/ar/rabat', '#pages[data-pdf]'],
      ['factsheet', '#/doc/fr/gouvernance-migratoire-partagee', '#pages[data-pdf]'],
      ['booklet', '#/doc/fr/targeted-city-actions', '#pages[data-pdf]'],
      ['new action', '#/new', '[data-field="fr.title"]'],
    ];
    const found: string[] = [];
    for (const [name, hash, ready] of views) {
      await open(hash, ready);
      if (name === 'card (ar)') await page.getByRole('tab', { name: 'العربية' }).click();
      found.push(...(await violations()).map((v) => `${name}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  it('no violation in the problem state and the conflict state', async () => {
    await open('#/doc/fr/rabat', '#pages[data-pdf]');
    await page.locator('#target-input').fill('99.9');
    await page.locator('#target-input').press('Enter');
    await page.locator('[data-field="targets"] .message').first().waitFor();
    const problem = await violations();
    const text = readFileSync(join(root, RABAT), 'utf8');
    writeFileSync(join(root, RABAT), text.replace(/^order: (\d+)$/m, (_, n) => `order: ${Number(n) + 1}`));
    await page.locator('.banner.conflict').waitFor({ timeout: 15_000 });
    const conflict = await violations();
    await page.locator('#conflict-keep').click();
    await page.locator('.side-by-side').waitFor();
    const compare = await violations();
    expect({ problem, conflict, compare }).toEqual({ problem: [], conflict: [], compare: [] });
    writeFileSync(join(root, RABAT), text);
    await studio.idle();
  });

  it('from the keyboard alone: moving and removing a bullet and switching language keep the focus where the user is', async () => {
    await open('#/doc/fr/casablanca', '#pages[data-pdf]');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-key') ?? document.activeElement?.tagName);
    // Move the second activity up with the keyboard: the focus stays on the moved item's Move up… at the top it goes to Move down.
    await page.locator('[data-key="fr.activities:up:1"]').focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('fr.activities:down:0');
    await page.locator('[data-key="fr.activities:down:0"]').focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('fr.activities:down:1');
    // Remove the third result: the focus goes to the result now in its place.
    await page.locator('[data-key="fr.results:remove:2"]').focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('fr.results[3]');
    // The language tabs: arrow keys move between them, the focus on the tab chosen.
    await page.locator('[data-key="tab:fr"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('tab:en');
    expect(await page.locator('[data-key="tab:en"]').getAttribute('aria-selected')).toBe('true');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revert' }).click();
  });

  it('the logo upload is reached with Tab, the pages pane scrolls from the keyboard and zooms', async () => {
    await open('#/doc/fr/rabat', '#pages[data-pdf]');
    await page.getByRole('button', { name: '+ Add partner' }).click();
    await page.locator('[data-field="partners[1].name"]').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement)?.type)).toBe('file');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe('partners[1].logo');
    expect(await page.locator('#pages').getAttribute('tabindex')).toBe('0');
    // The preview zooms: at 1440 × 900 a whole card does not show; larger, its text reads better.
    const width = () => page.evaluate(() => (document.querySelector('#pages canvas') as HTMLCanvasElement).getBoundingClientRect().width);
    const fit = await width();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForFunction((w) => (document.querySelector('#pages canvas') as HTMLCanvasElement).getBoundingClientRect().width > w * 1.2, fit);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.waitForFunction((w) => (document.querySelector('#pages canvas') as HTMLCanvasElement).getBoundingClientRect().width < w * 0.8, fit);
    expect(await page.locator('.zoom-level').textContent()).toBe('75 %');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revert' }).click();
  });
});
