// A card's fitting as plain data, to cross from a worker thread (see ./worker.ts).
import { OverflowError, TextFaultError } from './errors.js';

export type FitOutcome =
  | { fitted: { bodySize: number; bytes: Buffer; renders: number; titleLines?: number; fill?: number } }
  | { overflow: Record<string, unknown> }
  | { textFault: Record<string, unknown> };

/** Turn a fit outcome back into the result or the error fitCard would have given. */
export function fromOutcome(o: FitOutcome) {
  if ('fitted' in o) return o.fitted;
  const [proto, fields] = 'overflow' in o ? [OverflowError.prototype, o.overflow] : [TextFaultError.prototype, o.textFault];
  throw Object.assign(Object.create(proto), fields);
}
