// `brochure watch`: warnings once, times as people read them.
import { describe, expect, it } from 'vitest';
import { watch } from '../src/cli/watch.js';
import { Workspace } from '../src/pipeline/index.js';
import { editFile, tempProject } from './project.js';
import { join } from 'node:path';
const action = (dir: string, id: string) => join(dir, 'data', 'actions', `${id}.yaml`);

describe('watch', () => {
  it('prints a warning once, not at every rebuild, and times in 24-hour ISO form', async () => {
    const root = tempProject(); // its factsheet has two warnings (links that are not public)
    const stop = new AbortController();
    let builds = 0;
    const printed: string[] = [];
    const running = watch({ root, booklet: false, langs: ['fr'], only: undefined, signal: stop.signal, debounceMs: 50, print: (l) => printed.push(l), onBuild: () => builds++ });
    const until = async (n: number) => {
      for (let i = 0; i < 600 && builds < n; i++) await new Promise((r) => setTimeout(r, 100));
      expect(builds).toBeGreaterThanOrEqual(n);
    };
    try {
      await until(1);
      editFile(action(root, 'rabat'), (s) => s.replace(/^(  title: .*)$/m, '$1 (watched)'));
      await until(2);
    } finally {
      stop.abort();
      await running;
    }
    const warnings = printed.filter((l) => l.includes(' warning: '));
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(warnings).size).toBe(warnings.length);
    const stamped = printed.filter((l) => l.startsWith('['));
    expect(stamped.length).toBeGreaterThanOrEqual(2);
    for (const l of stamped) expect(l).toMatch(/^\[([01]\d|2[0-3]):[0-5]\d:[0-5]\d\] (built|not built)/);
  });

  it('writes what it kept for a pause in the edits when it stops: the next process starts from the last edit', async () => {
    const root = tempProject();
    const stop = new AbortController();
    let builds = 0;
    const running = watch({ root, booklet: false, langs: ['fr'], signal: stop.signal, debounceMs: 50, print: () => {}, onBuild: () => builds++ });
    try {
      for (let i = 0; i < 600 && builds < 1; i++) await new Promise((r) => setTimeout(r, 100));
      editFile(action(root, 'rabat'), (s) => s.replace(/^(  title: .*)$/m, '$1 (watched)'));
      for (let i = 0; i < 600 && builds < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(builds).toBe(2);
    } finally {
      stop.abort(); // at once: well before the pause after which a watch writes its memo and cache
      await running;
    }
    // A new process: the checked data is read back (nothing parsed), and the edited card comes from the render cache.
    const next = Workspace.open(root);
    expect((await next.checked()).data!.actions.find((a) => a.id === 'rabat')!.record.fr!.title).toMatch(/\(watched\)$/);
    expect(next.stats).toEqual({ parsed: 0, validated: 0 });
    const report = await next.build({ booklet: false, langs: ['fr'] });
    expect(report.files.filter((f) => f.rendered)).toEqual([]);
  });
});
