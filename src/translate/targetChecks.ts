// What a translated text must be before it is imported, beyond the schema: in the target
// language (the script for a right-to-left language; for others, a language guess by
// franc-min, trigram statistics over 82 languages, with the data's own languages as the
// candidates), not the source text copied over, and with no markup the field does not take
// (a factsheet's long texts take **bold** and their footnote markers, and must keep those).
import { foreignMarkup, noteIds, textDirection } from '../text/index.js';
import type { Unit } from './units.js';

/** A factsheet's long texts take **bold** and footnote markers; every other text is plain. */
function takesMarkup(u: Pick<Unit, 'file' | 'sub'>): boolean {
  if (!/^data\/factsheets\//.test(u.file)) return false;
  const [first] = u.sub;
  const last = u.sub[u.sub.length - 1];
  return ['context', 'objective', 'results', 'related', 'strategy'].includes(String(first)) || (first === 'partners' && last === 'role');
}

/** Markup the field does not take, and footnote markers of the source the target dropped or added. */
export function markupProblems(u: Pick<Unit, 'file' | 'sub' | 'source'>, target: string): string[] {
  const rich = takesMarkup(u);
  const out = foreignMarkup(target, { bold: rich, notes: rich }).map((f) => f.message);
  if (rich) {
    const want = noteIds(u.source).sort();
    const got = noteIds(target).sort();
    const dropped = want.filter((id) => !got.includes(id));
    const added = got.filter((id) => !want.includes(id));
    if (dropped.length) out.push(`the footnote marker${dropped.length === 1 ? '' : 's'} ${dropped.map((id) => `[^${id}]`).join(', ')} of the source ${dropped.length === 1 ? 'is' : 'are'} missing: put ${dropped.length === 1 ? 'it' : 'them'} where the note belongs in the translation`);
    if (added.length) out.push(`${added.map((id) => `[^${id}]`).join(', ')} ${added.length === 1 ? 'is a footnote marker' : 'are footnote markers'} the source does not have`);
  }
  return out;
}

const LETTER = /\p{L}/gu;
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const normal = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

interface Guesser {
  guess(text: string, candidates: string[]): [string, number][];
}
let guesser: Guesser | undefined;
/** franc-min (ISO 639-3 codes) with the ISO 639-1 codes of the data, loaded on first use. */
async function languageGuesser(): Promise<Guesser> {
  if (guesser) return guesser;
  const [{ francAll }, { iso6393 }] = await Promise.all([import('franc-min'), import('iso-639-3')]);
  const to3 = new Map(iso6393.filter((l) => l.iso6391).map((l) => [l.iso6391!, l.iso6393]));
  const to1 = new Map([...to3].map(([a, b]) => [b, a]));
  // franc writes Arabic as arb (standard Arabic), no 639-1 of its own.
  to3.set('ar', 'arb');
  to1.set('arb', 'ar');
  guesser = {
    guess(text, candidates) {
      const only = candidates.map((c) => to3.get(c)).filter((c): c is string => !!c);
      return francAll(text, { only, minLength: 3 }).map(([code, score]) => [to1.get(code) ?? code, score]);
    },
  };
  return guesser;
}

/**
 * Why a target does not look like the target language, or undefined. `candidates`: the
 * languages to tell apart (the data's own and the source). Short texts are not judged by
 * statistics (under 24 letters a guess is noise); a text of a few words that is the source
 * copied over is.
 */
export async function languageProblem(target: string, source: string, lang: string, sourceLang: string, candidates: string[]): Promise<string | undefined> {
  const letters = count(target, LETTER);
  if (!letters) return undefined; // numbers, codes
  const words = target.trim().split(/\s+/).length;
  if (normal(target) === normal(source) && words >= 2 && /\p{Ll}/u.test(target)) return `the translation is the ${sourceLang} source text unchanged`;
  if (textDirection(lang) === 'rtl') {
    // Names and acronyms in Latin letters are fine inside; most of the letters are the script's.
    const own = count(target, /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/gu);
    return own / letters < 0.5 ? `the translation is not in ${lang}'s script (${Math.round((100 * own) / letters)}% of its letters are)` : undefined;
  }
  if (letters < 24 || words < 4) return undefined;
  const ranked = (await languageGuesser()).guess(target, [...new Set([lang, sourceLang, ...candidates])].filter((c) => textDirection(c) === 'ltr'));
  const [top] = ranked;
  if (!top || top[0] === lang) return undefined;
  const own = ranked.find(([l]) => l === lang)?.[1] ?? 0;
  // Another language only when it is clearly ahead (short phrases score close).
  if (own > 0.85) return undefined;
  return `the translation looks like ${top[0]}${top[0] === sourceLang ? ' (the source language)' : ''}, not ${lang}`;
}
