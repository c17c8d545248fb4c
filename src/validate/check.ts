// One data file against its zod schema: the valid value, or one problem per mistake with its
// file, line, column and field (misspelt field names get a "did you mean").
import type { z } from 'zod';
import type { LoadedFile } from '../load/index.js';
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
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      message = found === undefined ? `${message} (missing)` : `${message}, found ${describe(found)}`;
    }
    problems.push({ file: file.file, ...file.positionOf(issue.path), field: fieldPath(issue.path), message, severity: 'error' });
  }
  return undefined;
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
