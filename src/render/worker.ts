// A rendering worker thread (see pool.ts): fits cards and renders booklets.
// Errors the user must act on (a card that does not fit) travel back as data.
import { parentPort } from 'node:worker_threads';
import { fitCard, OverflowError, TextFaultError } from '../fit/index.js';
import { renderBookletPlan } from './booklet.js';
import { revive } from './pool.js';
import type { ResolvedSheet } from '../resolve/index.js';
import type { BookletPlan } from '../assemble/booklet.js';

export type FitOutcome =
  | { fitted: { bodySize: number; bytes: Buffer; renders: number } }
  | { overflow: Record<string, unknown> }
  | { textFault: Record<string, unknown> };

export async function fitOutcome(sheet: ResolvedSheet): Promise<FitOutcome> {
  try {
    return { fitted: await fitCard(sheet) };
  } catch (e) {
    if (e instanceof OverflowError) return { overflow: { ...e, message: e.message } };
    if (e instanceof TextFaultError) return { textFault: { ...e, message: e.message } };
    throw e;
  }
}

/** Turn a fit outcome back into the result or the error fitCard would have given. */
export function fromOutcome(o: FitOutcome) {
  if ('fitted' in o) return o.fitted;
  const [proto, fields] = 'overflow' in o ? [OverflowError.prototype, o.overflow] : [TextFaultError.prototype, o.textFault];
  throw Object.assign(Object.create(proto), fields);
}

const tasks: Record<string, (input: never) => Promise<unknown>> = {
  fitCard: (sheet: ResolvedSheet) => fitOutcome(sheet),
  booklet: (plan: BookletPlan) => renderBookletPlan(plan),
};

parentPort?.on('message', async ({ task, input }: { task: string; input: unknown }) => {
  try {
    parentPort!.postMessage({ ok: true, value: await tasks[task](revive(input) as never) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
  }
});
