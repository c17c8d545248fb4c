// The studio's builds: one at a time, through the workspace, so the server keeps answering.
// A change during a build asks for one more after it; a save first builds the saved record's
// sheets alone (its preview updates at once), then everything. What the pages show is the
// last good build (its PDFs stay on screen while the data is invalid) and the problems of
// the last attempt; every listener hears each change of state.
import type { BuildReport, Workspace } from '../pipeline/index.js';
import { DataError, type Problem } from '../problems.js';
import type { Lang } from '../text/index.js';

interface Request {
  only?: string[];
  langs?: Lang[];
  /** Wait this long first (ms): after a save's quick build, the page fetches its new PDF. */
  pause?: number;
}

export class Builds {
  lastGood?: BuildReport;
  problems: Problem[] = [];
  version = 0;
  building = false;
  private queue: Request[] = [];
  private running?: Promise<void>;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly ws: Workspace, private readonly log: (line: string) => void) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  request(only?: string[], langs?: Lang[], pause?: number): void {
    this.queue.push({ only, langs, pause });
    this.running ??= this.run();
  }

  /** Resolves when no build is running or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    this.building = true;
    while (this.queue.length) {
      const next = this.queue.shift()!;
      if (next.pause) await new Promise((r) => setTimeout(r, next.pause));
      if (!next.only) this.queue = this.queue.filter((q) => q.only); // one full build covers every other full build
      await this.once(next);
      this.version++;
      // The last update of a run says it is over: nothing queued means not building any more.
      if (!this.queue.length) this.building = false;
      for (const l of this.listeners) l();
    }
    this.building = false;
    this.running = undefined;
  }

  private async once(next: Request): Promise<void> {
    try {
      const report = await this.ws.build({ only: next.only, langs: next.langs });
      if (!next.only) {
        this.lastGood = report;
        this.problems = report.warnings;
      } else if (this.lastGood) {
        const fresh = new Map(report.files.map((f) => [f.path, f]));
        this.lastGood = { ...this.lastGood, files: this.lastGood.files.map((f) => fresh.get(f.path) ?? f) };
      }
      this.log(`built in ${report.seconds.toFixed(2)} s${next.only ? ` (${next.only.join(', ')})` : ''}`);
    } catch (e) {
      if (!(e instanceof DataError)) this.log(`build failed: ${(e as Error).message}`);
      this.problems = e instanceof DataError ? e.problems : [{ file: '', message: (e as Error).message, severity: 'error' }];
      this.queue = this.queue.filter((q) => !q.only);
    }
  }
}
