// Stage 5 — assemble: a booklet bound from PDFs already rendered (its own pages and the
// sheets'), with one structure tree, page numbers, links and outline (./booklet.ts, pdf-lib).
export { bindBooklet } from './booklet.js';
export type { FontTrace } from './fonts.js';
