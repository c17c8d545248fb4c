// Tests of mistakes: a project with a last good build in out/ (casablanca), to check that a
// refused build leaves every one of its PDFs as it was.
import { beforeAll, expect } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brochure } from './cli.js';
import { tempProject } from './project.js';

/** Every file under out/, by path relative to the project, with its bytes. */
function outFiles(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(join(root, 'out'));
  return files;
}

export const lines = (s: string) => s.split('\n').filter(Boolean);

/**
 * The real data with casablanca built (made before the tests of the file run): `base` is the
 * project, `good` its out/; `copy()` a fresh copy of it; `expectOutUnchanged` checks a copy's out/.
 */
export function lastGoodBuild() {
  const last = { base: '', good: new Map<string, Buffer>() };
  beforeAll(() => {
    last.base = tempProject();
    const r = brochure(['--root', last.base, 'build', '--only', 'casablanca']);
    expect(r.code, r.stderr).toBe(0);
    last.good = outFiles(last.base);
  });
  return {
    get base() { return last.base; },
    get good() { return last.good; },
    copy(): string {
      const dir = mkdtempSync(join(tmpdir(), 'brochure-silent-'));
      cpSync(last.base, dir, { recursive: true });
      return dir;
    },
    expectOutUnchanged(dir: string) {
      const now = outFiles(dir);
      expect([...now.keys()].sort()).toEqual([...last.good.keys()].sort());
      for (const [path, bytes] of last.good) expect(now.get(path)!.equals(bytes), `${path} changed`).toBe(true);
    },
  };
}
