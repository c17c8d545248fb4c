// Stage 2 — validate: check every loaded file against its zod schema and every
// cross-reference (targets, recommendations, countries, wording per language).
// All problems of a run are collected; nothing is thrown.
import { idOf, type LoadedData, type LoadedFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import {
  ActionRecord, LabelCatalogue, LANGUAGES, Programme, SdgGoals, targetCode,
  type Lang,
} from '../schema/index.js';
import { validateFactsheets, type ValidFactsheets } from './factsheet.js';
import { checkBooklet } from './booklet.js';
import { check } from './check.js';
import type { Booklet } from '../schema/booklet.js';
import { didYouMean, didYouMeanCode, labelHint } from './hints.js';
import { duplicateIds, duplicateTitles, listLengths } from './consistency.js';

export { check } from './check.js';

export interface ValidAction {
  id: string;
  file: string;
  record: ActionRecord;
  languages: Lang[];
  /** Where a field is written, for problems found after validation (fonts, fitting). */
  positionOf?: LoadedFile['positionOf'];
}

export interface ValidData {
  programme: Programme;
  goals: SdgGoals;
  targetLabels: LabelCatalogue;
  recommendations: LabelCatalogue;
  countries: LabelCatalogue;
  actions: ValidAction[];
  /** Project factsheets (data/factsheets/), see ./factsheet.ts. */
  factsheets: ValidFactsheets;
  /** The booklets' settings (data/booklet.yaml), when the project has one. */
  booklet?: Booklet;
}

export interface Validation {
  data?: ValidData; // present when there is no error
  problems: Problem[];
}

export function validate(loaded: LoadedData): Validation {
  const problems: Problem[] = [...loaded.problems];
  const programme = check(loaded.programme, Programme, problems);
  const goals = check(loaded.catalogues['sdg-goals'], SdgGoals, problems);
  const targetLabels = check(loaded.catalogues['sdg-targets'], LabelCatalogue, problems);
  const recommendations = check(loaded.catalogues.recommendations, LabelCatalogue, problems);
  const countries = check(loaded.catalogues.countries, LabelCatalogue, problems);

  const actions: ValidAction[] = [];
  const catalogues = programme && goals && targetLabels && recommendations && countries
    ? { programme, goals, targetLabels, recommendations, countries }
    : undefined;
  duplicateIds(loaded.actions, problems);
  duplicateTitles(loaded.actions, problems);
  for (const file of loaded.actions) {
    listLengths(file, problems);
    const id = idOf(file);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
      problems.push({ file: file.file, message: `the file name "${id}" is the action's id: use lower-case letters, digits and "-" only`, severity: 'error' });
    }
    const record = check(file, ActionRecord, problems);
    // Cross-references are checked even when the schema failed, so one run reports everything.
    if (catalogues) checkReferences(file, catalogues, problems);
    if (!record) continue;
    const languages = LANGUAGES.filter((l) => record[l]);
    if (languages.length === 0) {
      problems.push({ file: file.file, line: 1, column: 1, message: `expected text in at least one language (${LANGUAGES.join(', ')})`, severity: 'error' });
      continue;
    }
    actions.push({ id, file: file.file, record, languages, positionOf: file.positionOf });
  }

  const factsheets = validateFactsheets(loaded.factsheets, catalogues, check, problems);
  const booklet = loaded.booklet && catalogues ? checkBooklet(loaded.booklet, { ...catalogues, actions, factsheets }, problems) : undefined;

  const hasError = problems.some((p) => p.severity === 'error');
  const data = !hasError && catalogues ? { ...catalogues, actions, factsheets, ...(booklet ? { booklet } : {}) } : undefined;
  // Problems in reading order: by file, then line.
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { data, problems };
}

type Catalogues = Omit<ValidData, 'actions' | 'factsheets' | 'booklet'>;

/** Targets, recommendations, country and wording per language, on the raw record. */
function checkReferences(f: LoadedFile, c: Catalogues, problems: Problem[]) {
  const raw = (f.value ?? {}) as Record<string, unknown>;
  const at = (path: PropertyKey[], message: string) =>
    problems.push({ file: f.file, ...f.positionOf(path), field: fieldPath(path), message, severity: 'error' });
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const languages = LANGUAGES.filter((l) => raw[l] && typeof raw[l] === 'object');
  const validCodes = new Set(Object.values(c.goals).flatMap((g) => g.targets));

  // A country or target written as its label fails the schema; its message gets the id.
  const hint = (path: PropertyKey[], text: unknown, catalogue: LabelCatalogue, what: string) => {
    // Only for a value the schema refused: the search goes through the whole catalogue.
    const p = typeof text === 'string' && problems.find((q) => q.file === f.file && q.field === fieldPath(path) && q.severity === 'error');
    const h = p ? labelHint(text as string, catalogue, what, 'code') : undefined;
    if (p && h) p.message += `: ${h}`;
  };
  hint(['country'], raw.country, c.countries, 'name');
  list(raw.targets).forEach((code, i) => hint(['targets', i], code, c.targetLabels, 'label'));
  if (typeof raw.country === 'string' && /^[A-Z]{2}$/.test(raw.country)) {
    const country = c.countries[raw.country];
    if (!country) {
      const codes = Object.keys(c.countries);
      const guess = didYouMeanCode(raw.country, codes);
      at(['country'], `unknown country code "${raw.country}": ${guess ? `did you mean ${guess} (${c.countries[guess].en ?? c.countries[guess].fr})? ` : ''}expected one of ${codes.join(', ')}, or add it to data/catalogues/countries.yaml`);
    }
    else for (const l of languages) if (!country[l]) at(['country'], `country ${raw.country} has no ${l} name in data/catalogues/countries.yaml`);
  }
  list(raw.targets).forEach((code, i) => {
    if (typeof code !== 'string' || !targetCode.safeParse(code).success) return; // the schema reports it
    if (!validCodes.has(code)) return at(['targets', i], `"${code}" is not an SDG target code (goals 1–17, e.g. "16.6", "16.b")`);
    const goal = c.goals[code.split('.')[0]];
    for (const l of languages) {
      if (!c.targetLabels[code]?.[l]) at(['targets', i], `target ${code} has no ${l} label in data/catalogues/sdg-targets.yaml`);
      if (!goal.title[l]) at(['targets', i], `goal ${code.split('.')[0]} has no ${l} title in data/catalogues/sdg-goals.yaml`);
    }
  });
  list(raw.recommendations).forEach((rid, i) => {
    if (typeof rid !== 'string') return;
    const entry = c.recommendations[rid];
    const byLabel = entry ? undefined : labelHint(rid, c.recommendations);
    const guess = entry || byLabel ? undefined : didYouMean(rid, Object.keys(c.recommendations));
    if (byLabel) at(['recommendations', i], `unknown recommendation "${rid}": ${byLabel}`);
    else if (!entry) at(['recommendations', i], `unknown recommendation "${rid}": ${guess ? `did you mean "${guess}"? ` : ''}expected one of ${Object.keys(c.recommendations).join(', ')}`);
    else for (const l of languages) if (!entry[l]) at(['recommendations', i], `recommendation ${rid} has no ${l} label in data/catalogues/recommendations.yaml`);
  });
  for (const l of languages) if (!c.programme.languages[l]) at([l], `language ${l} has no wording in data/programme.yaml`);
}
