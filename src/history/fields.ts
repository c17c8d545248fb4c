// What a change did to a record, field by field and language by language, word by word: the
// values of the two versions flattened to fields ("fr.objective", "fr.activities"), a list of
// texts compared as one field (an item added shows as its words added).
import { parse } from 'yaml';
import { diffWords } from 'diff';

export interface WordPart {
  text: string;
  added?: boolean;
  removed?: boolean;
}

export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
  words: WordPart[];
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** The record's values as fields: text by path; a list of texts as its items, one per line. */
function fields(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (isScalar(value)) out.set(path || '(value)', value === null ? '' : String(value));
  else if (Array.isArray(value) && value.every(isScalar)) out.set(path, value.map((v) => String(v ?? '')).join('\n'));
  else if (Array.isArray(value)) value.forEach((v, i) => fields(v, `${path}[${i + 1}]`, out));
  else if (isMap(value)) for (const [k, v] of Object.entries(value)) fields(v, path ? `${path}.${k}` : k, out);
  return out;
}

function parsed(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    return parse(text);
  } catch {
    return { '(the file, not readable as YAML)': text };
  }
}

/** The fields that differ between two texts of a data file, with their words. */
export function fieldChanges(before: string | undefined, after: string | undefined): FieldChange[] {
  const [a, b] = [fields(parsed(before)), fields(parsed(after))];
  const names = [...new Set([...a.keys(), ...b.keys()])];
  return names
    .filter((n) => a.get(n) !== b.get(n))
    .map((field) => {
      const [was, now] = [a.get(field), b.get(field)];
      const words = diffWords(was ?? '', now ?? '').map((p) => ({ text: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) }));
      return { field, before: was, after: now, words };
    });
}
