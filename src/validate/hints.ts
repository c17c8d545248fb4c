// "Did you mean": the closest allowed name to a misspelt field, recommendation id or
// country code. The allowed field names are read from the zod schema itself, so the hint
// can never disagree with what validation accepts.
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { ISO_LANGUAGES } from '../text/index.js';
import { LANGUAGES } from '../text/index.js';

/** zod 4 keeps a schema's definition here; only the parts walked below are typed. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Unwrap optional, default, nullable… down to the schema that gives the value its shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    const inner = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
    if (!inner) break;
    s = inner;
  }
  return s;
}

/** The schemas the value at `path` may be checked against (several under a union). */
function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  let current = [unwrap(schema)];
  for (const key of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      const d = defOf(s);
      const options = d.type === 'union' ? d.options ?? [] : [s];
      for (const o of options.map(unwrap)) {
        const od = defOf(o);
        if (od.type === 'object' && typeof key === 'string' && od.shape?.[key]) next.push(unwrap(od.shape[key]));
        else if (od.type === 'array' && typeof key === 'number' && od.element) next.push(unwrap(od.element));
        else if (od.type === 'record' && od.valueType) next.push(unwrap(od.valueType));
      }
    }
    current = next;
  }
  return current;
}

/**
 * Field names the schema allows in the map at `path` (empty when it is not a fixed map).
 * The blocks of languages other than the built ones (any ISO 639-1 code is allowed, for
 * translations) are left out: a list of 180 codes would hide the fields meant.
 */
export function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return allKeys(schema, path).filter((k) => !OTHER_LANGUAGES.has(k));
}

const OTHER_LANGUAGES = new Set(ISO_LANGUAGES.filter((l) => !(LANGUAGES as readonly string[]).includes(l)));

function allKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path)) {
    const d = defOf(s);
    const options = d.type === 'union' ? (d.options ?? []).map(unwrap) : [s];
    for (const o of options) for (const k of Object.keys(defOf(o).shape ?? {})) keys.add(k);
  }
  return [...keys];
}

/** The closest candidate when it is close enough to be a slip of the keyboard. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word.toLowerCase(), candidates as string[]);
  const d = distance(word.toLowerCase(), best.toLowerCase());
  return d > 0 && d <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** `unknown field "titel": did you mean "title"?`, or the list of fields allowed there. */
export function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  const guess = didYouMean(key, allowed);
  if (guess) return `unknown field "${key}": did you mean "${guess}"?`;
  return allowed.length ? `unknown field "${key}": expected one of ${allowed.join(', ')}` : `unknown field "${key}"`;
}

/** Two-letter codes are all close to each other: only a code one letter away, if it is the only one, is suggested. */
export function didYouMeanCode(code: string, codes: readonly string[]): string | undefined {
  const near = codes.filter((c) => distance(code, c) === 1);
  return near.length === 1 ? near[0] : undefined;
}

/** Text compared as a reader would: case, spacing, apostrophe style and accents' encoding do not matter. */
const loose = (s: string) => s.normalize('NFC').replace(/[\u2019\u2018]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * When the user wrote a catalogue entry's label instead of its id ("Urbanisme et logement"
 * for urban-planning-housing), the id and the language of that label. A target's label may
 * also be written with its code in front ("10.7 Faciliter la migration…").
 */
function idOfLabel(text: string, catalogue: Record<string, Partial<Record<string, string>>>): { id: string; lang: string } | undefined {
  const wanted = loose(text);
  for (const [id, labels] of Object.entries(catalogue)) {
    for (const [lang, label] of Object.entries(labels)) {
      if (label && (loose(label) === wanted || loose(`${id} ${label}`) === wanted)) return { id, lang };
    }
  }
  return undefined;
}

/** ` did you mean urban-planning-housing? ("…" is its fr label: write the id)` */
export function labelHint(text: string, catalogue: Record<string, Partial<Record<string, string>>>, what = 'label', id = 'id'): string | undefined {
  const found = idOfLabel(text, catalogue);
  return found ? `did you mean ${found.id}? ("${text}" is its ${found.lang} ${what}: write the ${id})` : undefined;
}
