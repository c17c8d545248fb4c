// `brochure studio`: a local web app to see every document and edit the actions in forms.
// It sits beside the pipeline: a workspace (src/pipeline) holds the checked data for the pages
// and the checks as one types; the builds, and the layout checks of a save, run on a thread
// of their own (./builds.ts) so the server keeps answering; edits go through src/edit
// (comments kept, validated with the whole data, atomic, conflicts refused). Plain node:http,
// no framework: a handful of routes (./api.ts).
// Security (see ./guard.ts): 127.0.0.1 by default, Host and Origin checked, every path through
// one confinement function, bodies capped before they are read, uploads parsed and
// allow-listed, no command is ever run for a request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Workspace, type BuildReport } from '../pipeline/index.js';
import { countPages } from '../render/index.js';
import { fontFiles as pdfFontFiles, fonts } from '../design/index.js';
import { watchData, type DataWatcher } from '../watchData.js';
import { allowedHosts, confine, HttpError, refusal, refuse } from './guard.js';
import { Builds } from './builds.js';
import { json, routes, type Api } from './api.js';
import { studioState } from './state.js';
import { keptThumbnail } from './thumbnails.js';
import { translationRoutes } from './translations.js';
import { reviewRoutes } from './review.js';
import { recordRoutes } from './records.js';
import { printRoutes } from './print.js';
import { historySettled } from '../history/index.js';
import { orderRoutes } from './order.js';
import { serveBuilds } from '../handoff/index.js';

export interface StudioOptions {
  root: string;
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  log?: (line: string) => void;
  /** In a git repository, commit each change the studio makes (default true; --no-commit). */
  commit?: boolean;
}

export interface Studio {
  url: string;
  /** Resolves when no build is running or queued and every change has its commit (for tests and the benchmark). */
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
  '.ttf': 'font/ttf',
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

/** The programme's typeface for the app itself, by name from its packages (the PDFs' own Arabic files). */
function fontFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const files: Record<string, string> = {};
  const latin = join(dirname(require.resolve('@fontsource/ibm-plex-sans/package.json')), 'files');
  for (const n of ['latin-400', 'latin-500', 'latin-600']) files[`ibm-plex-sans-${n}-normal.woff2`] = join(latin, `ibm-plex-sans-${n}-normal.woff2`);
  for (const f of pdfFontFiles().filter((f) => f.family === fonts.arabic[0] && (f.fontWeight === 400 || f.fontWeight === 600))) files[basename(f.src)] = f.src;
  return files;
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
  const ws = Workspace.open(root, { longRunning: true });
  const builds = new Builds(root, log);
  const events = new Set<ServerResponse>();
  // Each event carries the whole state, so a page updates without asking again.
  const push = () => {
    if (!events.size) return;
    void studioState(ws, builds).then((state) => {
      const message = `event: state\ndata: ${JSON.stringify(state)}\n\n`;
      for (const res of events) res.write(message);
    });
  };
  builds.onChange(push);
  const records = recordRoutes(ws, builds, { commit: opts.commit !== false });
  const translations = translationRoutes(root, builds, records.remember);
  const api = routes(ws, builds, events, { translations, review: reviewRoutes(ws, builds), records, print: printRoutes(ws, builds), order: orderRoutes(ws, records.apply) });

  let hosts = new Set<string>();
  const server = createServer((req, res) => void answer(req, res, hosts, served, api, root, builds, log));
  server.requestTimeout = 30_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;

  await firstBuilds(ws, builds);
  // A file saved elsewhere: its problems are shown at once (the page asks for the state), the PDFs follow.
  const watcher: DataWatcher = watchData(root, () => {
    push();
    builds.request();
  });
  await watcher.ready;
  // `brochure build` run beside the studio builds here, warm, after the studio's own builds.
  const handoff = await serveBuilds(root, 'studio', async (request) => ({ by: 'studio', ...(await builds.build(request.langs, request.sourceDateEpoch)) }));

  return {
    url,
    idle: async () => {
      await builds.idle();
      await historySettled(); // the commits of the changes made
    },
    close: async () => {
      await handoff?.close();
      await watcher.close();
      for (const res of events) res.end();
      events.clear();
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await builds.close();
      translations.close();
    },
  };
}

/**
 * On start: the PDFs already in out/ are shown at once; when some are missing (a first start),
 * each record is built on its own first, so its pages appear as soon as they are made, then
 * everything (the booklets).
 */
async function firstBuilds(ws: Workspace, builds: Builds) {
  const { data } = await ws.checked();
  const records = data ? [...data.actions, ...data.factsheets.records] : [];
  const pdf = (lang: string, id: string) => join(ws.root, 'out', lang, `${id}.pdf`);
  const onDisk = records.flatMap((r) => r.languages.filter((l) => existsSync(pdf(l, r.id))).map((lang) => ({ path: pdf(lang, r.id), id: r.id, lang, result: 'unchanged' as const, rendered: false })));
  const booklets = data?.booklet ? Object.keys(data.booklet.languages).filter((l) => existsSync(pdf(l, data.booklet!.file))).map((lang) => ({ path: pdf(lang, data.booklet!.file), id: data.booklet!.file, lang, result: 'unchanged' as const, rendered: false, kind: 'booklet' as const, pages: countPages(readFileSync(pdf(lang, data.booklet!.file))) })) : [];
  // Shown at once: what the last session built; the build that follows brings it up to date.
  if (onDisk.length) builds.lastGood = { files: [...onDisk, ...booklets] as BuildReport['files'], warnings: [], seconds: 0, stages: {} };
  const missing = records.filter((r) => r.languages.some((l) => !existsSync(pdf(l, r.id))));
  if (missing.length > 2) for (const r of missing) builds.request([r.id]);
  builds.request();
}

/** One request: refused, an API call, or a file of the app, of pdf.js, a font or data/assets/out. */
async function answer(req: IncomingMessage, res: ServerResponse, hosts: Set<string>, served: Served, api: Api, root: string, builds: Builds, log: (line: string) => void) {
  try {
    const why = refusal(req, hosts);
    if (why) throw new HttpError(403, why, undefined, true);
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    const path = url.pathname;
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (path.startsWith('/api/')) return await api(req, res, path, url.searchParams);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed', undefined, true);
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (path === '/' || path === '/index.html') return sendFile(res, join(served.app, 'index.html'), true);
    if (path.startsWith('/app/') && served.appFiles.has(path.slice(5))) return sendFile(res, join(served.app, path.slice(5)));
    if (path.startsWith('/pdfjs/') && served.pdfjs[path.slice(7)]) return sendFile(res, served.pdfjs[path.slice(7)]!);
    if (path.startsWith('/fonts/') && served.fonts[path.slice(7)]) return sendFile(res, served.fonts[path.slice(7)]!);
    if (path.startsWith('/thumbnails/') && path.endsWith('.png')) {
      const file = servedPath(root, path.slice(12, -4), ['out']);
      if (!file || !statSync(file).isFile()) throw new HttpError(404, 'no such PDF in out/');
      const pdf = readFileSync(file);
      // Any page (the document view's strip of pages); the first by default (the overview).
      const page = Math.max(1, Math.min(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 999)); // past the last page: the last
      const png = keptThumbnail(root, pdf, page) ?? (await builds.thumbnail(file, page));
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-cache' });
      return res.end(png);
    }
    if (path.startsWith('/files/')) {
      const file = servedPath(root, path.slice(7));
      if (!file || !statSync(file).isFile()) throw new HttpError(404, 'no such file in data/, assets/, out/ or editions/');
      return sendFile(res, file);
    }
    throw new HttpError(404, 'no such address');
  } catch (e) {
    if (res.headersSent) return res.end();
    if (e instanceof HttpError) return e.close ? refuse(req, res, e.status, { message: e.message, ...e.body }) : json(res, e.status, { message: e.message, ...e.body });
    log(`studio: unexpected error: ${(e as Error).message}`);
    return json(res, 500, { message: 'unexpected error: see the terminal running the studio' });
  }
}

/** The file a URL path names (percent-decoded), through the one confinement function. */
function servedPath(root: string, urlPath: string, folders?: readonly string[]): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  return confine(root, rel, folders ? { folders } : {});
}

function sendFile(res: ServerResponse, file: string, noStore = false) {
  res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': noStore ? 'no-store' : 'no-cache', 'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'" });
  res.end(readFileSync(file));
}
