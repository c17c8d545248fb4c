// The local history: every change the studio makes to a data file, kept under
// .cache/history/ — one line per change in log.jsonl (when, who, which file, which fields, the
// commit when git made one) and each version's text once, named by its SHA-256 (texts/). Kept
// whether or not the project is a git repository: restoring and undoing never need git.
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ChangeKind = 'save' | 'create' | 'delete' | 'rename' | 'restore' | 'import';

export interface HistoryEntry {
  id: string;
  at: string;
  by: string;
  /** The data file (relative to the project): after a rename, the new name. */
  file: string;
  /** A rename: the file's name before. */
  from?: string;
  kind: ChangeKind;
  /** The fields that changed ("fr.objective", "cities"). */
  fields: string[];
  /** The text before and after, by digest (absent: the file did not exist). */
  before?: string;
  after?: string;
  /** The git commit that recorded it. */
  commit?: string;
  /** The entries of one change of several files (a delete with the booklet's list, a rename) share it. */
  group: string;
}

const folder = (root: string) => join(root, '.cache', 'history');
const digest = (text: string) => createHash('sha256').update(text).digest('hex');

function keep(root: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const sha = digest(text);
  const path = join(folder(root), 'texts', `${sha}.yaml`);
  if (!existsSync(path)) {
    mkdirSync(join(folder(root), 'texts'), { recursive: true });
    writeFileSync(path, text);
  }
  return sha;
}

/** Append a change to the log, its texts kept. */
export function appendEntry(root: string, change: Omit<HistoryEntry, 'id' | 'at' | 'before' | 'after' | 'group'> & { before?: string; after?: string; at?: Date; group?: string }): HistoryEntry {
  const id = randomUUID();
  const entry: HistoryEntry = {
    id,
    group: change.group ?? id,
    at: (change.at ?? new Date()).toISOString(),
    by: change.by,
    file: change.file,
    ...(change.from ? { from: change.from } : {}),
    kind: change.kind,
    fields: change.fields,
    before: keep(root, change.before),
    after: keep(root, change.after),
    ...(change.commit ? { commit: change.commit } : {}),
  };
  mkdirSync(folder(root), { recursive: true });
  appendFileSync(join(folder(root), 'log.jsonl'), JSON.stringify(entry) + '\n');
  return entry;
}

/** The commit git made of a change, noted once it is made (the change was logged before). */
export function noteCommit(root: string, group: string, commit: string): void {
  appendFileSync(join(folder(root), 'log.jsonl'), JSON.stringify({ commitOf: group, commit }) + '\n');
}

/** Every entry, oldest first, with its commit (a line that cannot be read is passed over). */
export function readLog(root: string): HistoryEntry[] {
  const path = join(folder(root), 'log.jsonl');
  if (!existsSync(path)) return [];
  const entries: HistoryEntry[] = [];
  const commits = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try {
      const e = JSON.parse(line) as HistoryEntry & { commitOf?: string };
      if (typeof e.commitOf === 'string' && typeof e.commit === 'string') commits.set(e.commitOf, e.commit);
      else if (typeof e.id === 'string' && typeof e.file === 'string') entries.push(e);
    } catch {
      // a torn last line (the process stopped while writing): the others stand
    }
  }
  return entries.map((e) => (commits.has(e.group) ? { ...e, commit: commits.get(e.group) } : e));
}

/** A kept text by its digest. */
export function keptText(root: string, sha: string | undefined): string | undefined {
  if (!sha || !/^[0-9a-f]{64}$/.test(sha)) return undefined;
  const path = join(folder(root), 'texts', `${sha}.yaml`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
