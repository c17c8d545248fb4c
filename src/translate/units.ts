// Translation units: one per text of the source language, found in the loaded data wherever
// a map holds a block or a text under the source language's key (an action's `fr:` block, a
// catalogue entry's `fr:` label, programme.yaml's `languages.fr`, …). Each unit has a stable
// id naming the file and the field — `actions/rabat.yaml#activities[2]` — the same in every
// target language, so an exported file comes back to the same place.
//
// A text of several paragraphs (an objective, a factsheet's context) is one unit per
// paragraph (`#objective:p2`), the size translators work in.
import type { LoadedData, LoadedFile } from '../load/index.js';
import { fieldPath } from '../problems.js';
import { blockTexts, isStale, isUnverified } from '../text/index.js';

export type Path = (string | number)[];

export interface Unit {
  id: string;
  /** The data file, relative to the project root (data/actions/rabat.yaml). */
  file: string;
  /** Path to the map holding the language keys ([] for an action, ['languages'] for programme.yaml). */
  node: Path;
  /** Path of the text inside the language block ([] when the language key holds the text itself). */
  sub: Path;
  /** Paragraph index, when the text is one of several paragraphs. */
  paragraph?: number;
  source: string;
  /** The translation in the data now, if any. */
  target?: string;
  /** What the translator is told: the record's title and the field. */
  context: string;
  /** The language block has a status (actions, factsheets): draft/final per block. */
  hasStatus: boolean;
  /** The block's status when translated. */
  status?: 'draft' | 'final';
  /** The translation was made from a source text that changed since (see ./fingerprint.ts). */
  stale: boolean;
  /** The source text the translation was made from, when it is recorded and differs. */
  previousSource?: string;
  /** Translated, but nothing records the source it was made from (typed by hand): to review once. */
  unverified?: boolean;
}

/** Source texts translations were made from, by language and unit id (./sources.ts). */
export type Recorded = Record<string, Record<string, string>>;

export type UnitState = 'missing' | 'draft' | 'final' | 'stale' | 'unverified';

export const stateOf = (u: Unit): UnitState => (u.target === undefined ? 'missing' : u.stale ? 'stale' : u.unverified ? 'unverified' : u.status === 'final' ? 'final' : 'draft');

/**
 * Fields the templates set as paragraphs (a blank line apart): an action's objective, a
 * factsheet's context, objective and related work, the booklet's introduction and credits.
 * A translation may add a paragraph there, nowhere else.
 */
export function holdsParagraphs(u: Pick<Unit, 'file' | 'node' | 'sub'>): boolean {
  const last = u.sub[u.sub.length - 1];
  if (/^data\/(actions|factsheets)\//.test(u.file)) return u.sub.length === 1 && ['objective', 'context', 'related'].includes(String(last));
  if (u.file === 'data/booklet.yaml') return last === 'credits' || (last === 'text' && u.sub[u.sub.length - 2] === 'introduction');
  return false;
}

/** Paragraphs as the templates read them: a blank line apart (one line break in a folded `>-` block). */
export function splitParagraphs(s: string): string[] {
  const parts = /\n\s*\n/.test(s) ? s.split(/\n\s*\n/) : s.split('\n');
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const at = (v: unknown, path: Path): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), v);
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The source language the data declares (programme.yaml `source_language`). */
export function sourceLanguageOf(loaded: LoadedData): string {
  const v = (loaded.programme?.value as { source_language?: unknown } | undefined)?.source_language;
  return typeof v === 'string' ? v : 'fr';
}

/** Every file whose texts are translated, in a stable order. */
export function translatableFiles(loaded: LoadedData): LoadedFile[] {
  const files = [
    loaded.programme,
    ...Object.values(loaded.catalogues),
    loaded.factsheets.gcmObjectives,
    loaded.factsheets.wording,
    loaded.booklet,
    ...loaded.actions,
    ...loaded.factsheets.records,
  ].filter((f): f is LoadedFile => !!f);
  return files;
}

/** The id of a unit: file inside data/, then the field (paths inside a record's block need no language). */
function unitId(file: string, node: Path, sub: Path, paragraph?: number): string {
  const rel = file.replace(/^data\//, '');
  return `${rel}#${fieldPath([...node, ...sub]) || '.'}${paragraph !== undefined ? `:p${paragraph + 1}` : ''}`;
}

/** The units of one file for one target language. */
function fileUnits(f: LoadedFile, source: string, target: string, recorded: Record<string, string> = {}): Unit[] {
  const units: Unit[] = [];
  const isRecord = /^data\/(actions|factsheets)\//.test(f.file);
  const recordSource = isRecord ? at(f.value, [source]) : undefined;
  const title = isMap(recordSource) && typeof recordSource.title === 'string' ? recordSource.title : undefined;
  const walk = (v: unknown, node: Path) => {
    if (!isMap(v)) {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...node, i]));
      return;
    }
    if (source in v && (typeof v[source] === 'string' || isMap(v[source]))) {
      const block = v[source];
      const translated = v[target];
      const hasStatus = isRecord && node.length === 0;
      const stale = hasStatus && isStale(block, translated);
      // Wording and catalogue labels have no status field: no approval is recorded, they count as drafts.
      const status = hasStatus && isMap(translated) ? (translated.status === 'draft' ? 'draft' : 'final') : translated !== undefined ? 'draft' : undefined;
      for (const { path: sub, text } of blockTexts(block)) {
        const t = at(translated, sub);
        const targetText = typeof t === 'string' && t.trim() ? t : undefined;
        const where = fieldPath([...node, ...sub]);
        const context = title ? `${title} — ${where}` : `${f.file.replace(/^data\//, '')}: ${where}`;
        const paras = splitParagraphs(text);
        if (paras.length > 1) {
          const tparas = targetText ? splitParagraphs(targetText) : [];
          // A translation with another number of paragraphs cannot be matched paragraph by paragraph: it is shown whole on the first.
          const same = tparas.length === paras.length;
          paras.forEach((p, i) => units.push({
            id: unitId(f.file, node, sub, i), file: f.file, node, sub, paragraph: i, source: p,
            target: targetText === undefined ? undefined : same ? tparas[i] : i === 0 ? tparas.join('\n\n') : '',
            context: `${context}, paragraph ${i + 1} of ${paras.length}`, hasStatus, status: targetText === undefined ? undefined : status, stale,
          }));
        } else {
          units.push({ id: unitId(f.file, node, sub), file: f.file, node, sub, source: text.replace(/\s+/g, ' ').trim(), target: targetText?.replace(/\s+/g, ' ').trim(), context, hasStatus, status: targetText === undefined ? undefined : status, stale });
        }
      }
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, [...node, k]);
  };
  walk(f.value, []);
  for (const u of units) {
    // A paragraph with no counterpart in a translation of another shape is not yet translated.
    if (u.target === '') { u.target = undefined; u.status = undefined; }
    // The recorded source text says which unit of a stale block changed (and is the only
    // sign of change for texts outside records: catalogue labels, wording).
    const was = recorded[u.id];
    if (u.target !== undefined && was !== undefined) {
      u.stale = was !== u.source;
      if (u.stale) u.previousSource = was;
    }
    if (u.target === undefined) u.stale = false;
    // Nothing records what it was translated from: a record's block without its fingerprint,
    // or a label or wording text whose source was never recorded.
    if (u.target !== undefined && !u.stale) u.unverified = u.hasStatus ? isUnverified(at(f.value, [...u.node, target])) && was === undefined : was === undefined;
  }
  return units;
}

/** Every unit of the data for a target language. */
export function collectUnits(loaded: LoadedData, target: string, recorded: Recorded = {}, source = sourceLanguageOf(loaded)): Unit[] {
  return translatableFiles(loaded).flatMap((f) => fileUnits(f, source, target, recorded[target]));
}
