// The `brochure` command. Exit codes: 0 success, 1 invalid data, 2 usage error, 3 the outputs
// could not be written (disk, permissions: the message names the path) or an unexpected error.
// Each command loads what it needs when it runs (the workspace and its stages, the renderer,
// pdf-lib): `brochure --help` loads nothing but commander, and a build with nothing to render
// never loads React-PDF.
import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { DataError, OutputError, UsageError } from '../problems.js';
import { err, printProblems, summary } from './common.js';
import { addBuildCommands } from './build.js';
import { addDataCommands } from './data.js';
import { addTranslateCommands } from './translate.js';
import { addPrintCommands } from './print.js';
import { addReviewCommands } from './review.js';

export function program(): Command {
  const cmd = new Command('brochure')
    .description('Turns the YAML records in data/ into PDF sheets and booklets in out/.')
    .option('--root <dir>', 'project folder holding data/ and assets/', process.cwd())
    .option('--debug', 'show stack traces of unexpected errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const root = () => resolve(cmd.opts().root);
  addBuildCommands(cmd, root); // build, booklet, watch, studio
  addDataCommands(cmd, root); // validate, check, list, schema
  addPrintCommands(cmd); // print, handout, preflight (src/print)
  addTranslateCommands(cmd, root); // translate export, import, status, confirm (src/translate)
  addReviewCommands(cmd, root); // publish, changes, approve (src/review)
  return cmd;
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
    if (e instanceof OutputError) {
      printProblems(e.problems);
      err(e.written.length
        ? `${e.written.length} PDF${e.written.length === 1 ? ' was' : 's were'} written before this (${e.written.slice(0, 3).join(', ')}${e.written.length > 3 ? ', …' : ''}); the others were not, and the PDFs already there are intact: fix the above and build again.`
        : 'Nothing was written: the PDFs already there are intact. Fix the above and build again.');
      return 3;
    }
    if (e instanceof DataError) {
      printProblems(e.problems);
      const all = e.problems;
      err(`Nothing was written: the data has ${summary(all)}${all.length ? '' : ' listed above'}.`);
      return 1;
    }
    // Not the data, not the command line, not the disk: a fault of the tool itself.
    err(`brochure: unexpected error: ${(e as Error).message}`);
    if (cmd.opts().debug) err((e as Error).stack ?? '');
    else err('Run again with --debug for details.');
    return 4;
  }
}
