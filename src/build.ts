// The pipeline end to end: load → validate → resolve → render → assemble → write.
// Everything is rendered in memory first; files are written only when every output
// succeeded, so a failed build leaves the PDFs of the last good build untouched.
//
// Each card and factsheet is laid out once: its single sheet is also its page in the
// booklets, which are bound from those PDFs and their own pages (src/assemble/pdf.ts).
// Rendered PDFs are kept in the render cache, keyed by everything that decides their bytes,
// and the renderer (React-PDF) and the binder (pdf-lib) are loaded only when something is not
// in the cache: a build with nothing to do reads the data, checks the cache and compares.
import { join, relative } from 'node:path';
import type { ValidData } from './validate/index.js';
import { checkedData } from './cache/data.js';
import type { PageSize, ResolvedSheet } from './resolve/index.js';
import { resolveBooklet } from './resolve/booklet.js';
import { planBooklet, type BookletPlan } from './resolve/bookletPlan.js';
import { documentGlyphProblems, fitSheets, glyphProblems, type FitResult } from './fit/sheets.js';
import { staleOutputs } from './write/stale.js';
import { BOOKLET_FILE, bookletLanguages } from './schema/bookletFile.js';
import { writeAtomic, type WriteResult } from './write/index.js';
import { digest, RenderCache } from './cache/index.js';
import { toolKey } from './cache/tool.js';
import { checkSelection, DOCUMENT_KINDS, resolveDocuments, type ResolvedDocument } from './documents.js';
import { countPages } from './render/pages.js';
import { DataError, UsageError, uniqueProblems, type Problem } from './problems.js';
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
  /** Write the sheets (default); `brochure booklet` writes the booklets only. */
  sheets?: boolean;
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
  /** A booklet's page count. */
  pages?: number;
  /** A card's body text size, when it was made smaller to fit. */
  bodySize?: number;
  /** Times a card was laid out to fit it in this build (0 when it came from the cache). */
  renders?: number;
}

export interface BuildReport {
  files: BuiltFile[];
  warnings: Problem[];
  seconds: number;
  /** Seconds spent in each stage (for `npm run bench`). */
  stages: Record<string, number>;
}

/**
 * Load and validate (or the last run's result when no data file changed: src/cache/data.ts),
 * then read and downsample the images the data names (async: sharp).
 */
export async function loadForRender(root: string, opts: { memo?: boolean; cache?: RenderCache } = {}): Promise<{ data: ValidData; warnings: Problem[]; images: PreparedImages }> {
  const { data, problems } = await checkedData(root, opts);
  if (!data) throw new DataError(problems);
  // Kept with the rendered PDFs, under the tool's key as they are (a new sharp, new bytes).
  const cache = opts.cache;
  const imageKey = (k: string) => `${digest({ image: k, tool: toolKey() })}.image`;
  const store = cache && { get: (k: string) => cache.get(imageKey(k)), put: (k: string, bytes: Buffer) => cache.put(imageKey(k), bytes) };
  return { data, warnings: problems, images: await prepareImages(root, imageUses(root, data), store) };
}

export function resolveAll(data: ValidData, opts: BuildOptions, warnings: Problem[] = []): ResolvedSheet[] {
  const problems: Problem[] = [];
  const sheets = resolveDocuments(data, DOCUMENT_KINDS.card, opts, problems).map((d) => d.sheet as ResolvedSheet);
  if (problems.some((p) => p.severity === 'error')) throw new DataError([...warnings, ...problems]);
  warnings.push(...problems);
  return sheets;
}

/** A document ready to write or bind: its PDF and whether it had to be rendered. */
interface Rendered {
  lang: Lang;
  id: string;
  bytes: Buffer;
  fresh: boolean;
  bodySize?: number;
  renders?: number;
}

export async function build(opts: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const stages: Record<string, number> = {};
  let lap = started;
  const stage = (name: string) => {
    const now = performance.now();
    stages[name] = (stages[name] ?? 0) + (now - lap) / 1000;
    lap = now;
  };
  const log = opts.log ?? (() => {});
  const outDir = opts.outDir ?? join(opts.root, 'out');
  const cache = renderCache(opts);
  const { data, warnings, images } = await loadForRender(opts.root, { memo: opts.cache !== false, cache });
  opts = { ...opts, images };
  stage('load and validate');
  const writeSheets = opts.sheets !== false;
  const wantBooklets = opts.booklet !== false && !opts.only;
  if (writeSheets) warnings.push(...checkSelection(data, opts)); // filters that select nothing: exit 2
  else if (data.booklet && opts.langs && !opts.langs.some((l) => bookletLanguages(data.booklet!).includes(l))) {
    const langs = bookletLanguages(data.booklet);
    throw new UsageError(`--lang ${opts.langs.join(',')}: data/booklet.yaml has no ${opts.langs.join(' or ')} wording (its languages: ${langs.join(', ')}), so booklet --lang ${opts.langs.join(',')} builds nothing`);
  }
  const resolveOpts = { root: opts.root, pageSize: opts.pageSize, showDraftMark: opts.showDraftMark, sourceDateEpoch: opts.sourceDateEpoch, images };
  const rendering = (s: { lang: Lang; id: string }) => opts.onRendered?.(`${s.lang}/${s.id}`);

  // Resolve: the sheets to write, and the booklets' plans (each holds sheets of its language).
  const problems: Problem[] = [];
  const written = writeSheets ? resolveDocuments(data, DOCUMENT_KINDS.card, opts, problems) : [];
  const others = writeSheets ? Object.values(DOCUMENT_KINDS).filter((k) => k.template !== 'card').flatMap((k) => resolveDocuments(data, k, opts, problems)) : [];
  const booklets = wantBooklets ? planBooklets(data, opts, resolveOpts, problems) : [];
  if (problems.some((p) => p.severity === 'error')) throw new DataError([...warnings, ...problems]);
  warnings.push(...problems);

  // Every card once, whether it is written, bound or both.
  const cards = new Map<string, ResolvedSheet>();
  for (const d of written) cards.set(`${d.sheet.lang}/${d.sheet.id}`, d.sheet as ResolvedSheet);
  for (const b of booklets) for (const s of b.sheets) if (!cards.has(`${s.lang}/${s.id}`)) cards.set(`${s.lang}/${s.id}`, s);
  const sheets = [...cards.values()];
  stage('resolve');

  // Render: characters the fonts lack (for what is not in the cache), then each card fitted
  // on its one page. Any problem stops the build before a file is written.
  const cardKey = (s: ResolvedSheet) => digest({ card: s, tool: toolKey() });
  const glyphs = glyphProblems(sheets.filter((s) => !cache?.has(cardKey(s))), data.actions);
  if (glyphs.length) throw new DataError([...warnings, ...glyphs]);
  stage('check glyphs');
  const fit = await fitSheets(sheets, data.actions, undefined, { cache, threads: opts.threads, onRendered: rendering });
  if (fit.problems.length) throw new DataError([...warnings, ...fit.problems]);
  warnings.push(...fit.warnings);
  stage('fit and render cards');
  const rendered = new Map<string, Rendered>();
  for (const r of fit.results as Required<FitResult>[]) {
    rendered.set(`${r.sheet.lang}/${r.sheet.id}`, { lang: r.sheet.lang, id: r.sheet.id, bytes: r.fitted.bytes, fresh: !r.cached, bodySize: r.fitted.bodySize, renders: r.cached ? 0 : r.fitted.renders });
  }
  // Records of the other templates (project factsheets, …): see src/documents.ts.
  const otherDocs = new Map<string, ResolvedDocument>();
  for (const d of others) otherDocs.set(`${d.sheet.lang}/${d.sheet.id}`, d);
  for (const b of booklets) for (const d of b.others) if (!otherDocs.has(`${d.sheet.lang}/${d.sheet.id}`)) otherDocs.set(`${d.sheet.lang}/${d.sheet.id}`, d);
  const otherProblems: Problem[] = [];
  for (const [k, doc] of otherDocs) {
    const key = digest({ [doc.kind.template]: doc.sheet, tool: toolKey() });
    const hit = cache?.get(key);
    if (!hit) {
      const glyphs = documentGlyphProblems(doc.sheet, doc.record.file);
      otherProblems.push(...glyphs);
      if (glyphs.length) continue; // not rendered: it would print blank boxes
    }
    const { bytes, problems } = hit ? { bytes: hit, problems: [] } : await doc.kind.render(doc.sheet, doc.record);
    otherProblems.push(...problems);
    if (!problems.length && !hit) cache?.put(key, bytes);
    if (!hit) rendering(doc.sheet);
    rendered.set(k, { lang: doc.sheet.lang, id: doc.sheet.id, bytes, fresh: !hit });
  }
  if (otherProblems.some((p) => p.severity === 'error')) throw new DataError([...warnings, ...otherProblems]);
  warnings.push(...otherProblems);
  stage('render factsheets');

  // Assemble: the booklets, from their own pages and the documents just rendered.
  const bound = [];
  for (const b of booklets) {
    const r = await bindBooklet(b, rendered, cache, stage);
    if (r.fresh) opts.onRendered?.(`${b.lang}/${b.file} (booklet)`);
    bound.push(r);
    stage('bind booklets');
  }

  // Write: every sheet (an edited card is on disk before the booklets are), then the booklets.
  const files: BuiltFile[] = [];
  for (const d of [...written, ...others]) {
    const r = rendered.get(`${d.sheet.lang}/${d.sheet.id}`)!;
    const path = join(outDir, r.lang, `${r.id}.pdf`);
    const result = writeAtomic(path, r.bytes);
    files.push({ path, id: r.id, lang: r.lang, result, rendered: r.fresh, ...(d.kind.template === 'card' ? { bodySize: r.bodySize, renders: r.renders } : {}) });
    log(`  ${relative(opts.root, path).padEnd(44)} ${result}${r.fresh ? '' : ' (cached)'}`);
  }
  for (const b of bound) {
    const path = join(outDir, b.lang, `${b.file}.pdf`);
    const result = writeAtomic(path, b.bytes);
    files.push({ path, id: b.file, lang: b.lang, result, kind: 'booklet', rendered: b.fresh, pages: b.pages });
    log(`  ${relative(opts.root, path).padEnd(44)} ${result}${b.fresh ? '' : ' (cached)'}  (booklet, ${b.pages} pages)`);
  }
  // PDFs no record makes any more are listed, never deleted.
  // (A partial build makes no booklet, but the booklet of the last full build is not stale.)
  const expected = [...data.actions.map((a) => a.id), ...data.factsheets.records.map((f) => f.id), ...files.map((f) => f.id), ...(data.booklet ? [data.booklet.file] : [])];
  warnings.push(...staleOutputs(opts.root, outDir, expected));
  pruneCache(cache, opts);
  stage('write');
  return { files, warnings: uniqueProblems(warnings), seconds: (performance.now() - started) / 1000, stages };
}

interface PlannedBooklet {
  lang: Lang;
  file: string;
  plan: BookletPlan;
  /** The cards it binds, resolved as the single sheets are. */
  sheets: ResolvedSheet[];
  /** The other documents it binds (factsheets). */
  others: ResolvedDocument[];
}

function planBooklets(data: ValidData, opts: BuildOptions, resolveOpts: { root: string; pageSize?: PageSize; showDraftMark?: boolean; sourceDateEpoch?: string }, problems: Problem[]): PlannedBooklet[] {
  if (!data.booklet) {
    problems.push({ file: BOOKLET_FILE, message: 'file not found: it holds the booklet\'s cover, contents and credits wording (or build with --no-booklet)', severity: 'error' });
    return [];
  }
  const booklet = data.booklet;
  return bookletLanguages(booklet)
    .filter((l) => !opts.langs || opts.langs.includes(l))
    .map((lang) => {
      const resolved = resolveBooklet(data, booklet, lang, resolveOpts, problems);
      const factsheetKind = DOCUMENT_KINDS.factsheet;
      const others = resolved.factsheets.items.map((f) => {
        const record = factsheetKind.records(data).find((r) => r.id === f.id)!;
        return { kind: factsheetKind, record, sheet: f.sheet };
      });
      return { lang, file: booklet.file, plan: planBooklet(resolved, { padToFour: opts.padToFour }), sheets: resolved.countries.flatMap((c) => c.actions.map((a) => a.sheet)), others };
    });
}

/**
 * A booklet: its own pages (rendered, or from the cache), bound with the rendered sheets.
 * The bound PDF is cached too, under the keys of everything it is made of.
 */
async function bindBooklet(b: PlannedBooklet, rendered: Map<string, Rendered>, cache: RenderCache | undefined, stage: (name: string) => void) {
  const ownKey = digest({ bookletPages: b.plan, tool: toolKey() });
  const documents = new Map<string, Buffer>();
  for (const p of b.plan.pages) {
    if (p.kind === 'card' || p.kind === 'factsheet') documents.set(p.anchor, rendered.get(`${b.lang}/${p.id}`)!.bytes);
  }
  const boundKey = digest({ booklet: ownKey, documents: [...documents].map(([anchor, bytes]) => [anchor, digest(bytes)]), tool: toolKey() });
  const pages = b.plan.pages.length;
  const hit = cache?.get(boundKey);
  if (hit) return { lang: b.lang, file: b.file, bytes: hit, pages, fresh: false };

  let own = cache?.get(ownKey);
  if (!own) {
    stage('bind booklets');
    own = await (await import('./render/booklet.js')).renderBookletPages(b.plan);
    stage('render booklet pages');
    const planned = b.plan.pages.filter((p) => p.kind !== 'card' && p.kind !== 'factsheet').length + 1;
    if (countPages(own) !== planned) {
      throw new DataError([{ file: BOOKLET_FILE, message: `the ${b.lang} booklet's own pages came to ${countPages(own) - 1} where ${planned - 1} were planned (a contents or introduction page ran over): shorten its text`, severity: 'error' }]);
    }
    cache?.put(ownKey, own);
  }
  const bytes = Buffer.from(await (await import('./assemble/pdf.js')).bindBooklet({ plan: b.plan, own, documents }));
  cache?.put(boundKey, bytes);
  return { lang: b.lang, file: b.file, bytes, pages, fresh: true };
}
