// One data file's change: read it, apply YAML edits in the file's schema key order, and the
// smallest edits between two values. What the edit module's checks and writes work on.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ActionRecord, Booklet, FactsheetRecord, Programme } from '../schema/index.js';
import { editYamlText, type KeyOrder, type YamlEdit } from './yaml.js';

/** One data file as it would be after an edit. */
export interface FileChange {
  /** Relative to the project root, e.g. data/actions/rabat.yaml. */
  file: string;
  /** The text read from disk before editing (undefined: a new file). */
  before: string | undefined;
  /** The text after (null: the file is removed — a record deleted, or renamed away). */
  after: string | null;
}

/** A path inside data/, or an error: edits never reach outside it. */
export function dataPath(root: string, file: string): string {
  const abs = resolve(root, file);
  const data = join(resolve(root), 'data') + sep;
  if (!abs.startsWith(data) || !/\.ya?ml$/i.test(abs)) throw new Error(`${file}: only YAML files under data/ can be edited`);
  return abs;
}

/** Read a data file for editing (undefined when it does not exist yet). */
export function readDataFile(root: string, file: string): string | undefined {
  const abs = dataPath(root, file);
  return existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
}

/** The change that `edits` make to `file` (read from disk, or `before` when given); a new key goes where its schema puts it. */
export function changeFile(root: string, file: string, edits: readonly YamlEdit[], before = readDataFile(root, file)): FileChange {
  const rel = relative(root, dataPath(root, file));
  return { file: rel, before, after: editYamlText(before ?? '', edits, keyOrder(rel)) };
}

/** The zod schema of a data file, by where it is. */
function schemaOf(file: string): unknown {
  if (/^data\/actions\//.test(file)) return ActionRecord;
  if (/^data\/factsheets\//.test(file)) return FactsheetRecord;
  if (file === 'data/programme.yaml') return Programme;
  if (file === 'data/booklet.yaml') return Booklet;
  return undefined;
}

type ZodLike = { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown; element?: unknown; valueType?: unknown } } };

/** The keys of the map at `path` in the file's schema, in the schema's order (optional, default and list wrappers seen through). */
function keyOrder(file: string): KeyOrder | undefined {
  const root = schemaOf(file);
  if (!root) return undefined;
  const unwrap = (s: unknown): ZodLike | undefined => {
    let z = s as ZodLike | undefined;
    for (let i = 0; z && !z.shape && i < 8; i++) {
      const def = z._zod?.def;
      z = (def?.innerType ?? def?.element ?? def?.valueType) as ZodLike | undefined;
    }
    return z;
  };
  return (path) => {
    let z = unwrap(root);
    for (const key of path) z = typeof key === 'number' ? unwrap(z) : unwrap(z?.shape?.[key] ?? z?._zod?.def?.valueType);
    return z?.shape ? Object.keys(z.shape) : undefined;
  };
}

/**
 * The smallest edits that turn `before` into `after` (both plain data read from YAML), at
 * `path` in the file: a changed text or list item is set in place, so the comments around
 * every other value stay. A list that changed length is set whole; a key missing from
 * `after` is removed. The one diff of YAML values (the studio's forms, translation import).
 */
export function editsBetween(before: unknown, after: unknown, path: (string | number)[] = []): YamlEdit[] {
  if (sameValue(before, after)) return [];
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isMap(before) && isMap(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => editsBetween(before[k], after[k], [...path, k]));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return after.flatMap((v, i) => editsBetween(before[i], v, [...path, i]));
  }
  return [{ path, value: after }];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
