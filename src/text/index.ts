// The texts the records hold: their languages and directions, the typography of each
// language, the small inline markup of long texts, and the fingerprints that tell when a
// translation's source changed. Plain functions, no dependencies: every stage may use them.
export { LANGUAGES, textDirection, bookletLanguages, type Lang } from './languages.js';
export { ISO_LANGUAGES, isLanguageCode, nativeName, otherLanguages } from './isoLanguages.js';
export { typography, listSeparator } from './typography.js';
export { parseInline, noteIds, paragraphs, foreignMarkup } from './markup.js';
export { blockTexts, blockFingerprint, isStale, isUnverified } from './fingerprint.js';
export { nonPublicReason } from './links.js';
