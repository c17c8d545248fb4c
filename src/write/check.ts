// Before anything is rendered: can every output be written? A folder where a PDF should go,
// a file where a folder should be, a read-only disk or folder, a disk without the space the
// outputs need: each is named with its fix, and nothing is written. Temporary files left by a
// build that was killed (hidden `.name.PID.tmp` beside its target) are removed.
import { accessSync, constants, existsSync, readdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Problem } from '../problems.js';

/** Bytes free on the disk holding `path` (its nearest existing folder); undefined when unknown. */
export function freeBytes(path: string): number | undefined {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/**
 * Problems writing these files (absolute paths), from the project `root`: each the path and
 * its fix. `bytes`: about how much they will take, checked against the disk's free space.
 */
export function checkWritable(root: string, paths: string[], bytes = 0): Problem[] {
  const shown = (p: string) => relative(root, p) || p;
  const problems = new Map<string, Problem>();
  const say = (p: string, message: string) => problems.set(p, { file: shown(p), message, severity: 'error' });
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      say(path, 'a folder has the name this PDF is written to: move or delete the folder, and build again');
      continue;
    }
    // The nearest part of the path that exists must be a folder we may write in.
    let dir = dirname(path);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    if (!statSync(dir).isDirectory()) {
      say(dir, `is a file, where the folder ${shown(dirname(path))} should be: move or delete it, or build elsewhere with --out`);
      continue;
    }
    try {
      accessSync(dir, constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      say(dir, code === 'EROFS' ? 'is on a read-only disk: build elsewhere with --out' : 'cannot be written to (no permission): change its permissions, or build elsewhere with --out');
    }
  }
  const free = paths.length ? freeBytes(paths[0]!) : undefined;
  if (!problems.size && free !== undefined && free < bytes) {
    const folder = dirname(dirname(paths[0]!));
    const where = shown(folder);
    say(folder, `the disk holding ${where}/ has ${Math.floor(free / 1024)} KB free, and the PDFs need about ${Math.ceil(bytes / 1024)} KB: free some space (the render cache in .cache/ may be deleted) or build elsewhere with --out; nothing was written, the PDFs already there are intact`);
  }
  return [...problems.values()];
}

/** Whether a process is still running (a temporary file of a live one is being written). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the temporary files (`….PID.tmp`) that processes no longer running left under `dir`; how many. */
export function removeStaleTemporaries(dir: string, depth = 2): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) removed += removeStaleTemporaries(path, depth - 1);
    const pid = /\.(\d+)\.tmp$/.exec(entry.name)?.[1];
    if (entry.isFile() && pid && Number(pid) !== process.pid && !alive(Number(pid))) {
      rmSync(path, { force: true });
      removed++;
    }
  }
  return removed;
}
