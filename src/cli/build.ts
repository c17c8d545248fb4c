// The commands that make PDFs: `build`, `booklet`, `watch`, and the `studio` that rebuilds as
// the team edits. Each opens the project as a workspace (src/pipeline) when it runs.
import { relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DataError, UsageError } from '../problems.js';
import type { BuildReport, BuiltFile } from '../pipeline/index.js';
import type { Lang } from '../text/index.js';
import { err, out, parseLangs, parseOnly, parseThreads, plural, printProblems } from './common.js';
import { interruptedMessage, progress } from './progress.js';

const pageSizeOption = () => new Option('--page-size <size>', 'page size').choices(['A4', 'A4-landscape', 'LETTER']).default('A4');
const pipeline = () => import('../pipeline/index.js');

export function addBuildCommands(cmd: Command, root: () => string) {
  cmd
    .command('build')
    .description('build every action in every language that has content')
    .option('--lang <langs>', 'only these languages, e.g. fr,en')
    .option('--only <ids>', 'only these actions (comma-separated ids)')
    .option('--out <dir>', 'output folder', 'out')
    .addOption(pageSizeOption())
    .option('--no-draft-mark', 'leave the "draft translation" mark off draft pages (for proofs)')
    .option('--no-booklet', 'do not write the booklets (they are not written with --only either)')
    .option('--no-pad', 'no blank pages to bring the booklets to a multiple of 4 pages')
    .option('--no-cache', 'render everything again, without the render cache in .cache/')
    .option('--threads <n>', 'worker threads for rendering (default on 2 cores: none for fewer than 64 cards, else 2)')
    .option('--no-handoff', 'build in this process even when a watch or studio is open on the folder')
    .action(async (o) => {
      // A watch or studio open on this folder builds it warm, and one build at a time (src/handoff).
      const plain = o.handoff && o.cache && o.out === 'out' && o.pageSize === 'A4' && o.draftMark && o.booklet && o.pad && !o.only && !o.threads;
      if (plain && (await builtElsewhere(root(), parseLangs(o.lang)))) return;
      const ws = (await pipeline()).Workspace.open(root(), { cache: o.cache });
      const only = await parseOnly(ws, o.only);
      // Ctrl-C: say what was and was not written (files are written whole, never half).
      const writtenSoFar: string[] = [];
      const shown = progress();
      process.once('SIGINT', () => {
        shown.done();
        err(interruptedMessage(writtenSoFar));
        process.exit(130);
      });
      const onWritten = (f: BuiltFile) => {
        shown.done();
        out(fileLine(root(), f));
        if (f.result === 'written') writtenSoFar.push(relative(root(), f.path));
      };
      const report = await ws.build({
        onRendered: shown.rendered, threads: parseThreads(o.threads), outDir: resolve(root(), o.out), langs: parseLangs(o.lang), only,
        pageSize: o.pageSize, showDraftMark: o.draftMark, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, onWritten, booklet: o.booklet, padToFour: o.pad,
      });
      shown.done();
      printProblems(report.warnings);
      out(builtLine(report));
    });

  cmd
    .command('booklet')
    .description('write only the booklets: one per language in data/booklet.yaml, out/<lang>/<file>.pdf')
    .option('--lang <langs>', 'only these languages, e.g. fr,en')
    .option('--out <dir>', 'output folder', 'out')
    .addOption(pageSizeOption())
    .option('--no-draft-mark', 'leave the "draft translation" mark off draft pages (for proofs)')
    .option('--no-pad', 'no blank pages to bring the page count to a multiple of 4')
    .action(async (o) => {
      const ws = (await pipeline()).Workspace.open(root());
      const report = await ws.build({
        outDir: resolve(root(), o.out), langs: parseLangs(o.lang), pageSize: o.pageSize, showDraftMark: o.draftMark,
        sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, onWritten: (f) => out(fileLine(root(), f)), padToFour: o.pad, sheets: false,
      });
      printProblems(report.warnings);
      const written = report.files.filter((f) => f.result === 'written').length;
      const n = report.files.length;
      out(`Built ${plural(n, 'booklet')} (${report.files.map((b) => `${b.lang}: ${b.pages} pages`).join(', ')}) in ${report.seconds.toFixed(1)} s (${written} written, ${n - written} unchanged).`);
    });

  cmd
    .command('watch')
    .description('build, then rebuild on every save under data/ and assets/ (Ctrl-C to stop)')
    .option('--lang <langs>', 'only these languages, e.g. fr,en')
    .option('--out <dir>', 'output folder', 'out')
    .option('--no-booklet', 'do not write the booklets')
    .action(async (o) => {
      const stop = new AbortController();
      // Ctrl-C, or a stop from a process manager: the build under way ends, the socket goes.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
      const { watch } = await import('./watch.js');
      await watch({ root: root(), outDir: resolve(root(), o.out), langs: parseLangs(o.lang), booklet: o.booklet, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, signal: stop.signal });
    });

  cmd
    .command('studio')
    .description('build, then serve a local web app to see every document and edit the actions (Ctrl-C to stop)')
    .option('--port <n>', 'port to listen on (default: a free port)', '0')
    .option('--host <address>', 'address to listen on (default 127.0.0.1: this computer only)', '127.0.0.1')
    .option('--open', 'open the studio in the system browser')
    .option('--no-commit', 'in a git repository, do not commit each change made in the studio (it is still kept in .cache/history/)')
    .action(async (o) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number from 0 to 65535, found "${o.port}"`);
      if (o.host !== '127.0.0.1' && o.host !== 'localhost') err(`Warning: listening on ${o.host}: anyone who can reach this address can read and change the data. Use only on a network you trust.`);
      const { startStudio } = await import('../studio/index.js');
      const studio = await startStudio({ root: root(), host: o.host, port, log: err, commit: o.commit });
      out(`Brochure studio: ${studio.url}  (Ctrl-C to stop)`);
      if (o.open) (await import('node:child_process')).execFile(process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open', [studio.url], () => {});
      await new Promise<void>((done) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done());
      });
      await studio.close();
    });
}

/** One line per output: where it is, whether it was written, whether it came from the cache. */
function fileLine(root: string, f: BuiltFile): string {
  return `  ${relative(root, f.path).padEnd(44)} ${f.result}${f.rendered ? '' : ' (cached)'}${f.kind === 'booklet' ? `  (booklet, ${f.pages} pages)` : ''}`;
}

/** The last line of a build: what was built, how long it took, what came from the cache. */
function builtLine(report: BuildReport, by?: string): string {
  const written = report.files.filter((f) => f.result === 'written').length;
  const langs = new Set(report.files.map((f) => f.lang)).size;
  const sheets = report.files.filter((f) => f.kind !== 'booklet').length;
  const booklets = report.files.length - sheets;
  const rendered = report.files.filter((f) => f.rendered).length;
  return `Built ${plural(sheets, 'sheet')}${booklets ? ` and ${plural(booklets, 'booklet')}` : ''} in ${plural(langs, 'language')} in ${report.seconds.toFixed(1)} s (${rendered} rendered, ${report.files.length - rendered} from cache; ${written} written, ${report.files.length - written} unchanged)${by ? `, by the ${by} open on this folder` : ''}.`;
}

/**
 * The build handed to the watch or studio open on this folder: its report printed as this
 * command prints its own; false when none answered (then this command builds by itself).
 */
async function builtElsewhere(root: string, langs: Lang[] | undefined): Promise<boolean> {
  const { handOff } = await import('../handoff/index.js');
  // On a terminal, say where the build runs while it runs (it may wait for the tool's own build).
  const said = () => process.stderr.isTTY && err('Building in the watch or studio open on this folder…');
  const reply = await handOff(root, { langs, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH }, said);
  if (!reply || 'error' in reply) return false;
  if ('problems' in reply) throw new DataError(reply.problems);
  for (const f of reply.report.files) out(fileLine(root, f));
  printProblems(reply.report.warnings);
  out(builtLine(reply.report, reply.by));
  return true;
}
