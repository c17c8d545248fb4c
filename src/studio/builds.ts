// The studio's builds: one at a time, on the build thread (./buildThread.ts), so the server
// keeps answering while React-PDF lays out. A change during a build asks for one more after
// it; a save first builds the saved record's sheets alone (its preview updates at once), then
// everything. What the pages show is the last good build (its PDFs stay on screen while the
// data is invalid), the problems of the last attempt, and, while building, how far it got.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BuildReport } from '../pipeline/index.js';
import type { Problem } from '../problems.js';
import type { Lang } from '../text/index.js';
import type { ImportReport, PreviewReport } from '../translate/index.js';
import type { PrintJob } from './buildThread.js';

/** What a print job made (files, notes, Ghostscript's failures), or a preflight's report. */
export type PrintResult = { made: { target: string; result: string; detail: string }[]; notes: string[]; failures: string[] } | { lines: string[]; problems: number };

interface Request {
  only?: string[];
  langs?: Lang[];
  /** Wait this long first (ms): after a save's quick build, the page fetches its new PDF. */
  pause?: number;
  sourceDateEpoch?: string;
  /** Told the outcome (a build `brochure build` handed over): such a request is never merged into another. */
  done?: (outcome: { report: BuildReport } | { problems: Problem[] } | { error: string }) => void;
}

/** The thread's module, compiled (under the test runner: the one the tests' set-up compiled). */
function threadUrl(): URL {
  const here = new URL('./buildThread.js', import.meta.url);
  return existsSync(fileURLToPath(here)) ? here : new URL('../../dist/src/studio/buildThread.js', import.meta.url);
}

type Reply = { id: number; type: 'done'; report?: BuildReport; problems?: Problem[]; png?: Uint8Array; translation?: ImportReport | PreviewReport; print?: PrintResult } | { id: number; type: 'failed'; problems?: Problem[]; message?: string } | { id: number; type: 'rendered'; what: string };

/** A failed build or check: the data's problems, or an unexpected error's message. */
class ThreadFailure extends Error {
  constructor(readonly problems: Problem[] | undefined, message: string) {
    super(message);
  }
}

export class Builds {
  lastGood?: BuildReport;
  problems: Problem[] = [];
  version = 0;
  building = false;
  /** Documents rendered so far by the running build ("fr/rabat"). */
  progress: string[] = [];
  private queue: Request[] = [];
  private running?: Promise<void>;
  private readonly listeners = new Set<() => void>();
  private readonly thread: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { ok: (r: Reply) => void; onRendered?: (what: string) => void }>();

  constructor(root: string, private readonly log: (line: string) => void) {
    this.thread = new Worker(threadUrl(), { workerData: { root } });
    this.thread.on('message', (r: Reply) => {
      const p = this.pending.get(r.id);
      if (r.type === 'rendered') return p?.onRendered?.(r.what);
      this.pending.delete(r.id);
      p?.ok(r);
    });
    this.thread.on('error', (e) => this.log(`studio: the build thread failed: ${e.message}`));
  }

  private ask(message: object, onRendered?: (what: string) => void): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((ok) => {
      this.pending.set(id, { ok, onRendered });
      this.thread.postMessage({ ...message, id });
    });
  }

  /** Everything a build would find for these records with the texts laid over (nothing written, nothing built). */
  async check(overlay: Map<string, string | null>, only?: string[]): Promise<Problem[]> {
    const r = await this.ask({ type: 'check', overlay: [...overlay], only });
    if (r.type === 'failed') {
      if (r.problems) return r.problems;
      throw new ThreadFailure(undefined, r.message ?? 'the check failed');
    }
    return (r as { problems?: Problem[] }).problems ?? [];
  }

  /** A thumbnail of a page of a PDF in out/ (made on the thread, kept in .cache/thumbnails/). */
  async thumbnail(file: string, page = 1): Promise<Buffer> {
    const r = await this.ask({ type: 'thumbnail', file, page });
    if (r.type !== 'done' || !r.png) throw new ThreadFailure(undefined, r.type === 'failed' ? r.message ?? 'no thumbnail' : 'no thumbnail');
    return Buffer.from(r.png);
  }

  /**
   * A translator's file, on the thread: `preview` builds what it would change into `outDir`,
   * `import` writes it into the data. The data's problems when it is refused.
   */
  async translation(action: 'preview', file: string, name: string, outDir: string): Promise<PreviewReport | Problem[]>;
  async translation(action: 'import', file: string, name: string): Promise<ImportReport | Problem[]>;
  async translation(action: 'preview' | 'import', file: string, name: string, outDir = ''): Promise<PreviewReport | ImportReport | Problem[]> {
    const r = await this.ask({ type: 'translation', action, file, name, outDir });
    if (r.type === 'failed') {
      if (r.problems) return r.problems;
      throw new ThreadFailure(undefined, r.message ?? `the ${action} failed`);
    }
    return (r as { translation: PreviewReport | ImportReport }).translation;
  }

  /** A record deleted or renamed: its documents leave the last good build at once (its PDFs are gone). */
  forget(id: string): void {
    if (this.lastGood) this.lastGood = { ...this.lastGood, files: this.lastGood.files.filter((f) => f.id !== id || f.kind === 'booklet') };
    this.changed();
  }

  /** A print-shop file, a handout or a preflight, on the thread. */
  async print(job: PrintJob): Promise<PrintResult> {
    const r = await this.ask({ type: 'print', job });
    if (r.type !== 'done' || !r.print) throw new ThreadFailure(undefined, r.type === 'failed' ? r.message ?? 'the print job failed' : 'the print job failed');
    return r.print;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    this.version++;
    for (const l of this.listeners) l();
  }

  request(only?: string[], langs?: Lang[], pause?: number): void {
    this.queue.push({ only, langs, pause });
    this.running ??= this.run();
  }

  /** A build of everything (in these languages), queued after the others, and its outcome (src/handoff). */
  build(langs?: Lang[], sourceDateEpoch?: string): Promise<{ report: BuildReport } | { problems: Problem[] } | { error: string }> {
    return new Promise((done) => {
      this.queue.push({ langs, sourceDateEpoch, done });
      this.running ??= this.run();
    });
  }

  /** Resolves when no build is running or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    await this.idle();
    // What waits for a pause in the edits is written now (a thread that stopped answering is not waited for long).
    await Promise.race([this.ask({ type: 'settle' }), new Promise((r) => setTimeout(r, 2000).unref())]);
    await this.thread.terminate();
  }

  private async run(): Promise<void> {
    this.building = true;
    this.changed();
    while (this.queue.length) {
      const next = this.queue.shift()!;
      if (next.pause) await new Promise((r) => setTimeout(r, next.pause));
      if (!next.only) this.queue = this.queue.filter((q) => q.only || q.done); // one full build covers every other full build
      await this.once(next);
      // The last update of a run says it is over: nothing queued means not building any more.
      if (!this.queue.length) this.building = false;
      this.changed();
    }
    this.building = false;
    this.running = undefined;
  }

  private async once(next: Request): Promise<void> {
    this.progress = [];
    const r = await this.ask({ type: 'build', only: next.only, langs: next.langs, sourceDateEpoch: next.sourceDateEpoch }, (what) => {
      this.progress.push(what);
      this.changed();
    });
    if (r.type === 'done' && r.report) {
      const report = r.report;
      if (!next.only) {
        this.lastGood = report;
        this.problems = report.warnings;
      } else {
        const fresh = new Map(report.files.map((f) => [f.path, f]));
        const kept = this.lastGood?.files ?? [];
        const known = new Set(kept.map((f) => f.path));
        this.lastGood = { ...(this.lastGood ?? report), files: [...kept.map((f) => fresh.get(f.path) ?? f), ...report.files.filter((f) => !known.has(f.path))] };
      }
      this.log(`built in ${report.seconds.toFixed(2)} s${next.only ? ` (${next.only.join(', ')})` : ''}`);
    } else if (r.type === 'failed') {
      if (!r.problems) this.log(`build failed: ${r.message}`);
      this.problems = r.problems ?? [{ file: '', message: r.message ?? 'the build failed', severity: 'error' }];
      this.queue = this.queue.filter((q) => !q.only || q.done);
    }
    next.done?.(r.type === 'done' && r.report ? { report: r.report } : r.type === 'failed' && r.problems ? { problems: r.problems } : { error: (r as { message?: string }).message ?? 'the build failed' });
    this.progress = [];
  }
}
