#!/usr/bin/env node
// `npm run bench`: the everyday loop measured as a user meets it — each row a whole
// `brochure` process (median of several runs) or, for watch, the time from a save to the
// PDFs on disk — on a copy of the project. A benchmark to read, not a timed test.
//   npm run bench             every row, 1,000 cards included (about two minutes more)
//   npm run bench -- --quick  without the 1,000-card run
//   npm run bench -- --typst DIR   also the Typst replica (../shared/anchors/typst-replica, with
//        Typst installed in DIR by its run.sh), interleaved with the project's runs: the cold
//        French build and one edit in a running process, side by side, with the ratio.
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'brochure');
const peakHook = fileURLToPath(new URL('./bench-peak.mjs', import.meta.url));
const quick = process.argv.includes('--quick');
const typstAt = process.argv.includes('--typst') ? process.argv[process.argv.indexOf('--typst') + 1] : undefined;
const replica = typstAt ? join(root, '..', 'shared', 'anchors', 'typst-replica', 'typst-build.mjs') : undefined;
if (replica && !existsSync(replica)) throw new Error(`--typst: no replica at ${replica}`);
const REPEAT = 5;
const COLD_REPEAT = 3; // a cold build of everything takes seconds: fewer runs

function copyProject() {
  const dir = mkdtempSync(join(tmpdir(), 'brochure-bench-'));
  for (const d of ['data', 'assets']) cpSync(join(root, d), join(dir, d), { recursive: true });
  return dir;
}

/** One `brochure` process: wall seconds and peak memory (MB, from the process itself). */
function brochure(dir, args) {
  const peakFile = join(dir, '.bench-peak');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, '--root', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--import=${peakHook}`, BENCH_PEAK_FILE: peakFile },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`brochure ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { seconds, peakMb: Number(readFileSync(peakFile, 'utf8')) / 1024 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function repeated(dir, args, before = () => {}, times = REPEAT) {
  const runs = [];
  for (let i = 0; i < times; i++) before(i), runs.push(brochure(dir, args));
  return { seconds: median(runs.map((r) => r.seconds)), peakMb: Math.max(...runs.map((r) => r.peakMb)), runs: times };
}
const cold = (dir, args) => repeated(dir, args, () => {}, COLD_REPEAT);

const rows = [];
let editStages = {};
const row = (name, target, r) => {
  rows.push({ name, target, ...r });
  process.stderr.write(`  ${name}: ${r.seconds.toFixed(2)} s\n`);
};

// The real data, every language, every booklet, the factsheet.
const real = copyProject();
const coldAll = cold(real, ['build', '--no-cache']);
brochure(real, ['build']); // fills the cache
row('brochure --help', '≤ 0.3 s', repeated(real, ['--help']));
row('brochure list', '≤ 0.3 s', repeated(real, ['list']));
row('brochure validate', '≤ 0.3 s', repeated(real, ['validate']));
const rabat = join(real, 'data', 'actions', 'rabat.yaml');
const original = readFileSync(rabat, 'utf8');
// After an edit, only the edited file is parsed and validated again (.cache/loaded.json).
row('brochure validate, one card edited', '—', repeated(real, ['validate'], (i) =>
  writeFileSync(rabat, original.replace(/^(  title: .*)$/m, `$1 v${i}`))));
writeFileSync(rabat, original);
brochure(real, ['validate']);
row('brochure build, nothing changed', '≤ 0.3 s', repeated(real, ['build']));
// One word of the French title changed, a different word each run (nothing from the cache).
row('one card edited, brochure build', '≤ 1.0 s', repeated(real, ['build'], (i) =>
  writeFileSync(rabat, original.replace(/^(  title: .*)$/m, `$1 ${['un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept'][i]}`))));
writeFileSync(rabat, original);
brochure(real, ['build']);
// The same, with a watch open on the folder: the command hands the build to it (src/handoff).
{
  const watching = spawn(process.execPath, [cli, '--root', real, 'watch'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  await new Promise((resolve) => {
    const seen = (d) => (said += d) && said.includes('Watching for changes') && resolve();
    watching.stdout.on('data', seen);
    watching.stderr.on('data', seen);
  });
  row('one card edited, brochure build, a watch open', '≤ 1.0 s', repeated(real, ['build'], (i) =>
    writeFileSync(rabat, original.replace(/^(  title: .*)$/m, `$1 ${['uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete'][i]}`))));
  watching.kill('SIGINT');
  await new Promise((r) => watching.once('exit', r));
  writeFileSync(rabat, original);
  brochure(real, ['build']);
}
const titleEdit = await watchEdits(real, rabat, original);
const titleStages = editStages;
// A word of the first activity, as the Typst replica edits it.
const bodyEdit = await watchEdits(real, rabat, original, (t, i) => t.replace(/^(  activities:\n    - )/m, `$1${['Aussi', 'Puis', 'Ensuite', 'Enfin', 'Encore', 'Alors', 'Donc'][i]} `));
const typstRun = (edits = 0) => {
  const out = mkdtempSync(join(tmpdir(), 'typst-out-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [replica, '--root', root, '--out', out, '--typst', typstAt, ...(edits ? ['--edit', String(edits)] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`typst replica: ${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').at(-1)), wall: (performance.now() - t0) / 1000 };
};
const typstEdits = replica ? typstRun(5) : undefined;
row('one edit in brochure watch: a title (save → PDFs)', '≤ 0.1 s', titleEdit);
row('one edit in brochure watch: an activity (save → PDFs)', `≤ 0.1 s${typstEdits ? `; Typst ${(typstEdits.editMedianMs / 1000).toFixed(3)} s, ${(bodyEdit.seconds / (typstEdits.editMedianMs / 1000)).toFixed(1)}×` : ''}`, bodyEdit);
row('cold build, all data (no cache)', '≤ 4 s', coldAll);
row('cold build, all data, 2 threads', '', cold(real, ['build', '--no-cache', '--threads', '2']));
if (replica) {
  // Interleaved: ours, the replica, ours, … (the machine's speed drifts; pairs keep the ratio fair).
  const ours = [], theirs = [];
  for (let i = 0; i < COLD_REPEAT; i++) {
    ours.push(brochure(real, ['build', '--no-cache', '--lang', 'fr', '--out', join(real, 'cold-fr')]));
    theirs.push(typstRun());
  }
  const a = median(ours.map((r) => r.seconds));
  const b = median(theirs.map((r) => r.wall));
  row('cold build, French (no cache)', `≤ 2× Typst; Typst ${b.toFixed(2)} s, ${(a / b).toFixed(1)}×`, { seconds: a, peakMb: Math.max(...ours.map((r) => r.peakMb)) });
} else row('cold build, French (no cache)', '≤ 2× Typst (give --typst DIR to run it)', cold(real, ['build', '--no-cache', '--lang', 'fr']));

// What a cold build rendered: layouts per card, booklet sizes.
const report = await inProcessBuild(copyProject(), {});
const renders = new Map();
for (const f of report.files) if (f.renders !== undefined) renders.set(f.renders, (renders.get(f.renders) ?? 0) + 1);
const booklets = report.files.filter((f) => f.kind === 'booklet').map((f) => `${f.lang} ${(statSync(f.path).size / 1024).toFixed(0)} KB, ${f.pages} pages`);

// What tagging (PDF/UA) costs: every French card rendered as it is and without its tags.
const tagging = await taggingCost(copyProject());

// Scale: N cards in one language, made from the real French records.
for (const n of quick ? [100] : [100, 1000]) {
  const dir = copyProject();
  const actions = join(dir, 'data', 'actions');
  const records = readdirSync(actions).map((f) => parse(readFileSync(join(actions, f), 'utf8')));
  rmSync(actions, { recursive: true });
  mkdirSync(actions);
  for (let i = 0; i < n; i++) {
    const r = structuredClone(records[i % records.length]);
    delete r.order;
    for (const lang of Object.keys(r)) if (/^[a-z]{2}$/.test(lang) && lang !== 'fr') delete r[lang];
    r.fr.title = `${r.fr.title} (${i + 1})`;
    writeFileSync(join(actions, `card-${String(i + 1).padStart(4, '0')}.yaml`), stringify(r));
  }
  row(`${n} cards, French, sheets + booklet`, n === 1000 ? '≤ 0.7× Typst (48 s measured), ≤ 1 GB' : '', brochure(dir, ['build', '--lang', 'fr']));
}

const pad = (s, n) => String(s).padStart(n);
console.log(`\n${'run'.padEnd(50)} ${pad('wall s', 7)} ${pad('peak MB', 8)}  target`);
for (const r of rows) console.log(`${r.name.padEnd(50)} ${pad(r.seconds.toFixed(2), 7)} ${pad(r.peakMb ? r.peakMb.toFixed(0) : '', 8)}  ${r.target}`);
const by = (name) => rows.find((r) => r.name.startsWith(name));
if (by('1000 cards')) console.log(`1,000 / 100 cards: ${(by('1000 cards').seconds / by('100 cards').seconds).toFixed(1)}× (target ≤ 11×)`);
console.log(`layouts per card in a cold build: ${[...renders].sort(([a], [b]) => a - b).map(([k, v]) => `${v} cards × ${k}`).join(', ')}`);
console.log(`booklets: ${booklets.join('; ')} (target: French ≤ 300 KB)`);
console.log(`tagging (PDF/UA-1), ${tagging.cards} French cards: ${tagging.untagged.ms.toFixed(0)} → ${tagging.tagged.ms.toFixed(0)} ms to render, ${(tagging.untagged.bytes / 1024).toFixed(0)} → ${(tagging.tagged.bytes / 1024).toFixed(0)} KB`);
console.log(`one edit in watch, by stage: a title: ${Object.entries(titleStages).map(([k, v]) => `${k} ${v.toFixed(3)} s`).join(', ')}; an activity: ${Object.entries(editStages).map(([k, v]) => `${k} ${v.toFixed(3)} s`).join(', ')}`);
console.log(`(process rows: median of ${REPEAT} runs, cold builds of ${COLD_REPEAT}; node ${process.version}, ${cpus().length} cores)`);

// The studio's own figures (overview ready, save → preview), when it is there.
const studio = fileURLToPath(new URL('./bench-studio.mjs', import.meta.url));
if (existsSync(studio)) spawnSync(process.execPath, [studio], { stdio: 'inherit' });

/** The build, in this process (for the report's details). */
async function inProcessBuild(dir, opts) {
  const { build } = await import(new URL('../dist/src/pipeline/index.js', import.meta.url).href);
  return build({ root: dir, ...opts });
}

/** Saves in a running `watch`: from each write of the file to the build that follows it. */
async function watchEdits(dir, file, text, change = (t, i) => t.replace(/^(  title: .*)$/m, `$1 ${['a', 'b', 'c', 'd', 'e', 'f', 'g'][i]}`)) {
  process.env.NODE_ENV ??= 'production';
  const { watch } = await import(new URL('../dist/src/cli/watch.js', import.meta.url).href);
  const controller = new AbortController();
  let resolveBuild;
  const watching = watch({ root: dir, signal: controller.signal, print: () => {}, onBuild: (o) => resolveBuild?.(o) });
  const next = () => new Promise((r) => (resolveBuild = r));
  await next(); // the first build, on start
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const built = next();
    const t0 = performance.now();
    writeFileSync(file, change(text, i));
    const outcome = await built;
    if (outcome.error) throw outcome.error;
    times.push((performance.now() - t0) / 1000);
    editStages = outcome.report.stages;
  }
  controller.abort();
  await watching;
  writeFileSync(file, text);
  return { seconds: median(times), peakMb: process.resourceUsage().maxRSS / 1024 };
}

/** Render every French card with and without its structure tree (same layout, same fonts). */
async function taggingCost(dir) {
  process.env.NODE_ENV ??= 'production';
  const [{ Workspace }, { renderDocument }, { CardDocument }, { cloneElement }] = await Promise.all([
    import(new URL('../dist/src/pipeline/index.js', import.meta.url).href),
    import(new URL('../dist/src/render/index.js', import.meta.url).href),
    import(new URL('../dist/templates/index.js', import.meta.url).href),
    import('react'),
  ]);
  const sheets = await Workspace.open(dir).sheets({ langs: ['fr'] });
  // CardDocument gives a TaggedDocument; calling that gives the <Document tagged> it stands for.
  const documentOf = (sheet) => {
    const tagged = CardDocument({ sheet });
    return tagged.type(tagged.props);
  };
  const variants = {
    tagged: (sheet) => documentOf(sheet),
    untagged: (sheet) => cloneElement(documentOf(sheet), { tagged: false, conformance: undefined }),
  };
  for (const sheet of sheets) await renderDocument(variants.tagged(sheet), 'fr'); // warm up: fonts, code
  const result = { cards: sheets.length };
  for (const [name, make] of Object.entries(variants)) {
    const t0 = performance.now();
    let bytes = 0;
    for (const sheet of sheets) bytes += (await renderDocument(make(sheet), 'fr')).length;
    result[name] = { ms: performance.now() - t0, bytes };
  }
  return result;
}
