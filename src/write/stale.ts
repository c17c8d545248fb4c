// Stale outputs: PDFs in out/<lang>/ that no record produces any more (an action renamed
// or removed). They are listed, never deleted: a file a person may still need is theirs
// to remove, and a build of some actions (--only) must never touch the others.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LANGUAGES } from '../text/index.js';
import type { Problem } from '../problems.js';

/**
 * PDFs under `outDir/<lang>/` whose name is not one of `expected` (file names without
 * `.pdf`: action ids, factsheet ids, booklet names), as warnings.
 */
export function staleOutputs(root: string, outDir: string, expected: Iterable<string>): Problem[] {
  const keep = new Set(expected);
  const problems: Problem[] = [];
  for (const lang of LANGUAGES) {
    const dir = join(outDir, lang);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.pdf') || keep.has(name.slice(0, -4))) continue;
      problems.push({
        file: relative(root, join(dir, name)) || join(dir, name),
        message: `no record in data/ makes this PDF any more ("${name.slice(0, -4)}" was renamed or removed?); it was left in place: delete it if it is no longer wanted`,
        severity: 'warning',
      });
    }
  }
  return problems;
}
