// Everything in the layout that depends on the reading direction, derived in one place from
// the resolved sheet's `direction`, so templates hold no language switches. React-PDF mirrors
// nothing by itself (see NOTES.md): rows are reversed here, and `direction: 'rtl'` goes on
// every right-to-left <Text> because it is not inherited.
import { fonts, tracking } from '../src/design/index.js';

export type Direction = 'ltr' | 'rtl';

export function dir(direction: Direction = 'ltr') {
  const rtl = direction === 'rtl';
  return {
    rtl,
    /** flexDirection of a row of boxes in reading order: the first child sits at the start. */
    row: (rtl ? 'row-reverse' : 'row') as 'row' | 'row-reverse',
    /** Spread into every <Text> style. Left-to-right styles stay as they were. */
    text: rtl ? ({ direction: 'rtl', textAlign: 'right' } as const) : {},
    fonts: {
      body: rtl ? fonts.arabic : fonts.body,
      /** IBM Plex has no condensed Arabic: Arabic sheets use the regular width. */
      condensed: rtl ? fonts.arabic : fonts.condensed,
    },
    /** textAlign of the end side (a page number at the end of a contents line). */
    alignEnd: (rtl ? 'left' : 'right') as 'left' | 'right',
    /** A narrower block (rule, measure) placed at the start side of its column. */
    selfStart: rtl ? ({ alignSelf: 'flex-end' } as const) : {},
    /** Absolute offset from the end side (a folio in the outer corner). */
    end: (v: number) => (rtl ? { left: v } : { right: v }),
    /** Letter spacing of text of `fontSize` (theme.tracking); none in Arabic, where it would break the joins between letters. */
    tracking: (fontSize: number, em?: number) => (rtl ? 0 : tracking(fontSize, em)),
    /** Margin on the side a row's next item follows (right in LTR, left in RTL). */
    marginEnd: (v: number) => (rtl ? { marginLeft: v } : { marginRight: v }),
    /** Margin on the side a row's previous item stands. */
    marginStart: (v: number) => (rtl ? { marginRight: v } : { marginLeft: v }),
    paddingEnd: (v: number) => (rtl ? { paddingLeft: v } : { paddingRight: v }),
    /** A rule on the side where reading starts (the recommendations box). */
    borderStart: (width: number, color: string) => (rtl ? { borderRightWidth: width, borderRightColor: color } : { borderLeftWidth: width, borderLeftColor: color }),
  };
}
export type Dir = ReturnType<typeof dir>;
