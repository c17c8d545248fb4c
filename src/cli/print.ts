// The print-production commands: `brochure print`, `brochure handout …`, `brochure preflight`.
// They work on PDFs the build already wrote in out/ (or any PDF given by name).
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { LANGUAGES, type Lang } from '../text/index.js';

/** The bleed `print` adds by default, in millimetres (as src/print/bleed.ts). */
const DEFAULT_BLEED_MM = 3;

/** The print modules use pdf-lib: loaded when a print command runs, not when `brochure` starts. */
async function printModules() {
  const [print, pdf] = await Promise.all([import('../print/index.js'), import('../pdf/index.js')]);
  return { ...print, ...pdf };
}

/** The checked data of the project (the actions and the booklet's file name), through the workspace. */
async function validData(root: string) {
  return (await import('../pipeline/index.js')).Workspace.open(root).valid();
}

const out = (line = '') => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

function bleedOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 20) throw new InvalidArgumentError('expected a bleed in millimetres between 0 and 20, e.g. 3');
  return n;
}

function langsOption(value: string): Lang[] {
  const langs = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const l of langs) if (!(LANGUAGES as readonly string[]).includes(l)) throw new InvalidArgumentError(`unknown language "${l}" (expected ${LANGUAGES.join(', ')})`);
  return langs as Lang[];
}

/** Runs a command body, turning unreadable or missing PDFs into a one-line usage error. */
function guarded(command: Command, body: (...args: any[]) => Promise<void>) {
  return async (...args: any[]) => {
    try {
      await body(...args);
    } catch (e) {
      if (e instanceof (await import('../print/index.js')).PdfInputError) command.error(`brochure: ${e.message}`, { exitCode: 2 });
      throw e;
    }
  };
}

function show(root: string, path: string) {
  const r = relative(root, path);
  return r.startsWith('..') ? path : r;
}

/** The built PDFs of a folder out/<lang>/, sorted by name. */
function builtPdfs(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  const files: string[] = [];
  for (const lang of LANGUAGES) {
    const dir = join(outDir, lang);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.pdf')) files.push(join(dir, f));
  }
  return files;
}

export function addPrintCommands(cmd: Command) {
  const rootOf = () => resolve(cmd.opts().root);
  addPrintCommand(cmd, rootOf);
  const handout = cmd.command('handout').description('handouts for office printers, from the PDFs in out/ (run `brochure build` first)');
  addDuplexCommand(handout, rootOf);
  addTwoUpCommand(handout, rootOf);
  addBookletHandoutCommand(handout, rootOf);
  addPreflightCommand(cmd, rootOf);
}

function addPrintCommand(cmd: Command, rootOf: () => string) {
  const print = cmd
    .command('print')
    .argument('[pdf...]', 'PDFs to prepare (default: every PDF the build wrote in out/<lang>/)')
    .description('make print-shop files: bleed, crop marks, trim and bleed boxes, and a PDF/X-1a (CMYK) copy when Ghostscript is installed')
    .option('--out <dir>', 'the build output folder; files go to <dir>/print/', 'out')
    .option('--bleed <mm>', 'bleed on each side, in millimetres', bleedOption, DEFAULT_BLEED_MM)
    .option('--no-pdfx', 'skip the PDF/X copy')
    .option('--icc-profile <file>', 'CMYK output profile for PDF/X (your print shop can send theirs; default: Ghostscript\'s)');
  print.action(
    guarded(print, async (pdfs: string[], o) => {
      const m = await printModules();
      const root = rootOf();
      const outDir = resolve(root, o.out);
      const inputs = pdfs.length ? pdfs.map((p) => resolve(p)) : builtPdfs(outDir);
      if (!inputs.length) print.error(`brochure: no PDFs in ${show(root, outDir)}/<lang>/: run \`brochure build\` first, or name the PDFs to prepare`, { exitCode: 2 });
      let pdfxMissing = false;
      let made = 0;
      for (const input of inputs) {
        // out/fr/x.pdf → out/print/fr/x.pdf; a PDF from elsewhere → out/print/x.pdf
        const rel = relative(outDir, input);
        const target = join(outDir, 'print', rel.startsWith('..') || rel.includes(`print${sep}`) ? basename(input) : rel);
        const r = await m.printShopFiles(input, target, { bleedMm: o.bleed, pdfx: o.pdfx, iccProfile: o.iccProfile ? resolve(o.iccProfile) : undefined }, (p) => show(root, p));
        for (const f of r.made) out(`  ${show(root, f.target).padEnd(48)} ${f.result}  (${f.detail})`);
        for (const n of r.notes) out(`    note: ${n}`);
        for (const f of r.failures) if (f !== m.GHOSTSCRIPT_MISSING) err(`brochure: ${f}`);
        pdfxMissing ||= r.pdfxMissing;
        made++;
      }
      out(`Prepared ${made} file${made === 1 ? '' : 's'} for print in ${show(root, join(outDir, 'print'))}/.`);
      if (pdfxMissing) err(`brochure: ${m.GHOSTSCRIPT_MISSING}`);
    }),
  );
}

function addDuplexCommand(handout: Command, rootOf: () => string) {
  const duplexCmd = handout
    .command('duplex')
    .description('one sheet per action, one language on the front and another on the back')
    .requiredOption('--langs <front,back>', 'the front and back languages, e.g. fr,en', langsOption)
    .option('--only <ids>', 'only these actions (comma-separated ids)')
    .option('--out <dir>', 'the build output folder; files go to <dir>/handouts/', 'out');
  duplexCmd.action(
    guarded(duplexCmd, async (o) => {
      const m = await printModules();
      const root = rootOf();
      const outDir = resolve(root, o.out);
      const langs: Lang[] = o.langs;
      if (langs.length !== 2 || langs[0] === langs[1]) duplexCmd.error('brochure: --langs: expected two different languages, front then back, e.g. fr,en', { exitCode: 2 });
      const [front, back] = langs as [Lang, Lang];
      const { data } = (await validData(root));
      const only: string[] | undefined = o.only ? String(o.only).split(',').map((s: string) => s.trim()) : undefined;
      const unknown = only?.filter((id) => !data.actions.some((a) => a.id === id)) ?? [];
      if (unknown.length) duplexCmd.error(`brochure: --only: no action "${unknown.join('", "')}" in data/actions/`, { exitCode: 2 });
      const pairs = [];
      const dir = join(outDir, 'handouts', `${front}-${back}`);
      for (const action of data.actions) {
        if (only && !only.includes(action.id)) continue;
        const missing = [front, back].filter((l) => !action.languages.includes(l));
        if (missing.length) {
          out(`  ${action.id}: skipped, no ${missing.join(' or ')} text in data/actions/${action.id}.yaml`);
          continue;
        }
        const files = [front, back].map((l) => join(outDir, l, `${action.id}.pdf`));
        const absent = files.filter((f) => !existsSync(f));
        if (absent.length) {
          out(`  ${action.id}: skipped, ${absent.map((f) => show(root, f)).join(' and ')} not built yet: run \`brochure build --lang ${front},${back}\``);
          continue;
        }
        const pair = { front: files[0]!, back: files[1]! };
        pairs.push(pair);
        const made = await m.duplexHandout([pair], join(dir, `${action.id}.pdf`), (p) => show(root, p));
        out(`  ${show(root, made.target).padEnd(48)} ${made.result}`);
      }
      if (!pairs.length) duplexCmd.error('brochure: no action has both sheets built: run `brochure build` first', { exitCode: 2 });
      const all = join(dir, 'all-actions.pdf');
      out(`  ${show(root, all).padEnd(48)} ${(await m.duplexHandout(pairs, all, (p) => show(root, p))).result}  (${pairs.length} action${pairs.length === 1 ? '' : 's'}, ${front} front, ${back} back)`);
      out(`Print double-sided (flip on the long edge): each sheet has ${front} on the front and ${back} on the back.`);
    }),
  );
}

function addTwoUpCommand(handout: Command, rootOf: () => string) {
  const twoUpCmd = handout
    .command('2up')
    .argument('[pdf...]', 'PDFs to put two pages per sheet, in order (default: every action sheet of each language, in booklet order)')
    .description('two pages scaled to A5 side by side on each A4 landscape sheet')
    .option('--lang <langs>', 'only these languages (without PDF names), e.g. fr')
    .option('--repeat', 'each page twice on its own sheet, to cut into two identical handouts')
    .option('--out <dir>', 'the build output folder; files go to <dir>/handouts/', 'out');
  twoUpCmd.action(
    guarded(twoUpCmd, async (pdfs: string[], o) => {
      const m = await printModules();
      const root = rootOf();
      const outDir = resolve(root, o.out);
      const suffix = o.repeat ? '.2up-repeat.pdf' : '.2up.pdf';
      const jobs: { target: string; inputs: string[] }[] = [];
      if (pdfs.length) {
        jobs.push({ target: join(outDir, 'handouts', ...langFolder(outDir, resolve(pdfs[0]!)), basename(pdfs[0]!).replace(/\.pdf$/i, '') + (pdfs.length > 1 ? '-and-more' : '') + suffix), inputs: pdfs.map((p) => resolve(p)) });
      } else {
        const { data } = (await validData(root));
        const langs: Lang[] = o.lang ? langsOption(o.lang) : [...LANGUAGES];
        for (const lang of langs) {
          const inputs = data.actions.map((a) => join(outDir, lang, `${a.id}.pdf`)).filter((p) => existsSync(p));
          if (inputs.length) jobs.push({ target: join(outDir, 'handouts', lang, `all-actions${suffix}`), inputs });
        }
        if (!jobs.length) twoUpCmd.error(`brochure: no action sheets in ${show(root, outDir)}/<lang>/: run \`brochure build\` first`, { exitCode: 2 });
      }
      for (const job of jobs) {
        const made = await m.twoUpHandout(job.inputs, job.target, !!o.repeat, (p) => show(root, p));
        out(`  ${show(root, made.target).padEnd(48)} ${made.result}  (${made.detail})`);
      }
      out(o.repeat ? 'Print, then cut each sheet in half.' : 'Print single-sided and cut each sheet in half, or hand out as is.');
    }),
  );
}

function addBookletHandoutCommand(handout: Command, rootOf: () => string) {
  const bookletCmd = handout
    .command('booklet')
    .argument('[pdf]', 'the booklet PDF (default: the booklet of each language in out/<lang>/)')
    .description('a folded, stapled A5 booklet: the booklet\'s pages in folding order, printed double-sided on A4 landscape')
    .option('--lang <langs>', 'only these languages (without a PDF name), e.g. fr')
    .option('--out <dir>', 'the build output folder; files go to <dir>/handouts/', 'out');
  bookletCmd.action(
    guarded(bookletCmd, async (pdf: string | undefined, o) => {
      const m = await printModules();
      const root = rootOf();
      const outDir = resolve(root, o.out);
      const jobs: { input: string; target: string }[] = [];
      if (pdf) {
        jobs.push({ input: resolve(pdf), target: join(outDir, 'handouts', ...langFolder(outDir, resolve(pdf)), basename(pdf).replace(/\.pdf$/i, '') + '.booklet-a5.pdf') });
      } else {
        const booklet = (await validData(root)).data.booklet;
        if (!booklet) {
          bookletCmd.error('brochure: no booklet settings to find the booklet by: name the booklet PDF, e.g. `brochure handout booklet out/fr/targeted-city-actions.pdf`', { exitCode: 2 });
        }
        const langs: Lang[] = o.lang ? langsOption(o.lang) : [...LANGUAGES];
        for (const lang of langs) {
          const input = join(outDir, lang, `${booklet!.file}.pdf`);
          if (existsSync(input)) jobs.push({ input, target: join(outDir, 'handouts', lang, `${booklet!.file}.booklet-a5.pdf`) });
        }
        if (!jobs.length) bookletCmd.error(`brochure: no booklet (${booklet!.file}.pdf) in ${show(root, outDir)}/<lang>/: run \`brochure build\` first, or name the booklet PDF`, { exitCode: 2 });
      }
      for (const job of jobs) {
        const made = await m.bookletHandout(job.input, job.target, (p) => show(root, p));
        out(`  ${show(root, made.target).padEnd(48)} ${made.result}  (${made.detail})`);
      }
      out('Print double-sided on A4, flip on the short edge; stack the sheets in order, fold in half and staple on the fold.');
    }),
  );
}

function addPreflightCommand(cmd: Command, rootOf: () => string) {
  const preflightCmd = cmd
    .command('preflight')
    .argument('<pdf...>', 'PDFs to check')
    .description('check PDFs: page sizes and boxes, fonts embedded, image resolution, small text, colours, accessibility (tagged PDF/UA-1) and archiving (PDF/A-2), every check with its clause');
  preflightCmd.action(
    guarded(preflightCmd, async (pdfs: string[]) => {
      const m = await printModules();
      const root = rootOf();
      let problems = 0;
      for (const p of pdfs) {
        const report = await m.preflightFile(resolve(p), (f) => show(root, f));
        for (const line of report.lines) out(line);
        problems += report.problems;
      }
      if (problems) process.exitCode = 1;
    }),
  );
}

/**
 * A built PDF (out/<lang>/x.pdf) gives its handout the same language folder, so the French
 * and the English handout of one card never overwrite each other; other PDFs: none.
 */
function langFolder(outDir: string, input: string): string[] {
  const [lang, ...rest] = relative(outDir, input).split(sep);
  return rest.length === 1 && (LANGUAGES as readonly string[]).includes(lang!) ? [lang!] : [];
}


