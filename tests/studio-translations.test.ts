// A translator's file in the studio (issue 23, preview before import): opened in a real browser,
// the documents it changes are shown beside the current ones with the texts that change, nothing
// in data/ is written until Import; a wrong file is refused with its problems at their units;
// the route takes only the kinds of file the export writes, capped, from the studio's own page.
// The pages pass axe-core. Debian's chromium through playwright-core; the browser part is
// skipped, saying why, without /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { brochure } from './cli.js';
import { tempProject } from './project.js';
import { request } from './studio-http.js';
import { dataBytes, parseXliff, save, translate } from './translationFiles.js';
import { startStudio } from '../src/studio/index.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`studio translation tests in the browser skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium, as .ci/run does)`);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TITLE = 'actions/rabat.yaml#title';
const SUBTITLE = 'actions/rabat.yaml#subtitle';
const NEW_TITLE = 'Evidence-based migration policies for the city of Rabat, as reviewed';

let root: string;
let studio: Studio;

/** The English file of the Rabat card as the export writes it, with the title translated anew. */
function translatedFile(name: string, edit: (doc: ReturnType<typeof parseXliff>) => void): string {
  const r = brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room', '--out', 'exports']);
  expect(r.code, r.stderr).toBe(0);
  const doc = parseXliff(join(root, 'exports', 'en.xlf'));
  edit(doc);
  const path = join(root, 'exports', name);
  save(doc, path);
  return path;
}

const upload = (name: string, body: Buffer, headers: Record<string, string> = {}) => {
  const host = new URL(studio.url).host;
  return request(studio.url, { method: 'POST', path: `/api/translations/preview?name=${encodeURIComponent(name)}`, body, headers: { host, origin: `http://${host}`, 'content-type': 'application/octet-stream', ...headers } });
};

beforeAll(async () => {
  root = tempProject();
  studio = await startStudio({ root });
  await studio.idle();
}, 120_000);
afterAll(async () => {
  await studio?.close();
});

describe('the preview route', () => {
  it('takes only the kinds of file the export writes, from the studio page, within its size', async () => {
    const xml = readFileSync(translatedFile('en.xlf', (doc) => translate(doc, TITLE, NEW_TITLE)));
    expect((await upload('notes.txt', xml)).status).toBe(415);
    expect((await upload('en.__proto__', xml)).status).toBe(415);
    const zipAsXliff = await upload('en.xlf', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
    expect(zipAsXliff.status).toBe(415);
    expect(zipAsXliff.json.message).toContain('zip archive');
    const xmlAsSheet = await upload('en.xlsx', xml);
    expect(xmlAsSheet.status).toBe(415);
    expect(xmlAsSheet.json.message).toContain('not a spreadsheet');
    expect((await upload('en.xlf', Buffer.alloc(9 * 1024 * 1024, 0x20))).status).toBe(413);
    const other = await upload('en.xlf', xml, { origin: 'http://evil.example' });
    expect(other.status).toBe(403);
    const host = new URL(studio.url).host;
    const unknown = await request(studio.url, { method: 'POST', path: '/api/translations/import', body: JSON.stringify({ token: '../../data/actions/rabat.yaml' }), headers: { host, origin: `http://${host}`, 'content-type': 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toContain('open it again');
  });

  it('a file that is not XML is refused by the parser, named as the user named it; nothing is built', async () => {
    const before = dataBytes(root);
    const r = await upload('from-translator.xlf', Buffer.from('<xliff version="1.2"><file>'));
    expect(r.status).toBe(422);
    expect(r.json.problems[0].file).toBe('from-translator.xlf');
    expect(r.json.problems[0].message).toMatch(/XML/);
    expect(dataBytes(root)).toEqual(before);
  });
});

describe.skipIf(!hasChromium)('a translation previewed and imported in the browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function violations(): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }

  it('a refused file: its problems at their unit and line, nothing written', async () => {
    const before = dataBytes(root);
    // The French subtitle copied over as the English one: refused at its unit.
    const file = translatedFile('copied.xlf', (doc) => translate(doc, SUBTITLE, 'Améliorer le système de gestion des données relatives à la migration dans la ville de Rabat'));
    await page.goto(studio.url + '#/translations');
    await page.setInputFiles('#translation-file', file);
    await page.locator('.say.bad').waitFor({ timeout: 60_000 });
    const problems = await page.locator('.banner.error li').allTextContents();
    expect(problems.some((p) => p.startsWith('copied.xlf:') && p.includes(SUBTITLE) && p.includes('looks like fr'))).toBe(true);
    expect(await violations()).toEqual([]);
    expect(dataBytes(root)).toEqual(before);
  }, 120_000);

  it('the changed card beside the current one, the text that changes, then Import writes it', async () => {
    const file = translatedFile('reviewed.xlf', (doc) => translate(doc, TITLE, NEW_TITLE));
    const before = dataBytes(root);
    // From the header, by keyboard: the link is reached with Tab and followed with Enter.
    await page.goto(studio.url);
    await page.locator('.tile').first().waitFor();
    await page.locator('#translations').focus();
    await page.keyboard.press('Enter');
    await page.locator('#translation-file').waitFor();
    await page.setInputFiles('#translation-file', file);
    await page.locator('.comparison[data-doc="en/rabat"] .compare-pages[data-drawn]').nth(1).waitFor({ timeout: 60_000 });
    expect(await page.locator('.comparison').count()).toBe(1);
    expect(await page.locator('.changed-texts ins').textContent()).toContain(NEW_TITLE);
    expect(await page.locator('.changed-texts del').textContent()).toContain('Towards evidence-based');
    // The preview PDF holds the new title; the current one and the data do not.
    const preview = await page.locator('.comparison figcaption a').nth(1).getAttribute('href');
    expect(preview).toMatch(/^\/files\/out\/preview\/en\/rabat\.pdf\?v=\d+$/);
    const { pdfText, containsText } = await import('./pdf.js');
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'preview', 'en', 'rabat.pdf')));
    expect(containsText(pages.join('\n'), NEW_TITLE)).toBe(true);
    expect(readFileSync(join(root, 'data/actions/rabat.yaml'), 'utf8')).not.toContain(NEW_TITLE);
    expect(dataBytes(root)).toEqual(before);
    expect(await page.locator('.compare-pages canvas').count()).toBe(2);
    expect(await violations()).toEqual([]);

    page.once('dialog', (d) => void d.accept());
    await page.locator('#translation-import').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Imported English: 1 text in 1 file/.test(document.querySelector('.panel.import .say')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(readFileSync(join(root, 'data/actions/rabat.yaml'), 'utf8')).toContain(NEW_TITLE);
    // Recorded in the record's history as an import, with its field.
    const history = await request(studio.url + 'api/history?file=data/actions/rabat.yaml', { headers: { host: new URL(studio.url).host } });
    expect(history.json.versions[0]).toMatchObject({ kind: 'import', fields: ['en.title'] });
    // The same file again: it is gone from the studio once imported (open it again to preview).
    const host = new URL(studio.url).host;
    const again = await request(studio.url, { method: 'POST', path: '/api/translations/import', body: JSON.stringify({ token: 'x' }), headers: { host, origin: `http://${host}`, 'content-type': 'application/json' } });
    expect(again.status).toBe(404);
  }, 180_000);
});
