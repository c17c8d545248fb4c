// What cannot fit, known without laying it out: a card's body text against the most any page
// could hold at the smallest body size. Laying out a text of a million characters takes
// React-PDF minutes and gigabytes only to say it is too long; this takes microseconds.
import type { ResolvedSheet } from '../resolve/index.js';
import { MIN_BODY_SIZE, pageSizes, scale } from '../design/index.js';
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
