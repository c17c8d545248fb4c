// Where the data names a record by its id besides its own file: the booklet's lists of
// actions and factsheets, and the translations' bookkeeping (data/translated-sources.yaml,
// keyed "actions/<id>.yaml#field"). A rename changes them to the new id, a delete takes them
// out, so the data stays valid and nothing is left pointing at a record that is gone.
import { parse } from 'yaml';
import type { LoadedData } from '../load/index.js';
import { changeFile, editsBetween, readDataFile, type FileChange } from './change.js';

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const SOURCES = 'data/translated-sources.yaml';

/** The changes to other data files that renaming (`to`) or deleting (no `to`) a record needs. */
export function referenceChanges(root: string, loaded: LoadedData, record: { folder: 'actions' | 'factsheets'; id: string }, to?: string): FileChange[] {
  const changes: FileChange[] = [];
  const booklet = loaded.booklet;
  if (booklet && isMap(booklet.value) && Array.isArray(booklet.value.include)) {
    const before = booklet.value.include as unknown[];
    const after = before.map((entry) => {
      if (!isMap(entry) || !Array.isArray(entry[record.folder])) return entry;
      const ids = (entry[record.folder] as unknown[]).flatMap((x) => (x === record.id ? (to ? [to] : []) : [x]));
      return { ...entry, [record.folder]: ids };
    });
    const edits = editsBetween(before, after, ['include']);
    if (edits.length) changes.push(changeFile(root, booklet.file, edits));
  }
  const text = readDataFile(root, SOURCES);
  let sources: unknown;
  try {
    sources = text === undefined ? undefined : parse(text);
  } catch {
    sources = undefined; // a bookkeeping file that cannot be read is translate's to report
  }
  if (isMap(sources)) {
    const prefix = `${record.folder}/${record.id}.yaml#`;
    const after = Object.fromEntries(Object.entries(sources).map(([lang, units]) => [lang, isMap(units) ? Object.fromEntries(Object.entries(units).flatMap(([k, v]) => (k.startsWith(prefix) ? (to ? [[`${record.folder}/${to}.yaml#${k.slice(prefix.length)}`, v]] : []) : [[k, v]]))) : units]));
    const edits = editsBetween(sources, after);
    if (edits.length) changes.push(changeFile(root, SOURCES, edits, text));
  }
  return changes;
}
