// The studio's security checks, apart from the server so each is small and tested:
// requests must name this server (DNS rebinding), writes must come from its own pages
// (cross-site posts), files are served from data/, assets/ and out/ only (no "..", no
// links out), and uploads are images checked by their content and size.
import { realpathSync, existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';

/** Folders the studio serves files from; nothing else in the project is reachable. */
const SERVED_FOLDERS = ['data', 'assets', 'out'] as const;
/** A logo larger than this is refused (a print logo is well under 1 MB). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** JSON bodies (a record being edited) are small. */
export const MAX_JSON_BYTES = 512 * 1024;

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
export function refusal(req: IncomingMessage, hosts: Set<string>, extraHosts: Set<string> = new Set()): string | undefined {
  const host = req.headers.host ?? '';
  if (!hosts.has(host) && !extraHosts.has(host)) return `Host "${host}" is not this studio's address`;
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
 * The file a URL path names under one of the served folders, or undefined: the path is
 * resolved, must stay inside its folder, and so must its real path (a symbolic link
 * pointing out of the folder is refused).
 */
export function servedFile(root: string, urlPath: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (rel.includes('\0') || rel.split(/[\\/]/).includes('..')) return undefined;
  const folder = SERVED_FOLDERS.find((f) => rel === f || rel.startsWith(f + '/'));
  if (!folder) return undefined;
  const base = resolve(root, folder);
  const abs = resolve(root, rel);
  if (!abs.startsWith(base + sep) || !existsSync(abs)) return undefined;
  const real = realpathSync(abs);
  const realBase = realpathSync(base);
  return real.startsWith(realBase + sep) ? real : undefined;
}

/** The image type of an upload from its first bytes (never its name), or undefined. */
export function imageType(bytes: Buffer): 'png' | 'jpg' | 'svg' | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  const head = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) {
    // Scripts and external references have no place in a logo.
    const text = bytes.toString('utf8');
    if (/<script|\bon[a-z]+\s*=|javascript:/i.test(text)) return undefined;
    return 'svg';
  }
  return undefined;
}

/** A file name for an uploaded logo: letters, digits and dashes from the given name. */
export function logoName(name: string, type: string): string {
  const stem = name.replace(/\.[a-z0-9]+$/i, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${stem || 'logo'}.${type}`;
}
