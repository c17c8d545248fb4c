#!/usr/bin/env node
// `npm run bench`: builds the real data set into a temporary folder and prints wall time
// and peak memory (a benchmark to read, not a timed test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { build } = await import(new URL('../dist/src/build.js', import.meta.url).href);
const out = mkdtempSync(join(tmpdir(), 'brochure-bench-'));

const rows = [];
async function measure(name, run) {
  const t0 = performance.now();
  const report = await run();
  const seconds = (performance.now() - t0) / 1000;
  const written = report.files.filter((f) => f.result === 'written').length;
  rows.push({ name, seconds, files: report.files.length, written });
}

await measure('cold build (all sheets and booklets)', () => build({ root, outDir: out }));
await measure('no-op rebuild (nothing changed)', () => build({ root, outDir: out }));
await measure('cold build, sheets only (--no-booklet)', () => build({ root, outDir: join(out, 'sheets'), booklet: false }));

// The booklets alone, card sizes already fitted: one React-PDF document per language.
const { loadValid, resolveAll } = await import(new URL('../dist/src/build.js', import.meta.url).href);
const { loadBooklet, renderBooklets, bodySizesOf } = await import(new URL('../dist/src/booklet.js', import.meta.url).href);
const { fitSheets } = await import(new URL('../dist/src/fit/sheets.js', import.meta.url).href);
const { data } = loadValid(root);
const { booklet } = loadBooklet(root, data);
const fitted = await fitSheets(resolveAll(data, { root }), data.actions);
for (const lang of Object.keys(booklet.languages)) {
  let pages = 0;
  await measure(`render the ${lang} booklet (sizes known)`, async () => {
    const { booklets } = await renderBooklets(data, booklet, { root, outDir: out, langs: [lang], bodySizes: bodySizesOf(fitted.results) });
    pages = booklets[0].pages;
    return { files: booklets.map(() => ({ result: 'rendered' })) };
  });
  rows.at(-1).name += ` ${pages} pp`;
}
rmSync(out, { recursive: true, force: true });

const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`${'run'.padEnd(42)} ${'wall s'.padStart(8)} ${'files'.padStart(6)} ${'written'.padStart(8)}`);
for (const r of rows) console.log(`${r.name.padEnd(42)} ${r.seconds.toFixed(2).padStart(8)} ${String(r.files).padStart(6)} ${String(r.written).padStart(8)}`);
console.log(`peak memory (RSS): ${peakMb.toFixed(0)} MB   node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
