// `brochure translate export`: one file per target language (XLIFF 1.2, or a spreadsheet)
// with every text of the source language, its translation and state, and a note for the
// translator: the record and field, and how much room the card has left.
import { join, relative } from 'node:path';
import type { Workspace } from '../pipeline/index.js';
import { writeAtomic, type WriteResult } from '../write/index.js';
import { UsageError } from '../problems.js';
import { isLanguageCode, LANGUAGES, type Lang } from '../text/index.js';
import { collectUnits, sourceLanguageOf, stateOf, type Unit } from './units.js';
import { readRecorded } from './sources.js';
import type { Exported } from './model.js';

export interface ExportOptions {
  langs: string[];
  only?: string[];
  outDir: string;
  format?: 'xliff' | 'xliff2' | 'xlsx';
  /** Measure each card's room left (one render per card; default true). */
  room?: boolean;
  /** Also write <lang>.tmx: every current source–target pair (a translation memory). */
  tmx?: boolean;
}

export interface ExportedFile {
  lang: string;
  path: string;
  result: WriteResult;
  counts: Record<ReturnType<typeof stateOf>, number>;
  /** The translation memory written beside it (--tmx): its path, result and pairs. */
  memory?: { path: string; result: WriteResult; pairs: number };
}

export async function exportTranslations(ws: Workspace, opts: ExportOptions): Promise<ExportedFile[]> {
  await ws.valid(); // the data must be valid to be exported
  const loaded = await ws.loaded();
  const source = sourceLanguageOf(loaded);
  for (const l of opts.langs) {
    if (!isLanguageCode(l)) throw new UsageError(`--lang: "${l}" is not an ISO 639-1 language code (such as en, ar, es)`);
    if (l === source) throw new UsageError(`--lang: ${l} is the source language (data/programme.yaml source_language): choose a language to translate into`);
  }
  const recorded = readRecorded(ws.root);
  const out: ExportedFile[] = [];
  for (const lang of opts.langs) {
    let units: (Unit & { room?: string })[] = collectUnits(loaded, lang, recorded, source);
    if (opts.only) units = units.filter((u) => opts.only!.some((id) => u.file === `data/actions/${id}.yaml` || u.file === `data/factsheets/${id}.yaml`));
    if (opts.room !== false) await addRoom(ws, units, lang, source);
    const e: Exported = { sourceLang: source, targetLang: lang, units };
    const path = join(opts.outDir, `${lang}${opts.format === 'xlsx' ? '.xlsx' : opts.format === 'xliff2' ? '.xliff2.xlf' : '.xlf'}`);
    const bytes = opts.format === 'xlsx' ? await (await import('./xlsx.js')).writeXlsx(e)
      : opts.format === 'xliff2' ? (await import('./xliff2.js')).writeXliff2(e)
      : (await import('./xliff.js')).writeXliff(e);
    const counts = { missing: 0, draft: 0, final: 0, stale: 0, unverified: 0 };
    for (const u of units) counts[stateOf(u)]++;
    const file: ExportedFile = { lang, path: relative(process.cwd(), path) || path, result: writeAtomic(path, bytes), counts };
    if (opts.tmx) {
      const { writeTmx } = await import('./glossary.js');
      const tmxPath = join(opts.outDir, `${lang}.tmx`);
      file.memory = { path: relative(process.cwd(), tmxPath) || tmxPath, result: writeAtomic(tmxPath, writeTmx(units, source, lang)), pairs: counts.draft + counts.final + counts.unverified };
    }
    out.push(file);
  }
  return out;
}

/**
 * How much longer an action's texts may get: each card is laid out once at the smallest body
 * size (the workspace's roomLeft), in the target language when it has the block, else in the
 * source language, and the room left on the page is given in lines of body text.
 */
async function addRoom(ws: Workspace, units: (Unit & { room?: string })[], lang: string, source: string): Promise<void> {
  const ids = new Set(units.map((u) => /^data\/actions\/(.+)\.ya?ml$/.exec(u.file)?.[1]).filter((x): x is string => !!x));
  if (!ids.size) return;
  const { data } = await ws.valid();
  const built = (l: string): l is Lang => (LANGUAGES as readonly string[]).includes(l);
  for (const id of ids) {
    const action = data.actions.find((a) => a.id === id);
    const l = action && built(lang) && action.languages.includes(lang) ? lang : source;
    if (!action || !built(l) || !action.languages.includes(l)) continue;
    const room = await ws.roomLeft(id, l);
    if (!room) continue;
    const text = room.lines > 0
      ? `Room on the ${l} card: about ${room.lines} more line${room.lines === 1 ? '' : 's'} in the longest column (at the smallest text size), shared by all its texts`
      : `The ${l} card is full: the translation should not be longer than it is now`;
    for (const u of units) if (u.file === action.file) u.room = text;
  }
}

/** `translate glossary`: the programme's terms in every language, as TBX and CSV. */
export async function exportGlossary(ws: Workspace, opts: { langs?: string[]; outDir: string }): Promise<{ path: string; result: WriteResult; terms: number }[]> {
  await ws.valid();
  const loaded = await ws.loaded();
  const source = sourceLanguageOf(loaded);
  const langs = (opts.langs ?? [...LANGUAGES]).filter((l) => l !== source);
  for (const l of langs) if (!isLanguageCode(l)) throw new UsageError(`--lang: "${l}" is not an ISO 639-1 language code (such as en, ar, es)`);
  const { glossaryTerms, writeTbx, writeGlossaryCsv } = await import('./glossary.js');
  const terms = glossaryTerms(loaded, source, langs, readRecorded(ws.root));
  const files: [string, string][] = [['glossary.tbx', writeTbx(terms, source)], ['glossary.csv', writeGlossaryCsv(terms, [source, ...langs])]];
  return files.map(([name, text]) => {
    const path = join(opts.outDir, name);
    return { path: relative(process.cwd(), path) || path, result: writeAtomic(path, text), terms: terms.length };
  });
}
