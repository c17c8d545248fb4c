// The pipeline end to end: load → validate → resolve → render → write.
// Everything is rendered in memory first; files are written only when every output
// succeeded, so a failed build leaves the PDFs of the last good build untouched.
import { join, relative } from 'node:path';
import { loadData } from './load/index.js';
import { validate, type ValidData } from './validate/index.js';
import type { PageSize, ResolvedSheet } from './resolve/index.js';
import { documentGlyphProblems, fitSheets, glyphProblems } from './fit/sheets.js';
import { staleOutputs } from './write/stale.js';
import { validateBooklet } from './validate/booklet.js';
import { writeAtomic, type WriteResult } from './write/index.js';
import { bodySizesOf, loadBooklet, renderBooklets } from './booklet.js';
import { digest, RenderCache } from './cache/index.js';
import { toolKey } from './cache/tool.js';
import { checkSelection, DOCUMENT_KINDS, resolveDocuments } from './documents.js';
import { DataError, uniqueProblems, type Problem } from './problems.js';
import { imageUses, prepareImages, type PreparedImages } from './resolve/images.js';
import type { Lang } from './schema/index.js';

export interface BuildOptions {
  root: string;
  outDir?: string;
  langs?: Lang[];
  only?: string[];
  pageSize?: PageSize;
  showDraftMark?: boolean;
  sourceDateEpoch?: string;
  log?: (line: string) => void;
  /** Also write the booklets (default); never for a partial build (`only`). */
  booklet?: boolean;
  /** Pad booklets with blank pages to a multiple of 4 (default). */
  padToFour?: boolean;
  /** Keep rendered PDFs in .cache/ and reuse them when nothing they depend on changed (default). */
  cache?: boolean;
  /** Worker threads for rendering (default: the machine's cores; 1: all on the main thread). */
  threads?: number;
  /** Images checked and downsampled for print: filled in by loadForRender. */
  images?: PreparedImages;
  /** Called as each PDF is rendered ("fr/rabat"), so a long cold build shows progress. */
  onRendered?: (what: string) => void;
}

/** The render cache of a project: one folder, safe to delete. */
export function renderCache(opts: Pick<BuildOptions, 'root' | 'cache'>): RenderCache | undefined {
  return opts.cache === false ? undefined : new RenderCache(join(opts.root, '.cache', 'renders'));
}

/**
 * The cache keeps what the current outputs use: a build of every output removes every entry
 * it did not use; any other build only keeps the cache under its size cap.
 */
function pruneCache(cache: RenderCache | undefined, opts: BuildOptions) {
  if (!cache) return;
  if (!opts.only && !opts.langs && opts.booklet !== false) cache.pruneUnused();
  else cache.pruneToSize();
}

export interface BuiltFile {
  path: string;
  id: string;
  lang: Lang;
  result: WriteResult;
  kind?: 'booklet';
  /** False when the PDF came from the render cache: nothing was laid out again. */
  rendered: boolean;
}

export interface BuildReport {
  files: BuiltFile[];
  warnings: Problem[];
  seconds: number;
}

/** Load and validate; throws DataError listing every problem when the data is not usable. */
export function loadValid(root: string): { data: ValidData; warnings: Problem[] } {
  const { data, problems } = validate(loadData(root));
  if (!data) throw new DataError(problems);
  return { data, warnings: problems };
}

/** Load and validate, then read and downsample the images the data names (async: sharp). */
export async function loadForRender(root: string): Promise<{ data: ValidData; warnings: Problem[]; images: PreparedImages }> {
  const { data, warnings } = loadValid(root);
  return { data, warnings, images: await prepareImages(root, imageUses(root, data)) };
}

export function resolveAll(data: ValidData, opts: BuildOptions, warnings: Problem[] = []): ResolvedSheet[] {
  const problems: Problem[] = [];
  const sheets = resolveDocuments(data, DOCUMENT_KINDS.card, opts, problems).map((d) => d.sheet as ResolvedSheet);
  if (problems.some((p) => p.severity === 'error')) throw new DataError([...warnings, ...problems]);
  warnings.push(...problems);
  return sheets;
}

export async function build(opts: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const outDir = opts.outDir ?? join(opts.root, 'out');
  const { data, warnings, images } = await loadForRender(opts.root);
  opts = { ...opts, images };
  warnings.push(...checkSelection(data, opts)); // filters that select nothing: exit 2
  const sheets = resolveAll(data, opts, warnings);
  // The booklet's data is checked before any rendering; booklets are not made by a partial build.
  const booklet = opts.booklet !== false && !opts.only ? loadBooklet(opts.root, data) : undefined;
  if (booklet) warnings.push(...booklet.warnings);

  // Characters the fonts lack, then each card fitted on its one page (body size stepped
  // down as needed): any problem stops the build before a file is written.
  const glyphs = glyphProblems(sheets, data.actions);
  if (glyphs.length) throw new DataError([...warnings, ...glyphs]);
  const cache = renderCache(opts);
  const rendering = (s: { lang: Lang; id: string }) => opts.onRendered?.(`${s.lang}/${s.id}`);
  const fit = await fitSheets(sheets, data.actions, undefined, { cache, threads: opts.threads, onRendered: rendering });
  if (fit.problems.length) throw new DataError([...warnings, ...fit.problems]);
  warnings.push(...fit.warnings);
  const rendered: { sheet: { id: string; lang: Lang }; path: string; bytes: Buffer; fresh: boolean }[] = [];
  for (const { sheet, fitted, cached } of fit.results) {
    rendered.push({ sheet, path: join(outDir, sheet.lang, `${sheet.id}.pdf`), bytes: fitted!.bytes, fresh: !cached });
  }
  // Records of the other templates (project factsheets, …): see src/documents.ts.
  const others: Problem[] = [];
  for (const kind of Object.values(DOCUMENT_KINDS).filter((k) => k.template !== 'card')) {
    for (const doc of resolveDocuments(data, kind, opts, others)) {
      const glyphs = documentGlyphProblems(doc.sheet, doc.record.file);
      others.push(...glyphs);
      if (glyphs.length) continue; // not rendered: it would print blank boxes
      const key = digest({ [kind.template]: doc.sheet, tool: toolKey() });
      const hit = cache?.get(key);
      const { bytes, problems } = hit ? { bytes: hit, problems: [] } : await kind.render(doc.sheet, doc.record);
      others.push(...problems);
      if (!problems.length && !hit) cache?.put(key, bytes);
      if (!hit) rendering(doc.sheet);
      rendered.push({ sheet: doc.sheet, path: join(outDir, doc.sheet.lang, `${doc.sheet.id}.pdf`), bytes, fresh: !hit });
    }
  }
  if (others.some((p) => p.severity === 'error')) throw new DataError([...warnings, ...others]);
  warnings.push(...others);
  // Every sheet is good: write them now (an edited card is on disk before the booklets are done).
  const files: BuiltFile[] = [];
  for (const r of rendered) {
    const result = writeAtomic(r.path, r.bytes);
    files.push({ path: r.path, id: r.sheet.id, lang: r.sheet.lang, result, rendered: r.fresh });
    log(`  ${relative(opts.root, r.path).padEnd(44)} ${result}${r.fresh ? '' : ' (cached)'}`);
  }
  // The booklets, their cards at the sizes just fitted (so a bound card equals its sheet).
  if (booklet) {
    const r = await renderBooklets(data, booklet.booklet, { ...opts, outDir, bodySizes: bodySizesOf(fit.results), cache, threads: opts.threads });
    warnings.push(...r.warnings);
    for (const b of r.booklets) {
      const result = writeAtomic(b.path, b.bytes);
      files.push({ path: b.path, id: b.id, lang: b.lang, result, kind: 'booklet', rendered: !b.cached });
      log(`  ${relative(opts.root, b.path).padEnd(44)} ${result}${b.cached ? ' (cached)' : ''}  (booklet, ${b.pages} pages)`);
    }
  }
  // PDFs no record makes any more are listed, never deleted.
  // (A partial build makes no booklet, but the booklet of the last full build is not stale.)
  const bookletFile = (booklet?.booklet ?? validateBooklet(opts.root, data).booklet)?.file;
  const expected = [...data.actions.map((a) => a.id), ...data.factsheets.records.map((f) => f.id), ...files.map((f) => f.id), ...(bookletFile ? [bookletFile] : [])];
  warnings.push(...staleOutputs(opts.root, outDir, expected));
  pruneCache(cache, opts);
  return { files, warnings: uniqueProblems(warnings), seconds: (performance.now() - started) / 1000 };
}
