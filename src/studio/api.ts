// The studio's API: state, catalogues, a record, live events, check, save, logo upload, and a
// translator's file previewed and imported (./translations.ts).
// Every path a request names goes through `confine` (./guard.ts); every body is capped before
// it is read and parsed by `parseJsonBody`; a save runs every check the build runs for that
// record — the data, the characters the fonts lack, fitting on its page in every language it
// has, a factsheet's page count — and writes nothing when any fails.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Workspace } from '../pipeline/index.js';
import { changeFile, checkChanges, editsBetween, EditConflict, saveChanges, withChanges, YamlEditError, type FileChange } from '../edit/index.js';
import { DataError, type Problem } from '../problems.js';
import { LANGUAGES, type Lang } from '../text/index.js';
import { writeAtomic } from '../write/index.js';
import { confine, HttpError, jsonBody, logoName, MAX_UPLOAD_BYTES, quotaProblem, readBody, type RouteGroup } from './guard.js';
import { checkLogo } from './upload.js';
import type { Builds } from './builds.js';
import { studioCatalogues, studioState } from './state.js';
import { dataFiles, isEditable, schemaOfFile } from './dataFiles.js';
import { RECORD_FILE, type RecordRoutes } from './records.js';

export type Api = (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => Promise<void>;

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The API's routes over the main thread's workspace (checked data, quick checks) and the build thread. */
/** The routes that sit beside the records' own: translations, review, a record's history. */
interface MoreRoutes {
  translations: RouteGroup;
  review: RouteGroup;
  records: RecordRoutes;
  print: RouteGroup;
  order: RouteGroup;
}

export function routes(ws: Workspace, builds: Builds, events: Set<ServerResponse>, more: MoreRoutes): Api {
  return async (req, res, path, query) => {
    for (const r of [more.translations, more.review, more.records, more.print, more.order]) if (await r.handle(req, res, path, query, json)) return;
    const get = req.method === 'GET';
    if (get && path === '/api/state') return json(res, 200, await studioState(ws, builds));
    if (get && path === '/api/catalogues') return json(res, 200, await studioCatalogues(ws));
    if (get && path === '/api/record') return record(res, ws.root, query.get('file') ?? '');
    if (get && path === '/api/data-files') return json(res, 200, { files: await dataFiles(ws) });
    if (get && path === '/api/schema') return json(res, 200, await schemaOfFile(ws, query.get('file') ?? ''));
    if (get && path === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: state\ndata: ${JSON.stringify(await studioState(ws, builds))}\n\n`);
      events.add(res);
      req.on('close', () => events.delete(res));
      return;
    }
    if (req.method === 'POST' && path === '/api/check') return check(req, res, ws);
    if (req.method === 'POST' && path === '/api/save') return save(req, res, ws, builds, more.records);
    if (req.method === 'POST' && path === '/api/upload') return upload(req, res, ws.root, query.get('name') ?? 'logo');
    throw new HttpError(404, 'no such address');
  };
}

/** A data file's text and value, for a form (confined to data/). */
function record(res: ServerResponse, root: string, file: string) {
  const abs = /\.ya?ml$/i.test(file) ? confine(root, file, { folders: ['data'] }) : undefined;
  if (!abs) throw new HttpError(404, `${file}: no such file in data/`);
  const text = readFileSync(abs, 'utf8');
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    value = undefined; // a file with a YAML mistake: its problems are in the state
  }
  return json(res, 200, { file, text, value });
}

const ACTION_FILE = /^data\/actions\/[a-z0-9][a-z0-9-]*\.yaml$/;
/** The id of a record's file; undefined for a file every document may use (programme, catalogues, booklet). */
const idOf = (file: string) => (RECORD_FILE.test(file) ? file.replace(/^.*\//, '').replace(/\.yaml$/, '') : undefined);

/** An empty value the form adds where the file had nothing (an empty partners list, a blank acronym). */
const isEmpty = (v: unknown) => v === '' || v === null || (Array.isArray(v) && v.length === 0) || (!!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

/** `after` without the empty values `before` did not have: a save changes only what the user changed. */
function withoutEmptyAdditions(before: unknown, after: unknown): unknown {
  if (!after || typeof after !== 'object' || Array.isArray(after)) return after;
  const was = before && typeof before === 'object' && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (!(k in was) && isEmpty(v)) continue;
    out[k] = withoutEmptyAdditions(was[k], v);
  }
  return out;
}

/** The change a form makes: the record's new value written over the text it was opened with. */
function changeOf(root: string, body: Record<string, unknown>): FileChange {
  const file = body.file;
  if (typeof file !== 'string' || !(ACTION_FILE.test(file) || isEditable(root, file))) throw new HttpError(400, `${String(file)}: not a data file the studio edits (the actions, factsheets, booklet, programme, factsheet wording and catalogues)`);
  const abs = confine(root, file, { folders: ['data'], mayBeNew: !!body.create });
  if (!abs) throw new HttpError(400, `${file} is not a file the studio may write`);
  if (!body.value || typeof body.value !== 'object' || Array.isArray(body.value)) throw new HttpError(400, 'the record must be a map of fields');
  if (body.create) {
    if (!ACTION_FILE.test(file)) throw new HttpError(400, 'only an action can be created in the studio');
    if (confine(root, file, { folders: ['data/actions'] })) throw new HttpError(409, `${file} already exists: choose another id`, { conflict: true });
    // The schema line lets an editor with the YAML language server complete and check the file.
    const header = `# yaml-language-server: $schema=../schemas/action.schema.json\n# Targeted City Action, created in the studio.\n`;
    return { file, before: undefined, after: header + stringify(withoutEmptyAdditions({}, body.value), { lineWidth: 0 }) };
  }
  if (typeof body.before !== 'string') throw new HttpError(400, 'the text the record was opened with is missing');
  let opened: unknown;
  try {
    opened = parse(body.before);
  } catch (e) {
    throw new HttpError(400, `the text the record was opened with is not YAML (${(e as Error).message.split('\n')[0]}): reload the record`);
  }
  try {
    return changeFile(root, file, editsBetween(opened, withoutEmptyAdditions(opened, body.value)), body.before);
  } catch (e) {
    if (e instanceof YamlEditError) throw new HttpError(422, e.message);
    throw e;
  }
}

/** As the user types: the data and the characters the fonts lack, without laying anything out. */
async function check(req: IncomingMessage, res: ServerResponse, ws: Workspace) {
  const change = changeOf(ws.root, await jsonBody(req));
  const found = await checkChanges(ws, [change]);
  let glyphs: Problem[] = [];
  if (!found.some((p) => p.severity === 'error')) {
    try {
      const id = idOf(change.file);
      glyphs = (await withChanges(ws, [change]).check({ only: id ? [id] : undefined, layout: false })).problems;
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
    }
  }
  const all = [...found, ...glyphs.filter((p) => !found.some((q) => q.message === p.message && q.field === p.field))];
  return json(res, 200, { problems: all.filter((p) => p.file === change.file), others: all.filter((p) => p.file !== change.file && p.severity === 'error').length });
}

/** A save: every check of a build for that record first (the layout on the build thread), then the file, then the builds. */
async function save(req: IncomingMessage, res: ServerResponse, ws: Workspace, builds: Builds, records: RecordRoutes) {
  const body = await jsonBody(req);
  const change = changeOf(ws.root, body);
  const id = idOf(change.file);
  const quick = await checkChanges(ws, [change]);
  const refused = (problems: Problem[]) => json(res, 422, { problems, message: 'not saved: fix the problems shown; nothing was written' });
  if (quick.some((p) => p.severity === 'error')) return refused(quick);
  // A record's own documents; a shared file (programme, catalogues, booklet wording): every document.
  const laidOut = await builds.check(new Map([[join(ws.root, change.file), change.after]]), id ? [id] : undefined);
  if (laidOut.some((p) => p.severity === 'error')) return refused(laidOut);
  try {
    const saved = await saveChanges(ws, [change], quick);
    // Who and when, the fields; a commit when the project is a git repository.
    if (saved.written.some((w) => w.result === 'written')) records.remember(body.create ? 'create' : 'save', [change]);
    // The language on screen first, so its preview updates at once; then everything else.
    const shown = LANGUAGES.includes(body.lang as Lang) ? [body.lang as Lang] : undefined;
    if (id) builds.request([id], shown);
    builds.request(undefined, undefined, id ? 400 : 0);
    return json(res, 200, { text: change.after, problems: [...saved.problems, ...laidOut].filter((p) => p.file === change.file) });
  } catch (e) {
    if (e instanceof EditConflict) return json(res, 409, { conflict: true, message: e.message });
    throw e;
  }
}

/** A logo: parsed and checked (./upload.ts), within the folder's quota, written under assets/logos/. */
async function upload(req: IncomingMessage, res: ServerResponse, root: string, name: string) {
  const { type, bytes } = await checkLogo(await readBody(req, MAX_UPLOAD_BYTES));
  const folder = confine(root, 'assets/logos/x', { folders: ['assets'], mayBeNew: true });
  if (!folder) throw new HttpError(400, 'assets/logos/ is not a folder the studio may write');
  const logos = join(folder, '..');
  let file = logoName(name, type);
  for (let i = 2; confine(root, `assets/logos/${file}`, { folders: ['assets'] }) && !readFileSync(join(logos, file)).equals(bytes); i++) file = file.replace(/(-\d+)?\.(\w+)$/, `-${i}.$2`);
  const target = confine(root, `assets/logos/${file}`, { folders: ['assets'], mayBeNew: true });
  if (!target) throw new HttpError(400, `assets/logos/${file} is not a file the studio may write`);
  const full = quotaProblem(logos, bytes.length);
  if (full) throw new HttpError(507, full);
  writeAtomic(target, bytes);
  return json(res, 200, { logo: `logos/${file}` });
}
