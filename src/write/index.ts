// Stage 6 — write: put outputs on disk atomically. A PDF is written to a temporary
// name beside its target and renamed, so a failed build never leaves half a file,
// and an unchanged PDF is not rewritten (its date stays, watchers stay quiet).
import { mkdirSync, writeFileSync, renameSync, readFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export type WriteResult = 'written' | 'unchanged';

export function writeAtomic(path: string, bytes: Buffer | string): WriteResult {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  if (existsSync(path) && statSync(path).size === data.length && readFileSync(path).equals(data)) return 'unchanged';
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return 'written';
}

export { staleOutputs } from './stale.js';
