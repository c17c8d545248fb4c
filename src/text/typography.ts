// Language-specific typography applied to every text before rendering, so the data
// can be typed with plain spaces and apostrophes.
import type { Lang } from './languages.js';

const NBSP = '\u00A0'; // IBM Plex has no narrow no-break space (U+202F): the full one is used.

/**
 * Quotation marks typed as "…" (or in another language's “…”) become the language's own:
 * each pair found in a text, left as typed when a mark has no partner.
 */
function quotes(s: string, open: string, close: string): string {
  return s.replace(/"([^"\n]*)"|\u201C([^\u201C\u201D\n]*)\u201D/g, (_, a: string | undefined, b: string | undefined) => `${open}${(a ?? b ?? '').trim()}${close}`);
}

/** French: « … » for quotations, no-break space before ; : ! ? » and after «, curly apostrophe. */
export function frenchTypography(s: string): string {
  return quotes(s, '«', '»')
    .replace(/'/g, '\u2019')
    .replace(/«\s*/g, `«${NBSP}`)
    .replace(/\s*»/g, `${NBSP}»`)
    // A space typed before ; ! ? : becomes a no-break space; a missing one before ; ! ? is added
    // (not before ":", which also appears in times and addresses).
    .replace(/[ \t]+([;:!?])/g, `${NBSP}$1`)
    .replace(/([^\s\u00A0;:!?(])([;!?])(?=\s|$)/g, `$1${NBSP}$2`)
    // A line never ends on a one-letter word ("à", "a", "y"): it is tied to the next word.
    .replace(/(?<=^|[\s\u00A0(«\u2019])([aàyAÀY])[ \t]+/g, `$1${NBSP}`);
}

/** English: “…” for quotations typed "…". */
const englishTypography = (s: string) => quotes(s, '\u201C', '\u201D');

export function typography(lang: Lang): (s: string) => string {
  return lang === 'fr' ? frenchTypography : lang === 'en' ? englishTypography : (s) => s;
}

/** Between the items of a short list (the cities of a card): Arabic has its own comma. */
export const listSeparator: Record<Lang, string> = { fr: ', ', en: ', ', ar: '، ' };

