// Handing a build to a tool that is already running. `brochure watch` and the studio keep the
// project open — files parsed, records checked, rendered documents in memory — so a build
// there after an edit takes a tenth of a second, where a new process spends most of a second
// or two starting up. `brochure build` run beside one asks it to build and prints its report,
// the way a build daemon serves its clients; the builds are then one at a time, never two
// processes writing the same PDFs at once. Through a Unix socket in .cache/ that only the
// user can open (mode 0600); when none answers, the command builds by itself as always.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildReport } from '../pipeline/index.js';
import type { Problem } from '../problems.js';
import { LANGUAGES, type Lang } from '../text/index.js';

/** What a client may ask: a build of the project into out/, with the default options, in some languages. */
export interface HandoffRequest {
  langs?: Lang[];
  /** SOURCE_DATE_EPOCH of the client's environment (the documents' date). */
  sourceDateEpoch?: string;
}

/** The answer: the build's report, the data's problems (nothing written), or an unexpected failure. */
export type HandoffReply = { by: string; report: BuildReport } | { by: string; problems: Problem[] } | { by: string; error: string };

/** A request is one short line of JSON. */
const MAX_REQUEST_BYTES = 4096;

/** The socket of the project at `root`; none when its path is too long for a Unix socket (about 100 bytes). */
function socketPath(root: string): string | undefined {
  const path = join(root, '.cache', 'build.sock');
  return Buffer.byteLength(path) <= 100 && process.platform !== 'win32' ? path : undefined;
}

/**
 * Serve builds for the project at `root` until closed; `by` names the tool ("brochure watch").
 * Undefined when another tool already serves this folder, or no socket can be made there.
 */
export async function serveBuilds(root: string, by: string, build: (request: HandoffRequest) => Promise<HandoffReply>): Promise<{ close(): Promise<void> } | undefined> {
  const path = socketPath(root);
  if (!path) return undefined;
  try {
    mkdirSync(join(root, '.cache'), { recursive: true });
    if (existsSync(path)) {
      if (await answers(path)) return undefined; // another watch or studio serves this folder
      rmSync(path, { force: true }); // left by a tool that was killed
    }
  } catch {
    return undefined;
  }
  const server = createServer((socket) => serve(socket, by, build));
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    // Only this user may connect: the socket file is created without group or other rights.
    const mask = process.umask(0o177);
    try {
      server.listen(path, () => resolve(true));
    } finally {
      process.umask(mask);
    }
  });
  if (!listening) return undefined;
  server.unref(); // serving never keeps the tool open by itself
  return { close: () => closeServer(server, path) };
}

function closeServer(server: Server, path: string): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    rmSync(path, { force: true });
  });
}

function serve(socket: Socket, by: string, build: (request: HandoffRequest) => Promise<HandoffReply>) {
  let received = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    received += chunk;
    if (received.length > MAX_REQUEST_BYTES) return socket.destroy(); // before parsing anything
    const end = received.indexOf('\n');
    if (end === -1) return;
    socket.removeAllListeners('data');
    const request = parseRequest(received.slice(0, end));
    const reply: Promise<HandoffReply> = request ? build(request).catch((e) => ({ by, error: (e as Error).message })) : Promise.resolve({ by, error: 'not a build request' });
    void reply.then((r) => socket.end(JSON.stringify(r) + '\n'));
  });
}

/** The request's languages (each one the tool knows) and date; anything else in it is ignored. */
function parseRequest(line: string): HandoffRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { langs, sourceDateEpoch } = value as { langs?: unknown; sourceDateEpoch?: unknown };
  if (langs !== undefined && !(Array.isArray(langs) && langs.every((l) => typeof l === 'string' && (LANGUAGES as readonly string[]).includes(l)))) return undefined;
  if (sourceDateEpoch !== undefined && !(typeof sourceDateEpoch === 'string' && /^\d{1,12}$/.test(sourceDateEpoch))) return undefined;
  return { ...(langs ? { langs: langs as Lang[] } : {}), ...(sourceDateEpoch ? { sourceDateEpoch } : {}) };
}

/** Whether a tool answers on the socket. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(path);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * Ask the watch or studio open on `root` to build: its reply, or undefined when none answers
 * (none running, or it stopped meanwhile): then the caller builds by itself.
 */
export function handOff(root: string, request: HandoffRequest, onConnected?: () => void): Promise<HandoffReply | undefined> {
  const path = socketPath(root);
  if (!path || !existsSync(path)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let received = '';
    const s = createConnection(path);
    s.setEncoding('utf8');
    s.once('error', () => resolve(undefined));
    s.once('connect', () => {
      onConnected?.();
      s.write(JSON.stringify(request) + '\n');
    });
    s.on('data', (chunk: string) => (received += chunk));
    s.once('end', () => {
      try {
        resolve(JSON.parse(received) as HandoffReply);
      } catch {
        resolve(undefined);
      }
    });
  });
}
