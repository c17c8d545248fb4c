// History: who changed which record when, kept for every change the studio makes (the local
// history under .cache/history/, ./log.ts, and a git commit when the project is a repository,
// ./git.ts), shown field by field and word by word (./fields.ts), and any version restored
// as a new change. Beside the pipeline: it reads and writes data files' texts only.
import { appendEntry, keptText, noteCommit, readLog, type ChangeKind, type HistoryEntry } from './log.js';
import { commitFiles, commitsOf, fileAt, isRepository, person } from './git.js';
import { fieldChanges } from './fields.js';

export { fieldChanges, type FieldChange, type WordPart } from './fields.js';
export { isRepository, person } from './git.js';
export type { ChangeKind, HistoryEntry } from './log.js';

const VERBS: Record<ChangeKind, string> = { save: 'Edit', create: 'Create', delete: 'Delete', rename: 'Rename', restore: 'Restore an earlier version of', import: 'Import translations into' };

/** One file of a change: its text before and after (undefined: it did not exist / was removed). */
export interface FileVersion {
  file: string;
  before?: string;
  after?: string;
  /** A rename: the file's former name (the entry of the new file carries it). */
  from?: string;
}

/**
 * Record a change already written, of one or more files: in the local history (one entry per
 * file, sharing a group, so it can be undone whole), and as one commit of just those files
 * when the project is a git repository (unless `commit` is false). The commit message names
 * the record and its fields; its author is the user's git identity.
 */
export function recordChanges(root: string, kind: ChangeKind, files: FileVersion[], opts: { commit?: boolean; by?: string } = {}): HistoryEntry[] {
  const main = files[0];
  if (!main) return [];
  const fieldsOf = (f: FileVersion) => (kind === 'delete' || kind === 'rename' ? [] : fieldChanges(f.before, f.after).map((x) => x.field));
  const by = opts.by ?? person(root);
  let group: string | undefined;
  const entries = files.map((f) => {
    const entry = appendEntry(root, { file: f.file, from: f.from, kind, by, fields: fieldsOf(f), before: f.before, after: f.after, group });
    group ??= entry.group;
    return entry;
  });
  if (opts.commit !== false && isRepository(root)) {
    const fields = fieldsOf(main);
    const shown = fields.length > 6 ? [...fields.slice(0, 6), `${fields.length - 6} more`] : fields;
    const renamed = files.find((f) => f.from);
    const what = renamed ? `${renamed.from} → ${renamed.file}` : main.file;
    const others = files.filter((f) => f !== main && f !== renamed && !f.from).map((f) => f.file);
    // The trailer ties the commit to its change in the local history (which learns the commit's id only once it is made).
    const message = `${VERBS[kind]} ${what}${shown.length ? ` (${shown.join(', ')})` : ''}${others.length ? `\n\nAlso: ${others.join(', ')}.` : ''}\n\nMade in the brochure studio.\n\nStudio-Change: ${group}`;
    // The commit runs after the answer (git takes tens of milliseconds); one at a time, in order.
    commits = commits.then(async () => {
      const commit = await commitFiles(root, files.map((f) => f.file), message);
      if (commit) noteCommit(root, group!, commit);
    });
  }
  return entries;
}

/** Commits made one after the other, in the order of the changes. */
let commits: Promise<void> = Promise.resolve();

/** Resolves when every change recorded so far has its commit (or git refused it). */
export function historySettled(): Promise<void> {
  return commits;
}

/** The entries of one change (a group), to undo it whole: each under its file's name now (renamed since: the new name). */
export function changeGroup(root: string, group: string): HistoryEntry[] {
  const log = readLog(root);
  const first = log.findIndex((e) => e.group === group);
  if (first < 0) return [];
  const later = log.slice(first).filter((e) => e.group !== group && e.from);
  return log.filter((e) => e.group === group).map((e) => {
    let file = e.file;
    for (const r of later) if (r.from === file) file = r.file;
    return { ...e, file };
  });
}

/** The text a kept version holds (by digest). */
export const textOf = (root: string, sha: string | undefined) => keptText(root, sha);

/** One version of a record's history, as the studio and `brochure history` show it. */
export interface Version {
  /** A local entry's id, or "git:<commit>". */
  id: string;
  /** The change it belongs to (a local entry), for an undo. */
  group?: string;
  at: string;
  by: string;
  kind: ChangeKind | 'commit';
  file: string;
  from?: string;
  fields: string[];
  message?: string;
  commit?: string;
}

/** A record's versions, newest first: the studio's own changes, and the commits made elsewhere. */
export function historyOf(root: string, file: string): Version[] {
  const names = new Set([file]);
  const local = readLog(root).reverse().filter((e) => {
    if (!names.has(e.file)) return false;
    if (e.from) names.add(e.from); // older entries under its former name
    return true;
  });
  const seen = new Set(local.map((e) => e.commit).filter(Boolean));
  const groups = new Set(readLog(root).map((e) => e.group));
  const commits = isRepository(root) ? commitsOf(root, file).filter((c) => !seen.has(c.commit) && !(c.change && groups.has(c.change))) : [];
  const versions: Version[] = [
    ...local.map((e) => ({ id: e.id, group: e.group, at: e.at, by: e.by, kind: e.kind, file: e.file, from: e.from, fields: e.fields, commit: e.commit })),
    ...commits.map((c) => ({ id: `git:${c.commit}`, at: c.at, by: c.author, kind: 'commit' as const, file, fields: fieldChanges(fileAt(root, `${c.commit}~1`, file), fileAt(root, c.commit, file)).map((f) => f.field), message: c.message, commit: c.commit })),
  ];
  return versions.sort((a, b) => b.at.localeCompare(a.at));
}

/** A version's texts: the file before and after that change (undefined: it did not exist). */
export function versionTexts(root: string, file: string, id: string): { before?: string; after?: string; entry?: HistoryEntry } | undefined {
  if (id.startsWith('git:')) {
    const commit = id.slice(4);
    if (!/^[0-9a-f]{7,64}$/.test(commit)) return undefined;
    return { before: fileAt(root, `${commit}~1`, file), after: fileAt(root, commit, file) };
  }
  const entry = readLog(root).find((e) => e.id === id);
  if (!entry) return undefined;
  return { before: keptText(root, entry.before), after: keptText(root, entry.after), entry };
}
