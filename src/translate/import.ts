// `brochure translate import <file>`: check the whole file first — units that no longer
// exist, a file for another language or another source text, empty translations, then the
// data as it would be (schema, characters the fonts lack, cards that would not fit even at
// the smallest body size) — and write nothing when anything is wrong. Otherwise each
// translation goes into its YAML file through src/edit (comments, key order and formatting
// kept, atomic writes), the language blocks get their status from the units' states and the
// fingerprint of the source they were made from (./fingerprint.ts).
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { LoadedData } from '../load/index.js';
import type { BuiltFile, Workspace } from '../pipeline/index.js';
import { changeFile, checkChanges, editsBetween, saveChanges, withChanges, type FileChange, type YamlEdit } from '../edit/index.js';
import { DataError, fieldPath, type Problem } from '../problems.js';
import { blockFingerprint, isLanguageCode, LANGUAGES, textDirection, type Lang } from '../text/index.js';
import { collectUnits, holdsParagraphs, sourceLanguageOf, splitParagraphs, stateOf, type Path, type Unit } from './units.js';
import { readRecorded, recordChange } from './sources.js';
import type { ReadFile, ReadUnit } from './model.js';

export interface ImportReport {
  lang: string;
  /** Units whose translation or state changed. */
  units: number;
  /** Data files written (translated-sources.yaml not counted). */
  files: string[];
  /** Units left untranslated in the file (empty, marked needs-translation). */
  untranslated: number;
  /** What the import did that the translator or the team should know (a language read as another, a block made draft). */
  notes: string[];
}

const FINAL_STATES = new Set(['final', 'signed-off']);

const UNTOUCHED_STATES = new Set(['new', 'needs-translation']);
const KNOWN_STATES = new Set([...FINAL_STATES, ...UNTOUCHED_STATES, 'translated', 'needs-review-translation', 'needs-adaptation', 'needs-l10n', 'needs-review-adaptation', 'needs-review-l10n']);
const same = (a: string, b: string) => a.normalize('NFC').replace(/\s+/g, ' ').trim() === b.normalize('NFC').replace(/\s+/g, ' ').trim();

export async function readTranslationFile(path: string): Promise<ReadFile> {
  if (/\.xlsx$/i.test(path)) return (await import('./xlsx.js')).readXlsx(readFileSync(path));
  const text = xmlText(readFileSync(path));
  if (typeof text !== 'string') return { units: [], problems: [text] };
  // XLIFF 2.x by its root's version (1.2 and 2.x are different vocabularies).
  if (/<xliff\b[^>]*\bversion\s*=\s*["']2\./.test(text.slice(0, 2000))) return (await import('./xliff2.js')).readXliff2(text);
  return (await import('./xliff.js')).readXliff(text);
}

/**
 * An XML file's text, in the encoding its byte order mark or its declaration says (Windows
 * translation tools write UTF-8 with a BOM, or UTF-16): UTF-8 by default, as XML has it.
 */
function xmlText(bytes: Buffer): string | { message: string } {
  const decode = (encoding: string, at: number) => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(at));
    } catch {
      return { message: `the file is not valid ${encoding.toUpperCase()} text: save it again as UTF-8 from the translation tool` };
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', 2);
  // UTF-16 without a byte order mark: "<" and a zero byte.
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return decode('utf-16le', 0);
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return decode('utf-16be', 0);
  const declared = /^<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1]?.toLowerCase();
  if (declared && !['utf-8', 'utf8', 'us-ascii', 'ascii'].includes(declared)) {
    const supported = ['iso-8859-1', 'latin1', 'windows-1252', 'windows-1256', 'iso-8859-6'];
    if (!supported.includes(declared)) return { message: `the file says it is in ${declared}, which this tool does not read: save it as UTF-8 from the translation tool` };
    return decode(declared, 0);
  }
  return decode('utf-8', 0);
}

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const get = (v: unknown, path: Path): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), v);

/** Set a value at a path, making maps and lists on the way. */
function put(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  const o = (root && typeof root === 'object' ? root : typeof k === 'number' ? [] : {}) as Record<string | number, unknown>;
  o[k] = put(o[k], rest, value);
  return o;
}

/** One import: the file read, the data's units, and every problem found (file, line, unit). */
interface Run {
  lang: string;
  source: string;
  problems: Problem[];
  problem: (where: string | undefined, unit: string | undefined, message: string) => void;
  notes: string[];
  /** Where each unit is in the file ("line 42", "cell D7"). */
  whereOf: Map<string, string>;
}

type Accepted = { unit: Unit; read: ReadUnit; target: string; final: boolean };
type Block = { file: string; node: Path; before: unknown; after: unknown; units: Unit[]; imported: Map<string, boolean> };

export interface ImportOptions {
  /** Units to take as they are, whatever language they look like (a name, a quotation). */
  accept?: string[];
  /** How messages name the file (the studio's upload: the name the user chose). */
  name?: string;
}

/** What an import would do, checked up to the data's schema: the changes to write, and the units behind them. */
interface Prepared {
  run: Run;
  accepted: Accepted[];
  changes: FileChange[];
  dataFiles: string[];
  changed: number;
  untranslated: number;
  report: (ps: Problem[]) => void;
}

async function prepareImport(ws: Workspace, file: string, opts: ImportOptions): Promise<Prepared> {
  const root = ws.root;
  const shown = opts.name ?? (relative(process.cwd(), file) || basename(file));
  const read = await readTranslationFile(file);
  const problems: Problem[] = [];
  const problem = (where: string | undefined, unit: string | undefined, message: string) => {
    const line = where && /^line (\d+)$/.exec(where);
    problems.push({ file: shown, ...(line ? { line: Number(line[1]) } : {}), field: unit || undefined, message: where && !line ? `${where}: ${message}` : message, severity: 'error' });
  };
  for (const p of read.problems) problem(p.where, undefined, p.message);
  if (read.fromPo) problem('line 1', undefined, 'this file was made again from a PO file (po2xliff): its units have that tool\'s ids and languages, not this project\'s; merge the PO into the exported file instead (pomerge -t translations/<lang>.xlf -i <lang>.po -o <lang>-merged.xlf) and import that');
  if (problems.length) throw new DataError(problems);

  await ws.valid(); // the data must be valid before anything is imported into it
  const loaded = await ws.loaded();
  const source = sourceLanguageOf(loaded);
  const notes: string[] = [];
  // Tools write regions and other spellings (en-GB, en_US, EN): the data has languages.
  const lang = baseLanguage(read.targetLang ?? '');
  if (read.targetLang && read.targetLang !== lang && isLanguageCode(lang)) notes.push(`the file's target language ${read.targetLang} is read as ${lang}`);
  if (baseLanguage(read.sourceLang ?? '') !== source) problem('line 1', undefined, `the file translates from ${read.sourceLang ?? 'an unstated language'}, the data's source language is ${source} (data/programme.yaml source_language): export again with brochure translate export`);
  if (!isLanguageCode(lang) || lang === source) problem('line 1', undefined, `the file is for target language "${read.targetLang ?? ''}", expected a language other than ${source}, such as en, ar or es`);
  if (problems.length) throw new DataError(problems);
  const run: Run = { lang, source, problems, problem, notes, whereOf: new Map(read.units.map((r) => [r.id, r.where])) };

  const units = collectUnits(loaded, lang, readRecorded(root), source);
  foreignIds(run, read, units);
  if (problems.length) throw new DataError(problems);
  const { accepted, untranslated } = matchUnits(run, read, units);
  await checkTargets(run, accepted, new Set(opts.accept ?? []));
  await checkTerms(run, loaded, accepted);
  if (problems.length) throw new DataError(problems);
  const { editsByFile, changed } = blockEdits(run, loaded, units, accepted);
  if (problems.length) throw new DataError(problems);
  const changes: FileChange[] = [];
  for (const [f, edits] of editsByFile) {
    try {
      changes.push(changeFile(root, f, edits));
    } catch (e) {
      problem(undefined, undefined, `${f}: ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new DataError(problems);
  const dataFiles = changes.map((c) => c.file);
  changes.push(recordChange(root, lang, Object.fromEntries(accepted.map((a) => [a.unit.id, a.unit.source]))));
  return { run, accepted, changes, dataFiles, changed, untranslated, report: reporter(run, accepted, units) };
}

export async function importTranslations(ws: Workspace, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const { run, accepted, changes, dataFiles, changed, untranslated, report } = await prepareImport(ws, file, opts);
  await checkImported(ws, run, accepted, changes, report);
  const saved = await saveChanges(ws, changes);
  if (saved.problems.some((p) => p.severity === 'error')) { report(saved.problems); throw new DataError(run.problems); }
  return { lang: run.lang, units: changed, files: dataFiles, untranslated, notes: run.notes };
}

export interface PreviewReport {
  lang: string;
  /** The PDFs written into the preview folder (relative to where the command runs). */
  written: string[];
  /** The same documents as the build reports them (path, record id, language, kind). */
  files: BuiltFile[];
  /** The records whose text the file changes (all of the language's when shared wording changes). */
  records: string[];
  /** Each text the file changes: its unit, the data file, what the data holds now and what the file brings. */
  texts: { unit: string; file: string; now?: string; after: string }[];
  notes: string[];
}

/**
 * `translate preview <file>`: the documents the file would change, built into `outDir` from
 * the data with the file's translations laid over it (nothing in data/ is written), so a
 * reviewer sees the translated pages before anything is imported. Checked as an import is.
 */
export async function previewTranslations(ws: Workspace, file: string, opts: ImportOptions & { outDir: string }): Promise<PreviewReport> {
  const { run, accepted, changes, report } = await prepareImport(ws, file, opts);
  await checkImported(ws, run, accepted, changes, report);
  const texts = accepted.filter((a) => a.target !== a.unit.target).map((a) => ({ unit: a.unit.id, file: a.unit.file, now: a.unit.target, after: a.target }));
  const changedIds = accepted.filter((a) => a.target !== a.unit.target).map((a) => /^data\/(actions|factsheets)\/(.+)\.ya?ml$/.exec(a.unit.file)?.[2]);
  const shared = changedIds.some((id) => id === undefined);
  if (!(LANGUAGES as readonly string[]).includes(run.lang)) {
    run.notes.push(`${run.lang} has no fonts, hyphenation and typography set up yet: nothing can be built in it`);
    return { lang: run.lang, written: [], files: [], records: [], texts, notes: run.notes };
  }
  const only = shared ? undefined : [...new Set(changedIds as string[])];
  if (only && !only.length) return { lang: run.lang, written: [], files: [], records: [], texts, notes: [...run.notes, 'the file changes no text: nothing to show'] };
  const built = await withChanges(ws, changes).build({ outDir: opts.outDir, langs: [run.lang as Lang], only, booklet: shared });
  return { lang: run.lang, written: built.files.map((f) => relative(process.cwd(), f.path) || f.path), files: built.files, records: only ?? ['every record'], texts, notes: run.notes };
}

/**
 * Each changed translation: in the target language, not the source copied over, and no markup
 * its field does not take (nor a footnote marker lost). Units named in --accept are taken as
 * they are for language (a name, a quotation), never for markup.
 */
async function checkTargets(run: Run, accepted: Accepted[], accept: Set<string>) {
  const { languageProblem, markupProblems } = await import('./targetChecks.js');
  const candidates = [...new Set([...LANGUAGES, run.source])];
  for (const a of accepted) {
    if (a.target === a.unit.target) continue; // already in the data
    for (const m of markupProblems(a.unit, a.target)) run.problem(a.read.where, a.unit.id, m);
    if (accept.has(a.unit.id)) continue;
    const wrong = await languageProblem(a.target, a.unit.source, run.lang, run.source, candidates);
    if (wrong) run.problem(a.read.where, a.unit.id, `${wrong}: translate it, or, if it is meant to stay as it is (a name, a quotation), import with --accept ${a.unit.id}`);
  }
}

/** The programme's terms each changed translation leaves out: warnings (notes), never a refusal. */
async function checkTerms(run: Run, loaded: LoadedData, accepted: Accepted[]) {
  const { glossaryTerms, missingTerms } = await import('./glossary.js');
  const terms = glossaryTerms(loaded, run.source, [run.lang]);
  for (const a of accepted) {
    if (a.target === a.unit.target) continue;
    for (const m of missingTerms(terms, run.source, run.lang, a.unit, a.target)) {
      run.notes.push(`${a.unit.id}: the ${run.source} text uses the programme's term "${m.from}" (${m.term.kind}), whose ${run.lang} term is "${m.to}", which the translation does not use`);
    }
  }
}

/** "en-GB", "en_US", "EN" → "en". */
const baseLanguage = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * A file whose ids are none of this project's was made again by another tool (po2xliff
 * numbers its units): one message saying so, rather than one "no such text" per unit.
 */
function foreignIds(run: Run, read: ReadFile, units: Unit[]) {
  const known = new Set(units.map((u) => u.id));
  const ids = read.units.map((r) => r.id);
  if (ids.length < 3 || ids.some((id) => known.has(id))) return;
  run.problem('line 1', undefined, `none of the file's ${ids.length} unit ids are this project's (${ids.slice(0, 3).map((i) => `"${i}"`).join(', ')}, …): the file was made again by another tool (po2xliff numbers its units); merge the translations into the exported file instead (pomerge -t translations/${run.lang}.xlf -i ${run.lang}.po -o ${run.lang}-merged.xlf), and import that`);
}

/** The file's units against the data's: known, once, from the same source, in a known state, not empty when marked done. */
function matchUnits(run: Run, read: ReadFile, units: Unit[]): { accepted: Accepted[]; untranslated: number } {
  const { problem, source, lang } = run;
  const byId = new Map(units.map((u) => [u.id, u]));
  const seen = new Set<string>();
  const accepted: { unit: Unit; read: ReadUnit; target: string; final: boolean }[] = [];
  let untranslated = 0;
  for (const r of read.units) {
    const u = byId.get(r.id);
    if (!u) { problem(r.where, r.id, `no such text in the data now (the record or field was removed or renamed): export again and carry the translation over`); continue; }
    if (seen.has(r.id)) { problem(r.where, r.id, 'this unit is in the file twice'); continue; }
    seen.add(r.id);
    if (!same(r.source, u.source)) { problem(r.where, r.id, `the ${source} source text is not the data's: it changed since the export (now "${u.source.slice(0, 60)}${u.source.length > 60 ? '…' : ''}"): export again`); continue; }
    if (r.state && !KNOWN_STATES.has(r.state)) { problem(r.where, r.id, `unknown state "${r.state}": expected needs-translation, translated, needs-review-translation or final`); continue; }
    // Paragraphs a blank line apart are kept where the field holds paragraphs.
    const paragraphs = r.target.normalize('NFC').split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (paragraphs.length > 1 && !holdsParagraphs(u)) { problem(r.where, r.id, `the translation has ${paragraphs.length} paragraphs (a blank line between them), and this field holds one: join them`); continue; }
    const target = paragraphs.join('\n\n');
    if (!target) {
      // Left as exported, untranslated: nothing to import. Marked done but empty: a mistake.
      if (!r.state || UNTOUCHED_STATES.has(r.state)) { untranslated++; continue; }
      problem(r.where, r.id, `the translation is empty but marked ${r.state}: write the ${lang} text, or set the state to needs-translation`);
      continue;
    }
    // Final when the state says so, or when the unit is marked approved and its state asks for no more work.
    accepted.push({ unit: u, read: r, target, final: FINAL_STATES.has(r.state ?? '') || (!!r.approved && !/^needs-/.test(r.state ?? '')) });
  }
  return { accepted, untranslated };
}

/** The new language blocks, per file and block, as edits to the YAML (only changed values). */
function blockEdits(run: Run, loaded: LoadedData, units: Unit[], accepted: Accepted[]): { editsByFile: Map<string, YamlEdit[]>; changed: number } {
  const { lang } = run;
  const files = new Map(loaded && [...collectFiles(loaded)].map((f) => [f.file, f.value]));
  const blocks = new Map<string, Block>();
  for (const a of accepted) {
    const key = `${a.unit.file}\u0000${JSON.stringify(a.unit.node)}`;
    let b = blocks.get(key);
    if (!b) {
      const before = get(files.get(a.unit.file), [...a.unit.node, lang]);
      b = { file: a.unit.file, node: a.unit.node, before, after: clone(before), units: units.filter((u) => u.file === a.unit.file && JSON.stringify(u.node) === JSON.stringify(a.unit.node)), imported: new Map() };
      blocks.set(key, b);
    }
    b.imported.set(a.unit.id, a.final);
  }
  const editsByFile = new Map<string, YamlEdit[]>();
  let changed = 0;
  for (const b of blocks.values()) {
    const edits = blockEdit(run, b, files, accepted);
    changed += b.units.filter((u) => b.imported.has(u.id) && (u.target !== accepted.find((a) => a.unit.id === u.id)?.target || stateOf(u) !== (b.imported.get(u.id) ? 'final' : 'draft'))).length;
    if (edits.length) editsByFile.set(b.file, [...(editsByFile.get(b.file) ?? []), ...edits]);
  }
  return { editsByFile, changed };
}

/** One block: its texts (paragraphs joined as the field's are), whole lists, its status and fingerprint. */
function blockEdit(run: Run, b: Block, files: Map<string, unknown>, accepted: Accepted[]): YamlEdit[] {
  const { problem, source, lang } = run;
  const sourceBlock = get(files.get(b.file), [...b.node, source]);
  // Texts: whole fields, paragraphs joined as the field's paragraphs are.
  const fields = new Map<string, Unit[]>();
  for (const u of b.units) fields.set(JSON.stringify(u.sub), [...(fields.get(JSON.stringify(u.sub)) ?? []), u]);
  for (const [subKey, us] of fields) {
    const sub = JSON.parse(subKey) as Path;
    const mine = us.filter((u) => b.imported.has(u.id));
    if (!mine.length) continue;
    const texts = us.map((u) => accepted.find((a) => a.unit.id === u.id)?.target ?? u.target);
    if (texts.some((t) => t === undefined)) {
      const missing = us.filter((_, i) => texts[i] === undefined);
      const r = accepted.find((a) => a.unit.id === mine[0].id)!.read;
      problem(r.where, mine[0].id, `${fieldPath(sub)} has ${us.length} paragraphs: translate all of them (${missing.map((u) => u.id).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not)`);
      continue;
    }
    const current = get(b.before, sub);
    const rawSource = String(get(sourceBlock, sub) ?? '');
    const sep = typeof current === 'string' && splitParagraphs(current).length > 1 ? (/\n\s*\n/.test(current) ? '\n\n' : '\n') : /\n\s*\n/.test(rawSource) ? '\n\n' : '\n';
    const value = us.length > 1 ? texts.join(sep) : texts[0]!;
    if (typeof current === 'string' && same(current, value) && us.length === 1) continue; // unchanged text: keep its line breaks
    if (typeof current === 'string' && us.length > 1 && splitParagraphs(current).join('\u0000') === (texts as string[]).join('\u0000')) continue;
    b.after = put(b.after, sub, value);
  }
  // Lists must be whole: a list item with none before it cannot be written. Each item the
  // file leaves out is named, at its own unit.
  const reported = new Set<string>();
  for (const u of b.units) {
    const sub = u.sub;
    const idx = sub.findIndex((k) => typeof k === 'number');
    if (idx === -1) continue;
    const list = get(b.after, sub.slice(0, idx));
    if (!Array.isArray(list) || !Array.from(list).some((x) => x === undefined || x === null)) continue;
    const item = get(b.after, sub.slice(0, idx + 1));
    if ((item === undefined || item === null) && !reported.has(u.id)) {
      reported.add(u.id);
      problem(run.whereOf.get(u.id), u.id, `no translation in the file, and the other items of ${fieldPath(sub.slice(0, idx))} have one: translate every item of the list (it cannot have gaps)`);
    }
  }
  if (b.units[0]?.hasStatus) {
    // A block is final when every text of it is final; stale texts not imported stay draft.
    const allFinal = b.units.every((u) => (b.imported.has(u.id) ? b.imported.get(u.id) : stateOf(u) === 'final'));
    // A final block made draft is said, per block: the file may have lost an approval on the way.
    if (isMap(b.before) && b.before.status !== 'draft' && !allFinal) {
      const notFinal = b.units.filter((u) => b.imported.get(u.id) === false).map((u) => u.id);
      run.notes.push(`${b.file}: the ${lang} block was final and becomes draft${notFinal.length ? `: ${notFinal.slice(0, 3).join(', ')}${notFinal.length > 3 ? ', …' : ''} came back not final` : ''}`);
    }
    const after = (isMap(b.after) ? b.after : {}) as Record<string, unknown>;
    const { status: _s, translated_from: _t, ...texts } = after;
    // A block without `status:` is final: it gets the field only when that changes.
    const status = isMap(b.before) && b.before.status === undefined && allFinal ? {} : { status: allFinal ? 'final' : 'draft' };
    b.after = { ...status, ...texts, translated_from: blockFingerprint(sourceBlock) };
    // An existing block keeps its key order: only changed values are edited.
    if (isMap(b.before)) b.after = Object.assign(clone(b.before) as Record<string, unknown>, b.after);
  }
  const edits: YamlEdit[] = [];
  if (b.before === undefined) edits.push({ path: [...b.node, lang], value: b.after });
  else edits.push(...editsBetween(b.before, b.after, [...b.node, lang]));
  return edits;
}

/** Puts a problem of the data, as it would be, at the unit whose text it is about. */
function reporter(run: Run, accepted: Accepted[], units: Unit[]): (ps: Problem[]) => void {
  const { problem, lang } = run;
  const byChange = [...accepted].sort((x, y) => Number(y.target !== y.unit.target) - Number(x.target !== x.unit.target));
  const unitAt = (p: Problem) => {
    const f = p.file.replace(/^data\//, '');
    // The imported text at the field, or inside it (a column), or in the same block.
    const field = (x: { unit: Unit }) => `${lang}.${fieldPath(x.unit.sub)}`;
    const a = byChange.find((x) => x.unit.file === p.file && p.field && (p.field === field(x) || p.field.startsWith(field(x) + '.') || p.field.startsWith(field(x) + '[')))
      ?? byChange.find((x) => x.unit.file === p.file && p.field && (field(x).startsWith(p.field + '[') || field(x).startsWith(p.field + '.')));
    // A field the file left without a translation: its own unit, not another of the block.
    const missing = !a && p.field ? units.find((u) => u.file === p.file && field({ unit: u }) === p.field && !accepted.some((x) => x.unit.id === u.id)) : undefined;
    if (missing) return { where: run.whereOf.get(missing.id), id: missing.id, message: `no translation in the file, and the ${lang} block needs one: ${p.message} (${p.file} ${p.field})` };
    const b = a ?? byChange.find((x) => x.unit.file === p.file && (!p.field || p.field === lang || p.field.startsWith(`${lang}.`)));
    return b ? { where: b.read.where, id: b.unit.id, message: `${p.message} (${p.file}${p.field ? ` ${p.field}` : ''})` } : { where: undefined, id: f, message: p.message };
  };
  const report = (ps: Problem[]) => {
    for (const p of ps.filter((q) => q.severity === 'error')) {
      const u = unitAt(p);
      problem(u.where, u.id, u.message);
    }
  };
  return report;
}

/** The data as it would be: schema and references, then fonts and fitting; throws DataError listing every problem. */
async function checkImported(ws: Workspace, run: Run, accepted: Accepted[], changes: FileChange[], report: (ps: Problem[]) => void) {
  const { problems, problem, lang } = run;
  report(await checkChanges(ws, changes));
  if (problems.length) throw new DataError(problems);
  // Only the documents whose text changed are laid out again (a state alone changes nothing on the page).
  const changedTexts = accepted.filter((a) => a.target !== a.unit.target);
  if ((LANGUAGES as readonly string[]).includes(lang)) {
    if (changedTexts.length) report(await fitCheck(withChanges(ws, changes), lang as Lang, changedTexts.map((a) => a.unit)));
  } else {
    // A language no sheet is built in yet: its texts are still checked against the fonts.
    const { missingGlyphsInDocument, missingGlyphMessage } = await import('../render/index.js');
    const direction = textDirection(lang);
    for (const a of changedTexts) {
      const missing = await missingGlyphsInDocument({ lang, direction, text: a.target } as { lang: string; direction: 'ltr' | 'rtl' });
      if (missing.length) problem(a.read.where, a.unit.id, missingGlyphMessage(missing, { direction }));
    }
  }
  if (problems.length) throw new DataError(problems);
}

function collectFiles(loaded: LoadedData) {
  return [loaded.programme, ...Object.values(loaded.catalogues), loaded.factsheets.gcmObjectives, loaded.factsheets.wording, loaded.booklet, ...loaded.actions, ...loaded.factsheets.records].filter((f): f is NonNullable<typeof f> => !!f);
}

/**
 * Characters the fonts lack and documents that would not fit (a card even at the smallest
 * body size, a factsheet on its two pages), with the changes laid over the data: the
 * documents of the records changed, or every one of the language when shared wording or a
 * catalogue changed (the workspace's check, with the render cache).
 */
async function fitCheck(ws: Workspace, lang: Lang, units: Unit[]): Promise<Problem[]> {
  const ids = units.map((u) => /^data\/(actions|factsheets)\/(.+)\.ya?ml$/.exec(u.file)?.[2]);
  const shared = ids.some((id) => id === undefined);
  try {
    return (await ws.check({ langs: [lang], only: shared ? undefined : [...new Set(ids as string[])] })).problems;
  } catch (e) {
    if (e instanceof DataError) return e.problems;
    throw e;
  }
}
