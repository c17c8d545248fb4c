// Editing the data from a tool (the studio's forms, a translation import): change values in
// YAML files, validate the whole data as it would be after the change, and only then write,
// atomically, refusing to overwrite a file that changed on disk since it was read.
// Sits beside the pipeline: it calls load and validate, and writes data files, never PDFs.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { loadData } from '../load/index.js';
import { validate } from '../validate/index.js';
import { validateBooklet, BOOKLET_FILE } from '../validate/booklet.js';
import { writeAtomic, type WriteResult } from '../write/index.js';
import type { Problem } from '../problems.js';
import { editYamlText, type YamlEdit } from './yaml.js';

export { editYamlText, YamlEditError, type YamlEdit, type YamlPath } from './yaml.js';

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

/** The change that `edits` make to `file` (read from disk, or `before` when given). */
export function changeFile(root: string, file: string, edits: readonly YamlEdit[], before = readDataFile(root, file)): FileChange {
  return { file: relative(root, dataPath(root, file)), before, after: editYamlText(before ?? '', edits) };
}

/** Every problem the data would have with these changes made (warnings included). */
export function checkChanges(root: string, changes: readonly FileChange[]): Problem[] {
  const overlay = new Map(changes.map((c) => [dataPath(root, c.file), c.after]));
  const { data, problems } = validate(loadData(root, overlay));
  if (data && (existsSync(join(root, BOOKLET_FILE)) || overlay.has(join(root, BOOKLET_FILE)))) problems.push(...validateBooklet(root, data, overlay).problems);
  return problems;
}

/**
 * Write the changes when the data stays valid with them; otherwise write nothing and return
 * the errors. Throws EditConflict, before writing anything, when a file changed on disk.
 */
export function saveChanges(root: string, changes: readonly FileChange[]): { problems: Problem[]; written: { file: string; result: WriteResult }[] } {
  const problems = checkChanges(root, changes);
  if (problems.some((p) => p.severity === 'error')) return { problems, written: [] };
  for (const c of changes) if (readDataFile(root, c.file) !== c.before) throw new EditConflict(c.file);
  const written = changes.map((c) => ({ file: c.file, result: writeAtomic(dataPath(root, c.file), c.after) }));
  return { problems, written };
}
