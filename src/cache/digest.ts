// Digests: of any resolved value (key order does not matter, bytes are hashed) and of files.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A stable digest of any resolved data: key order does not matter, bytes are hashed. */
export function digest(value: unknown): string {
  const h = createHash('sha256');
  const feed = (v: unknown): void => {
    if (v === undefined) h.update('u');
    else if (v === null) h.update('n');
    else if (v instanceof Uint8Array) h.update(`b${v.length}:`).update(v);
    else if (v instanceof Date) h.update(`d${v.toISOString()}`);
    else if (Array.isArray(v)) {
      h.update(`[${v.length}`);
      v.forEach(feed);
    } else if (typeof v === 'object') {
      const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
      h.update(`{${keys.length}`);
      for (const k of keys) {
        h.update(`${k.length}:${k}`);
        feed((v as Record<string, unknown>)[k]);
      }
    } else h.update(`${typeof v}:${String(v).length}:${String(v)}`);
  };
  feed(value);
  return h.digest('hex');
}

/** Digest of files' contents (templates, fonts): a change to any invalidates the cache. */
export function digestFiles(paths: string[]): string {
  const h = createHash('sha256');
  for (const p of [...paths].sort()) h.update(p).update(readFileSync(p));
  return h.digest('hex');
}

/**
 * Every file under a folder, recursively, in name order (for hashing compiled templates, the
 * data). Symbolic links are not followed: a link to a parent folder, or a loop of links, is
 * never walked into (the loader names such links).
 */
export function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, ext));
    else if (entry.isFile() && path.endsWith(ext)) out.push(path);
  }
  return out.sort();
}
