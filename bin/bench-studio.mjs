#!/usr/bin/env node
// The studio's two speeds (issue 14), on a copy of the project, in Debian's chromium:
//   overview: page load → every document's tile shown, its controls usable (thumbnails stream in after);
//   save: Save clicked on the Rabat card's form → the new sheet drawn in the preview.
// A benchmark to read, not a timed test: `node bin/bench-studio.mjs` (after `npm install`),
// also run by `npm run bench`. Prints one line each, and JSON with --json.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`studio bench skipped: no chromium at ${chromiumPath} (apt-get install -y chromium)`);
  process.exit(0);
}
process.env.NODE_ENV ??= 'production';
const { startStudio } = await import(new URL('../dist/src/studio/index.js', import.meta.url).href);
const { chromium } = await import('playwright-core');

const dir = mkdtempSync(join(tmpdir(), 'brochure-studio-bench-'));
for (const d of ['data', 'assets']) cpSync(join(root, d), join(dir, d), { recursive: true });
const studio = await startStudio({ root: dir, log: process.env.STUDIO_LOG ? (l) => console.error(`[${(performance.now() / 1000).toFixed(2)}] ${l}`) : undefined });
await studio.idle(); // the first build (cold) is `brochure build`'s figure, not the studio's
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const documents = (await (await fetch(studio.url + 'api/state')).json()).documents.length;
  // Overview: from navigation to every tile on the page (ready to filter, search and click).
  const overview = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await page.goto(studio.url + '?run=' + i);
    await page.waitForFunction((n) => document.body.dataset.ready && document.querySelectorAll('.tile').length === n, documents);
    overview.push((performance.now() - t0) / 1000);
  }
  // First thumbnails drawn (those in view), for the record.
  const t1 = performance.now();
  await page.goto(studio.url + '?thumbs');
  await page.waitForFunction(() => document.querySelectorAll('.tile canvas[data-drawn]').length >= 6);
  const thumbs = (performance.now() - t1) / 1000;

  // Save → preview: edit the title, click Save, wait until the new PDF is drawn.
  await page.goto(studio.url + '#/doc/fr/rabat');
  await page.waitForSelector('#pages[data-pdf]');
  const saves = [];
  for (let i = 1; i <= 5; i++) {
    await studio.idle();
    const shown = await page.locator('#pages').getAttribute('data-pdf');
    await page.locator('[data-field="fr.title"]').fill(`Vers des politiques publiques migratoires fondées sur les faits à Rabat (${i})`);
    const t0 = performance.now();
    await page.locator('#save').click();
    await page.waitForFunction((old) => document.querySelector('#pages')?.getAttribute('data-pdf') !== old, shown, { timeout: 60_000 });
    saves.push((performance.now() - t0) / 1000);
  }
  const result = { documents, overviewSeconds: median(overview), firstThumbnailsSeconds: thumbs, saveToPreviewSeconds: median(saves), runs: { overview, saves } };
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(`studio: overview of ${documents} documents usable in ${result.overviewSeconds.toFixed(2)} s after page load (median of 5; first thumbnails drawn in ${thumbs.toFixed(2)} s)`);
    console.log(`studio: save → updated preview of the sheet in ${result.saveToPreviewSeconds.toFixed(2)} s (median of 5)`);
  }
} finally {
  await browser.close();
  await studio.close();
}
