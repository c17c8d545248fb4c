// The workspace: one project opened for work, what every command goes through (build, check,
// validate, list, translate, watch, the studio). It sequences the stages — load → validate →
// resolve → render/fit → assemble → write — and keeps what it computed, so that a
// long-running tool (watch, the studio) re-does only what a change touches: a file whose bytes
// did not change is not parsed again, a record whose file and catalogues did not change is
// not validated again, a document whose inputs did not change is not rendered again (the
// render cache), an image is prepared once. What Typst calls its World.
//
// A workspace may carry an overlay: texts not yet written, by absolute path (a studio form
// being checked, a translation file being previewed). `withOverlay` gives such a view of the
// same project, sharing what does not depend on the overlaid files.
import { join } from 'node:path';
import type { LoadedData, LoadMemo, Overlay } from '../load/index.js';
import type { ValidData, Validation, ValidationMemo } from '../validate/index.js';
import type { PageSize, PreparedAsset, PreparedImages, ResolvedSheet } from '../resolve/index.js';
import type { ResolvedDocument } from './documents.js';
import { digest, RenderCache, toolKey } from '../cache/index.js';
import { DataError, type Problem } from '../problems.js';
import type { Lang } from '../text/index.js';
import { readCheckedMemo, readEarlierRun, rememberRun } from './memo.js';
import type { Project } from './project.js';

export interface WorkspaceOptions {
  /**
   * Keep what was computed on disk too (default): the checked data in .cache/data.json, rendered
   * PDFs and prepared images in .cache/renders/. Off: everything is computed afresh.
   */
  cache?: boolean;
  /** Texts standing in for files on disk, by absolute path (not yet written). */
  overlay?: Overlay;
  /**
   * A tool that stays open (watch, the studio): the checked data is written to .cache/data.json
   * once the edits pause (for the next process to start fast), not at every save — writing it
   * (positions of every field, 200 KB, every data file digested) cost a save ~10 ms.
   */
  longRunning?: boolean;
}

/** How long a long-running workspace waits after the last change before it writes .cache/data.json. */
const MEMO_PAUSE_MS = 2000;

/** Which documents: some records, some languages, a page size, some kinds (templates). */
export interface Selection {
  only?: string[];
  langs?: Lang[];
  pageSize?: PageSize;
  showDraftMark?: boolean;
  sourceDateEpoch?: string;
  kinds?: string[];
}

/** Work done, counted (what tests assert instead of timing). */
export interface WorkspaceStats {
  /** YAML files parsed. */
  parsed: number;
  /** Records (actions, factsheets) validated. */
  validated: number;
}

export class Workspace implements Project {
  readonly root: string;
  readonly overlay?: Overlay;
  readonly cacheEnabled: boolean;
  private readonly loadMemo: LoadMemo;
  private readonly validationMemo: ValidationMemo;
  private readonly shared: { renderCache?: RenderCache; images: Map<string, PreparedAsset> };
  /** The last result, and the parse count it was computed at (unchanged count: unchanged data). */
  private last?: { validation: Validation; parsed: number; loaded?: LoadedData };
  private readonly longRunning: boolean;
  private memoTimer?: NodeJS.Timeout;
  /** What a tool that stays open has yet to write (the checked data), until the edits pause. */
  private pendingMemo?: () => void;

  private constructor(root: string, opts: WorkspaceOptions, parent?: Workspace) {
    this.root = root;
    this.overlay = opts.overlay;
    this.cacheEnabled = opts.cache !== false;
    this.longRunning = !!opts.longRunning;
    this.loadMemo = parent ? { files: new Map(parent.loadMemo.files), parsed: 0 } : { files: new Map(), parsed: 0 };
    // An overlay view shares the records' results: they are keyed by the very file loaded.
    this.validationMemo = { records: parent?.validationMemo.records ?? new WeakMap(), records_validated: 0, catalogues: parent?.validationMemo.catalogues, composite: parent?.validationMemo.composite };
    this.shared = parent?.shared ?? { images: new Map(), renderCache: this.cacheEnabled ? new RenderCache(join(root, '.cache', 'renders')) : undefined };
    // A tool that stays open writes its cache entries once the edits pause, off the save's path.
    if (this.longRunning && !parent) this.shared.renderCache?.deferWrites(MEMO_PAUSE_MS);
  }

  /** Open the project in `root` (a folder holding data/ and assets/). */
  static open(root: string, opts: Omit<WorkspaceOptions, 'overlay'> = {}): Workspace {
    return new Workspace(root, opts);
  }

  /** The same project with texts not yet written standing in for some files. */
  withOverlay(overlay: Overlay): Workspace {
    return new Workspace(this.root, { cache: this.cacheEnabled, overlay }, this);
  }

  get renderCache(): RenderCache | undefined {
    return this.shared.renderCache;
  }

  get stats(): WorkspaceStats {
    return { parsed: this.loadMemo.parsed, validated: this.validationMemo.records_validated };
  }

  /**
   * Write now what a tool that stays open keeps for a pause in the edits (the checked data, the
   * render cache's new entries): called when it closes, so that the next process starts from
   * the last edit instead of parsing and rendering it again.
   */
  settle(): void {
    clearTimeout(this.memoTimer);
    this.pendingMemo?.();
    this.shared.renderCache?.flush();
  }

  /** The data files as read (YAML with positions), valid or not: for tools that edit them. */
  async loaded(): Promise<LoadedData> {
    const { loadData } = await import('../load/index.js');
    return loadData(this.root, this.overlay, this.loadMemo);
  }

  /**
   * The checked data: every data file loaded and validated, with every problem (file, line,
   * column, field). The one way to get it. A fresh process with unchanged data reads the last
   * result back from .cache/data.json without parsing anything.
   */
  async checked(): Promise<Validation> {
    const diskMemo = this.cacheEnabled && !this.overlay;
    if (diskMemo && !this.last) {
      const hit = readCheckedMemo(this.root);
      if (hit) return (this.last = { validation: hit, parsed: -1 }).validation;
    }
    // Something changed since the last run (or, in a tool that stays open, since it started from
    // that run's result): what did not is neither parsed nor validated again.
    const fromDisk = !this.last || this.last.parsed === -1;
    const earlier = diskMemo && fromDisk && !this.loadMemo.files.size ? readEarlierRun(this.root, this.loadMemo) : undefined;
    const [{ loadData }, { validate, seedValidationMemo }] = await Promise.all([import('../load/index.js'), import('../validate/index.js')]);
    const before = this.loadMemo.parsed;
    const loaded = loadData(this.root, this.overlay, this.loadMemo);
    if (earlier) seedValidationMemo(this.validationMemo, loaded, earlier.validation, (f) => earlier.files.has(f));
    // Nothing re-read and the file list the same: the last result stands.
    if (this.last?.loaded && this.loadMemo.parsed === before && sameFiles(this.last.loaded, loaded)) return this.last.validation;
    const validation = validate(loaded, this.validationMemo);
    const remember = () => {
      this.pendingMemo = undefined;
      rememberRun(this.root, validation, this.loadMemo);
    };
    if (diskMemo && !this.longRunning) remember();
    else if (diskMemo) {
      clearTimeout(this.memoTimer);
      this.pendingMemo = remember;
      this.memoTimer = setTimeout(remember, MEMO_PAUSE_MS);
      this.memoTimer.unref(); // never keeps the process alive
    }
    this.last = { validation, parsed: this.loadMemo.parsed, loaded };
    return validation;
  }

  /** The checked data when it has no error (its warnings beside it); DataError listing every problem otherwise. */
  async valid(): Promise<{ data: ValidData; warnings: Problem[] }> {
    const { data, problems } = await this.checked();
    if (!data) throw new DataError(problems);
    return { data, warnings: [...problems] };
  }

  /**
   * The images the data names (partner and funder logos, official SDG icons), checked and
   * downsampled for print: each file once per process, and kept in the render cache between
   * processes (under the tool's key: a new image library may give new bytes).
   */
  async images(data: ValidData): Promise<PreparedImages> {
    const { imageUses, prepareImages, serialiseAsset, deserialiseAsset } = await import('../resolve/index.js');
    const cache = this.renderCache;
    const memory = this.shared.images;
    const key = (k: string) => `${digest({ image: k, tool: toolKey() })}.image`;
    const store = {
      get: (k: string) => {
        const inMemory = memory.get(k);
        if (inMemory) {
          cache?.markUsed(key(k));
          return inMemory;
        }
        const bytes = cache?.get(key(k));
        const kept = bytes && deserialiseAsset(bytes);
        if (kept) memory.set(k, kept);
        return kept;
      },
      put: (k: string, asset: PreparedAsset) => {
        memory.set(k, asset);
        cache?.put(key(k), serialiseAsset(asset));
      },
    };
    return prepareImages(this.root, imageUses(this.root, data), store);
  }

  /**
   * Room a card has left on its page at the smallest body size, in points and lines of body
   * text (what a translator is told); undefined when the record has no text in `lang`.
   */
  async roomLeft(id: string, lang: Lang): Promise<{ points: number; lines: number } | undefined> {
    const { data } = await this.valid();
    const action = data.actions.find((a) => a.id === id);
    if (!action?.languages.includes(lang)) return undefined;
    const [{ resolveSheet }, { roomLeft }, { MIN_BODY_SIZE }] = await Promise.all([import('../resolve/index.js'), import('../fit/index.js'), import('../design/index.js')]);
    const problems: Problem[] = [];
    const sheet = resolveSheet(data, action, lang, { root: this.root, images: await this.images(data) }, problems);
    return roomLeft(sheet, MIN_BODY_SIZE);
  }

  /** The actions in the booklet's order for `lang` (country, then `order:`, then city): what the studio's order editor shows. */
  async bookletOrder(lang: Lang): Promise<{ id: string; file: string; country: string; order?: number; cities: string[]; title: string }[]> {
    const { data } = await this.valid();
    if (!data.booklet) return [];
    const { actionsInBookletOrder } = await import('../resolve/index.js');
    return actionsInBookletOrder(data, data.booklet, lang).map((a) => {
      const block = (a.record as unknown as Record<string, { title?: string } | undefined>)[lang] ?? (a.record as unknown as Record<string, { title?: string } | undefined>)[a.languages[0]!];
      return { id: a.id, file: a.file, country: a.record.country, order: a.record.order, cities: a.record.cities, title: block?.title ?? a.id };
    });
  }

  /** The documents of every kind for a selection, resolved (labels, typography, images); DataError when one cannot be. */
  async documents(selection: Selection = {}): Promise<ResolvedDocument[]> {
    const { data, warnings } = await this.valid();
    const { DOCUMENT_KINDS, resolveDocuments } = await import('./documents.js');
    const images = await this.images(data);
    const problems: Problem[] = [];
    const kinds = Object.values(DOCUMENT_KINDS).filter((k) => !selection.kinds || selection.kinds.includes(k.template));
    const docs = kinds.flatMap((k) => resolveDocuments(data, k, { root: this.root, images, ...selection }, problems));
    if (problems.some((p) => p.severity === 'error')) throw new DataError([...warnings, ...problems]);
    return docs;
  }

  /** The cards of a selection, resolved: one sheet per action and language. */
  async sheets(selection: Omit<Selection, 'kinds'> = {}): Promise<ResolvedSheet[]> {
    return (await this.documents({ ...selection, kinds: ['card'] })).map((d) => d.sheet as ResolvedSheet);
  }

  /** Load and compile what an edit's build needs, building nothing (see ./warm.ts). */
  async warmUp(): Promise<void> {
    return (await import('./warm.js')).warmUp(this);
  }

  /** Build every output asked for (see ./build.ts). */
  async build(opts: import('./build.js').BuildOptions = {}): Promise<import('./build.js').BuildReport> {
    return (await import('./build.js')).build(this, opts);
  }

  /** Everything a build would find, nothing written (see ./check.ts). */
  async check(opts: import('./check.js').CheckOptions = {}): Promise<import('./check.js').CheckReport> {
    return (await import('./check.js')).check(this, opts);
  }
}

/** The same files were found (none added, none removed), each the very object loaded before. */
function sameFiles(a: LoadedData, b: LoadedData): boolean {
  const files = (l: LoadedData) => [l.programme, ...Object.values(l.catalogues), ...l.actions, ...l.factsheets.records, l.factsheets.wording, l.factsheets.gcmObjectives, l.booklet];
  const x = files(a);
  const y = files(b);
  return x.length === y.length && x.every((f, i) => f === y[i]) && a.problems.length === b.problems.length;
}
