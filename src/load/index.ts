// Stage 1 — load: read the YAML files of data/ keeping every value's position,
// so later stages can point the user at file:line:column.
import { readFileSync, readdirSync, readlinkSync, existsSync, statSync } from 'node:fs';
import { join, relative, basename, dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import { fieldPath, type Problem } from '../problems.js';
import { firstInvalidUtf8, guessEncoding, positionOfByte, REPLACEMENT } from './encoding.js';

// The YAML library is loaded on the first file read: a command served from the checked-data
// memo (src/pipeline) never parses YAML, so it does not pay for loading it.
let yamlLib: typeof import('yaml') | undefined;
const yaml = () => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
const isMap: typeof import('yaml').isMap = (n): n is never => yaml().isMap(n);
const isSeq: typeof import('yaml').isSeq = (n): n is never => yaml().isSeq(n);
const isNode: typeof import('yaml').isNode = (n): n is never => yaml().isNode(n);

/** Where the booklets' settings and wording live. */
export const BOOKLET_FILE = join('data', 'booklet.yaml');

/** Larger data files are refused: a record is a few kilobytes. */
export const MAX_FILE_BYTES = 1_000_000;

export interface LoadedFile {
  /** Path relative to the project root, as shown to the user. */
  file: string;
  value: unknown;
  /** The file's text (for messages that show a line as it should be written). */
  text: string;
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
type CatalogueName = (typeof CATALOGUES)[number];

/**
 * Texts that stand in for files on disk, by absolute path: an edit (studio, translation
 * import) is validated with the whole data before anything is written. `null`: the record
 * file is taken away (a delete or a rename being checked).
 */
export type Overlay = ReadonlyMap<string, string | null>;

/**
 * What a long-running tool keeps between loads (src/pipeline's workspace): each file's
 * result by path, with the digest of the text it was read from. A file whose bytes did not
 * change is not parsed again; `parsed` counts the files that were.
 */
export interface LoadMemo {
  files: Map<string, { digest: string; file?: LoadedFile; problems: Problem[] }>;
  parsed: number;
}

function loadYamlFile(root: string, path: string, problems: Problem[], overlay?: Overlay, memo?: LoadMemo): LoadedFile | undefined {
  if (!memo || overlay?.get(path) === null) return parseYamlFile(root, path, problems, overlay);
  let source: string | Buffer;
  try {
    if (!overlay?.has(path) && statSync(path).size > MAX_FILE_BYTES) return parseYamlFile(root, path, problems, overlay); // refused unread
    source = overlay?.get(path) ?? readFileSync(path);
  } catch {
    return parseYamlFile(root, path, problems, overlay); // says "file not found"
  }
  const digest = createHash('sha1').update(source).digest('hex');
  let kept = memo.files.get(path);
  if (kept?.digest !== digest) {
    const own: Problem[] = [];
    kept = { digest, file: parseYamlFile(root, path, own, overlay), problems: own };
    memo.files.set(path, kept);
    memo.parsed++;
  }
  problems.push(...kept.problems);
  return kept.file;
}

function parseYamlFile(root: string, path: string, problems: Problem[], overlay?: Overlay): LoadedFile | undefined {
  const file = relative(root, path) || path;
  const proposed = overlay?.get(path);
  let size: number;
  try {
    if (proposed === null) throw new Error('taken away');
    size = proposed !== undefined ? Buffer.byteLength(proposed) : statSync(path).size;
  } catch {
    problems.push({ file, message: 'file not found', severity: 'error' });
    return undefined;
  }
  if (size > MAX_FILE_BYTES) {
    problems.push({ file, message: `file is ${Math.round(size / 1000)} kB, larger than the ${MAX_FILE_BYTES / 1000} kB a data file may be`, severity: 'error' });
    return undefined;
  }
  // Unsaved text (an edit being checked) is already text; a file is checked as bytes first.
  const bytes = proposed === undefined ? readFileSync(path) : undefined;
  const invalid = bytes ? firstInvalidUtf8(bytes) : -1;
  if (bytes && invalid !== -1) {
    const { line, column } = positionOfByte(bytes, invalid);
    const byte = bytes[invalid]!.toString(16).toUpperCase().padStart(2, '0');
    problems.push({ file, line, column, message: `not UTF-8 text (byte 0x${byte} here): the file looks like ${guessEncoding(bytes)}: save it as UTF-8 (accented letters would otherwise print as "${REPLACEMENT}")`, severity: 'error' });
    return undefined;
  }
  const text = (proposed ?? bytes!.toString('utf8')).replace(/^\uFEFF/, ''); // a byte order mark is fine
  const lost = text.indexOf(REPLACEMENT);
  if (lost !== -1) {
    const { line, column } = positionOfByte(Buffer.from(text), Buffer.byteLength(text.slice(0, lost)));
    problems.push({ file, line, column, message: `"${REPLACEMENT}" (U+FFFD) marks a character lost when the text was converted from another encoding: type the intended character again`, severity: 'error' });
    return undefined;
  }
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  let failed = doc.errors.length > 0;
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  if (tabs.length) {
    // Every other error of a tab-indented file follows from the tabs: one message.
    const { line, col } = at(tabs[0].pos[0]);
    const n = text.split('\n').filter((l) => /^ *\t/.test(l)).length;
    const where = n <= 1 ? `line ${line}` : `${n} lines, from line ${line}`;
    problems.push({ file, line, column: col, message: `YAML syntax: the file is indented with tabs (${where}); YAML needs spaces: replace each tab at the start of a line with two spaces`, severity: 'error' });
  } else {
    const duplicates = duplicateKeys(doc, at);
    for (const e of doc.errors) {
      if (e.code === 'DUPLICATE_KEY' && duplicates.length) continue; // said below, with the first occurrence
      const { line, col } = at(e.pos[0]);
      const quoted = quoteHint(text.split(/\r?\n/)[line - 1] ?? '');
      problems.push({ file, line, column: col, message: quoted ?? `YAML syntax: ${firstLine(e.message)}`, severity: 'error' });
    }
    for (const d of duplicates) problems.push({ file, ...d, severity: 'error' });
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
  return { file, value, text, positionOf: (p, opts) => positionIn(doc, p, at, opts?.key) };
}

/** Keys given twice in one map: at the second, naming the line of the first. */
function duplicateKeys(doc: Document, at: (o: number) => { line: number; col: number }): { line: number; column: number; field?: string; message: string }[] {
  const found: { line: number; column: number; field?: string; message: string }[] = [];
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (isMap(node)) {
      const first = new Map<unknown, Node>();
      for (const pair of node.items) {
        const key = isNode(pair.key) ? (pair.key as { value?: unknown }).value : pair.key;
        const earlier = first.get(key);
        if (earlier && isNode(pair.key) && pair.key.range) {
          const { line, col } = at(pair.key.range[0]);
          found.push({ line, column: col, field: fieldPath([...path, String(key)]), message: `duplicate key "${String(key)}": it is already given on line ${at(earlier.range![0]).line}; keep one of the two` });
        } else if (isNode(pair.key) && pair.key.range) first.set(key, pair.key as Node);
        walk(pair.value, [...path, String(key)]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return found;
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

/**
 * A line whose text holds ": " (French spacing before a colon: "Titre : sous-titre"), which
 * YAML reads as a field inside the text: the message says to quote it, showing the line fixed.
 */
export function quoteHint(line: string): string | undefined {
  const m = /^(\s*(?:-\s+)?(?:[\w-]+:\s+)?)([^"'\s#&*!|>{[].*?)\s*$/.exec(line);
  if (!m || !/:\s/.test(m[2]!.replace(/^[\w-]+:\s/, ''))) return undefined;
  const fixed = `${m[1]}${JSON.stringify(m[2])}`;
  return `the text holds ": ", which YAML reads as the start of a field: put the text in quotes, as in   ${fixed.trim()}`;
}

function firstLine(s: string) {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Load programme, catalogues and every action record under `root/data` (`overlay`: unsaved texts by absolute path). */
export function loadData(root: string, overlay?: Overlay, memo?: LoadMemo): LoadedData {
  const problems: Problem[] = [];
  const dataDir = join(root, 'data');
  const programme = loadYamlFile(root, join(dataDir, 'programme.yaml'), problems, overlay, memo);
  const catalogues: LoadedData['catalogues'] = {};
  for (const name of CATALOGUES) {
    const f = loadYamlFile(root, join(dataDir, 'catalogues', `${name}.yaml`), problems, overlay, memo);
    if (f) catalogues[name] = f;
  }
  const actionsDir = join(dataDir, 'actions');
  const actions: LoadedFile[] = [];
  if (existsSync(actionsDir)) {
    for (const n of recordFiles(root, actionsDir, problems, overlay)) {
      const f = loadYamlFile(root, join(actionsDir, n), problems, overlay, memo);
      if (f) actions.push(f);
    }
  } else {
    problems.push({ file: relative(root, actionsDir), message: 'folder not found: action records go in data/actions/<id>.yaml', severity: 'error' });
  }
  const bookletPath = join(dataDir, 'booklet.yaml');
  const booklet = existsSync(bookletPath) || overlay?.has(bookletPath) ? loadYamlFile(root, bookletPath, problems, overlay, memo) : undefined;
  return { root, programme, catalogues, actions, factsheets: loadFactsheets(root, dataDir, problems, overlay, memo), booklet, problems };
}

/** Factsheets are optional: a project without data/factsheets/ has none. */
function loadFactsheets(root: string, dataDir: string, problems: Problem[], overlay?: Overlay, memo?: LoadMemo): LoadedData['factsheets'] {
  const dir = join(dataDir, 'factsheets');
  if (!existsSync(dir)) return { records: [] };
  const records = recordFiles(root, dir, problems, overlay).map((n) => loadYamlFile(root, join(dir, n), problems, overlay, memo)).filter((f): f is LoadedFile => f !== undefined);
  if (records.length === 0) return { records };
  return {
    records,
    wording: loadYamlFile(root, join(dataDir, 'factsheet.yaml'), problems, overlay, memo),
    gcmObjectives: loadYamlFile(root, join(dataDir, 'catalogues', 'gcm-objectives.yaml'), problems, overlay, memo),
  };
}

/** A record file: .yaml or .yml, in any case (x.YAML, as some editors save it). */
const isRecordFile = (name: string) => /\.ya?ml$/i.test(name);

/**
 * The record files of a folder, sorted. Any other file or folder there (x.yaml.bak, notes.txt)
 * is not read, and the user is told so. Hidden files (.DS_Store, editors' swap files) are skipped.
 */
function recordFiles(root: string, dir: string, problems: Problem[], overlay?: Overlay): string[] {
  const names = new Set<string>();
  // With any record the overlay adds (an edit not yet saved).
  for (const [path, text] of overlay ?? []) if (text !== null && dirname(path) === dir && isRecordFile(basename(path))) names.add(basename(path));
  const entries = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || overlay?.get(join(dir, entry.name)) === null) continue;
    if (entry.isFile() && isRecordFile(entry.name)) names.add(entry.name);
    else if (entry.isSymbolicLink()) problems.push(linkProblem(root, dir, entry.name));
    else {
      const file = relative(root, join(dir, entry.name));
      const what = entry.isDirectory() ? 'folder' : 'file';
      problems.push({ file, message: `this ${what} is not read: only .yaml and .yml files in ${relative(root, dir)}/ are records (rename it to <id>.yaml, or move it out of data/)`, severity: 'warning' });
    }
  }
  return [...names].sort();
}

/** A symbolic link among the records: not read (records are files), a loop said as such, once. */
function linkProblem(root: string, dir: string, name: string): Problem {
  const path = join(dir, name);
  const file = relative(root, path);
  let target = '';
  try {
    target = readlinkSync(path);
    statSync(path); // follows the link: throws for a loop or a missing target
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { file, message: `this symbolic link leads back to itself (through ${target}): a loop, never followed: remove it`, severity: 'warning' };
    return { file, message: `this symbolic link points to ${target || 'nothing'}, which does not exist: it is not read; remove it`, severity: 'warning' };
  }
  return { file, message: `this is a symbolic link (to ${target}): records are read from the files of ${relative(root, dir)}/ themselves, not through links; copy the file there instead`, severity: 'warning' };
}

export function idOf(file: LoadedFile): string {
  return basename(file.file).replace(/\.ya?ml$/i, '');
}
