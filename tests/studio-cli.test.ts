// `brochure studio` as a user starts it: prints its address on 127.0.0.1, serves the app,
// warns when told to listen on another address, and stops on Ctrl-C.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, tempProject } from './project.js';

function start(args: string[]): Promise<{ url: string; stderr: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'brochure'), 'studio', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((ok, fail) => {
    child.on('exit', (code) => fail(new Error(`studio exited (${code}): ${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Brochure studio: (http:\S+)/.exec(out);
      if (m) ok({ url: m[1]!, stderr: () => err, stop: () => new Promise((done) => { child.removeAllListeners('exit'); child.once('exit', (code) => done(code)); child.kill('SIGINT'); }) });
    });
  });
}

describe('brochure studio (command)', () => {
  it('prints its address on 127.0.0.1 and serves the app until Ctrl-C', async () => {
    const studio = await start(['--root', tempProject()]);
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(studio.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Brochure Studio');
    expect(studio.stderr()).not.toMatch(/Warning/);
    expect(await studio.stop()).toBe(0);
  });

  it('warns when listening on another address', async () => {
    const studio = await start(['--root', tempProject(), '--host', '0.0.0.0']);
    expect(studio.stderr()).toMatch(/Warning: listening on 0\.0\.0\.0/);
    await studio.stop();
  });
});
