// Run the real `brochure` command, as a user does.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './project.js';

export function brochure(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'brochure'), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
