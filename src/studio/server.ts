// `brochure studio`: a local web app to see every document and edit the actions in forms.
// It sits beside the pipeline: one workspace (src/pipeline) holds the checked data and builds
// the PDFs, after each save and each change on disk (./builds.ts); edits go through src/edit
// (comments kept, validated with the whole data, atomic, conflicts refused). Plain node:http,
// no framework: a handful of routes.
// Security (see ./guard.ts): 127.0.0.1 by default, Host and Origin checked, files served
// from data/, assets/ and out/ only, uploads checked, no command is ever run for a request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import { Workspace } from '../pipeline/index.js';
import { changeFile, checkChanges, dataPath, editsBetween, EditConflict, readDataFile, saveChanges, YamlEditError, type FileChange } from '../edit/index.js';
import { LANGUAGES, type Lang } from '../text/index.js';
import { writeAtomic } from '../write/index.js';
import { watchData, type DataWatcher } from '../watchData.js';
import { allowedHosts, imageType, logoName, MAX_JSON_BYTES, MAX_UPLOAD_BYTES, refusal, servedFile } from './guard.js';
import { Builds } from './builds.js';
import { studioCatalogues, studioState } from './state.js';

export interface StudioOptions {
  root: string;
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  log?: (line: string) => void;
}

export interface Studio {
  url: string;
  /** Resolves when no build is running or queued (for tests and the benchmark). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.yaml': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The app's own files (plain HTML, CSS and JS modules: nothing to build), found from src/ or dist/. */
function appFolder(): string {
  const here = import.meta.dirname;
  const candidates = [join(here, 'app'), resolve(here, '../../../src/studio/app'), resolve(here, '../../src/studio/app')];
  return candidates.find((d) => existsSync(join(d, 'index.html')))!;
}

/** pdf.js, served by name from its package: these two files and nothing else of node_modules. */
function pdfjsFiles(): Record<string, string> {
  const build = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');
  return { 'pdf.min.mjs': join(build, 'pdf.min.mjs'), 'pdf.worker.min.mjs': join(build, 'pdf.worker.min.mjs') };
}

/** The programme's typeface for the app itself, by name from its packages. */
function fontFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const files: Record<string, string> = {};
  for (const [pkg, names] of Object.entries({ '@fontsource/ibm-plex-sans': ['latin-400', 'latin-500', 'latin-600'], '@fontsource/ibm-plex-sans-arabic': ['arabic-400', 'arabic-600'] })) {
    const dir = join(dirname(require.resolve(`${pkg}/package.json`)), 'files');
    for (const n of names) {
      const name = `${pkg.split('/')[1]}-${n}-normal.woff2`;
      files[name] = join(dir, name);
    }
  }
  return files;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly body?: object) {
    super(message);
  }
}

/** The app's static files, served by name. */
interface Served {
  app: string;
  appFiles: Set<string>;
  pdfjs: Record<string, string>;
  fonts: Record<string, string>;
}

export async function startStudio(opts: StudioOptions): Promise<Studio> {
  const root = resolve(opts.root);
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => {});
  const app = appFolder();
  const served: Served = { app, appFiles: new Set(readdirSync(app)), pdfjs: pdfjsFiles(), fonts: fontFiles() };
  const ws = Workspace.open(root);
  const builds = new Builds(ws, log);
  const events = new Set<ServerResponse>();
  // Each event carries the whole state, so a page updates without asking again.
  builds.onChange(() => {
    if (!events.size) return;
    void studioState(ws, builds).then((state) => {
      const message = `event: state\ndata: ${JSON.stringify(state)}\n\n`;
      for (const res of events) res.write(message);
    });
  });
  const api = routes(ws, builds, events);

  let hosts = new Set<string>();
  const server = createServer((req, res) => void answer(req, res, hosts, served, api, root, log));
  server.requestTimeout = 30_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;

  builds.request();
  const watcher: DataWatcher = watchData(root, () => builds.request());
  await watcher.ready;

  return {
    url,
    idle: () => builds.idle(),
    close: async () => {
      await watcher.close();
      for (const res of events) res.end();
      events.clear();
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await builds.idle();
    },
  };
}

type Api = (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => Promise<void>;

/** One request: refused, an API call, or a file of the app, of pdf.js, a font or data/assets/out. */
async function answer(req: IncomingMessage, res: ServerResponse, hosts: Set<string>, served: Served, api: Api, root: string, log: (line: string) => void) {
  try {
    const why = refusal(req, hosts);
    if (why) throw new HttpError(403, why);
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    const path = url.pathname;
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (path.startsWith('/api/')) return await api(req, res, path, url.searchParams);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (path === '/' || path === '/index.html') return sendFile(res, join(served.app, 'index.html'), true);
    if (path.startsWith('/app/') && served.appFiles.has(path.slice(5))) return sendFile(res, join(served.app, path.slice(5)));
    if (path.startsWith('/pdfjs/') && served.pdfjs[path.slice(7)]) return sendFile(res, served.pdfjs[path.slice(7)]!);
    if (path.startsWith('/fonts/') && served.fonts[path.slice(7)]) return sendFile(res, served.fonts[path.slice(7)]!);
    if (path.startsWith('/files/')) {
      const file = servedFile(root, path.slice(7));
      if (!file || !statSync(file).isFile()) throw new HttpError(404, 'no such file in data/, assets/ or out/');
      return sendFile(res, file);
    }
    throw new HttpError(404, 'no such address');
  } catch (e) {
    if (res.headersSent) return res.end();
    if (e instanceof HttpError) return json(res, e.status, { message: e.message, ...e.body });
    if (e instanceof SyntaxError) return json(res, 400, { message: 'the request is not valid JSON' });
    log(`studio: unexpected error: ${(e as Error).message}`);
    return json(res, 500, { message: 'unexpected error: see the terminal running the studio' });
  }
}

/** The change a form makes: the record's new value written over the text it was opened with. */
function changeOf(root: string, body: { file: string; before?: string | null; value: unknown; create?: boolean }): FileChange {
  if (typeof body.file !== 'string' || !/^data\/actions\/[a-z0-9][a-z0-9-]*\.yaml$/.test(body.file)) throw new HttpError(400, 'only data/actions/<id>.yaml can be edited in the studio');
  dataPath(root, body.file);
  if (body.create) {
    if (readDataFile(root, body.file) !== undefined) throw new HttpError(409, `${body.file} already exists: choose another id`, { conflict: true });
    // The schema line lets an editor with the YAML language server complete and check the file.
    const header = `# yaml-language-server: $schema=../schemas/action.schema.json\n# Targeted City Action, created in the studio.\n`;
    return { file: body.file, before: undefined, after: header + stringify(body.value, { lineWidth: 0 }) };
  }
  if (typeof body.before !== 'string') throw new HttpError(400, 'the text the record was opened with is missing');
  try {
    return changeFile(root, body.file, editsBetween(parse(body.before), body.value), body.before);
  } catch (e) {
    if (e instanceof YamlEditError) throw new HttpError(422, e.message);
    throw e;
  }
}

/** The API: state, catalogues, a record, events, check, save, logo upload. */
function routes(ws: Workspace, builds: Builds, events: Set<ServerResponse>): Api {
  const root = ws.root;
  return async (req, res, path, query) => {
    if (req.method === 'GET' && path === '/api/state') return json(res, 200, await studioState(ws, builds));
    if (req.method === 'GET' && path === '/api/catalogues') return json(res, 200, await studioCatalogues(ws));
    if (req.method === 'GET' && path === '/api/record') {
      const file = query.get('file') ?? '';
      let text: string | undefined;
      try {
        text = readDataFile(root, file);
      } catch (e) {
        throw new HttpError(400, (e as Error).message);
      }
      if (text === undefined) throw new HttpError(404, `${file}: no such file`);
      return json(res, 200, { file, text, value: parse(text) });
    }
    if (req.method === 'GET' && path === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`event: state\ndata: ${JSON.stringify(await studioState(ws, builds))}\n\n`);
      events.add(res);
      req.on('close', () => events.delete(res));
      return;
    }
    if (req.method === 'POST' && (path === '/api/check' || path === '/api/save')) return checkOrSave(req, res, path, ws, builds);
    if (req.method === 'POST' && path === '/api/upload') {
      const bytes = await readBody(req, MAX_UPLOAD_BYTES);
      const type = imageType(bytes);
      if (!type) throw new HttpError(415, 'a logo must be a PNG, JPEG or SVG image (SVG without scripts)');
      let name = logoName(query.get('name') ?? 'logo', type);
      const folder = join(root, 'assets', 'logos');
      for (let i = 2; existsSync(join(folder, name)) && !readFileSync(join(folder, name)).equals(bytes); i++) name = name.replace(/(-\d+)?\.(\w+)$/, `-${i}.$2`);
      writeAtomic(join(folder, name), bytes);
      return json(res, 200, { logo: `logos/${name}` });
    }
    throw new HttpError(404, 'no such address');
  };
}

async function checkOrSave(req: IncomingMessage, res: ServerResponse, path: string, ws: Workspace, builds: Builds) {
  if (!String(req.headers['content-type']).startsWith('application/json')) throw new HttpError(415, 'expected JSON');
  const body = JSON.parse((await readBody(req, MAX_JSON_BYTES)).toString('utf8'));
  const change = changeOf(ws.root, body);
  if (path === '/api/check') {
    const found = await checkChanges(ws, [change]);
    return json(res, 200, { problems: found.filter((p) => p.file === change.file), others: found.filter((p) => p.file !== change.file && p.severity === 'error').length });
  }
  try {
    const saved = await saveChanges(ws, [change]);
    if (saved.problems.some((p) => p.severity === 'error')) return json(res, 422, { problems: saved.problems, message: 'not saved: fix the problems shown' });
    const id = change.file.replace(/^.*\//, '').replace(/\.yaml$/, '');
    // The language on screen first, so its preview updates at once; then everything else.
    const shown = LANGUAGES.includes(body.lang) ? [body.lang as Lang] : undefined;
    builds.request([id], shown);
    builds.request(undefined, undefined, 400);
    return json(res, 200, { text: change.after, problems: saved.problems.filter((p) => p.file === change.file) });
  } catch (e) {
    if (e instanceof EditConflict) return json(res, 409, { conflict: true, message: e.message });
    throw e;
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendFile(res: ServerResponse, file: string, noStore = false) {
  res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': noStore ? 'no-store' : 'no-cache', 'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'" });
  res.end(readFileSync(file));
}

/** The request body, refused past `limit` bytes (before it is all read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return fail(new HttpError(413, `too large: at most ${Math.round(limit / 1024)} kB`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Refused; the rest is read and dropped so the answer reaches the browser.
        req.removeAllListeners('data');
        req.resume();
        fail(new HttpError(413, `too large: at most ${Math.round(limit / 1024)} kB`));
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}
