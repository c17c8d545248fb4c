// What every command of the CLI shares: output, the options' parsing, problems as lines.
import { UsageError, formatProblem, type Problem } from '../problems.js';
import { LANGUAGES, type Lang } from '../text/index.js';
import type { Workspace } from '../pipeline/index.js';

export const out = (line = '') => process.stdout.write(line + '\n');
export const err = (line: string) => process.stderr.write(line + '\n');

export function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new UsageError(`--threads: expected a whole number from 1 to 16, found "${value}"`);
  return n;
}

export function parseLangs(value: string | undefined): Lang[] | undefined {
  if (!value) return undefined;
  const langs = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const l of langs) if (!(LANGUAGES as readonly string[]).includes(l)) throw new UsageError(`--lang: unknown language "${l}" (expected ${LANGUAGES.join(', ')})`);
  return langs as Lang[];
}

/** --only ids, each of which must name a record. */
export async function parseOnly(ws: Workspace, value: string | undefined): Promise<string[] | undefined> {
  if (!value) return undefined;
  const only = String(value).split(',').map((s) => s.trim());
  const { data } = await ws.checked();
  // Data with errors (bad YAML, wrong encoding…): the build says what is wrong, not "unknown".
  if (!data) return only;
  const ids = new Set([...data.actions, ...data.factsheets.records].map((r) => r.id));
  const unknown = only.filter((id) => !ids.has(id));
  if (unknown.length) throw new UsageError(`--only: no action or factsheet "${unknown.join('", "')}" in data/actions/ or data/factsheets/`);
  return only;
}

export function printProblems(problems: Problem[]) {
  for (const p of problems) err(formatProblem(p));
}

export function summary(problems: Problem[]) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
