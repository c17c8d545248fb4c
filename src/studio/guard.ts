// The studio's security checks, apart from the server so each is small and tested:
// - requests must name this server (DNS rebinding), writes must come from its own pages;
// - every path a request names goes through one function, `confine`: inside the project's
//   folders it may reach, no "..", no symbolic link out;
// - bodies are capped before they are read, and a refused request's connection is closed
//   (its body is never read to the end);
// - JSON bodies are refused when deeper than a record can be, or when a key could reach an
//   object's prototype (__proto__, constructor, prototype);
// - uploads are images parsed in full: PNG and JPEG decoded (sharp), SVG parsed (xmldom)
//   and kept only when every element and attribute is on an allow-list.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';

/** Folders the studio reads files from (and serves; editions/ for a review's pages before); nothing else in the project is reachable. */
const SERVED_FOLDERS = ['data', 'assets', 'out', 'editions'] as const;
/** A logo larger than this is refused (a print logo is well under 1 MB). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** JSON bodies (a record being edited) are small. */
const MAX_JSON_BYTES = 512 * 1024;
/** The logos folder holds at most this many files, and this much in all. */
const UPLOAD_QUOTA = { files: 200, bytes: 100 * 1024 * 1024 } as const;
/** A record nests a few levels deep; a JSON body nested deeper than this is refused unread. */
const MAX_JSON_DEPTH = 32;
/** Keys that could reach an object's prototype when a request's data is walked. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A request refused: the status, the message, and whether to close the connection (its body unread). */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly body?: object, readonly close = false) {
    super(message);
  }
}

/** The Host names a request may use: the address the server listens on, by name or number. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  if (host === '0.0.0.0' || host === '::') {
    // Listening on every address (--host 0.0.0.0): this machine's own addresses, by number.
    names.delete(host);
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address);
  }
  return new Set([...names].map((n) => `${n.includes(':') && !n.startsWith('[') ? `[${n}]` : n}:${port}`));
}

/** Why a request is refused, or undefined when it may go on. */
export function refusal(req: IncomingMessage, hosts: Set<string>): string | undefined {
  const host = req.headers.host ?? '';
  if (!hosts.has(host)) return `Host "${host}" is not this studio's address`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return `requests from ${origin} are not accepted`;
  const writes = req.method !== 'GET' && req.method !== 'HEAD';
  // A browser always sends Origin with a POST; a write without it did not come from the studio's page.
  if (writes && origin === undefined) return 'a change must come from the studio page (no Origin header)';
  const site = req.headers['sec-fetch-site'];
  if (writes && site !== undefined && site !== 'same-origin') return `a change from a ${site} page is not accepted`;
  return undefined;
}

/**
 * The one place a path named by a request becomes a file: `rel` (relative to the project, as
 * the request gives it) must lie inside one of `folders` (default: data/, assets/, out/), with
 * no "..", no NUL, nothing absolute, and its real path too (a symbolic link, or a link among
 * its folders, pointing out is refused). A file that does not exist yet (`mayBeNew`) is judged
 * by the real path of its folder. Undefined when refused.
 */
export function confine(root: string, rel: string, opts: { folders?: readonly string[]; mayBeNew?: boolean } = {}): string | undefined {
  const folders = opts.folders ?? SERVED_FOLDERS;
  if (typeof rel !== 'string' || !rel || rel.includes('\0') || isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) return undefined;
  const folder = folders.find((f) => rel === f || rel.startsWith(f + '/'));
  if (!folder) return undefined;
  const base = resolve(root, folder);
  const abs = resolve(root, rel);
  if (!abs.startsWith(base + sep)) return undefined;
  let realBase: string;
  try {
    realBase = realpathSync(base);
  } catch {
    return undefined;
  }
  // The folder itself must be in the project (a data/ that is a link out is refused too).
  const realRoot = realpathSync(root);
  if (!realBase.startsWith(realRoot + sep)) return undefined;
  if (existsSync(abs)) {
    const real = realpathSync(abs);
    return real.startsWith(realBase + sep) ? real : undefined;
  }
  if (!opts.mayBeNew) return undefined;
  const parent = dirname(abs);
  if (!existsSync(parent)) return parent.startsWith(base) ? abs : undefined;
  const realParent = realpathSync(parent);
  return realParent === realBase || realParent.startsWith(realBase + sep) ? join(realParent, abs.slice(parent.length + 1)) : undefined;
}

/** Answer a refused request and close its connection: the rest of its body is never read. */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify(body), () => req.socket.destroy());
}

/** The request body, refused past `limit` bytes: from its declared length, or as it arrives. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const tooLarge = () => new HttpError(413, `too large: at most ${Math.round(limit / 1024)} kB`, undefined, true);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return fail(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.removeAllListeners('data');
      req.pause(); // no more of it is read: the connection is closed with the answer
      fail(tooLarge());
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/**
 * A JSON request body as an object: refused (400) when it is not JSON, not an object, nested
 * deeper than a record can be (checked before parsing, so no deep recursion), or when any key
 * is __proto__, constructor or prototype (such a key could reach an object's prototype when
 * the data is walked or merged).
 */
function parseJsonBody(bytes: Buffer): Record<string, unknown> {
  const text = bytes.toString('utf8');
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) throw new HttpError(400, `the request is nested more than ${MAX_JSON_DEPTH} levels deep: a record is not`);
    } else if (c === '}' || c === ']') depth--;
  }
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v) => {
      if (FORBIDDEN_KEYS.has(key)) throw new HttpError(400, `the request has a field named "${key}", which no record has: refused`);
      return v;
    });
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, 'the request is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'the request must be a JSON object');
  return value as Record<string, unknown>;
}

/** A file name for an uploaded logo: letters, digits and dashes from the given name. */
export function logoName(name: string, type: string): string {
  const stem = name.replace(/\.[a-z0-9]+$/i, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${stem || 'logo'}.${type}`;
}

/** Room left in the logos folder for one more upload of `bytes`; a message when there is none. */
export function quotaProblem(folder: string, bytes: number): string | undefined {
  if (!existsSync(folder)) return undefined;
  const files = readdirSync(folder).map((f) => join(folder, f)).filter((f) => statSync(f).isFile());
  const total = files.reduce((n, f) => n + statSync(f).size, 0);
  if (files.length >= UPLOAD_QUOTA.files) return `assets/logos/ already holds ${files.length} files, the most it may: remove logos no record uses`;
  if (total + bytes > UPLOAD_QUOTA.bytes) return `assets/logos/ would hold more than ${UPLOAD_QUOTA.bytes / 1024 / 1024} MB: remove logos no record uses`;
  return undefined;
}

/** A JSON request body: refused unless sent as JSON (415), capped, then parsed by `parseJsonBody`. */
export async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!String(req.headers['content-type']).startsWith('application/json')) throw new HttpError(415, 'expected JSON');
  return parseJsonBody(await readBody(req, MAX_JSON_BYTES));
}

/** How a route answers in JSON (the API's `json`). */
export type Json = (res: ServerResponse, status: number, body: unknown) => void;

/** A group of routes beside the records' own: answers a request that is one of them, else false. */
export interface RouteGroup {
  handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, json: Json): Promise<boolean>;
}
