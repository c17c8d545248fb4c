// `brochure build`: the stages in order over a workspace (./workspace.ts) —
// load and validate → resolve → render and fit → assemble the booklets → write.
// Everything is rendered in memory first; files are written only when every output
// succeeded, so a failed build leaves the PDFs of the last good build untouched.
//
// Each card and factsheet is laid out once: its single sheet is also its page in the
// booklets, which are bound from those PDFs and their own pages (./booklets.ts).
// Rendered PDFs are kept in the render cache, keyed by everything that decides their bytes,
// and the renderer (React-PDF) and the binder (pdf-lib) are loaded only when something is not
// in the cache: a build with nothing to do reads the data, checks the cache and compares.
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PageSize, ResolvedSheet } from '../resolve/index.js';
import { bookletLanguages, type Lang } from '../text/index.js';
import { checkWritable, freeBytes, removeStaleTemporaries, sameOnDisk, staleOutputs, writeAtomic, WriteError, type WriteResult } from '../write/index.js';
import { DataError, OutputError, UsageError, uniqueProblems, type Problem } from '../problems.js';
import { checkSelection, DOCUMENT_KINDS, resolveDocuments, type ResolvedDocument } from './documents.js';
import { documentKey, renderDocuments, type Rendered } from './render.js';
import { bindBooklet, planBooklets, type BoundBooklet, type PlannedBooklet } from './booklets.js';
import type { Project } from './project.js';

export interface BuildOptions {
  outDir?: string;
  langs?: Lang[];
  only?: string[];
  pageSize?: PageSize;
  showDraftMark?: boolean;
  sourceDateEpoch?: string;
  /** Told of each output as it is written or found unchanged: the sheets, then the booklets. */
  onWritten?: (file: BuiltFile) => void;
  /** Also write the booklets (default); never for a partial build (`only`). */
  booklet?: boolean;
  /** Write the sheets (default); `brochure booklet` writes the booklets only. */
  sheets?: boolean;
  /** Pad booklets with blank pages to a multiple of 4 (default). */
  padToFour?: boolean;
  /** Worker threads for rendering (default: see src/fit's pool; 1: all on the main thread). */
  threads?: number;
  /** Called as each PDF is rendered ("fr/rabat"), so a long cold build shows progress. */
  onRendered?: (what: string) => void;
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
  /** How full a card's columns are (0 to 1), from its fitting. */
  fill?: number;
}

export interface BuildReport {
  files: BuiltFile[];
  warnings: Problem[];
  seconds: number;
  /** Seconds spent in each stage (for `npm run bench`). */
  stages: Record<string, number>;
}

/** What a build will make: the documents to write, the booklets, and every document they need rendered. */
interface BuildPlan {
  written: ResolvedDocument[];
  booklets: PlannedBooklet[];
  /** Each document once, whether it is written, bound or both. */
  documents: ResolvedDocument[];
}

export async function build(ws: Project, opts: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const { stages, lap } = stageClock(started);
  const cache = ws.renderCache;
  cache?.beginRun();
  const { data, warnings } = await ws.valid();
  const images = await ws.images(data);
  lap('load and validate');
  const plan = await planBuild(ws, data, opts, images, warnings);
  const outDir = opts.outDir ?? join(ws.root, 'out');
  // Every output can be written, before anything is rendered; what killed builds left is removed.
  removeStaleTemporaries(outDir);
  if (cache) removeStaleTemporaries(cache.dir);
  const targets = outputPaths(outDir, plan);
  const unwritable = checkWritable(ws.root, targets);
  if (unwritable.length) throw new OutputError(unwritable);
  lap('resolve');

  const { rendered, problems } = await renderDocuments(data, plan.documents, { cache, threads: opts.threads, onRendered: opts.onRendered });
  if (problems.some((p) => p.severity === 'error')) throw new DataError([...warnings, ...problems]);
  warnings.push(...problems);
  lap('render and fit');

  const bound: BoundBooklet[] = [];
  for (const b of plan.booklets) {
    const r = await bindBooklet(b, rendered, cache, lap);
    if (r.fresh) opts.onRendered?.(`${b.lang}/${b.file} (booklet)`);
    bound.push(r);
    lap('bind booklets');
  }

  makeRoom(ws.root, outDir, plan.written, rendered, bound, cache);
  const files = writeOutputs(ws.root, outDir, plan.written, rendered, bound, opts.onWritten ?? (() => {}));
  // PDFs no record makes any more are listed, never deleted.
  // (A partial build makes no booklet, but the booklet of the last full build is not stale.)
  const expected = [...Object.values(DOCUMENT_KINDS).flatMap((k) => k.records(data).map((r) => r.id)), ...(data.booklet ? [data.booklet.file] : [])];
  warnings.push(...staleOutputs(ws.root, outDir, expected));
  // The cache keeps what the current outputs use: a build of every output removes every entry
  // it did not use; any other build only keeps the cache under its size cap.
  if (!opts.only && !opts.langs && opts.booklet !== false) cache?.pruneKeepingOutputs({ folder: outDir, pageSize: opts.pageSize ?? 'A4' });
  else cache?.pruneToSize();
  lap('write');
  return { files, warnings: uniqueProblems(warnings), seconds: (performance.now() - started) / 1000, stages };
}

/** Seconds spent in each named stage, lap by lap. */
function stageClock(started: number) {
  const stages: Record<string, number> = {};
  let last = started;
  return {
    stages,
    lap(name: string) {
      const now = performance.now();
      stages[name] = (stages[name] ?? 0) + (now - last) / 1000;
      last = now;
    },
  };
}

/** Resolve: the documents to write and the booklets' plans (each holds documents of its language). */
async function planBuild(ws: Project, data: import('../validate/index.js').ValidData, opts: BuildOptions, images: import('../resolve/index.js').PreparedImages, warnings: Problem[]): Promise<BuildPlan> {
  const writeSheets = opts.sheets !== false;
  const wantBooklets = opts.booklet !== false && !opts.only;
  if (writeSheets) warnings.push(...checkSelection(data, opts)); // filters that select nothing: exit 2
  else if (data.booklet && opts.langs && !opts.langs.some((l) => bookletLanguages(data.booklet!).includes(l))) {
    const langs = bookletLanguages(data.booklet);
    throw new UsageError(`--lang ${opts.langs.join(',')}: data/booklet.yaml has no ${opts.langs.join(' or ')} wording (its languages: ${langs.join(', ')}), so booklet --lang ${opts.langs.join(',')} builds nothing`);
  }
  const resolveOpts = { root: ws.root, pageSize: opts.pageSize, showDraftMark: opts.showDraftMark, sourceDateEpoch: opts.sourceDateEpoch, images };
  const problems: Problem[] = [];
  const written = writeSheets ? Object.values(DOCUMENT_KINDS).flatMap((k) => resolveDocuments(data, k, { ...resolveOpts, langs: opts.langs, only: opts.only }, problems)) : [];
  const booklets = wantBooklets ? await planBooklets(data, { ...resolveOpts, langs: opts.langs, padToFour: opts.padToFour }, problems) : [];
  if (problems.some((p) => p.severity === 'error')) throw new DataError([...warnings, ...problems]);
  warnings.push(...problems);
  const documents = new Map<string, ResolvedDocument>();
  for (const d of written) documents.set(documentKey(d.sheet), d);
  for (const b of booklets) {
    for (const s of b.sheets) if (!documents.has(documentKey(s))) documents.set(documentKey(s), cardDocument(data, s));
    for (const d of b.others) if (!documents.has(documentKey(d.sheet))) documents.set(documentKey(d.sheet), d);
  }
  return { written, booklets, documents: [...documents.values()] };
}

/** A card the booklet binds, as a document of the card kind. */
export function cardDocument(data: import('../validate/index.js').ValidData, sheet: ResolvedSheet): ResolvedDocument {
  const kind = DOCUMENT_KINDS.card;
  return { kind, record: kind.records(data).find((r) => r.id === sheet.id)!, sheet };
}

/** Where each output of the plan goes. */
function outputPaths(outDir: string, plan: BuildPlan): string[] {
  return [...plan.written.map((d) => join(outDir, d.sheet.lang, `${d.sheet.id}.pdf`)), ...plan.booklets.map((b) => join(outDir, b.lang, `${b.file}.pdf`))];
}

/**
 * The disk must hold the outputs about to be written: if it is short, the render cache gives
 * way first (it is expendable); if that is not enough, nothing is written and the user is told.
 */
function makeRoom(root: string, outDir: string, written: ResolvedDocument[], rendered: Map<string, Rendered>, bound: BoundBooklet[], cache: import('../cache/index.js').RenderCache | undefined) {
  const outputs = [
    ...written.map((d) => ({ path: join(outDir, d.sheet.lang, `${d.sheet.id}.pdf`), bytes: rendered.get(documentKey(d.sheet))!.bytes })),
    ...bound.map((b) => ({ path: join(outDir, b.lang, `${b.file}.pdf`), bytes: b.bytes })),
  ];
  // What the disk must take: each file that grows, plus room for the largest one written beside its old self.
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  const changed = outputs.filter((o) => !sameOnDisk(o.path, o.bytes));
  if (!changed.length) return;
  const needed = changed.reduce((n, o) => n + Math.max(0, o.bytes.length - size(o.path)), 0) + Math.max(...changed.map((o) => o.bytes.length)) + 64 * 1024;
  if ((freeBytes(outDir) ?? Infinity) >= needed) return;
  cache?.giveWay();
  const problems = checkWritable(root, [join(outDir, 'x', 'x.pdf')], needed);
  if (problems.length) throw new OutputError(problems);
}

/** Write: every sheet (an edited card is on disk before the booklets are), then the booklets. */
function writeOutputs(root: string, outDir: string, written: ResolvedDocument[], rendered: Map<string, Rendered>, bound: BoundBooklet[], onWritten: (file: BuiltFile) => void): BuiltFile[] {
  const files: BuiltFile[] = [];
  const write = (path: string, bytes: Buffer) => {
    try {
      return writeAtomic(path, bytes);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      throw new OutputError([{ file: relative(root, e.path) || e.path, message: e.message.replace(`${e.path} `, ''), severity: 'error' }], files.filter((f) => f.result === 'written').map((f) => relative(root, f.path)));
    }
  };
  for (const d of written) {
    const r = rendered.get(documentKey(d.sheet))!;
    const path = join(outDir, r.lang, `${r.id}.pdf`);
    const result = write(path, r.bytes);
    files.push({ path, id: r.id, lang: r.lang, result, rendered: r.fresh, ...(r.template === 'card' ? { bodySize: r.bodySize, renders: r.renders, fill: r.fill } : {}) });
    onWritten(files.at(-1)!);
  }
  for (const b of bound) {
    const path = join(outDir, b.lang, `${b.file}.pdf`);
    const result = write(path, b.bytes);
    files.push({ path, id: b.file, lang: b.lang, result, kind: 'booklet', rendered: b.fresh, pages: b.pages });
    onWritten(files.at(-1)!);
  }
  return files;
}
