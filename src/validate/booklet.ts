// Validate data/booklet.yaml: its schema, then its references to the actions, the
// countries and the programme's wording. Problems carry file:line:column like the rest.
import { join } from 'node:path';
import { loadYamlFile, type Overlay } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { Booklet } from '../schema/booklet.js';
import { LANGUAGES, type Lang } from '../schema/index.js';
import { check, type ValidData } from './index.js';

export const BOOKLET_FILE = join('data', 'booklet.yaml');

export interface BookletValidation {
  booklet?: Booklet; // present when there is no error
  problems: Problem[];
}

export function validateBooklet(root: string, data: ValidData, overlay?: Overlay): BookletValidation {
  const problems: Problem[] = [];
  const file = loadYamlFile(root, join(root, BOOKLET_FILE), problems, overlay);
  for (const p of problems) {
    if (p.message === 'file not found') p.message = 'file not found: it holds the booklet\'s cover, contents and credits wording (or build with --no-booklet)';
  }
  const booklet = check(file, Booklet, problems);
  if (!file) return { problems };

  // References are checked on the raw file even when the schema failed, so one run reports everything.
  const raw = (file.value ?? {}) as { include?: unknown; countries?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const at = (path: PropertyKey[], message: string) =>
    problems.push({ file: file.file, ...file.positionOf(path), field: fieldPath(path), message, severity: 'error' });
  const ids = new Set(data.actions.map((a) => a.id));
  const factsheetIds = new Set(data.factsheets.records.map((f) => f.id));
  list(raw.include).forEach((doc, i) => {
    list((doc as { actions?: unknown })?.actions).forEach((id, j) => {
      if (typeof id === 'string' && !ids.has(id)) at(['include', i, 'actions', j], `no action "${id}" in data/actions/`);
    });
    list((doc as { factsheets?: unknown })?.factsheets).forEach((id, j) => {
      if (typeof id === 'string' && !factsheetIds.has(id)) at(['include', i, 'factsheets', j], `no factsheet "${id}" in data/factsheets/`);
    });
  });
  list(raw.countries).forEach((code, i) => {
    if (typeof code === 'string' && /^[A-Z]{2}$/.test(code) && !data.countries[code]) at(['countries', i], `unknown country code "${code}": add it to data/catalogues/countries.yaml`);
  });
  if (!booklet) return { problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)) };
  const langs = bookletLanguages(booklet);
  if (langs.length === 0) at(['languages'], `expected the wording of at least one language (${LANGUAGES.join(', ')})`);
  for (const l of langs) if (!data.programme.languages[l]) at(['languages', l], `language ${l} has no wording in data/programme.yaml`);

  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { booklet: problems.some((p) => p.severity === 'error') ? undefined : booklet, problems };
}

export function bookletLanguages(booklet: Booklet): Lang[] {
  return LANGUAGES.filter((l) => booklet.languages[l]);
}
