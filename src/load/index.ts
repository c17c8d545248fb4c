// Stage 1 — load: read the YAML files of data/ keeping every value's position,
// so later stages can point the user at file:line:column.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, basename, dirname, extname } from 'node:path';
import { parseDocument, LineCounter, isMap, isSeq, isNode, type Document, type Node } from 'yaml';
import type { Problem } from '../problems.js';

/** Larger data files are refused: a record is a few kilobytes. */
export const MAX_FILE_BYTES = 1_000_000;

export interface LoadedFile {
  /** Path relative to the project root, as shown to the user. */
  file: string;
  value: unknown;
  /** Position of the value at a path, or of its nearest existing parent; with `key`, of the field's name. */
  positionOf(path: readonly PropertyKey[], opts?: { key?: boolean }): { line: number; column: number } | undefined;
}

export interface LoadedData {
  root: string;
  programme?: LoadedFile;
  catalogues: Partial<Record<CatalogueName, LoadedFile>>;
  actions: LoadedFile[];
  /** Project factsheets (data/factsheets/), their wording and the Global Compact catalogue. */
  factsheets: { records: LoadedFile[]; wording?: LoadedFile; gcmObjectives?: LoadedFile };
  /** The booklets' settings and wording (data/booklet.yaml), when there is one. */
  booklet?: LoadedFile;
  problems: Problem[];
}

export const CATALOGUES = ['sdg-goals', 'sdg-targets', 'recommendations', 'countries'] as const;
export type CatalogueName = (typeof CATALOGUES)[number];

/**
 * Texts that stand in for files on disk, by absolute path: an edit (studio, translation
 * import) is validated with the whole data before anything is written.
 */
export type Overlay = ReadonlyMap<string, string>;

export function loadYamlFile(root: string, path: string, problems: Problem[], overlay?: Overlay): LoadedFile | undefined {
  const file = relative(root, path) || path;
  const proposed = overlay?.get(path);
  let size: number;
  try {
    size = proposed !== undefined ? Buffer.byteLength(proposed) : statSync(path).size;
  } catch {
    problems.push({ file, message: 'file not found', severity: 'error' });
    return undefined;
  }
  if (size > MAX_FILE_BYTES) {
    problems.push({ file, message: `file is ${Math.round(size / 1000)} kB, larger than the ${MAX_FILE_BYTES / 1000} kB a data file may be`, severity: 'error' });
    return undefined;
  }
  const text = proposed ?? readFileSync(path, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  let failed = false;
  for (const e of doc.errors) {
    failed = true;
    const { line, col } = at(e.pos[0]);
    problems.push({ file, line, column: col, message: `YAML syntax: ${firstLine(e.message)}`, severity: 'error' });
  }
  for (const w of doc.warnings) {
    const { line, col } = at(w.pos[0]);
    const tag = /Unresolved tag: (\S+)/.exec(w.message);
    if (tag) {
      failed = true;
      const written = tag[1].replace(/^tag:yaml\.org,2002:/, '!!'); // as the user typed it
      problems.push({ file, line, column: col, message: `custom YAML tag ${written} is not allowed: write plain text, lists and maps`, severity: 'error' });
    } else {
      problems.push({ file, line, column: col, message: firstLine(w.message), severity: 'warning' });
    }
  }
  if (failed) return undefined;
  let value: unknown;
  try {
    // An alias bomb (a few lines that expand to millions of nodes) is refused here.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = /alias count/i.test((e as Error).message)
      ? 'too many aliases (*name): the file would expand to far more data than a record holds, so it is refused'
      : `cannot read the YAML: ${firstLine((e as Error).message)}`;
    problems.push({ file, line: 1, column: 1, message, severity: 'error' });
    return undefined;
  }
  return { file, value, positionOf: (p, opts) => positionIn(doc, p, at, opts?.key) };
}

function positionIn(doc: Document, path: readonly PropertyKey[], at: (o: number) => { line: number; col: number }, atKey = false) {
  let node: unknown = doc.contents;
  let best: Node | undefined = isNode(node) ? node : undefined;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isNode(p.key) ? (p.key as { value?: unknown }).value : p.key) === key);
      if (!pair) break;
      if (atKey && i === path.length - 1 && isNode(pair.key)) {
        best = pair.key as Node;
        break;
      }
      node = pair.value;
      // A key with no value (`title:`) points at the key itself.
      best = (isNode(node) ? node : isNode(pair.key) ? pair.key : best) as Node | undefined;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (!isNode(node)) break;
      best = node;
    } else break;
  }
  if (!best?.range) return undefined;
  const { line, col } = at(best.range[0]);
  return { line, column: col };
}

function firstLine(s: string) {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** File names in a data folder, with any the overlay adds (a record not yet saved). */
function recordFiles(dir: string, overlay?: Overlay): string[] {
  const names = new Set(existsSync(dir) ? readdirSync(dir) : []);
  for (const path of overlay?.keys() ?? []) if (dirname(path) === dir) names.add(basename(path));
  return [...names].filter((n) => ['.yaml', '.yml'].includes(extname(n))).sort();
}

/** Load programme, catalogues and every action record under `root/data` (`overlay`: unsaved texts by absolute path). */
export function loadData(root: string, overlay?: Overlay): LoadedData {
  const problems: Problem[] = [];
  const dataDir = join(root, 'data');
  const programme = loadYamlFile(root, join(dataDir, 'programme.yaml'), problems, overlay);
  const catalogues: LoadedData['catalogues'] = {};
  for (const name of CATALOGUES) {
    const f = loadYamlFile(root, join(dataDir, 'catalogues', `${name}.yaml`), problems, overlay);
    if (f) catalogues[name] = f;
  }
  const actionsDir = join(dataDir, 'actions');
  const actions: LoadedFile[] = [];
  if (existsSync(actionsDir)) {
    for (const n of recordFiles(actionsDir, overlay)) {
      const f = loadYamlFile(root, join(actionsDir, n), problems, overlay);
      if (f) actions.push(f);
    }
  } else {
    problems.push({ file: relative(root, actionsDir), message: 'folder not found: action records go in data/actions/<id>.yaml', severity: 'error' });
  }
  const bookletPath = join(dataDir, 'booklet.yaml');
  const booklet = existsSync(bookletPath) || overlay?.has(bookletPath) ? loadYamlFile(root, bookletPath, problems, overlay) : undefined;
  return { root, programme, catalogues, actions, factsheets: loadFactsheets(root, dataDir, problems, overlay), booklet, problems };
}

/** Factsheets are optional: a project without data/factsheets/ has none. */
function loadFactsheets(root: string, dataDir: string, problems: Problem[], overlay?: Overlay): LoadedData['factsheets'] {
  const dir = join(dataDir, 'factsheets');
  if (!existsSync(dir)) return { records: [] };
  const records = recordFiles(dir, overlay).map((n) => loadYamlFile(root, join(dir, n), problems, overlay)).filter((f): f is LoadedFile => f !== undefined);
  if (records.length === 0) return { records };
  return {
    records,
    wording: loadYamlFile(root, join(dataDir, 'factsheet.yaml'), problems, overlay),
    gcmObjectives: loadYamlFile(root, join(dataDir, 'catalogues', 'gcm-objectives.yaml'), problems, overlay),
  };
}

export function idOf(file: LoadedFile): string {
  return basename(file.file, extname(file.file));
}
