// Editing the data from a tool (the studio's forms, a translation import): change values in
// YAML files, validate the whole data as it would be after the change, and only then write,
// atomically, refusing to overwrite a file that changed on disk since it was read.
// Sits beside the pipeline: it checks through the workspace (src/pipeline) with the changes
// laid over the files, and writes data files, never PDFs.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Workspace } from '../pipeline/index.js';
import { writeAtomic, type WriteResult } from '../write/index.js';
import type { Problem } from '../problems.js';
import { ActionRecord, Booklet, FactsheetRecord, Programme } from '../schema/index.js';
import { editYamlText, type KeyOrder, type YamlEdit } from './yaml.js';

export { editYamlText, YamlEditError, type YamlEdit } from './yaml.js';

/** One data file as it would be after an edit. */
export interface FileChange {
  /** Relative to the project root, e.g. data/actions/rabat.yaml. */
  file: string;
  /** The text read from disk before editing (undefined: a new file). */
  before: string | undefined;
  after: string;
}

/** The file was changed on disk (another editor, a git pull) after it was read. */
export class EditConflict extends Error {
  constructor(readonly file: string) {
    super(`${file} was changed on disk since it was opened: reload it, then make the change again`);
  }
}

/** A path inside data/, or an error: edits never reach outside it. */
function dataPath(root: string, file: string): string {
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

/** The workspace as it would be with these changes made (nothing written). */
export function withChanges(ws: Workspace, changes: readonly FileChange[]): Workspace {
  return ws.withOverlay(new Map(changes.map((c) => [dataPath(ws.root, c.file), c.after])));
}

/** Every problem the data would have with these changes made (warnings included). */
export async function checkChanges(ws: Workspace, changes: readonly FileChange[]): Promise<Problem[]> {
  return (await withChanges(ws, changes).checked()).problems;
}

/**
 * Write the changes when the data stays valid with them; otherwise write nothing and return
 * the errors. Throws EditConflict, before writing anything, when a file changed on disk.
 */
export async function saveChanges(ws: Workspace, changes: readonly FileChange[], problems?: Problem[]): Promise<{ problems: Problem[]; written: { file: string; result: WriteResult }[] }> {
  problems ??= await checkChanges(ws, changes);
  if (problems.some((p) => p.severity === 'error')) return { problems, written: [] };
  for (const c of changes) if (readDataFile(ws.root, c.file) !== c.before) throw new EditConflict(c.file);
  const written = changes.map((c) => ({ file: c.file, result: writeAtomic(dataPath(ws.root, c.file), c.after) }));
  return { problems, written };
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
