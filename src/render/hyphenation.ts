// Hyphenation by language: React-PDF's built-in patterns are English only and would
// be applied to French too.
import { createRequire } from 'node:module';
import type { Lang } from '../text/index.js';

const require = createRequire(import.meta.url);
type Hyphenator = (text: string, opts?: { hyphenChar?: string; minWordLength?: number }) => string;
// The patterns are loaded on the first word to hyphenate (70 ms for both): a build served
// from the cache, which loads this module with the rest of the render stage, never needs them.
const patterns = (load: () => { hyphenateSync: Hyphenator }): Hyphenator => {
  let h: Hyphenator | undefined;
  return (text, opts) => (h ??= load().hyphenateSync)(text, opts);
};
const fr = patterns(() => require('hyphen/fr'));
const en = patterns(() => require('hyphen/en-gb'));

const SOFT = '\u00AD';
function splitter(h: Hyphenator) {
  const cache = new Map<string, string[]>();
  return (word: string): string[] => {
    let parts = cache.get(word);
    if (!parts) {
      // Names (capitalised), acronyms and words with digits stay whole; short words too,
      // so ragged-right columns are not peppered with hyphens.
      parts = /\d|^[A-Z\u00C0-\u00DE]/.test(word) || word.length < 8 ? [word] : h(word, { hyphenChar: SOFT, minWordLength: 8 }).split(SOFT);
      cache.set(word, parts);
    }
    return [...parts]; // a copy: React-PDF's line breaker consumes the array it is given

  };
}

const byLang: Record<Lang, (word: string) => string[]> = {
  fr: splitter(fr),
  en: splitter(en),
  ar: (word) => [word], // no hyphenation in Arabic
};

export function hyphenationFor(lang: Lang): (word: string) => string[] {
  return byLang[lang];
}
