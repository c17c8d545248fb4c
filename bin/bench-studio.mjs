#!/usr/bin/env node
// The studio's three speeds (issue 19), on a copy of the project, in Debian's chromium:
//   start: `startStudio` called with a warm cache (a session before built everything) → the
//     overview usable (every document's tile shown);
//   thumbnails: page load → all of them drawn;
//   save: Save clicked on the Rabat card's form → the new sheet drawn in the preview.
// A benchmark to read, not a timed test: `node bin/bench-studio.mjs` (after `npm install`),
// also run by `npm run bench`. Prints one line each against its target, and JSON with --json.
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
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (t0) => (performance.now() - t0) / 1000;

const dir = mkdtempSync(join(tmpdir(), 'brochure-studio-bench-'));
for (const d of ['data', 'assets']) cpSync(join(root, d), join(dir, d), { recursive: true });
// A first session builds everything and makes the thumbnails: the cache is warm after it.
let studio = await startStudio({ root: dir });
await studio.idle();
const warm = await (await fetch(studio.url + 'api/state')).json();
await Promise.all(warm.documents.map((d) => fetch(studio.url + d.thumbnail.slice(1)).then((r) => r.arrayBuffer())));
await studio.close();

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const result = { documents: warm.documents.length, startSeconds: 0, thumbnailsSeconds: 0, saveToPreviewSeconds: 0, runs: { start: [], thumbnails: [], saves: [] } };
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const tilesShown = (n) => page.waitForFunction((count) => document.body.dataset.ready && document.querySelectorAll('.tile').length === count, n);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    studio = await startStudio({ root: dir });
    await page.goto(studio.url + '?run=' + i);
    await tilesShown(result.documents);
    result.runs.start.push(seconds(t0));
    await studio.idle();
    if (i < RUNS - 1) await studio.close();
  }
  // All thumbnails drawn, from page load.
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await page.goto(studio.url + '?thumbs=' + i);
    await page.waitForFunction((n) => document.querySelectorAll('.tile img').length === n && [...document.querySelectorAll('.tile img')].every((img) => img.complete && img.naturalWidth > 0), result.documents);
    result.runs.thumbnails.push(seconds(t0));
  }
  // Save → preview: edit the title, click Save, wait until the new PDF is drawn.
  await page.goto(studio.url + '#/doc/fr/rabat');
  await page.waitForSelector('#pages[data-pdf]');
  for (let i = 1; i <= RUNS; i++) {
    await studio.idle();
    const shown = await page.locator('#pages').getAttribute('data-pdf');
    await page.locator('[data-field="fr.title"]').fill(`Vers des politiques publiques migratoires fondées sur les faits à Rabat (${i})`);
    await page.waitForTimeout(400); // the check as one types has run
    const t0 = performance.now();
    await page.locator('#save').click();
    await page.waitForFunction((old) => document.querySelector('#pages')?.getAttribute('data-pdf') !== old, shown, { timeout: 60_000 });
    result.runs.saves.push(seconds(t0));
  }
  result.startSeconds = median(result.runs.start);
  result.thumbnailsSeconds = median(result.runs.thumbnails);
  result.saveToPreviewSeconds = median(result.runs.saves);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(`studio: start with a warm cache → usable overview of ${result.documents} documents: ${result.startSeconds.toFixed(2)} s (target ≤ 1 s; median of ${RUNS})`);
    console.log(`studio: overview, all ${result.documents} thumbnails drawn after page load: ${result.thumbnailsSeconds.toFixed(2)} s (target ≤ 3 s; median of ${RUNS})`);
    console.log(`studio: save → preview of the edited sheet: ${result.saveToPreviewSeconds.toFixed(2)} s (target ≤ 0.5 s; median of ${RUNS})`);
  }
} finally {
  await browser.close();
  await studio.close();
}
