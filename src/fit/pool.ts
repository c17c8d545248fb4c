// Rendering spread over the machine's cores: worker threads each render whole documents.
// The output is the same as a single-threaded build: each document is rendered by
// one deterministic renderer, only the order of work differs.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The worker module, compiled. Under the test runner the pipeline runs from the TypeScript
 * sources, which a worker thread cannot load (Node 20 runs no TypeScript): the worker is then
 * the one the tests' global set-up compiled from the same sources (tests/setup/compile.ts).
 */
export function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(here)) ? here : new URL('../../dist/src/fit/worker.js', import.meta.url);
}

export interface PoolTask<T> {
  /** Name of a function exported by the worker module's `tasks`. */
  task: string;
  input: T;
}

/** Structured clone turns Buffers into Uint8Arrays: turn them back (React-PDF wants Buffers). */
export function revive<T>(value: T): T {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength) as T;
  if (Array.isArray(value)) return value.map(revive) as T;
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = revive(v);
    return out as T;
  }
  return value;
}

/**
 * Worker threads by default where there are more than two cores, or on two cores for a long
 * job: on this 2-core machine two workers rendered the 45 cards in 8.0 s against 7.2 s on the
 * main thread alone (starting a worker loads React-PDF and the fonts again, and React-PDF's
 * layout is memory-bound: two at once run at well under twice the speed), but 100 cards in
 * 10.3 s against 11.8 s and 1,000 in 53 s against 72 s (`npm run bench`). `--threads N` overrides.
 */
const LONG_JOB = 64;
function defaultThreads(tasks = 0): number {
  const cores = availableParallelism();
  if (cores > 2) return Math.min(cores - 1, 4);
  return cores === 2 && tasks >= LONG_JOB ? 2 : 1;
}

/**
 * Run tasks on up to `threads` workers, results in task order. Small jobs stay on the
 * main thread: starting a worker (loading React-PDF and the fonts) costs more than they do.
 */
export async function runPool<I, O>(
  workerUrl: URL,
  tasks: PoolTask<I>[],
  runHere: (t: PoolTask<I>) => Promise<O>,
  threads = defaultThreads(tasks.length),
  /** Called as each task finishes (progress output). */
  onDone?: (i: number) => void,
): Promise<O[]> {
  const results: O[] = new Array(tasks.length);
  if (threads <= 1 || tasks.length < 4) {
    for (let i = 0; i < tasks.length; i++) {
      results[i] = await runHere(tasks[i]);
      onDone?.(i);
      // Rendering resolves through microtasks only: let the event loop in between tasks,
      // so Ctrl-C (SIGINT) and progress output are handled during a long build.
      await new Promise((r) => setImmediate(r));
    }
    return results;
  }
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, tasks.length) }, () => new Worker(workerUrl));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= tasks.length) return resolve();
              const i = next++;
              w.once('message', (m: { ok: true; value: O } | { ok: false; error: string; problems?: unknown }) => {
                if (m.ok) {
                  results[i] = revive(m.value);
                  onDone?.(i);
                  give();
                } else reject(Object.assign(new Error(m.error), { problems: m.problems }));
              });
              w.postMessage(tasks[i]);
            };
            w.once('error', reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
