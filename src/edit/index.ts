// Editing the data from a tool (the studio's forms, a translation import): change values in
// YAML files, validate the whole data as it would be after the change, and only then write,
// atomically, refusing to overwrite a file that changed on disk since it was read.
// Sits beside the pipeline: it checks through the workspace (src/pipeline) with the changes
// laid over the files, and writes data files, never PDFs.
import { rmSync } from 'node:fs';
import type { Workspace } from '../pipeline/index.js';
import { writeAtomic, type WriteResult } from '../write/index.js';
import type { Problem } from '../problems.js';
import { dataPath, readDataFile, type FileChange } from './change.js';

export { editYamlText, YamlEditError, type YamlEdit } from './yaml.js';
export { changeFile, editsBetween, readDataFile, type FileChange } from './change.js';
export { referenceChanges } from './references.js';

/** The file was changed on disk (another editor, a git pull) after it was read. */
export class EditConflict extends Error {
  constructor(readonly file: string) {
    super(`${file} was changed on disk since it was opened: reload it, then make the change again`);
  }
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
  // New texts first, removals last: a rename interrupted half-way leaves two copies, never none.
  const ordered = [...changes].sort((a, b) => Number(a.after === null) - Number(b.after === null));
  const written = ordered.map((c) => {
    if (c.after !== null) return { file: c.file, result: writeAtomic(dataPath(ws.root, c.file), c.after) };
    rmSync(dataPath(ws.root, c.file), { force: true });
    return { file: c.file, result: 'written' as const };
  });
  return { problems, written };
}

