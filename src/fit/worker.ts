// A rendering worker thread (see pool.ts): fits cards.
// Errors the user must act on (a card that does not fit) travel back as data.
import { parentPort } from 'node:worker_threads';
import { fitCard } from './card.js';
import { OverflowError, TextFaultError } from './errors.js';
import type { FitOutcome } from './outcome.js';
import { revive } from './pool.js';
import type { ResolvedSheet } from '../resolve/index.js';

export async function fitOutcome(sheet: ResolvedSheet): Promise<FitOutcome> {
  try {
    return { fitted: await fitCard(sheet) };
  } catch (e) {
    if (e instanceof OverflowError) return { overflow: { ...e, message: e.message } };
    if (e instanceof TextFaultError) return { textFault: { ...e, message: e.message } };
    throw e;
  }
}

const tasks: Record<string, (input: never) => Promise<unknown>> = {
  fitCard: (sheet: ResolvedSheet) => fitOutcome(sheet),
};

parentPort?.on('message', async ({ task, input }: { task: string; input: unknown }) => {
  try {
    parentPort!.postMessage({ ok: true, value: await tasks[task](revive(input) as never) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
  }
});
