/** A problem found in the data: where it is and what was expected. One line each for the user. */
export interface Problem {
  file: string; // path relative to the project, e.g. data/actions/rabat.yaml
  line?: number;
  column?: number;
  field?: string; // e.g. fr.activities[3]
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
  const field = p.field ? ` ${p.field}:` : '';
  const tag = p.severity === 'warning' ? ' warning:' : '';
  return `${where}${tag}${field} ${p.message}`;
}

/** Field path as the user writes it: fr.activities[3] (1-based list positions, as a person counts). */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k + 1}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out;
}

/** Thrown for problems the user must fix; the CLI prints them without a stack trace. */
export class DataError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const unique = uniqueProblems(problems);
    super(unique.map(formatProblem).join('\n'));
    this.problems = unique;
  }
}

/** The same problem met by several sheets (e.g. a broken shared icon) is reported once. */
export function uniqueProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A command asked for something that cannot be done as asked (exit 2): the CLI prints the message. */
export class UsageError extends Error {}

/**
 * The outputs cannot be written (a read-only disk, a folder where a PDF goes, no space): each
 * problem names the path and its fix. Nothing was written, or what was is said (exit 3).
 */
export class OutputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[], readonly written: string[] = []) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}
