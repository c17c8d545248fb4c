// The render cache: PDF bytes keyed by everything that determines them (the resolved
// document, the templates, fonts and tool version). One folder, safe to delete; an entry
// that fails its checksum is dropped and rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, existsSync, renameSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const HASH_BYTES = 32;

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

/** Every file under a folder, recursively (for hashing compiled templates). */
export function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith(ext) && statSync(f).isFile());
}

export class RenderCache {
  constructor(readonly dir: string) {}

  private path(key: string) {
    return join(this.dir, key.slice(0, 2), `${key}.pdf`);
  }

  /** Whether there is an entry for `key` (not checked: `get` checks it). */
  has(key: string): boolean {
    return existsSync(this.path(key));
  }

  /** The cached bytes for `key`, or undefined (missing or corrupt: a corrupt entry is removed). */
  get(key: string): Buffer | undefined {
    const path = this.path(key);
    let raw: Buffer;
    try {
      raw = readFileSync(path);
    } catch {
      return undefined;
    }
    const bytes = raw.subarray(HASH_BYTES);
    const ok = raw.length > HASH_BYTES && createHash('sha256').update(bytes).digest().equals(raw.subarray(0, HASH_BYTES));
    if (!ok) {
      rmSync(path, { force: true });
      return undefined;
    }
    return Buffer.from(bytes);
  }

  /** A small JSON record stored beside an entry (e.g. the body size a card was fitted at). */
  getJson<T>(key: string): T | undefined {
    const bytes = this.get(`${key}.json`);
    if (!bytes) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  putJson(key: string, value: unknown): void {
    this.put(`${key}.json`, Buffer.from(JSON.stringify(value)));
  }

  put(key: string, bytes: Buffer): void {
    const path = this.path(key);
    try {
      mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([createHash('sha256').update(bytes).digest(), bytes]));
      renameSync(tmp, path);
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}
