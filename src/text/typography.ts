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
  return thousands(quotes(s, '«', '»'))
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

/** Thousands typed with spaces ("5 000", "1 250 000") are tied: a number never breaks across lines. */
const thousands = (s: string) => s.replace(/(?<=(?<!\d)\d{1,3}(?:[ \u00A0]\d{3})*) (?=\d{3}(?!\d))/g, NBSP);

/** English: “…” for quotations typed "…". */
const englishTypography = (s: string) => thousands(quotes(s, '\u201C', '\u201D'));

const LRM = '\u200E';
/**
 * Arabic: numbers read as written inside right-to-left text. The bidi algorithm splits a
 * number at a plain space ("5 000" would show as "000 5") and leaves a leading "+" or the
 * hyphens of a date behind ("+216 75 123 456" as "456 123 75 216+"):
 * - digit groups ("5 000", "+216 75 123 456", "0522 12 34 56") are tied with no-break
 *   spaces, which the algorithm keeps inside the number and lines never break at;
 * - a number with a leading "+" or two hyphens or more (a phone number, "2024-06-30", a code)
 *   gets a left-to-right mark before it, so it reads left to right whole (the mark is never
 *   drawn: patches/README.md). A range "2024-2026" is left to the reading direction.
 * Percentages, decimals and dates with "/" are kept whole by the algorithm itself.
 */
function arabicTypography(s: string): string {
  return s
    .replace(/(?<=\d)[ \u00A0](?=\d{2,3}(?!\d))/g, NBSP)
    .replace(/(?<![\d\u200E+\-])(?=\+\d|\d+(?:-\d+){2,})/g, LRM);
}

const byLang: Record<Lang, (s: string) => string> = { fr: frenchTypography, en: englishTypography, ar: arabicTypography };

/**
 * Texts already set, per language: most repeat from card to card and from build to build (a
 * catalogue's labels, the headings; in `watch`, every text but the edited one). Pure functions,
 * so a text set once is set for good; capped for a long-running process.
 */
const alreadySet: Record<Lang, Map<string, string>> = { fr: new Map(), en: new Map(), ar: new Map() };
const SET_MAX = 20_000;

export function typography(lang: Lang): (s: string) => string {
  const apply = byLang[lang];
  const done = alreadySet[lang];
  return (s) => {
    let out = done.get(s);
    if (out === undefined) {
      if (done.size >= SET_MAX) done.clear();
      done.set(s, (out = apply(s)));
    }
    return out;
  };
}

/** Between the items of a short list (the cities of a card): Arabic has its own comma. */
export const listSeparator: Record<Lang, string> = { fr: ', ', en: ', ', ar: '، ' };

