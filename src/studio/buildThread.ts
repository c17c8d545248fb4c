// The studio's builds and save checks, on a thread of their own: React-PDF lays out for
// hundreds of milliseconds at a time, and the server must answer (the page, its thumbnails,
// checks as the user types) while it does. This thread holds its own workspace of the project
// (what it computed stays warm between saves) and answers one message at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { DataError } from '../problems.js';
import { Workspace } from '../pipeline/index.js';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { makeThumbnail } from './thumbnails.js';
import type { Lang } from '../text/index.js';

export type ThreadRequest =
  | { id: number; type: 'build'; only?: string[]; langs?: Lang[]; sourceDateEpoch?: string }
  | { id: number; type: 'check'; overlay: [string, string | null][]; only?: string[] }
  | { id: number; type: 'thumbnail'; file: string; page?: number }
  | { id: number; type: 'translation'; action: 'preview' | 'import'; file: string; name: string; outDir: string }
  | { id: number; type: 'print'; job: PrintJob }
  | { id: number; type: 'settle' };

/** A print-shop file, a handout or a preflight of files in out/ (absolute paths, confined by the server). */
export type PrintJob =
  | { kind: 'print'; input: string; target: string }
  | { kind: 'duplex'; pairs: { front: string; back: string }[]; target: string }
  | { kind: '2up'; inputs: string[]; target: string; repeat: boolean }
  | { kind: 'booklet-a5'; input: string; target: string }
  | { kind: 'preflight'; input: string };

const ws = Workspace.open(workerData.root as string, { longRunning: true });
const post = (m: unknown) => parentPort!.postMessage(m);
/**
 * The renderer warmed after a first build that came whole from the cache (src/pipeline/warm.ts):
 * the first save is then laid out in a fraction of a second instead of two. It starts once this
 * thread has been idle for a while (the page has drawn its thumbnails: they are made here);
 * builds and checks that come meanwhile wait for it (thumbnails and print jobs do not use it).
 */
let warming: Promise<void> | undefined;
let firstBuildDone = false;
const WARM_WHEN_IDLE_MS = 1500;
let busy = 0;
let lastMessage = 0;
const warmSoon = (tries = 40): void => {
  setTimeout(() => {
    if (!busy && Date.now() - lastMessage >= WARM_WHEN_IDLE_MS) warming = ws.warmUp();
    else if (tries > 1) warmSoon(tries - 1);
  }, WARM_WHEN_IDLE_MS).unref();
};

parentPort?.on('message', async (m: ThreadRequest) => {
  try {
    busy++;
    lastMessage = Date.now();
    if (m.type !== 'thumbnail' && m.type !== 'print') await warming;
    if (m.type === 'build') {
      const report = await ws.build({ only: m.only, langs: m.langs, sourceDateEpoch: m.sourceDateEpoch, onRendered: (what) => post({ id: m.id, type: 'rendered', what }) });
      post({ id: m.id, type: 'done', report });
      // One warm-up at most: after a first build that rendered nothing.
      if (!firstBuildDone && !report.files.some((f) => f.rendered)) warmSoon();
      firstBuildDone = true;
      // The overview's thumbnails of what was written, made now, before a page asks for them.
      for (const f of report.files) if (f.result === 'written') await makeThumbnail(ws.root, readFileSync(f.path)).catch(() => undefined);
    } else if (m.type === 'thumbnail') {
      const png = await makeThumbnail(ws.root, readFileSync(m.file), m.page ?? 1);
      post({ id: m.id, type: 'done', png });
    } else if (m.type === 'translation') {
      // A translator's file: laid over the data and built apart (preview), or written into the data (import).
      const { importTranslations, previewTranslations } = await import('../translate/index.js');
      const report = m.action === 'preview' ? await previewTranslations(ws, m.file, { name: m.name, outDir: m.outDir }) : await importTranslations(ws, m.file, { name: m.name });
      post({ id: m.id, type: 'done', translation: report });
    } else if (m.type === 'print') {
      post({ id: m.id, type: 'done', print: await runPrintJob(m.job) });
    } else if (m.type === 'settle') {
      ws.settle(); // the studio closes: what waits for a pause is written now
      post({ id: m.id, type: 'done' });
    } else {
      const report = await ws.withOverlay(new Map(m.overlay)).check({ only: m.only });
      post({ id: m.id, type: 'done', problems: report.problems });
    }
  } catch (e) {
    if (e instanceof DataError) post({ id: m.id, type: 'failed', problems: e.problems });
    else post({ id: m.id, type: 'failed', message: (e as Error).message });
  } finally {
    busy--;
  }
});

/** Print jobs run here: pdf-lib and Ghostscript take seconds, and the server keeps answering. */
async function runPrintJob(job: PrintJob) {
  const p = await import('../print/index.js');
  const shown = (f: string) => relative(ws.root, f);
  try {
    if (job.kind === 'preflight') return await p.preflightFile(job.input, shown);
    if (job.kind === 'print') return await p.printShopFiles(job.input, job.target, { bleedMm: p.DEFAULT_BLEED_MM, pdfx: true }, shown);
    const made = job.kind === 'duplex' ? await p.duplexHandout(job.pairs, job.target, shown) : job.kind === '2up' ? await p.twoUpHandout(job.inputs, job.target, job.repeat, shown) : await p.bookletHandout(job.input, job.target, shown);
    return { made: [made], notes: [], failures: [] };
  } catch (e) {
    if (e instanceof p.PdfInputError) return { made: [], notes: [], failures: [e.message] };
    throw e;
  }
}
