// The languages of the texts: those the pipeline builds PDFs in, and the direction each is
// written in. Kept apart from the zod schemas, so that the CLI can check a --lang option
// (and a build served from the cache can run) without loading zod.
export const LANGUAGES = ['fr', 'en', 'ar'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Languages written right to left (ISO 639-1): the only place this is decided. */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'dv', 'ku']);

export type Direction = 'ltr' | 'rtl';

/**
 * The direction a language is written in: the templates mirror the page for right-to-left
 * ones, the spreadsheet sets its column right to left, the studio its fields (through its API).
 */
export function textDirection(lang: string): Direction {
  return RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr';
}

/** The languages a booklet has wording for, in the order the pipeline builds them. */
export function bookletLanguages(booklet: { languages: Partial<Record<Lang, unknown>> }): Lang[] {
  return LANGUAGES.filter((l) => booklet.languages[l]);
}
