// The checked data, remembered: when no file under data/ and no line of the tool changed since
// the last run, the result of loading and validating is read back from .cache/data.json
// instead of parsing the YAML and checking it again (what makes `list`, `validate` and a build
// with nothing to do take a fraction of a second). Any change to any data file, or a new or
// removed one, gives a new key: the data is loaded and validated as usual.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Validation } from '../validate/index.js';
import type { LoadedFile } from '../load/index.js';
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

/** Remember a result for the data as it is on disk now (a cache that cannot be written only costs time). */
export function writeCheckedMemo(root: string, validation: Validation): void {
  writeMemo(memoPath(root), dataKey(root), validation);
}

const memoPath = (root: string) => join(root, '.cache', 'data.json');

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
  const positions: PositionIndex = {};
  const visit = (value: unknown, path: PropertyKey[]) => {
    positions[pathKey(path, false)] = positionOf(path);
    if (path.length) positions[pathKey(path, true)] = positionOf(path, { key: true });
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(r.record, []);
  return { ...rest, positions } as T;
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
