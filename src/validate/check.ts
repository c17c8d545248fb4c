// One data file against its zod schema: the valid value, or one problem per mistake with its
// file, line, column and field (misspelt field names get a "did you mean").
import type { z } from 'zod';
import { quoteHint, type LoadedFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { allowedKeys, unknownFieldMessage } from './hints.js';

export function check<T extends z.ZodType>(file: LoadedFile | undefined, schema: T, problems: Problem[]): z.infer<T> | undefined {
  if (!file) return undefined;
  const result = schema.safeParse(file.value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({ file: file.file, ...file.positionOf(path, { key: true }), field: fieldPath(path), message: unknownFieldMessage(key, allowedKeys(schema, issue.path)), severity: 'error' });
      }
      continue;
    }
    const found = valueAt(file.value, issue.path);
    const at = file.positionOf(issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      message = found === undefined ? `${message} (missing)` : `${message}, found ${describe(found)}`;
      const quoted = typeof found === 'number' || typeof found === 'boolean' ? String(found) : 'text';
      const fix = issue.expected === 'string' && found !== undefined && acceptsText(schema, file.value, issue.path, quoted) ? quoteAdvice(file, at?.line, found) : undefined;
      if (fix) message += `: ${fix}`;
    }
    problems.push({ file: file.file, ...at, field: fieldPath(issue.path), message, severity: 'error' });
  }
  return undefined;
}

/**
 * Text that YAML read as something else — a number or yes/no written bare, "Atelier : cartographie"
 * read as a field — is text once quoted: the advice shows the line as it should be written.
 */
function quoteAdvice(file: LoadedFile, line: number | undefined, found: unknown): string | undefined {
  const source = line ? file.text?.split(/\r?\n/)[line - 1] : undefined;
  if (!source) return undefined;
  if (typeof found === 'number' || typeof found === 'boolean') {
    const m = /^(\s*(?:-\s+)?(?:[\w-]+:\s+)?)(\S.*?)\s*$/.exec(source);
    return m ? `write it in quotes to make it text, as in   ${`${m[1]}"${m[2]}"`.trim()}` : undefined;
  }
  if (found && typeof found === 'object' && !Array.isArray(found) && Object.keys(found).length === 1) return quoteHint(source);
  return undefined;
}

/**
 * Whether the field would be valid as the text `text`: quoting is advised only then (a bare
 * 2024 as a title, yes, but not 12 as a country, which no quotes make a country code).
 */
function acceptsText(schema: z.ZodType, value: unknown, path: readonly PropertyKey[], text: string): boolean {
  const copy = structuredClone(value) as Record<PropertyKey, unknown>;
  let v: Record<PropertyKey, unknown> = copy;
  for (const k of path.slice(0, -1)) v = v[k] as Record<PropertyKey, unknown>;
  v[path[path.length - 1]!] = text;
  const same = (p: readonly PropertyKey[]) => p.length === path.length && p.every((k, i) => k === path[i]);
  const result = schema.safeParse(copy);
  return result.success || !result.error.issues.some((i) => same(i.path));
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map of fields';
  if (typeof v === 'string') return `text "${v.length > 30 ? v.slice(0, 30) + '…' : v}"`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  return typeof v;
}
