// The checked data, remembered: when no file under data/ and no line of the tool changed since
// the last run, the result of loading and validating is read back from .cache/data.json
// instead of parsing the YAML and checking it again (what makes `list`, `validate` and a build
// with nothing to do take a fraction of a second). Any change to any data file, or a new or
// removed one, gives a new key: the data is loaded and validated as usual. Then each file
// whose bytes did not change is not parsed again either: its value, text and positions are
// read back from .cache/loaded.json (an edit of one record parses that record only).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Validation } from '../validate/index.js';
import type { LoadedFile, LoadMemo } from '../load/index.js';
import type { Problem } from '../problems.js';
import { codeKey, digest, digestFiles, filesUnder } from '../cache/index.js';
import { writeAtomic } from '../write/index.js';

type Position = { line: number; column: number } | undefined;
type PositionOf = LoadedFile['positionOf'];
/** A record's positions, by path: what `positionOf` answered for every path of its value. */
type PositionIndex = Record<string, Position>;

const FORMAT = 1;

/** The result remembered for the project's data as it is on disk now, if any. */
export function readCheckedMemo(root: string): Validation | undefined {
  return readMemo(memoPath(root), dataKey(root));
}

const memoPath = (root: string) => join(root, '.cache', 'data.json');
const loadedPath = (root: string) => join(root, '.cache', 'loaded.json');
/** The files as last parsed are valid for the same project folder and the same code. */
const loadedKey = (root: string) => digest({ format: FORMAT, root, code: codeKey() });

/** A file as parsed, stored: the digest of its bytes, its value, text and positions, and what parsing it found. */
interface StoredFile {
  digest: string;
  file?: { file: string; value: unknown; text: string; positions: PositionIndex };
  problems: Problem[];
}

/** The positions of a file read back from .cache/loaded.json, to be written again as they were. */
const storedPositions = new WeakMap<LoadedFile, PositionIndex>();

/**
 * What the last run left, when the data changed since (an edit): the files it parsed go into
 * `memo` (by path, with the digest of the bytes they were read from), so that the load stage
 * parses again only those whose bytes changed; and its result, with the files it holds, so
 * that validation checks again only those (src/validate seedValidationMemo).
 */
export function readEarlierRun(root: string, memo: LoadMemo): { validation: Validation; files: Set<LoadedFile> } | undefined {
  const kept: [string, { digest: string; file?: LoadedFile; problems: Problem[] }][] = [];
  const files = new Set<LoadedFile>();
  try {
    const stored = JSON.parse(readFileSync(loadedPath(root), 'utf8')) as { key: string; validated: string; files: Record<string, StoredFile> };
    if (stored.key !== loadedKey(root)) return undefined;
    for (const [path, { digest, file, problems }] of Object.entries(stored.files)) {
      if (typeof digest !== 'string' || !Array.isArray(problems)) return undefined;
      if (!file) {
        kept.push([path, { digest, problems }]);
        continue;
      }
      const loaded: LoadedFile = { file: file.file, value: file.value, text: file.text, positionOf: (p, o) => lookup(file.positions, p, o?.key) };
      files.add(loaded);
      storedPositions.set(loaded, file.positions);
      kept.push([path, { digest, file: loaded, problems }]);
    }
    for (const [path, entry] of kept) if (!memo.files.has(path)) memo.files.set(path, entry);
    // The result of that run, when it is the one computed from these files.
    const validation = readMemo(memoPath(root), stored.validated);
    return validation && { validation, files };
  } catch {
    return undefined; // missing or unreadable: every file is parsed
  }
}

/**
 * Remember a run for the data as it is on disk now: its result (.cache/data.json) and the files
 * it parsed (.cache/loaded.json), the second naming the first. A cache that cannot be written
 * only costs time next run.
 */
export function rememberRun(root: string, validation: Validation, memo: LoadMemo): void {
  const key = dataKey(root);
  writeMemo(memoPath(root), key, validation);
  const files: Record<string, StoredFile> = {};
  for (const [path, { digest, file, problems }] of memo.files) {
    // A file removed since, or a value JSON cannot hold as it is (.inf, .nan): parsed next time.
    if (!existsSync(path) || (file && !jsonSafe(file.value))) continue;
    const stored = file && { file: file.file, value: file.value, text: file.text, positions: storedPositions.get(file) ?? positionsOf(file.value, file.positionOf) };
    files[path] = { digest, problems, file: stored };
  }
  try {
    writeAtomic(loadedPath(root), JSON.stringify({ key: loadedKey(root), validated: key, files }));
  } catch {
    // As above.
  }
}

/** Every file under data/ (names and bytes), the project folder and the code that checks them. */
function dataKey(root: string): string {
  return digest({ format: FORMAT, root, code: codeKey(), data: digestFiles(filesUnder(join(root, 'data'), '')) });
}

// Records keep a function giving the line and column of any of their fields (for messages
// found later, when fitting or resolving). Stored as the positions of every path of the record.
type WithPositions = { record?: unknown; positionOf?: PositionOf; positions?: PositionIndex };

function recordsOf(v: Validation): WithPositions[] {
  return [...(v.data?.actions ?? []), ...(v.data?.factsheets.records ?? [])] as WithPositions[];
}

function writeMemo(path: string, key: string, validation: Validation): void {
  const stored = {
    ...validation,
    data: validation.data && {
      ...validation.data,
      actions: validation.data.actions.map(withIndex),
      factsheets: { ...validation.data.factsheets, records: validation.data.factsheets.records.map(withIndex) },
    },
  };
  try {
    writeAtomic(path, JSON.stringify({ key, validation: stored }));
  } catch {
    // A cache that cannot be written only costs time next run.
  }
}

function readMemo(path: string, key: string): Validation | undefined {
  try {
    const memo = JSON.parse(readFileSync(path, 'utf8')) as { key: string; validation: Validation };
    if (memo.key !== key) return undefined;
    for (const r of recordsOf(memo.validation)) {
      const index = r.positions ?? {};
      delete r.positions;
      r.positionOf = (p, o) => lookup(index, p, o?.key);
    }
    return memo.validation;
  } catch {
    return undefined; // missing or unreadable: load and validate
  }
}

function withIndex<T extends WithPositions>(r: T): T {
  const { positionOf, ...rest } = r;
  if (!positionOf) return r;
  return { ...rest, positions: positionsOf(r.record, positionOf) } as T;
}

/** Whether JSON gives the value back as it is: text, finite numbers, booleans, null, lists and maps of them. */
function jsonSafe(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v).every(jsonSafe);
  return false;
}

/** What `positionOf` answers for every path of `value` (and for the key of each field). */
function positionsOf(value: unknown, positionOf: PositionOf): PositionIndex {
  const positions: PositionIndex = {};
  const visit = (v: unknown, path: PropertyKey[]) => {
    positions[pathKey(path, false)] = positionOf(path);
    if (path.length) positions[pathKey(path, true)] = positionOf(path, { key: true });
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, [...path, k]);
  };
  visit(value, []);
  return positions;
}

const pathKey = (path: readonly PropertyKey[], key: boolean | undefined) => `${key ? 'k' : 'v'}${JSON.stringify(path.map(String))}`;

/** The position of a path, or of its nearest ancestor the record has (as positionOf answers). */
function lookup(index: PositionIndex, path: readonly PropertyKey[], key?: boolean): Position {
  for (let n = path.length; n >= 0; n--) {
    const k = pathKey(path.slice(0, n), n === path.length ? key : false);
    if (k in index) return index[k];
  }
  return undefined;
}
