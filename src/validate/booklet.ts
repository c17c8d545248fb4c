// Validate data/booklet.yaml, as part of the one validation pass (./index.ts): its schema,
// then its references to the actions, the countries and the programme's wording. Problems
// carry file:line:column like the rest.
import { LANGUAGES } from '../text/index.js';
import type { LoadedFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { Booklet } from '../schema/index.js';
import { bookletLanguages } from '../text/index.js';
import type { ValidData } from './types.js';
import { check } from './check.js';


/** The booklet's settings when they are valid; every problem goes to `problems`. */
export function checkBooklet(file: LoadedFile, data: Pick<ValidData, 'actions' | 'factsheets' | 'countries' | 'programme'>, problems: Problem[]): Booklet | undefined {
  const booklet = check(file, Booklet, problems);

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
  if (!booklet) return undefined;
  const langs = bookletLanguages(booklet);
  if (langs.length === 0) at(['languages'], `expected the wording of at least one language (${LANGUAGES.join(', ')})`);
  for (const l of langs) if (!data.programme.languages[l]) at(['languages', l], `language ${l} has no wording in data/programme.yaml`);
  return booklet;
}

