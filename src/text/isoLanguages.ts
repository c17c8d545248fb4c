// Any ISO 639-1 language may have a block in the data: adding a language (Spanish, `es`)
// takes only data — `brochure translate export --lang es`, then an import creates the
// blocks. The codes come from the iso-639-1 package (the standard's list, kept up to date
// there); the pipeline builds PDFs in LANGUAGES (./languages.ts), the languages it has
// fonts, hyphenation and typography for.
import ISO6391 from 'iso-639-1';
import { LANGUAGES } from './languages.js';

/** Every ISO 639-1 code, the built languages first. */
export const ISO_LANGUAGES: readonly string[] = [...LANGUAGES, ...ISO6391.getAllCodes().filter((c) => !(LANGUAGES as readonly string[]).includes(c)).sort()];

export const isLanguageCode = (code: string): boolean => ISO6391.validate(code);

/** A language's name in that language (Français, العربية), as a language menu shows it. */
export const nativeName = (code: string): string => ISO6391.getNativeName(code) || code;

/**
 * A zod shape with `schema` under every language code other than the built ones (which each
 * schema names itself, so that their types are known): typed empty, the blocks are read by
 * the translation commands from the raw data.
 */
export function otherLanguages<T>(schema: T): {} {
  return Object.fromEntries(ISO_LANGUAGES.filter((l) => !(LANGUAGES as readonly string[]).includes(l)).map((l) => [l, schema]));
}
