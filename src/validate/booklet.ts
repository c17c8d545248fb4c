// Validate data/booklet.yaml: its schema, then its references to the actions, the
// countries and the programme's wording. Problems carry file:line:column like the rest.
import { join } from 'node:path';
import { loadYamlFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { Booklet } from '../schema/booklet.js';
import { LANGUAGES, type Lang } from '../schema/index.js';
import { check, type ValidData } from './index.js';

export const BOOKLET_FILE = join('data', 'booklet.yaml');

export interface BookletValidation {
  booklet?: Booklet; // present when there is no error
  problems: Problem[];
}

export function validateBooklet(root: string, data: ValidData): BookletValidation {
  const problems: Problem[] = [];
  const file = loadYamlFile(root, join(root, BOOKLET_FILE), problems);
  for (const p of problems) {
    if (p.message === 'file not found') p.message = 'file not found: it holds the booklet\'s cover, contents and credits wording (or build with --no-booklet)';
  }
  const booklet = check(file, Booklet, problems);
  if (!file || !booklet) return { problems };

  const at = (path: PropertyKey[], message: string) =>
    problems.push({ file: file.file, ...file.positionOf(path), field: fieldPath(path), message, severity: 'error' });
  const ids = new Set(data.actions.map((a) => a.id));
  booklet.include.forEach((doc, i) => {
    if (doc.actions === 'all') return;
    doc.actions.forEach((id, j) => {
      if (!ids.has(id)) at(['include', i, 'actions', j], `no action "${id}" in data/actions/`);
    });
  });
  booklet.countries.forEach((code, i) => {
    if (!data.countries[code]) at(['countries', i], `unknown country code "${code}": add it to data/catalogues/countries.yaml`);
  });
  const langs = bookletLanguages(booklet);
  if (langs.length === 0) at(['languages'], `expected the wording of at least one language (${LANGUAGES.join(', ')})`);
  for (const l of langs) if (!data.programme.languages[l]) at(['languages', l], `language ${l} has no wording in data/programme.yaml`);

  return { booklet: problems.some((p) => p.severity === 'error') ? undefined : booklet, problems };
}

export function bookletLanguages(booklet: Booklet): Lang[] {
  return LANGUAGES.filter((l) => booklet.languages[l]);
}
