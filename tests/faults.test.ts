// Faults of the machine a build meets (issue 25): a full or read-only disk, a folder where a
// PDF goes, a file where a folder goes, temporary files left by killed builds, symbolic link
// loops, and a render cache shared by several outputs. Each ends in one message naming the
// path and the fix (exit 3 for the disk and permissions), with the PDFs already there intact.
// The disk cases mount small tmpfs filesystems, which needs root: without it they are skipped.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { tempProject } from './project.js';
import { lastGoodBuild, lines } from './lastGood.js';

const last = lastGoodBuild();
const { copy, expectOutUnchanged } = last;

const mounted: string[] = [];
/** A tmpfs of `size` at `dir` (made), or false when this machine does not let the tests mount one. */
function tmpfs(dir: string, size: string, readOnly = false): boolean {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readOnly ? ',ro' : ''}`, 'tmpfs', dir]);
  if (r.status === 0) mounted.push(dir);
  return r.status === 0;
}
afterAll(() => {
  for (const dir of mounted.reverse()) spawnSync('umount', ['-l', dir]);
});
const canMount = (() => {
  const probe = join(tempProject(), 'probe');
  const ok = tmpfs(probe, '64k');
  if (ok) spawnSync('umount', [probe]) && mounted.pop();
  if (!ok) console.warn('disk fault tests skipped: this machine does not let the tests mount a tmpfs (needs root)');
  return ok;
})();

describe('disk and permission faults', () => {
  it.skipIf(!canMount)('7. --out on a full disk: exit 3 before anything is written, naming the folder, the space needed and the space free', () => {
    const dir = copy();
    const small = join(dir, 'small');
    expect(tmpfs(small, '300k')).toBe(true);
    const r = brochure(['--root', dir, 'build', '--out', small]);
    expect(r.code, r.stderr).toBe(3);
    const message = lines(r.stderr).find((l) => l.startsWith('small'))!;
    expect(message).toMatch(/^small the disk holding small\/ has \d+ KB free, and the PDFs need about \d+ KB: free some space .* nothing was written, the PDFs already there are intact$/);
    expect(r.stderr).toContain('Nothing was written: the PDFs already there are intact');
    expect(readdirSync(small)).toEqual([]); // nothing, not even a temporary file
  });

  it.skipIf(!canMount)('7. the project itself on a small disk: the render cache gives way to the PDFs, leaves no temporary file, and the next build works', () => {
    const disk = join(tempProject(), 'disk');
    expect(tmpfs(disk, '6m')).toBe(true);
    const base = tempProject();
    for (const d of ['data', 'assets']) spawnSync('cp', ['-r', join(base, d), disk]);
    const first = brochure(['--root', disk, 'build']);
    expect(first.code, first.stderr).toBe(0);
    const temporaries = (spawnSync('find', [disk, '-name', '*.tmp']).stdout.toString().trim());
    expect(temporaries).toBe('');
    const again = brochure(['--root', disk, 'build']);
    expect(again.code, again.stderr).toBe(0);
  });

  it.skipIf(!canMount)('8. a read-only out/: exit 3 before rendering, naming out/ and the fix; nothing written', () => {
    const dir = copy();
    expect(tmpfs(join(dir, 'out'), '4m', true)).toBe(true);
    const r = brochure(['--root', dir, 'build']);
    expect(r.code, r.stderr).toBe(3);
    expect(lines(r.stderr)).toContain('out is on a read-only disk: build elsewhere with --out');
    expect(r.stdout).not.toMatch(/rendered/); // refused before anything was laid out
  });

  it('8. out/fr/rabat.pdf a folder, out/en a file: each named with its fix, before rendering; nothing written', () => {
    const dir = copy();
    mkdirSync(join(dir, 'out', 'fr', 'rabat.pdf'));
    renameSync(join(dir, 'out', 'en'), join(dir, 'en-aside'));
    writeFileSync(join(dir, 'out', 'en'), 'not a folder');
    const r = brochure(['--root', dir, 'build']);
    expect(r.code, r.stderr).toBe(3);
    expect(lines(r.stderr)).toContain('out/fr/rabat.pdf a folder has the name this PDF is written to: move or delete the folder, and build again');
    expect(lines(r.stderr)).toContain('out/en is a file, where the folder out/en should be: move or delete it, or build elsewhere with --out');
    expect(r.stdout).not.toMatch(/rendered/);
    rmSync(join(dir, 'out', 'fr', 'rabat.pdf'), { recursive: true });
    rmSync(join(dir, 'out', 'en'));
    renameSync(join(dir, 'en-aside'), join(dir, 'out', 'en'));
    expectOutUnchanged(dir);
  });
});

describe('9. temporary files left by killed builds', () => {
  it('are removed by the next build when their process is gone, and kept while it runs', () => {
    const dir = copy();
    const dead = 2 ** 22 + 12345; // above Linux's largest process id: never a running process
    writeFileSync(join(dir, 'out', 'fr', `.casablanca.pdf.${dead}.tmp`), 'half a PDF');
    mkdirSync(join(dir, '.cache', 'renders', 'ab'), { recursive: true });
    writeFileSync(join(dir, '.cache', 'renders', 'ab', `abcdef.pdf.${dead}.tmp`), 'half an entry');
    writeFileSync(join(dir, 'out', 'fr', `.rabat.pdf.${process.pid}.tmp`), 'being written');
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'fr', `.casablanca.pdf.${dead}.tmp`))).toBe(false);
    expect(existsSync(join(dir, '.cache', 'renders', 'ab', `abcdef.pdf.${dead}.tmp`))).toBe(false);
    expect(existsSync(join(dir, 'out', 'fr', `.rabat.pdf.${process.pid}.tmp`))).toBe(true);
  });
});

describe('10. symbolic link loops', () => {
  it('a loop of record links and a link to the project itself: named once each, skipped; validate and build work', () => {
    const dir = copy();
    symlinkSync('b.yaml', join(dir, 'data', 'actions', 'a.yaml'));
    symlinkSync('a.yaml', join(dir, 'data', 'actions', 'b.yaml'));
    symlinkSync('..', join(dir, 'data', 'up'));
    const v = brochure(['--root', dir, 'validate']);
    expect(v.code, v.stderr).toBe(0);
    expect(lines(v.stderr)).toContain('data/actions/a.yaml warning: this symbolic link leads back to itself (through b.yaml): a loop, never followed: remove it');
    expect(lines(v.stderr).filter((l) => l.startsWith('data/actions/a.yaml'))).toHaveLength(1);
    expect(v.stderr).not.toMatch(/ELOOP|up\/data\/up/);
    const b = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(b.code, b.stderr).toBe(0);
  });
});

describe('12. the render cache', () => {
  it('a full build elsewhere at another page size does not evict what the build in out/ uses', () => {
    const dir = tempProject();
    expect(brochure(['--root', dir, 'build', '--lang', 'fr']).code).toBe(0);
    expect(brochure(['--root', dir, 'build']).code).toBe(0);
    expect(brochure(['--root', dir, 'build', '--page-size', 'A4-landscape', '--out', join(dir, 'landscape')]).code).toBe(0);
    const again = brochure(['--root', dir, 'booklet']);
    expect(again.code, again.stderr).toBe(0);
    // Every booklet from the cache: nothing laid out again.
    expect(again.stdout).not.toMatch(/rendered/);
    expect(again.stdout).toMatch(/\(cached\)/);
  });

  it('the tests never build with the working copy\'s own cache', () => {
    const tests = readdirSync(join(import.meta.dirname)).filter((f) => f.endsWith('.test.ts'));
    for (const f of tests) {
      const text = readFileSync(join(import.meta.dirname, f), 'utf8');
      expect(text, f).not.toMatch(/build\(\{ root: ROOT(?![^}]*cache: false)/);
      expect(text, f).not.toMatch(/Workspace\.open\(ROOT\)/);
    }
  });
});
