// A factsheet's pages checked like a card's (./layout.ts): nothing cut off, past the margins
// or drawn over something else (the implementer's name in the footer, a long contact line).
import type { ResolvedFactsheet } from '../resolve/index.js';
import type { LoadedFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { documentTextFields } from '../render/index.js';
import { pageSizes, scale } from '../design/index.js';
import { layoutFaults, type LayoutDocument } from './layout.js';

export function factsheetFaults(sheet: ResolvedFactsheet, record: { file: string; positionOf?: LoadedFile['positionOf'] }, root: unknown): Problem[] {
  if (!root) throw new Error('React-PDF did not report its layout (was @react-pdf/renderer upgraded? see NOTES.md)');
  const pictures = sheet.funder.logo?.kind === 'raster' ? [{ source: sheet.funder.logo.image, path: ['funder', 'logo'], label: `the logo of ${sheet.funder.name}` }] : [];
  const faults = layoutFaults(root as LayoutDocument, pageSizes[sheet.pageSize], scale().margin, documentTextFields(sheet), pictures);
  // The record's own text first (not headings or the funding statement, which it squeezes,
  // nor page numbers and footnote markers): one line per field.
  const own = faults.filter((f) => f.field && !/heading|statement/.test(String(f.field.path.at(-1))) && f.text.length > 3);
  const seen = new Set<string>();
  return (own.length ? own : faults).flatMap((f) => {
    const path = f.field?.path ?? [sheet.lang];
    const what = f.fault === 'cut' ? 'is cut off: its box is too small for it'
      : f.fault === 'outside' ? `runs ${Math.ceil(f.by)} pt past the edge of the page`
      : f.fault === 'margin' ? `runs ${Math.ceil(f.by)} pt past the page margin`
      : `is drawn over "${(f.over?.text ?? '').slice(0, 40)}"`;
    const message = `on the ${sheet.lang} factsheet, the text "${f.text.length > 40 ? f.text.slice(0, 40) + '…' : f.text}" ${what}: shorten it`;
    const key = fieldPath(path);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ file: record.file, ...record.positionOf?.(path), field: fieldPath(path), message, severity: 'error' as const }];
  });
}
