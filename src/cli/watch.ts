// `brochure watch`: rebuild on every save under data/ and assets/. Saves are debounced;
// a save during a build triggers one more build after it, so the PDFs on disk always end
// up matching the data as last saved. Invalid data prints its problems and keeps the
// last good PDFs (a build writes nothing unless everything succeeded).
import { Workspace, type BuildOptions, type BuildReport } from '../pipeline/index.js';
import { DataError, formatProblem } from '../problems.js';
import { watchData } from '../watchData.js';
import { serveBuilds } from '../handoff/index.js';
import { join } from 'node:path';

export interface WatchOptions extends BuildOptions {
  root: string;
  debounceMs?: number;
  /** Stops watching when aborted. */
  signal?: AbortSignal;
  /** Called after each build, good or bad (for tests and tools). */
  onBuild?: (outcome: { report?: BuildReport; error?: unknown }) => void;
  print?: (line: string) => void;
}

export async function watch(opts: WatchOptions): Promise<void> {
  const print = opts.print ?? ((l: string) => process.stderr.write(l + '\n'));
  let running = false;
  let again = false;
  // A warning is printed once, when it first appears, not again at every rebuild.
  const warned = new Set<string>();

  // One workspace for the whole session: a save re-reads and re-checks only the files it touched.
  const workspace = Workspace.open(opts.root, { longRunning: true });
  // Builds run one at a time: the watch's own, and those `brochure build` hands over (src/handoff).
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const r = turn.then(fn);
    turn = r.catch(() => undefined);
    return r;
  };
  let firstBuildDone = false;
  const runOnce = async () => {
    try {
      const report = await exclusive(() => workspace.build({ ...opts, onWritten: undefined }));
      // A first build all from the cache loaded no renderer: warmed now, for the first edit.
      if (!firstBuildDone && !report.files.some((f) => f.rendered)) void exclusive(() => workspace.warmUp());
      firstBuildDone = true;
      const changed = report.files.filter((f) => f.result === 'written');
      for (const f of changed) print(`  ${f.path.replace(opts.root + '/', '')} written`);
      for (const line of report.warnings.map(formatProblem)) if (!warned.has(line)) print(line), warned.add(line);
      print(`[${clock()}] built in ${report.seconds.toFixed(2)} s: ${changed.length} written, ${report.files.length - changed.length} unchanged. Watching for changes…`);
      opts.onBuild?.({ report });
    } catch (e) {
      if (e instanceof DataError) {
        for (const p of e.problems) print(formatProblem(p));
        print(`[${clock()}] not built: fix the data above and save again (the last good PDFs are kept).`);
      } else print(`brochure watch: unexpected error: ${(e as Error).message}`);
      opts.onBuild?.({ error: e });
    }
  };
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      await runOnce();
    } while (again && !opts.signal?.aborted);
    running = false;
  };

  const watcher = watchData(opts.root, () => void run(), { debounceMs: opts.debounceMs });
  const served = await serveBuilds(opts.root, 'brochure watch', (request) =>
    exclusive(async () => {
      try {
        return { by: 'brochure watch', report: await workspace.build({ langs: request.langs, sourceDateEpoch: request.sourceDateEpoch, outDir: join(opts.root, 'out') }) };
      } catch (e) {
        if (e instanceof DataError) return { by: 'brochure watch', problems: e.problems };
        throw e;
      }
    }),
  );
  try {
    await watcher.ready;
    await run();
    await new Promise<void>((resolve) => {
      if (opts.signal?.aborted) return resolve();
      opts.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    while (running) await new Promise((r) => setTimeout(r, 20));
    await turn; // a warm-up under way
  } finally {
    await served?.close();
    await watcher.close();
    workspace.settle();
  }
}

/** The local time as 24-hour ISO 8601 (15:04:05), whatever the machine's locale. */
function clock(now = new Date()): string {
  return [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
