// Test helpers: a throw-away copy of the project's data to break or edit.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

/** A temporary project holding a copy of data/ and assets/ (and nothing in out/). */
export function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brochure-test-'));
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'assets'), join(dir, 'assets'), { recursive: true });
  return dir;
}

export function editFile(path: string, edit: (s: string) => string) {
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}
