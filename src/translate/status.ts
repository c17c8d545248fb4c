// `brochure translate status`: per language and per file, how many texts are translated
// (draft), final, stale or missing; one summary line per language; --json for scripts.
import type { LoadedData } from '../load/index.js';
import type { Workspace } from '../pipeline/index.js';
import { ISO_LANGUAGES, LANGUAGES } from '../text/index.js';
import { collectUnits, sourceLanguageOf, stateOf, translatableFiles, type UnitState } from './units.js';
import { readRecorded } from './sources.js';

/** Source words and characters (spaces included) of the texts a translator is paid for: missing, and to review. */
interface Work {
  words: number;
  characters: number;
}
type Counts = Record<UnitState, number> & { units: number; toTranslate: Work; toReview: Work };

export interface LanguageStatus {
  lang: string;
  totals: Counts;
  /** By data file (relative to data/). */
  files: Record<string, Counts>;
}

const empty = (): Counts => ({ units: 0, missing: 0, draft: 0, final: 0, stale: 0, unverified: 0, toTranslate: { words: 0, characters: 0 }, toReview: { words: 0, characters: 0 } });

/** Words as agencies count them: runs of letters or digits (with inner apostrophes and hyphens). */
const wordsIn = (s: string) => (s.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu) ?? []).length;

/** The languages with a block somewhere in the data, plus the built ones, source first left out. */
function languagesIn(loaded: LoadedData, source: string): string[] {
  const found = new Set<string>(LANGUAGES);
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    if (!Array.isArray(v) && source in v) for (const k of Object.keys(v)) if (ISO_LANGUAGES.includes(k)) found.add(k);
    for (const x of Object.values(v)) walk(x);
  };
  for (const f of translatableFiles(loaded)) walk(f.value);
  found.delete(source);
  return [...found];
}

export async function translationStatus(ws: Workspace, langs?: string[]): Promise<{ source: string; languages: LanguageStatus[] }> {
  await ws.valid();
  const loaded = await ws.loaded();
  const source = sourceLanguageOf(loaded);
  const recorded = readRecorded(ws.root);
  const languages = (langs ?? languagesIn(loaded, source)).map((lang) => {
    const s: LanguageStatus = { lang, totals: empty(), files: {} };
    for (const u of collectUnits(loaded, lang, recorded, source)) {
      const f = (s.files[u.file.replace(/^data\//, '')] ??= empty());
      const state = stateOf(u);
      const work = state === 'missing' ? 'toTranslate' : state === 'stale' || state === 'unverified' ? 'toReview' : undefined;
      for (const c of [f, s.totals]) {
        c.units++;
        c[state]++;
        if (work) { c[work].words += wordsIn(u.source); c[work].characters += u.source.length; }
      }
    }
    return s;
  });
  return { source, languages };
}

const pct = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)}%` : '–');

/** `en: 273 texts — 273 translated (100%): 105 final, 168 draft, 0 stale (source changed); 0 missing` */
export function summaryLine(s: LanguageStatus): string {
  const t = s.totals;
  const translated = t.draft + t.final + t.stale + t.unverified;
  return `${s.lang}: ${t.units} texts — ${translated} translated (${pct(translated, t.units)}): ${t.final} final, ${t.draft} draft, ${t.stale} stale (source changed), ${t.unverified} unverified (typed in by hand: translate confirm); ${t.missing} missing — to translate ${t.toTranslate.words} words (${t.toTranslate.characters} characters), to review ${t.toReview.words} words (${t.toReview.characters} characters)`;
}

export function statusLines(s: LanguageStatus): string[] {
  const rows = Object.entries(s.files).map(([file, c]) =>
    `  ${file.padEnd(48)} ${String(c.draft + c.final + c.stale + c.unverified).padStart(3)}/${String(c.units).padEnd(3)}  final ${String(c.final).padStart(3)}  draft ${String(c.draft).padStart(3)}  stale ${String(c.stale).padStart(3)}  unverified ${String(c.unverified).padStart(3)}  missing ${String(c.missing).padStart(3)}  words to translate ${String(c.toTranslate.words).padStart(5)}, to review ${String(c.toReview.words).padStart(5)}`);
  return [summaryLine(s), ...rows];
}
