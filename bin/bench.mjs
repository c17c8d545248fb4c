#!/usr/bin/env node
// `npm run bench`: wall time and peak memory of real builds, each in its own process as a
// user runs it, on a copy of the project (a benchmark to read, not a timed test).
//   npm run bench                 the real data: cold, no-op, one edit, threads; 100 cards
//   npm run bench -- --scale 1000 also the 1,000-card run (about two minutes)
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const runner = fileURLToPath(new URL('./bench-run.mjs', import.meta.url));
const scales = [100, ...(process.argv.includes('--scale') ? [Number(process.argv[process.argv.indexOf('--scale') + 1])] : [])];

function copyProject() {
  const dir = mkdtempSync(join(tmpdir(), 'brochure-bench-'));
  for (const d of ['data', 'assets']) cpSync(join(root, d), join(dir, d), { recursive: true });
  return dir;
}
const run = (dir, ...flags) => JSON.parse(execFileSync(process.execPath, [runner, dir, ...flags], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').at(-1));

const rows = [];
const row = (name, r) => rows.push({ name, ...r });

// The real data: every sheet in every language, every booklet.
const real = copyProject();
const cold = run(real);
row('cold build (empty cache)', cold);
row('no-op rebuild', run(real));
const rabat = join(real, 'data', 'actions', 'rabat.yaml');
writeFileSync(rabat, readFileSync(rabat, 'utf8').replace(/^(  title: .*)$/m, '$1 (edited)'));
row('one field of one card edited (fr title)', run(real));
row('cold build, 2 worker threads', run(copyProject(), 'threads=2'));
row('cold build, no booklets', run(copyProject(), 'booklet=false'));

// Scale: N cards in one language, made from the real French records.
for (const n of scales) {
  const dir = copyProject();
  const actions = join(dir, 'data', 'actions');
  const records = readdirSync(actions).map((f) => parse(readFileSync(join(actions, f), 'utf8')));
  rmSync(actions, { recursive: true });
  mkdirSync(actions);
  for (let i = 0; i < n; i++) {
    const r = structuredClone(records[i % records.length]);
    delete r.en; delete r.ar; delete r.order;
    r.fr.title = `${r.fr.title} (${i + 1})`;
    writeFileSync(join(actions, `card-${String(i + 1).padStart(4, '0')}.yaml`), stringify(r));
  }
  row(`scale: ${n} cards, fr, sheets + booklet`, run(dir, 'langs=fr'));
}

const pad = (s, n) => String(s).padStart(n);
console.log(`${'run'.padEnd(42)} ${pad('wall s', 8)} ${pad('peak MB', 8)} ${pad('files', 6)} ${pad('rendered', 9)} ${pad('written', 8)}`);
for (const r of rows) console.log(`${r.name.padEnd(42)} ${pad(r.seconds.toFixed(2), 8)} ${pad(r.peakMb.toFixed(0), 8)} ${pad(r.files, 6)} ${pad(r.rendered, 9)} ${pad(r.written, 8)}`);
const by = (name) => rows.find((r) => r.name.startsWith(name));
console.log(`no-op / cold: ${(by('no-op').seconds / cold.seconds).toFixed(3)}` +
  (by('scale: 1000') ? `   1000 / 100 cards: ${(by('scale: 1000').seconds / by('scale: 100').seconds).toFixed(1)}×` : ''));
console.log(`node ${process.version}, ${cpus().length} cores`);
