// The `brochure` command. Exit codes: 0 success, 1 invalid data, 2 usage error.
// Each command loads what it needs when it runs (the data stages, the renderer, pdf-lib):
// `brochure --help` loads nothing but commander, and a build with nothing to render never
// loads React-PDF.
import { resolve, join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { DataError, formatProblem, UsageError, type Problem } from './problems.js';
import { LANGUAGES, type Lang } from './schema/languages.js';
import { addPrintCommands } from './print/commands.js';
import { interruptedMessage, progress } from './progress.js';

const out = (line = '') => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new UsageError(`--threads: expected a whole number from 1 to 16, found "${value}"`);
  return n;
}

function parseLangs(value: string | undefined): Lang[] | undefined {
  if (!value) return undefined;
  const langs = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const l of langs) if (!(LANGUAGES as readonly string[]).includes(l)) throw new UsageError(`--lang: unknown language "${l}" (expected ${LANGUAGES.join(', ')})`);
  return langs as Lang[];
}

/** --only ids, each of which must name a record. */
async function parseOnly(root: string, value: string | undefined): Promise<string[] | undefined> {
  if (!value) return undefined;
  const only = String(value).split(',').map((s) => s.trim());
  const { data } = await (await import('./cache/data.js')).checkedData(root);
  // Data with errors (bad YAML, wrong encoding…): the build says what is wrong, not "unknown".
  if (!data) return only;
  const ids = new Set([...data.actions, ...data.factsheets.records].map((r) => r.id));
  const unknown = only.filter((id) => !ids.has(id));
  if (unknown.length) throw new UsageError(`--only: no action or factsheet "${unknown.join('", "')}" in data/actions/ or data/factsheets/`);
  return only;
}

function printProblems(problems: Problem[]) {
  for (const p of problems) err(formatProblem(p));
}

function summary(problems: Problem[]) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export function program(): Command {
  const cmd = new Command('brochure')
    .description('Turns the YAML records in data/ into PDF sheets and booklets in out/.')
    .option('--root <dir>', 'project folder holding data/ and assets/', process.cwd())
    .option('--debug', 'show stack traces of unexpected errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cmd
    .command('build')
    .description('build every action in every language that has content')
    .option('--lang <langs>', 'only these languages, e.g. fr,en')
    .option('--only <ids>', 'only these actions (comma-separated ids)')
    .option('--out <dir>', 'output folder', 'out')
    .addOption(new Option('--page-size <size>', 'page size').choices(['A4', 'A4-landscape', 'LETTER']).default('A4'))
    .option('--no-draft-mark', 'leave the "draft translation" mark off draft pages (for proofs)')
    .option('--no-booklet', 'do not write the booklets (they are not written with --only either)')
    .option('--no-pad', 'no blank pages to bring the booklets to a multiple of 4 pages')
    .option('--no-cache', 'render everything again, without the render cache in .cache/')
    .option('--threads <n>', 'worker threads for rendering (default on 2 cores: none for fewer than 64 cards, else 2)')
    .action(async (o) => {
      const root = resolve(cmd.opts().root);
      const only = await parseOnly(root, o.only);
      const { build } = await import('./build.js');
      // Ctrl-C: say what was and was not written (files are written whole, never half).
      const writtenSoFar: string[] = [];
      const shown = progress();
      process.once('SIGINT', () => {
        shown.done();
        err(interruptedMessage(writtenSoFar));
        process.exit(130);
      });
      const log = (line: string) => {
        shown.done();
        out(line);
        const file = /^\s+(\S+)\s+written\b/.exec(line);
        if (file) writtenSoFar.push(file[1]!);
      };
      const report = await build({
        onRendered: shown.rendered,
        cache: o.cache,
        threads: parseThreads(o.threads),
        root,
        outDir: resolve(root, o.out),
        langs: parseLangs(o.lang),
        only,
        pageSize: o.pageSize,
        showDraftMark: o.draftMark,
        sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
        log,
        booklet: o.booklet,
        padToFour: o.pad,
      });
      shown.done();
      printProblems(report.warnings);
      const written = report.files.filter((f) => f.result === 'written').length;
      const langs = new Set(report.files.map((f) => f.lang)).size;
      const sheets = report.files.filter((f) => f.kind !== 'booklet').length;
      const booklets = report.files.length - sheets;
      const rendered = report.files.filter((f) => f.rendered).length;
      out(`Built ${sheets} sheet${sheets === 1 ? '' : 's'}${booklets ? ` and ${booklets} booklet${booklets === 1 ? '' : 's'}` : ''} in ${langs} language${langs === 1 ? '' : 's'} in ${report.seconds.toFixed(1)} s (${rendered} rendered, ${report.files.length - rendered} from cache; ${written} written, ${report.files.length - written} unchanged).`);
    });

  cmd
    .command('watch')
    .description('build, then rebuild on every save under data/ and assets/ (Ctrl-C to stop)')
    .option('--lang <langs>', 'only these languages, e.g. fr,en')
    .option('--out <dir>', 'output folder', 'out')
    .option('--no-booklet', 'do not write the booklets')
    .action(async (o) => {
      const root = resolve(cmd.opts().root);
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      const { watch } = await import('./watch.js');
      await watch({ root, outDir: resolve(root, o.out), langs: parseLangs(o.lang), booklet: o.booklet, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, signal: stop.signal });
    });

  cmd
    .command('studio')
    .description('build, then serve a local web app to see every document and edit the actions (Ctrl-C to stop)')
    .option('--port <n>', 'port to listen on (default: a free port)', '0')
    .option('--host <address>', 'address to listen on (default 127.0.0.1: this computer only)', '127.0.0.1')
    .option('--open', 'open the studio in the system browser')
    .action(async (o) => {
      const root = resolve(cmd.opts().root);
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number from 0 to 65535, found "${o.port}"`);
      if (o.host !== '127.0.0.1' && o.host !== 'localhost') err(`Warning: listening on ${o.host}: anyone who can reach this address can read and change the data. Use only on a network you trust.`);
      const { startStudio } = await import('./studio/server.js');
      const studio = await startStudio({ root, host: o.host, port, log: err });
      out(`Brochure studio: ${studio.url}  (Ctrl-C to stop)`);
      if (o.open) (await import('node:child_process')).execFile(process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open', [studio.url], () => {});
      await new Promise<void>((done) => process.once('SIGINT', () => done()));
      await studio.close();
    });

  cmd
    .command('booklet')
    .description('write only the booklets: one per language in data/booklet.yaml, out/<lang>/<file>.pdf')
    .option('--lang <langs>', 'only these languages, e.g. fr,en')
    .option('--out <dir>', 'output folder', 'out')
    .addOption(new Option('--page-size <size>', 'page size').choices(['A4', 'A4-landscape', 'LETTER']).default('A4'))
    .option('--no-draft-mark', 'leave the "draft translation" mark off draft pages (for proofs)')
    .option('--no-pad', 'no blank pages to bring the page count to a multiple of 4')
    .action(async (o) => {
      const root = resolve(cmd.opts().root);
      const { build } = await import('./build.js');
      const report = await build({
        root,
        outDir: resolve(root, o.out),
        langs: parseLangs(o.lang),
        pageSize: o.pageSize,
        showDraftMark: o.draftMark,
        sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
        log: out,
        padToFour: o.pad,
        sheets: false,
      });
      printProblems(report.warnings);
      const written = report.files.filter((f) => f.result === 'written').length;
      const n = report.files.length;
      out(`Built ${n} booklet${n === 1 ? '' : 's'} (${report.files.map((b) => `${b.lang}: ${b.pages} pages`).join(', ')}) in ${report.seconds.toFixed(1)} s (${written} written, ${n - written} unchanged).`);
    });

  cmd
    .command('validate')
    .description('check the data without rendering')
    .action(async () => {
      const root = resolve(cmd.opts().root);
      const [{ checkedData }, { documentCount }] = await Promise.all([import('./cache/data.js'), import('./documents.js')]);
      const { data, problems } = await checkedData(root);
      if (!data) throw new DataError(problems);
      printProblems(problems);
      out(`Data is valid: ${documentCount(data)} (${summary(problems)}).`);
    });

  cmd
    .command('check')
    .description('report which sheets fit their page (and at what text size) and which overflow; writes nothing')
    .option('--lang <langs>', 'only these languages, e.g. fr,en')
    .option('--only <ids>', 'only these actions (comma-separated ids)')
    .addOption(new Option('--page-size <size>', 'page size').choices(['A4', 'A4-landscape', 'LETTER']).default('A4'))
    .action(async (o) => {
      const root = resolve(cmd.opts().root);
      const only = await parseOnly(root, o.only);
      const { check } = await import('./fit/check.js');
      const r = await check({ root, langs: parseLangs(o.lang), only, pageSize: o.pageSize, log: out });
      out(`${r.sheets - r.overflows} of ${r.sheets} sheet${r.sheets === 1 ? '' : 's'} fit (${r.stepped} with smaller text), ${r.overflows} ${r.overflows === 1 ? 'does' : 'do'} not fit.`);
      if (r.overflows) throw new DataError(r.problems); // printed with the count, exit 1
      printProblems(r.problems);
    });

  cmd
    .command('list')
    .description('list the actions and their languages')
    .action(async () => {
      const [{ checkedData }, { documentCount, listLines }] = await Promise.all([import('./cache/data.js'), import('./documents.js')]);
      const { data, problems: warnings } = await checkedData(resolve(cmd.opts().root));
      if (!data) throw new DataError(warnings);
      printProblems(warnings);
      for (const line of listLines(data)) out(line);
      out(`${documentCount(data)}.`);
    });

  cmd
    .command('schema')
    .description('write the JSON Schemas of the data files (for editors) to data/schemas/, and map them in .vscode/settings.json')
    .action(async () => {
      const root = resolve(cmd.opts().root);
      const [{ jsonSchemas, catalogueIds, vscodeSettings }, { writeAtomic }, { existsSync, readFileSync }] = await Promise.all([import('./schema/json.js'), import('./write/index.js'), import('node:fs')]);
      for (const [name, schema] of Object.entries(jsonSchemas(catalogueIds(root)))) {
        const path = join(root, 'data', 'schemas', name);
        out(`  data/schemas/${name} ${writeAtomic(path, JSON.stringify(schema, null, 2) + '\n')}`);
      }
      // VS Code's YAML extension (and other editors using the YAML language server) read this mapping.
      const settings = join(root, '.vscode', 'settings.json');
      let existing = {};
      try {
        existing = existsSync(settings) ? JSON.parse(readFileSync(settings, 'utf8')) : {};
      } catch {
        throw new UsageError('.vscode/settings.json is not plain JSON (comments?): add the "yaml.schemas" mapping by hand, see the README');
      }
      out(`  .vscode/settings.json ${writeAtomic(settings, JSON.stringify(vscodeSettings(existing), null, 2) + '\n')}`);
    });

  addPrintCommands(cmd); // print, handout, preflight (src/print)
  addTranslateCommands(cmd); // translate export, import, status, confirm (src/translate)

  return cmd;
}

/** `brochure translate …`: the translation round trip (src/translate, loaded when run). */
function addTranslateCommands(cmd: Command) {
  const root = () => resolve(cmd.opts().root);
  const langsOf = (v: string[]) => v.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const t = cmd.command('translate').description('send texts to translators and bring their work back (XLIFF 1.2 or a spreadsheet)');
  t.command('export')
    .description('write one file per target language with every text to translate, to translations/<lang>.xlf')
    .requiredOption('--lang <lang...>', 'target languages (ISO 639-1 codes), e.g. --lang en --lang ar, or en,ar')
    .option('--only <ids>', 'only these actions or factsheets (comma-separated ids)')
    .option('--out <dir>', 'output folder', 'translations')
    .addOption(new Option('--format <format>', 'file format').choices(['xliff', 'xlsx']).default('xliff'))
    .option('--no-room', 'leave out how much room each card has left (saves one render per card)')
    .action(async (o) => {
      const only = await parseOnly(root(), o.only);
      const { exportTranslations } = await import('./translate/export.js');
      const files = await exportTranslations({ root: root(), langs: langsOf(o.lang), only, outDir: resolve(root(), o.out), format: o.format, room: o.room });
      for (const f of files) out(`  ${f.path} ${f.result}: ${f.counts.missing + f.counts.draft + f.counts.final + f.counts.stale} texts (${f.counts.missing} not translated, ${f.counts.stale} need review, ${f.counts.draft} draft, ${f.counts.final} final)`);
    });
  t.command('import')
    .description('check a translated file (XLIFF or .xlsx) and write its translations into data/; nothing is written if anything is wrong')
    .argument('<file>', 'the file the translator sent back (.xlf, .xliff or .xlsx)')
    .action(async (file: string) => {
      const { importTranslations } = await import('./translate/import.js');
      const r = await importTranslations(root(), resolve(file));
      for (const f of r.files) out(`  ${f} written`);
      const notes = [r.untranslated ? `${r.untranslated} left untranslated in the file` : '', !r.units && r.files.length ? 'no text changed: the files now record the source their translations were made from' : ''].filter(Boolean);
      out(`Imported ${r.lang}: ${r.units} unit${r.units === 1 ? '' : 's'} in ${r.files.length} file${r.files.length === 1 ? '' : 's'}${notes.length ? ` (${notes.join('; ')})` : ''}.`);
    });
  t.command('status')
    .description('per language and per file: texts translated, final, stale (source changed) and missing')
    .option('--lang <lang...>', 'only these languages')
    .option('--json', 'print the counts as JSON')
    .action(async (o) => {
      const { translationStatus, statusLines, summaryLine } = await import('./translate/status.js');
      const s = translationStatus(root(), o.lang ? langsOf(o.lang) : undefined);
      if (o.json) {
        out(JSON.stringify(s, null, 2));
        return;
      }
      for (const l of s.languages) for (const line of statusLines(l)) out(line);
      out('');
      for (const l of s.languages) out(summaryLine(l));
    });
  t.command('confirm')
    .description('mark the translations of a language as reviewed against the source as it is now (clears "stale")')
    .requiredOption('--lang <lang>', 'the language, e.g. en')
    .option('--only <ids>', 'only these actions or factsheets (comma-separated ids)')
    .action(async (o) => {
      const only = await parseOnly(root(), o.only);
      const { confirmTranslations } = await import('./translate/confirm.js');
      const r = confirmTranslations(root(), o.lang, only);
      out(`Confirmed ${o.lang}: ${r.blocks} block${r.blocks === 1 ? '' : 's'} marked as translated from the current source.`);
    });
}

export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  try {
    await cmd.parseAsync(argv);
    // A command may report problems without throwing (preflight: 1); hand the code back once.
    const code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2; // help and version exit 0; any other parse error is usage
    }
    if (e instanceof UsageError) {
      err(`brochure: ${e.message}`);
      return 2;
    }
    if (e instanceof DataError) {
      printProblems(e.problems);
      const all = e.problems;
      err(`Nothing was written: the data has ${summary(all)}${all.length ? '' : ' listed above'}.`);
      return 1;
    }
    err(`brochure: unexpected error: ${(e as Error).message}`);
    if (cmd.opts().debug) err((e as Error).stack ?? '');
    else err('Run again with --debug for details.');
    return 3;
  }
}
