// Stage 6 — write: put outputs on disk atomically. A PDF is written to a temporary
// name beside its target and renamed, so a failed build never leaves half a file,
// and an unchanged PDF is not rewritten (its date stays, watchers stay quiet). Before a build
// renders anything it checks that every output can be written (./check.ts); a write that
// fails all the same (the disk filled meanwhile) is a WriteError naming the file.
import { mkdirSync, writeFileSync, renameSync, readFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export type WriteResult = 'written' | 'unchanged';

/** A file could not be written (the disk, its permissions): what, why, and what to do. */
export class WriteError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/** The temporary file a write goes through: hidden, beside its target, named by the process (./check.ts removes those of dead ones). */
const temporaryName = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/**
 * What this process last wrote or read at each path, with the file's identity then (inode,
 * size, modification time in ns): while the file is as it was left, "is it unchanged?" is
 * answered from memory. In watch and the studio an edit rewrites one card and a booklet, and
 * reading back every other output to compare it cost each save ~10 ms.
 */
const known = new Map<string, { ino: bigint; size: bigint; mtimeNs: bigint; bytes: Buffer }>();
const KNOWN_MAX_BYTES = 256 * 1024 * 1024;
let knownBytes = 0;

function remember(path: string, bytes: Buffer) {
  const st = statSync(path, { bigint: true });
  knownBytes += bytes.length - (known.get(path)?.bytes.length ?? 0);
  if (knownBytes > KNOWN_MAX_BYTES) (known.clear(), (knownBytes = bytes.length));
  known.set(path, { ino: st.ino, size: st.size, mtimeNs: st.mtimeNs, bytes });
}

/** Whether the file at `path` holds exactly `data` (false when there is no file). */
export function sameOnDisk(path: string, data: Buffer): boolean {
  const st = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (!st || st.size !== BigInt(data.length)) return false;
  const k = known.get(path);
  if (k && k.ino === st.ino && k.size === st.size && k.mtimeNs === st.mtimeNs) return k.bytes.equals(data);
  const same = readFileSync(path).equals(data);
  if (same) remember(path, data);
  return same;
}

export function writeAtomic(path: string, bytes: Buffer | string): WriteResult {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  if (sameOnDisk(path, data)) return 'unchanged';
  const tmp = temporaryName(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeError(path, e as NodeJS.ErrnoException, data.length);
  }
  remember(path, data);
  return 'written';
}

/** A failed write said in words: the path, the cause, and that the file as it was is intact. */
function writeError(path: string, e: NodeJS.ErrnoException, bytes: number): Error {
  const intact = existsSync(path) ? 'the file as it was is intact' : 'nothing was left half-written';
  const why: Record<string, string> = {
    ENOSPC: `the disk is full (${kilobytes(bytes)} were to be written): free some space, or build elsewhere with --out`,
    EDQUOT: `the disk quota is used up (${kilobytes(bytes)} were to be written): free some space`,
    EROFS: 'it is on a read-only disk: build elsewhere with --out',
    EACCES: 'you have no permission to write there: change the folder\'s permissions, or build elsewhere with --out',
    EPERM: 'you have no permission to write there: change the folder\'s permissions, or build elsewhere with --out',
    EISDIR: 'a folder has that name: move or delete the folder',
    ENOTDIR: 'a file stands where a folder of its path should be: move or delete that file',
    EEXIST: 'a file stands where a folder of its path should be: move or delete that file',
  };
  const reason = e.code ? why[e.code] : undefined;
  return reason ? new WriteError(path, `${path} could not be written: ${reason}; ${intact}`) : e;
}

const kilobytes = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export { staleOutputs } from './stale.js';
export { checkWritable, freeBytes, removeStaleTemporaries } from './check.js';
