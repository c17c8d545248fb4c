#!/usr/bin/env node
// One measured build in its own process, as a user runs it (used by bin/bench.mjs):
// prints wall time, peak memory and what was rendered, as JSON.
const [root, ...flags] = process.argv.slice(2);
const opts = Object.fromEntries(flags.map((f) => f.split('=')).map(([k, v]) => [k, v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.includes(',') ? v.split(',') : v]));
if (typeof opts.langs === 'string') opts.langs = [opts.langs];
const t0 = performance.now();
const { build } = await import(new URL('../dist/src/build.js', import.meta.url).href);
const report = await build({ root, ...opts });
console.log(JSON.stringify({
  seconds: (performance.now() - t0) / 1000,
  peakMb: process.resourceUsage().maxRSS / 1024,
  files: report.files.length,
  rendered: report.files.filter((f) => f.rendered).length,
  written: report.files.filter((f) => f.result === 'written').length,
}));
