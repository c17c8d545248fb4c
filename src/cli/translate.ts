// `brochure translate …`: the translation round trip (src/translate, loaded when run).
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { out, parseOnly, plural } from './common.js';

const workspace = async (root: string) => (await import('../pipeline/index.js')).Workspace.open(root);
const translate = () => import('../translate/index.js');

export function addTranslateCommands(cmd: Command, root: () => string) {
  const langsOf = (v: string[]) => v.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const t = cmd.command('translate').description('send texts to translators and bring their work back (XLIFF 1.2 or 2.1, or a spreadsheet), with a glossary and a translation memory');
  t.command('export')
    .description('write one file per target language with every text to translate, to translations/<lang>.xlf')
    .requiredOption('--lang <lang...>', 'target languages (ISO 639-1 codes), e.g. --lang en --lang ar, or en,ar')
    .option('--only <ids>', 'only these actions or factsheets (comma-separated ids)')
    .option('--out <dir>', 'output folder', 'translations')
    .addOption(new Option('--format <format>', 'file format: XLIFF 1.2 (every tool), XLIFF 2.1, or a spreadsheet').choices(['xliff', 'xliff2', 'xlsx']).default('xliff'))
    .option('--no-room', 'leave out how much room each card has left (saves one render per card)')
    .option('--tmx', 'also write <lang>.tmx: every current source–target pair, a translation memory (TMX 1.4b)')
    .action(async (o) => {
      const ws = await workspace(root());
      const only = await parseOnly(ws, o.only);
      const files = await (await translate()).exportTranslations(ws, { langs: langsOf(o.lang), only, outDir: resolve(root(), o.out), format: o.format, room: o.room, tmx: o.tmx });
      for (const f of files) if (f.memory) out(`  ${f.memory.path} ${f.memory.result}: ${plural(f.memory.pairs, 'translation pair')}`);
      for (const f of files) out(`  ${f.path} ${f.result}: ${f.counts.missing + f.counts.draft + f.counts.final + f.counts.stale + f.counts.unverified} texts (${f.counts.missing} not translated, ${f.counts.stale + f.counts.unverified} need review, ${f.counts.draft} draft, ${f.counts.final} final)`);
    });
  t.command('import')
    .description('check a translated file (XLIFF or .xlsx) and write its translations into data/; nothing is written if anything is wrong')
    .argument('<file>', 'the file the translator sent back (.xlf, .xliff or .xlsx)')
    .option('--accept <ids>', 'unit ids to take as they are, whatever language they look like (a name, a quotation), comma-separated')
    .action(async (file: string, o: { accept?: string }) => {
      const accept = o.accept?.split(',').map((s) => s.trim()).filter(Boolean);
      const r = await (await translate()).importTranslations(await workspace(root()), resolve(file), { accept });
      for (const f of r.files) out(`  ${f} written`);
      for (const n of r.notes) out(`  note: ${n}`);
      if (!r.units && !r.files.length) {
        out(`Nothing changed: the ${r.lang} translations in the file are already in the data${r.untranslated ? ` (${r.untranslated} left untranslated in the file)` : ''}.`);
        return;
      }
      const notes = [r.untranslated ? `${r.untranslated} left untranslated in the file` : '', !r.units && r.files.length ? 'no text changed: the files now record the source their translations were made from' : ''].filter(Boolean);
      out(`Imported ${r.lang}: ${plural(r.units, 'unit')} in ${plural(r.files.length, 'file')}${notes.length ? ` (${notes.join('; ')})` : ''}.`);
    });
  t.command('preview')
    .description('build the documents a translated file would change, into out/preview/, without writing anything in data/: see the translated pages before importing')
    .argument('<file>', 'the file the translator sent back (.xlf, .xliff or .xlsx)')
    .option('--out <dir>', 'where the preview PDFs go', 'out/preview')
    .option('--accept <ids>', 'unit ids to take as they are, whatever language they look like (as for import)')
    .action(async (file: string, o: { out: string; accept?: string }) => {
      const accept = o.accept?.split(',').map((s) => s.trim()).filter(Boolean);
      const r = await (await translate()).previewTranslations(await workspace(root()), resolve(file), { outDir: resolve(root(), o.out), accept });
      for (const n of r.notes) out(`  note: ${n}`);
      for (const w of r.written) out(`  ${w}`);
      out(r.written.length ? `Preview of ${r.lang}: ${plural(r.written.length, 'PDF')} in ${o.out}/ (data/ unchanged; import the file to keep it).` : `Preview of ${r.lang}: nothing to build.`);
    });
  t.command('glossary')
    .description("write the programme's terminology (SDG goals and targets, recommendation areas, countries, the programme's own wording) in every language, as TBX and CSV, to translations/glossary.tbx and .csv")
    .option('--lang <lang...>', 'the languages besides the source (default: every built language)')
    .option('--out <dir>', 'output folder', 'translations')
    .action(async (o) => {
      const files = await (await translate()).exportGlossary(await workspace(root()), { langs: o.lang ? langsOf(o.lang) : undefined, outDir: resolve(root(), o.out) });
      for (const f of files) out(`  ${f.path} ${f.result}: ${plural(f.terms, 'term')}`);
    });
  t.command('status')
    .description('per language and per file: texts translated, final, stale (source changed) and missing')
    .option('--lang <lang...>', 'only these languages')
    .option('--json', 'print the counts as JSON')
    .action(async (o) => {
      const { translationStatus, statusLines, summaryLine } = await translate();
      const s = await translationStatus(await workspace(root()), o.lang ? langsOf(o.lang) : undefined);
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
      const ws = await workspace(root());
      const only = await parseOnly(ws, o.only);
      const r = await (await translate()).confirmTranslations(ws, o.lang, only);
      out(`Confirmed ${o.lang}: ${plural(r.blocks, 'block')} marked as translated from the current source.`);
    });
}
