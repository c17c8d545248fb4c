// Progress of a build, and Ctrl-C.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { ROOT, tempProject } from './project.js';
import { spawn } from 'node:child_process';
import { interruptedMessage } from '../src/cli/progress.js';
import { lastGoodBuild, lines } from './lastGood.js';

const last = lastGoodBuild();
const { copy, expectOutUnchanged } = last;

describe('progress and Ctrl-C', () => {
  /** The real CLI, started in the background: its output as it comes, and its end. */
  function start(args: string[]) {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'brochure'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seen = { stdout: '', stderr: '' };
    child.stdout.on('data', (d) => (seen.stdout += d));
    child.stderr.on('data', (d) => (seen.stderr += d));
    const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, seen, ended };
  }

  it('a cold build prints a plain line per PDF as it is rendered, long before it ends', async () => {
    const root = tempProject();
    const run = start(['--root', root, 'build', '--lang', 'fr']);
    expect(await run.ended).toBe(0);
    const out = lines(run.seen.stdout);
    const rendered = out.filter((l) => /^ {2}rendered [a-z]{2}\/\S+/.test(l));
    expect(rendered).toContain('  rendered fr/casablanca');
    expect(rendered).toContain('  rendered fr/targeted-city-actions (booklet)');
    // Progress comes first, from the first card on, a line for each PDF rendered, before any is written.
    expect(out.findIndex((l) => l.startsWith('  rendered'))).toBe(0);
    const firstWritten = out.findIndex((l) => /^ {2}out\/\S+ +written/.test(l));
    expect(out.slice(0, firstWritten).filter((l) => l.startsWith('  rendered'))).toHaveLength(rendered.length);
    expect(rendered.length).toBeGreaterThanOrEqual(16); // 15 French cards, a factsheet, the booklet
    expect(run.seen.stdout).not.toContain('\r'); // not a terminal: no progress bar
  });

  it('Ctrl-C during a build says it was interrupted and what was written (nothing, before the writing starts)', async () => {
    const dir = copy();
    const run = start(['--root', dir, 'build', '--no-cache']);
    for (let i = 0; i < 600 && !run.seen.stdout.includes('rendered'); i++) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGINT');
    expect(await run.ended).toBe(130);
    expect(lines(run.seen.stderr)).toContain('brochure: interrupted before anything was written: out/ holds the PDFs of the last good build, unchanged');
    expectOutUnchanged(dir);
  });

  it('the message names what was written when the writing had begun', () => {
    expect(interruptedMessage(['out/fr/a.pdf', 'out/en/a.pdf', 'out/fr/b.pdf', 'out/en/b.pdf'])).toBe('brochure: interrupted: 4 PDFs were written (out/fr/a.pdf, out/en/a.pdf, out/fr/b.pdf, and 1 more); the others were not: run the build again to finish');
  });
});
