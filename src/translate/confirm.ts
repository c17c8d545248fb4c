// `brochure translate confirm --lang en`: the translations as they are now were reviewed
// against the source as it is now (after a hand edit, or to start tracking translations made
// before this tool): each translated block gets the fingerprint of its source, and the
// source texts are recorded. Nothing else in the files changes.
import type { Workspace } from '../pipeline/index.js';
import { changeFile, saveChanges, type FileChange, type YamlEdit } from '../edit/index.js';
import { DataError } from '../problems.js';
import { blockFingerprint } from '../text/index.js';
import { collectUnits, sourceLanguageOf } from './units.js';
import { readRecorded, recordChange } from './sources.js';

export async function confirmTranslations(ws: Workspace, lang: string, only?: string[]): Promise<{ blocks: number; files: string[] }> {
  const root = ws.root;
  await ws.valid();
  const loaded = await ws.loaded();
  const source = sourceLanguageOf(loaded);
  const units = collectUnits(loaded, lang, readRecorded(root), source).filter((u) => u.target !== undefined && (!only || only.some((id) => u.file === `data/actions/${id}.yaml` || u.file === `data/factsheets/${id}.yaml`)));
  const edits = new Map<string, YamlEdit[]>();
  let blocks = 0;
  for (const f of new Set(units.filter((u) => u.hasStatus).map((u) => u.file))) {
    const raw = [...loaded.actions, ...loaded.factsheets.records].find((x) => x.file === f)?.value as Record<string, Record<string, unknown>> | undefined;
    if (!raw?.[lang] || !raw[source]) continue;
    const fp = blockFingerprint(raw[source]);
    if (raw[lang].translated_from === fp) continue;
    edits.set(f, [{ path: [lang, 'translated_from'], value: fp }]);
    blocks++;
  }
  const changes: FileChange[] = [...edits].map(([f, e]) => changeFile(root, f, e));
  changes.push(recordChange(root, lang, Object.fromEntries(units.map((u) => [u.id, u.source]))));
  const saved = await saveChanges(ws, changes);
  if (saved.problems.some((p) => p.severity === 'error')) throw new DataError(saved.problems);
  return { blocks, files: [...edits.keys()] };
}
