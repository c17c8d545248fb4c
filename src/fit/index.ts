// Stage 4b — fit: every card holds on its one page (the body text made smaller in steps when
// it must be), every part of a page is checked from React-PDF's layout (nothing cut off,
// past the margins or drawn over another), and a card that cannot fit becomes a message
// naming its longest column. Fitting renders through src/render; nothing here is loaded
// with React-PDF until a card must be laid out (./card.ts, on the main thread or a worker).
import type { ResolvedSheet } from '../resolve/index.js';

export { fitSheets, glyphProblems, documentGlyphProblems, cardCacheKey } from './sheets.js';
export { factsheetFaults } from './factsheet.js';


/** Room a card has left at a body size, in points and lines (see ./card.ts). */
export async function roomLeft(sheet: ResolvedSheet, bodySize: number): Promise<{ points: number; lines: number }> {
  return (await import('./card.js')).roomLeft(sheet, bodySize);
}
