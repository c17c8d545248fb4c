// The render cache: PDF bytes keyed by everything that determines them (the resolved
// document, the templates, fonts and tool version). One folder, safe to delete; an entry
// that fails its checksum is dropped and rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, existsSync, renameSync, writeFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { freeBytes } from '../write/index.js';

const HASH_BYTES = 32;
/** The cache keeps nothing that would leave less than this free on its disk (room for the outputs). */
const CACHE_RESERVE_BYTES = 32 * 1024 * 1024;

/**
 * Past this size the least recently used entries are removed after a build (a build of every
 * output keeps exactly the entries it used, usually far less: about 2 MB for the real data).
 */
const CACHE_CAP_BYTES = 200 * 1024 * 1024;
/** What a long-running tool keeps of the cache in memory. */
const MEMORY_CAP_BYTES = 64 * 1024 * 1024;

export class RenderCache {
  /** Entry files this run read or wrote: what the current outputs use. */
  private readonly used = new Set<string>();

  constructor(readonly dir: string) {}

  /** Entry files on disk with their size and last use (PDF entries and their .json records). */
  private entries(): { path: string; bytes: number; used: number }[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => join(this.dir, f))
      .flatMap((path) => {
        try {
          const s = statSync(path);
          return s.isFile() ? [{ path, bytes: s.size, used: s.mtimeMs }] : [];
        } catch {
          return []; // removed meanwhile
        }
      });
  }

  /** After a build of every output: remove every entry that build did not use. */
  pruneUnused(): { removed: number; bytes: number } {
    return this.remove(this.entries().filter((e) => !this.used.has(e.path)));
  }

  /**
   * After a build of every output into one folder at one page size (`output`): remove the
   * entries that neither this build nor the last full build of any other output (another
   * --out, another page size) used. The uses of each are kept in last-builds.json, so building
   * A4 landscape elsewhere never evicts what the A4 build in out/ needs. An output whose
   * folder is gone no longer keeps anything.
   */
  pruneKeepingOutputs(output: { folder: string; pageSize: string }): { removed: number; bytes: number } {
    const manifest = join(this.dir, 'last-builds.json');
    let builds: Record<string, { folder: string; entries: string[] }> = {};
    try {
      builds = JSON.parse(readFileSync(manifest, 'utf8'));
    } catch {
      builds = {};
    }
    builds[`${output.folder}\u0000${output.pageSize}`] = { folder: output.folder, entries: [...this.used].map((p) => p.slice(this.dir.length + 1)) };
    for (const [k, b] of Object.entries(builds)) if (!existsSync(b.folder)) delete builds[k];
    const keep = new Set(Object.values(builds).flatMap((b) => b.entries.map((e) => join(this.dir, e))));
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(manifest, JSON.stringify(builds));
    } catch {
      // without the record, the next prune keeps less: it only costs renders
    }
    return this.remove(this.entries().filter((e) => !keep.has(e.path)));
  }

  /** Remove the least recently used entries until the cache holds at most `cap` bytes. */
  pruneToSize(cap = CACHE_CAP_BYTES): { removed: number; bytes: number } {
    const all = this.entries().sort((a, b) => a.used - b.used || (a.path < b.path ? -1 : 1));
    let total = all.reduce((n, e) => n + e.bytes, 0);
    const victims = [];
    for (const e of all) {
      if (total <= cap) break;
      if (this.used.has(e.path)) continue; // in use by this run's outputs
      victims.push(e);
      total -= e.bytes;
    }
    return this.remove(victims);
  }

  private remove(victims: { path: string; bytes: number }[]) {
    for (const v of victims) rmSync(v.path, { force: true });
    return { removed: victims.length, bytes: victims.reduce((n, v) => n + v.bytes, 0) };
  }

  private path(key: string) {
    return join(this.dir, key.slice(0, 2), `${key}.pdf`);
  }

  /** A new build starts: what the outputs use is counted afresh (a long-running tool builds many times). */
  beginRun(): void {
    this.used.clear();
  }

  /** An entry this run uses without reading it (its bytes were kept in memory). */
  markUsed(key: string): void {
    if (this.pending?.has(key) || existsSync(this.path(key))) this.used.add(this.path(key));
  }

  /**
   * Entries put but not yet on disk, when writes are deferred (a long-running tool: an edit's
   * entries are written once the edits pause, off the save's path). Read from memory meanwhile.
   */
  private pending?: Map<string, Buffer>;
  private flushTimer?: NodeJS.Timeout;
  private pauseMs = 0;

  /** Write entries `ms` after the last put instead of at once (watch, the studio). */
  deferWrites(ms: number): void {
    this.pending ??= new Map();
    this.memory ??= new Map();
    this.pauseMs = ms;
  }

  /** Write every deferred entry now (and record the last use of those served from memory). */
  flush(): void {
    clearTimeout(this.flushTimer);
    const entries = [...(this.pending ?? [])];
    this.pending?.clear();
    for (const [key, bytes] of entries) {
      this.write(key, bytes);
      this.remember(key, bytes);
    }
    const now = new Date();
    for (const path of this.servedFromMemory) {
      try {
        utimesSync(path, now, now);
      } catch {
        // removed meanwhile, or a read-only cache
      }
    }
    this.servedFromMemory.clear();
  }

  /**
   * Entries a long-running tool read or wrote, kept in memory (least recently used first out,
   * up to MEMORY_CAP_BYTES): each build after an edit asks for every unchanged card and
   * booklet, and reading and checking each from disk cost a save in watch ~10–20 ms.
   */
  private memory?: Map<string, Buffer>;
  private memoryBytes = 0;
  /** Entries served from memory since the last flush: their last use is recorded then, for pruneToSize. */
  private readonly servedFromMemory = new Set<string>();

  private remember(key: string, bytes: Buffer) {
    if (!this.memory) return;
    const before = this.memory.get(key);
    if (before) (this.memory.delete(key), (this.memoryBytes -= before.length));
    this.memory.set(key, bytes);
    this.memoryBytes += bytes.length;
    for (const [k, b] of this.memory) {
      if (this.memoryBytes <= MEMORY_CAP_BYTES) break;
      this.memory.delete(k);
      this.memoryBytes -= b.length;
    }
  }

  /** Whether there is an entry for `key` (not checked: `get` checks it). */
  has(key: string): boolean {
    return !!this.pending?.has(key) || !!this.memory?.has(key) || existsSync(this.path(key));
  }

  /** The cached bytes for `key`, or undefined (missing or corrupt: a corrupt entry is removed). */
  get(key: string): Buffer | undefined {
    const path = this.path(key);
    const waiting = this.pending?.get(key);
    if (waiting) {
      this.used.add(path);
      return Buffer.from(waiting);
    }
    const kept = this.memory?.get(key);
    if (kept) {
      this.remember(key, kept); // most recently used
      this.used.add(path);
      this.servedFromMemory.add(path);
      this.scheduleFlush();
      return Buffer.from(kept);
    }
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
    this.used.add(path);
    try {
      const now = new Date();
      utimesSync(path, now, now); // its last use, for pruneToSize
    } catch {
      // a read-only cache still serves
    }
    // The memory layer keeps its own copy; the bytes read are the caller's alone.
    if (this.memory) this.remember(key, Buffer.from(bytes));
    return bytes;
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
    if (this.pending) {
      this.pending.set(key, bytes);
      this.used.add(this.path(key));
      this.scheduleFlush();
      return;
    }
    this.write(key, bytes);
  }

  private scheduleFlush() {
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => this.flush(), this.pauseMs);
    this.flushTimer.unref(); // never keeps the process alive: an entry not written only costs time
  }

  private write(key: string, bytes: Buffer): void {
    const path = this.path(key);
    const tmp = `${path}.${process.pid}.tmp`;
    // The cache gives way to the outputs: when the disk is short of room it keeps nothing.
    if ((freeBytes(this.dir) ?? Infinity) < bytes.length + CACHE_RESERVE_BYTES) return;
    try {
      mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
      writeFileSync(tmp, Buffer.concat([createHash('sha256').update(bytes).digest(), bytes]));
      renameSync(tmp, path);
      this.used.add(path);
    } catch {
      rmSync(tmp, { force: true }); // a cache that cannot be written only costs speed
    }
  }

  /** Remove every entry this run did not use (to make room for the outputs). */
  giveWay(): void {
    this.pruneUnused();
  }
}
