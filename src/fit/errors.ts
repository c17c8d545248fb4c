// What fitting a card gives, or why it cannot: kept apart from the fitting itself (./index.ts,
// which loads React-PDF) so that a build served from the cache never loads the renderer.
import { MIN_BODY_SIZE } from '../design/index.js';
import type { TextFault } from './layout.js';

export type Column = 'objective' | 'activities' | 'results';

export interface FittedCard {
  bodySize: number;
  /** The card rendered at that size: one page. */
  bytes: Buffer;
  /** How many renders it took (the first try is usually the only one). */
  renders: number;
  /** Lines the title was set in (a title past MAX_TITLE_LINES gets a warning). */
  titleLines?: number;
  /** How full the columns are, 0 to 1 (the studio's gauge). */
  fill?: number;
}

/** A title set in more lines than this no longer reads as a title: the build warns. */
export const MAX_TITLE_LINES = 3;

export class TextFaultError extends Error {
  constructor(readonly id: string, readonly lang: string, readonly faults: TextFault[]) {
    super(`${id} (${lang}): ${faults.map((f) => `"${f.text.slice(0, 40)}" ${f.fault === 'cut' ? 'is cut off' : f.fault === 'overlap' ? `overlaps "${f.over?.text.slice(0, 40)}"` : `runs ${Math.ceil(f.by)} pt past the page ${f.fault === 'outside' ? 'edge' : 'margin'}`}`).join('; ')}`);
  }
}

/** Thrown when a card does not fit even at MIN_BODY_SIZE. */
export class OverflowError extends Error {
  readonly floor = MIN_BODY_SIZE;
  constructor(
    readonly id: string,
    readonly lang: string,
    /** The longest of the three columns, if it could be found in the layout. */
    readonly column: Column | undefined,
    readonly columnHeading: string | undefined,
    /** Points over the page at the floor size, and the same in lines of body text. */
    readonly overPoints: number,
    readonly overLines: number,
    /** Every column still too long once the longest is cut: each with its own excess, longest first. */
    readonly columns: { column: Column; heading: string; overLines: number }[] = [],
  ) {
    super(overflowMessage(id, lang, column, columnHeading, overPoints, overLines));
  }
}

function overflowMessage(id: string, lang: string, column: Column | undefined, heading: string | undefined, pt: number, lines: number) {
  const longest = column ? `; the longest column is ${heading ?? column} (${lang}.${column})` : '';
  return `${id} (${lang}) does not fit on one page even with ${MIN_BODY_SIZE} pt body text: ` +
    `about ${Math.ceil(pt)} pt (${lines} line${lines === 1 ? '' : 's'}) too long${longest}`;
}

