// Checks across records and across the languages of one record: two files giving the
// same id, two cards with the same title, translations whose lists do not line up.
import { idOf, type LoadedFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { LANGUAGES } from '../text/index.js';

/**
 * rabat.yaml and rabat.yml would both be the action "rabat"; an action and a factsheet of the
 * same name would write the same out/<lang>/<id>.pdf: an error on the second, naming the first.
 */
export function duplicateIds(files: LoadedFile[], problems: Problem[]): void {
  const first = new Map<string, string>();
  const folder = (file: string) => file.split('/').slice(0, -1).join('/');
  for (const f of files) {
    const id = idOf(f);
    const earlier = first.get(id);
    if (!earlier) {
      first.set(id, f.file);
      continue;
    }
    const message = folder(earlier) === folder(f.file)
      ? `duplicate ${f.file.includes('/factsheets/') ? 'factsheet' : 'action'} id "${id}": ${earlier} has the same name (a file's name is its ${f.file.includes('/factsheets/') ? 'factsheet' : 'action'}'s id): keep one of the two files`
      : `duplicate id "${id}": ${earlier} has the same name, and both would be written as out/<lang>/${id}.pdf (a file's name is its id, across actions and factsheets): rename one of the two files`;
    problems.push({ file: f.file, line: 1, column: 1, message, severity: 'error' });
  }
}

/** Two records with the same title in one language: readers (and the contents) cannot tell them apart. */
export function duplicateTitles(files: LoadedFile[], problems: Problem[]): void {
  for (const lang of LANGUAGES) {
    const first = new Map<string, string>();
    for (const f of files) {
      const title = (f.value as Record<string, { title?: unknown } | undefined> | null)?.[lang]?.title;
      if (typeof title !== 'string' || !title.trim()) continue;
      const key = title.trim().replace(/\s+/g, ' ').toLowerCase();
      const earlier = first.get(key);
      const path = [lang, 'title'];
      if (earlier) {
        problems.push({ file: f.file, ...f.positionOf(path), field: fieldPath(path), message: `"${title.trim()}" is also the ${lang} title of ${earlier}: give each card its own title`, severity: 'warning' });
      } else first.set(key, f.file);
    }
  }
}

const LISTS = ['activities', 'results'] as const;

/**
 * A translation usually has as many activities and results as its original; a different
 * count often means a bullet was merged, split or forgotten. A warning, on the later language.
 */
export function listLengths(f: LoadedFile, problems: Problem[]): void {
  const raw = (f.value ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const list of LISTS) {
    const counts = LANGUAGES.map((l) => ({ l, items: raw[l]?.[list] })).filter((x): x is { l: (typeof LANGUAGES)[number]; items: unknown[] } => Array.isArray(x.items));
    const [ref, ...others] = counts;
    for (const o of others) {
      if (o.items.length === ref.items.length) continue;
      const path = [o.l, list];
      problems.push({
        file: f.file, ...f.positionOf(path), field: fieldPath(path),
        message: `${o.items.length} item${o.items.length === 1 ? '' : 's'}, but ${ref.l}.${list} has ${ref.items.length}: check that the translation has every ${list === 'activities' ? 'activity' : 'result'}`,
        severity: 'warning',
      });
    }
  }
}
