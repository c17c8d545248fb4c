// The commands that read the data without making PDFs: `validate`, `check`, `list`, `schema`.
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { DataError, UsageError } from '../problems.js';
import { out, parseLangs, parseOnly, plural, printProblems, summary } from './common.js';

const pipeline = () => import('../pipeline/index.js');

export function addDataCommands(cmd: Command, root: () => string) {
  cmd
    .command('validate')
    .description('check the data without rendering')
    .action(async () => {
      const { Workspace, documentCount } = await pipeline();
      const { data, warnings } = await Workspace.open(root()).valid();
      printProblems(warnings);
      out(`Data is valid: ${documentCount(data)} (${summary(warnings)}).`);
    });

  cmd
    .command('check')
    .description('report which documents fit their pages (and at what text size) and which do not; writes nothing')
    .option('--lang <langs>', 'only these languages, e.g. fr,en')
    .option('--only <ids>', 'only these actions or factsheets (comma-separated ids)')
    .addOption(new Option('--page-size <size>', 'page size').choices(['A4', 'A4-landscape', 'LETTER']).default('A4'))
    .action(async (o) => {
      const ws = (await pipeline()).Workspace.open(root());
      const only = await parseOnly(ws, o.only);
      const r = await ws.check({ langs: parseLangs(o.lang), only, pageSize: o.pageSize, log: out });
      const n = r.documents.length;
      out(`${n - r.failed} of ${plural(n, 'document')} fit (${r.stepped} with smaller text), ${r.failed} ${r.failed === 1 ? 'does' : 'do'} not fit.`);
      if (r.failed) throw new DataError(r.problems); // printed with the count, exit 1
      printProblems(r.problems);
    });

  cmd
    .command('list')
    .description('list the actions and factsheets, and their languages')
    .action(async () => {
      const { Workspace, documentCount, listLines } = await pipeline();
      const { data, warnings } = await Workspace.open(root()).valid();
      printProblems(warnings);
      for (const line of listLines(data)) out(line);
      out(`${documentCount(data)}.`);
    });

  cmd
    .command('schema')
    .description('write the JSON Schemas of the data files (for editors) to data/schemas/, and map them in .vscode/settings.json')
    .action(async () => {
      const [{ Workspace }, { jsonSchemas, catalogueIds, vscodeSettings }, { writeAtomic }, { existsSync, readFileSync }] = await Promise.all([pipeline(), import('../schema/index.js'), import('../write/index.js'), import('node:fs')]);
      const loaded = await Workspace.open(root()).loaded();
      for (const [name, schema] of Object.entries(jsonSchemas(catalogueIds(loaded.catalogues)))) {
        const path = join(root(), 'data', 'schemas', name);
        out(`  data/schemas/${name} ${writeAtomic(path, JSON.stringify(schema, null, 2) + '\n')}`);
      }
      // VS Code's YAML extension (and other editors using the YAML language server) read this mapping.
      const settings = join(root(), '.vscode', 'settings.json');
      let existing = {};
      try {
        existing = existsSync(settings) ? JSON.parse(readFileSync(settings, 'utf8')) : {};
      } catch {
        throw new UsageError('.vscode/settings.json is not plain JSON (comments?): add the "yaml.schemas" mapping by hand, see the README');
      }
      out(`  .vscode/settings.json ${writeAtomic(settings, JSON.stringify(vscodeSettings(existing), null, 2) + '\n')}`);
    });
}
