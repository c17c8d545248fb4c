// `brochure build` beside a running `brochure watch` on the same folder: the watch builds,
// warm, one build at a time, and the command prints its report as its own. Without a watch
// (or with one that was killed), the command builds by itself, as always.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { editFile, ROOT, tempProject } from './project.js';
import { containsText, pdfText } from './pdf.js';

const root = tempProject();
const socket = join(root, '.cache', 'build.sock');
const rabat = join(root, 'data', 'actions', 'rabat.yaml');
let watcher: ChildProcess;
let printed = '';

/** Start `brochure watch` in its own process and wait for its first build. */
function startWatch(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'brochure'), '--root', dir, 'watch'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('Watching for changes')) resolve(child);
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.once('exit', (code) => reject(new Error(`watch exited ${code}: ${printed}`)));
  });
}

beforeAll(async () => {
  watcher = await startWatch(root);
}, 300_000);

afterAll(() => {
  watcher.kill('SIGINT');
});

/** Send raw bytes to the socket; what comes back before it closes. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let back = '';
    const s = createConnection(socket);
    s.on('data', (d) => (back += d.toString()));
    s.on('close', () => resolve(back));
    s.on('error', () => resolve(back));
    s.on('connect', () => s.write(bytes));
  });
}

describe('brochure build beside a running watch', () => {
  it('is built by the watch: the edit is in the PDF, and the PDFs are those a build on its own makes', async () => {
    expect((statSync(socket).mode & 0o777).toString(8)).toBe('600'); // only the user may connect
    editFile(rabat, (s) => s.replace(/^(  title: .*)$/m, '$1 relayé'));
    const r = brochure(['--root', root, 'build']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Built 47 sheets and 3 booklets in 3 languages in .* by the brochure watch open on this folder\.\n$/);
    expect(r.stdout).toMatch(/out\/fr\/rabat\.pdf\s+(written|unchanged)/);
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'fr', 'rabat.pdf')));
    expect(containsText(pages.join(' '), 'relayé')).toBe(true);
    // The same PDFs as a cold build of the same data in its own process.
    const cold = brochure(['--root', root, 'build', '--no-cache', '--no-handoff', '--out', 'cold']);
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stdout).not.toContain('open on this folder');
    for (const lang of ['fr', 'en', 'ar']) {
      for (const f of readdirSync(join(root, 'cold', lang))) {
        expect(readFileSync(join(root, 'out', lang, f)).equals(readFileSync(join(root, 'cold', lang, f))), `${lang}/${f}`).toBe(true);
      }
    }
  }, 120_000);

  it('reports wrong data as a build on its own does: file, line, field, exit 1, nothing written', () => {
    const before = readFileSync(join(root, 'out', 'fr', 'rabat.pdf'));
    const good = readFileSync(rabat, 'utf8');
    editFile(rabat, (s) => s.replace(/^  title: .*$/m, '  title: [unclosed'));
    try {
      const r = brochure(['--root', root, 'build']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/data\/actions\/rabat\.yaml:\d+:\d+ YAML syntax/);
      expect(r.stdout).not.toContain('Built');
      const alone = brochure(['--root', root, 'build', '--no-handoff']);
      expect([alone.code, alone.stderr]).toEqual([r.code, r.stderr]);
      expect(readFileSync(join(root, 'out', 'fr', 'rabat.pdf')).equals(before)).toBe(true);
    } finally {
      editFile(rabat, () => good);
    }
  });

  it('refuses what is not a build request, and a request too long, and keeps serving', async () => {
    expect(JSON.parse(await raw('{"langs": ["xx"]}\n')).error).toBe('not a build request');
    expect(JSON.parse(await raw('{"__proto__": {"polluted": true}, "langs": "fr"}\n')).error).toBe('not a build request');
    expect(await raw('x'.repeat(10_000))).toBe(''); // closed before anything is parsed
    const r = brochure(['--root', root, 'build', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Built 16 sheets and 1 booklet in 1 language in .* by the brochure watch open on this folder\./);
  });

  it('builds by itself when the watch was killed and left its socket behind', async () => {
    const dir = tempProject();
    const killed = await startWatch(dir);
    killed.kill('SIGKILL');
    await new Promise((r) => killed.once('exit', r));
    expect(existsSync(join(dir, '.cache', 'build.sock'))).toBe(true);
    const r = brochure(['--root', dir, 'build', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Built 16 sheets and 1 booklet in 1 language in [\d.]+ s \(.*\)\.\n$/);
    expect(r.stdout).not.toContain('open on this folder');
  }, 120_000);

  it('is built by the studio when the studio is open on the folder instead', async () => {
    const dir = tempProject();
    const studio = spawn(process.execPath, [join(ROOT, 'bin', 'brochure'), '--root', dir, 'studio', '--no-commit'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let said = '';
      await new Promise<void>((resolve, reject) => {
        studio.stdout!.on('data', (d) => (said += d.toString()) && said.includes('Brochure studio:') && resolve());
        studio.once('exit', (code) => reject(new Error(`studio exited ${code}`)));
      });
      editFile(join(dir, 'data', 'actions', 'rabat.yaml'), (s) => s.replace(/^(  title: .*)$/m, '$1 vu au studio'));
      const r = brochure(['--root', dir, 'build', '--lang', 'fr']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Built 16 sheets and 1 booklet in 1 language in .* by the studio open on this folder\./);
      const { pages } = await pdfText(readFileSync(join(dir, 'out', 'fr', 'rabat.pdf')));
      expect(containsText(pages.join(' '), 'vu au studio')).toBe(true);
    } finally {
      studio.kill('SIGINT');
      await new Promise((r) => studio.once('exit', r));
    }
    expect(existsSync(join(dir, '.cache', 'build.sock'))).toBe(false); // a studio stopped takes its socket away
  }, 180_000);
});
