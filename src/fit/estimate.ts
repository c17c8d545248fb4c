// What cannot fit, known without laying it out: a card's body text against the most any page
// could hold at the smallest body size. Laying out a text of a million characters takes
// React-PDF minutes and gigabytes only to say it is too long; this takes microseconds.
import type { ResolvedSheet } from '../resolve/index.js';
import { DEFAULT_BODY_SIZE, MIN_BODY_SIZE, pageSizes, scale } from '../design/index.js';
import type { Column } from './errors.js';

/** The narrowest a character of the body text can be, in em (IBM Plex Sans averages above 0.5). */
const NARROWEST_CHARACTER_EM = 0.4;

/** More characters than the whole page, at the smallest size, could ever hold: a generous upper bound. */
function pageCapacity(pageSize: ResolvedSheet['pageSize']): number {
  const page = pageSizes[pageSize];
  const s = scale(MIN_BODY_SIZE);
  const area = (page.width - 2 * s.margin) * (page.height - 2 * s.margin - s.headerHeight);
  return Math.floor(area / (MIN_BODY_SIZE * NARROWEST_CHARACTER_EM * MIN_BODY_SIZE * s.leading));
}

/** When the card's columns hold more text than any page could: how much, and its longest column. */
export function surelyTooLong(sheet: ResolvedSheet): { characters: number; capacity: number; longest: Column } | undefined {
  const columns: Record<Column, number> = {
    objective: sheet.objective.paragraphs.join('').length,
    activities: sheet.activities.items.join('').length,
    results: sheet.results.items.join('').length,
  };
  const characters = columns.objective + columns.activities + columns.results + sheet.recommendations.items.join('').length;
  const capacity = pageCapacity(sheet.pageSize);
  if (characters <= capacity) return undefined;
  const longest = (Object.keys(columns) as Column[]).sort((a, b) => columns[b] - columns[a])[0]!;
  return { characters, capacity, longest };
}

/** Average advance of a character of body text, in em (IBM Plex Sans and Plex Sans Arabic, spaces included). */
const AVERAGE_CHARACTER_EM = 0.45;
/**
 * Height on a card that the body size does not govern (margins, header, title, goal tiles,
 * recommendations, funding footer), in points, and how much the line estimate below
 * understates a column (paragraph ends, headings, line spacing): both calibrated on the 45
 * cards in A4, A4 landscape and Letter (the size it gives is the size fitting ends at for
 * 105 of the 135, within one step for 120).
 */
const FIXED_HEIGHT = 300;
const ESTIMATE_UNDERSTATES = 1.5;

/**
 * The body size (one of `sizes`, largest first) a card's text alone says it will fit at: its
 * tallest column's lines estimated from character counts against the height the page leaves
 * for the columns (keeping the reserve above the default size). Only where fitting starts
 * (./card.ts): every size is confirmed by a layout, so a wrong guess costs a layout or two,
 * never a wrong card. Most cards are short and end at MAX_BODY_SIZE: starting there, one
 * layout fits them.
 */
export function startingSize(sheet: ResolvedSheet, sizes: readonly number[], reserve: number): number {
  const page = pageSizes[sheet.pageSize];
  for (const size of sizes) {
    const s = scale(size);
    const width = (page.width - 2 * s.margin - 2 * s.columnGap) / 3;
    const column = (items: string[]) => items.reduce((h, text) => h + Math.ceil((text.length * AVERAGE_CHARACTER_EM * size) / width) * size * s.leading + s.itemGap, 0);
    const tallest = Math.max(column(sheet.objective.paragraphs), column(sheet.activities.items), column(sheet.results.items));
    if (tallest * ESTIMATE_UNDERSTATES + (size > DEFAULT_BODY_SIZE ? reserve : 0) <= page.height - FIXED_HEIGHT) return size;
  }
  return sizes[sizes.length - 1]!;
}
