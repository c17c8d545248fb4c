// A record's life in the studio beyond its form: its history (every change the studio made,
// and the commits made elsewhere when the project is a git repository), a version's changes
// field by field and word by word, restoring a version as a new change, undoing a change
// (a delete included), deleting and renaming a record — the booklet's lists and the
// translations' bookkeeping follow. Every change passes the checks a save passes (the data,
// the layout on the build thread) and nothing is written when one fails; each is recorded
// (src/history), as one commit when git is there and commits are on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../pipeline/index.js';
import { checkChanges, EditConflict, readDataFile, referenceChanges, saveChanges, type FileChange } from '../edit/index.js';
import { changeGroup, fieldChanges, historyOf, recordChanges, textOf, versionTexts, type ChangeKind, type HistoryEntry } from '../history/index.js';
import type { Problem } from '../problems.js';
import { LANGUAGES } from '../text/index.js';
import { confine, HttpError, jsonBody, type Json, type RouteGroup } from './guard.js';
import { isEditable } from './dataFiles.js';
import type { Builds } from './builds.js';


/** A record's file: data/actions/<id>.yaml or data/factsheets/<id>.yaml. */
export const RECORD_FILE = /^data\/(actions|factsheets)\/([a-z0-9][a-z0-9-]*)\.yaml$/;
const RECORD_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export interface RecordRoutes extends RouteGroup {
  /** Record a change the form saved (its history entry, its commit). */
  remember(kind: ChangeKind, changes: FileChange[]): HistoryEntry[];
  /** Check, write and record a change of several files, answering the request (./order.ts uses it too). */
  apply: Apply;
}

export type Apply = (res: ServerResponse, json: Json, kind: ChangeKind, changes: (FileChange & { from?: string })[], only: string[] | undefined, done: (entries: HistoryEntry[]) => object) => Promise<void>;

/** A data file whose history the studio shows: a record, or a file edited with the schema form. */
function historyFile(root: string, file: unknown): string {
  if (typeof file === 'string' && !RECORD_FILE.test(file) && isEditable(root, file)) return file;
  return recordFile(root, file).file;
}

/** A record file a request names, confined to its folder (it may be gone: a deleted record's history). */
function recordFile(root: string, file: unknown): { file: string; folder: 'actions' | 'factsheets'; id: string } {
  const m = typeof file === 'string' ? RECORD_FILE.exec(file) : null;
  if (!m || !confine(root, file as string, { folders: [`data/${m[1]}`], mayBeNew: true })) throw new HttpError(400, 'expected the file of an action or a factsheet, such as data/actions/rabat.yaml');
  return { file: file as string, folder: m[1] as 'actions' | 'factsheets', id: m[2]! };
}

export function recordRoutes(ws: Workspace, builds: Builds, opts: { commit: boolean }): RecordRoutes {
  const root = ws.root;
  const remember = (kind: ChangeKind, changes: FileChange[]) => recordChanges(root, kind, changes.map((c) => ({ file: c.file, before: c.before, after: c.after ?? undefined, from: (c as FileChange & { from?: string }).from })), { commit: opts.commit });

  /**
   * Check, write and record a change of several files; the builds follow. `only`: the records
   * whose layout to check ([]: none; undefined: every document — a shared file changed).
   */
  async function apply(res: ServerResponse, json: Json, kind: ChangeKind, changes: (FileChange & { from?: string })[], only: string[] | undefined, done: (entries: HistoryEntry[]) => object) {
    const refused = (problems: Problem[]) => json(res, 422, { problems, message: 'nothing was changed: fix the problems shown first' });
    const quick = await checkChanges(ws, changes);
    if (quick.some((p) => p.severity === 'error')) return refused(quick);
    if (!only || only.length) {
      const laidOut = await builds.check(new Map(changes.map((c) => [join(root, c.file), c.after])), only);
      if (laidOut.some((p) => p.severity === 'error')) return refused(laidOut);
    }
    try {
      await saveChanges(ws, changes, quick);
    } catch (e) {
      if (e instanceof EditConflict) return json(res, 409, { conflict: true, message: e.message });
      throw e;
    }
    const entries = remember(kind, changes);
    builds.request();
    return json(res, 200, done(entries));
  }

  /** The PDFs a record had in out/ (its languages), removed when it goes: the overview no longer shows them. */
  function removePdfs(id: string) {
    for (const lang of LANGUAGES) {
      const pdf = confine(root, `out/${lang}/${id}.pdf`, { folders: ['out'] });
      if (pdf) rmSync(pdf, { force: true });
    }
    builds.forget(id);
  }

  async function history(res: ServerResponse, query: URLSearchParams, json: Json) {
    const file = historyFile(root, query.get('file'));
    return json(res, 200, { file, exists: existsSync(join(root, file)), versions: historyOf(root, file) });
  }

  async function version(res: ServerResponse, query: URLSearchParams, json: Json) {
    const file = historyFile(root, query.get('file'));
    const texts = versionTexts(root, file, query.get('id') ?? '');
    if (!texts) throw new HttpError(404, 'no such version in this record\'s history');
    return json(res, 200, { fields: fieldChanges(texts.before, texts.after), exists: texts.after !== undefined });
  }

  async function restore(req: IncomingMessage, res: ServerResponse, json: Json) {
    const body = await jsonBody(req);
    const file = historyFile(root, body.file);
    const id = RECORD_FILE.exec(file)?.[2];
    const texts = versionTexts(root, file, String(body.id ?? ''));
    if (!texts) throw new HttpError(404, 'no such version in this record\'s history');
    if (texts.after === undefined) throw new HttpError(409, 'that version is the record deleted: to delete it, use Delete');
    const now = readDataFile(root, file);
    if (now === texts.after) return json(res, 200, { unchanged: true, message: 'the record is already as in that version' });
    return apply(res, json, 'restore', [{ file, before: now, after: texts.after }], id ? [id] : undefined, (entries) => ({ restored: entries[0]?.id }));
  }

  async function undo(req: IncomingMessage, res: ServerResponse, json: Json) {
    const body = await jsonBody(req);
    const group = changeGroup(root, String(body.group ?? ''));
    if (!group.length) throw new HttpError(404, 'no such change in the history');
    // Each file back as it was before that change; a file that did not exist then is removed.
    const changes = group.map((e) => ({ file: e.file, before: readDataFile(root, e.file), after: textOf(root, e.before) ?? null }));
    for (const e of group) if (e.before && textOf(root, e.before) === undefined) throw new HttpError(410, `the text of ${e.file} before that change is no longer kept (.cache/history/ was cleared)`);
    // A shared file in the change (a catalogue, the booklet): every document is checked.
    const shared = changes.some((c) => c.after !== null && !RECORD_FILE.test(c.file) && c.file !== 'data/translated-sources.yaml');
    const only = shared ? undefined : changes.filter((c) => c.after !== null && RECORD_FILE.test(c.file)).map((c) => RECORD_FILE.exec(c.file)![2]!);
    await apply(res, json, 'restore', changes, only, () => ({ undone: group.map((e) => e.file) }));
    if (res.statusCode === 200) for (const c of changes) if (c.after === null && RECORD_FILE.test(c.file)) removePdfs(RECORD_FILE.exec(c.file)![2]!);
  }

  async function remove(req: IncomingMessage, res: ServerResponse, json: Json) {
    const body = await jsonBody(req);
    const record = recordFile(root, body.file);
    const text = readDataFile(root, record.file);
    if (text === undefined) throw new HttpError(404, `${record.file} does not exist`);
    const changes = [{ file: record.file, before: text, after: null }, ...referenceChanges(root, await ws.loaded(), record)];
    const quick = await checkChanges(ws, changes);
    if (quick.some((p) => p.severity === 'error')) return json(res, 422, { problems: quick, message: 'not deleted: the data would not be valid without it (see the problems)' });
    await apply(res, json, 'delete', changes, [], (entries) => ({ deleted: record.file, group: entries[0]?.group, also: changes.slice(1).map((c) => c.file) }));
    if (res.statusCode === 200) removePdfs(record.id);
  }

  async function rename(req: IncomingMessage, res: ServerResponse, json: Json) {
    const body = await jsonBody(req);
    const record = recordFile(root, body.file);
    const to = String(body.id ?? '');
    if (!RECORD_ID.test(to)) throw new HttpError(400, 'a record\'s id is lower-case letters, digits and "-", starting with a letter or digit (it names the file and the PDFs)');
    const target = `data/${record.folder}/${to}.yaml`;
    if (!confine(root, target, { folders: [`data/${record.folder}`], mayBeNew: true })) throw new HttpError(400, `${target} is not a file the studio may write`);
    if (existsSync(join(root, target))) throw new HttpError(409, `${target} already exists: choose another id`);
    const text = readDataFile(root, record.file);
    if (text === undefined) throw new HttpError(404, `${record.file} does not exist`);
    const changes = [{ file: target, before: undefined, after: text, from: record.file }, { file: record.file, before: text, after: null }, ...referenceChanges(root, await ws.loaded(), record, to)];
    await apply(res, json, 'rename', changes, [to], (entries) => ({ renamed: target, group: entries[0]?.group, also: changes.slice(2).map((c) => c.file) }));
    if (res.statusCode === 200) removePdfs(record.id);
  }

  return {
    remember,
    apply,
    async handle(req, res, path, query, json) {
      const get = req.method === 'GET';
      const post = req.method === 'POST';
      if (get && path === '/api/history') await history(res, query, json);
      else if (get && path === '/api/history/version') await version(res, query, json);
      else if (post && path === '/api/history/restore') await restore(req, res, json);
      else if (post && path === '/api/history/undo') await undo(req, res, json);
      else if (post && path === '/api/delete') await remove(req, res, json);
      else if (post && path === '/api/rename') await rename(req, res, json);
      else return false;
      return true;
    },
  };
}
