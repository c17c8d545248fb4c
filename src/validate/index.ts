// Stage 2 — validate: check every loaded file against its zod schema and every
// cross-reference (targets, recommendations, countries, wording per language).
// All problems of a run are collected; nothing is thrown.
import { CATALOGUES, idOf, type LoadedData, type LoadedFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { ActionRecord, LabelCatalogue, Programme, SdgGoals, targetCode } from '../schema/index.js';
import { foreignMarkup, LANGUAGES } from '../text/index.js';
import { validateFactsheets } from './factsheet.js';
import { checkBooklet } from './booklet.js';
import { check } from './check.js';
import { didYouMean, didYouMeanCode, labelHint } from './hints.js';
import { duplicateIds, duplicateTitles, listLengths } from './consistency.js';



export type { ValidAction, ValidData, Validation } from './types.js';
export type { ValidFactsheet } from './factsheet.js';
import type { ValidAction, ValidData, Validation } from './types.js';

/**
 * What a long-running tool keeps between validations (src/pipeline's workspace): the
 * catalogues' result while their files are the same, and each record's result while its file
 * and the catalogues are the same. `records` counts the records validated again.
 */
export interface ValidationMemo {
  catalogues?: { files: unknown[]; result: Catalogues | undefined; problems: Problem[] };
  /** One object standing for a set of inputs, the same while they are (what a record is checked against). */
  composite?: { parts: unknown[]; key: object };
  records: WeakMap<LoadedFile, { against: unknown; result?: unknown; problems: Problem[] }>;
  records_validated: number;
}

/**
 * Give `memo` the results of an earlier run (a fresh process after an edit: src/pipeline's
 * memo on disk) for the files `unchanged` holds, so that validate() checks again only the
 * files that changed. A file is seeded only when the earlier run found no problem in it (its
 * problems would be told twice otherwise), and the records only when the catalogues are seeded
 * too (they are checked against them).
 */
export function seedValidationMemo(memo: ValidationMemo, loaded: LoadedData, earlier: Validation, unchanged: (f: LoadedFile) => boolean): void {
  const last = earlier.data;
  if (!last) return;
  const clean = (f: LoadedFile | undefined): f is LoadedFile => !!f && unchanged(f) && !earlier.problems.some((p) => p.file === f.file);
  const files = [loaded.programme, ...CATALOGUES.map((n) => loaded.catalogues[n])];
  if (!files.every(clean)) return;
  const { programme, goals, targetLabels, recommendations, countries } = last;
  const catalogues = { programme, goals, targetLabels, recommendations, countries };
  memo.catalogues = { files, result: catalogues, problems: [] };
  for (const file of loaded.actions) {
    const action = last.actions.find((a) => a.file === file.file);
    if (action && clean(file)) memo.records.set(file, { against: catalogues, result: { ...action, positionOf: file.positionOf }, problems: [] });
  }
  const { wording, gcmObjectives } = loaded.factsheets;
  if (!clean(wording) || !clean(gcmObjectives)) return;
  const against = composite(memo, [catalogues, wording, gcmObjectives]);
  // A factsheet's warnings (a link readers cannot open, …) are its own: the checks across files
  // find errors only (a duplicate id), and a run with errors seeds nothing. Those the loader
  // found come again with the file.
  const fromLoad = new Set(loaded.problems.map((p) => JSON.stringify(p)));
  for (const file of loaded.factsheets.records) {
    const factsheet = last.factsheets.records.find((f) => f.file === file.file);
    const own = earlier.problems.filter((p) => p.file === file.file && !fromLoad.has(JSON.stringify(p)));
    if (factsheet && unchanged(file) && own.every((p) => p.severity === 'warning')) memo.records.set(file, { against, result: { ...factsheet, positionOf: file.positionOf }, problems: own });
  }
}

export function validate(loaded: LoadedData, memo?: ValidationMemo): Validation {
  const problems: Problem[] = [...loaded.problems];
  const catalogues = validateCatalogues(loaded, problems, memo);
  duplicateIds([...loaded.actions, ...loaded.factsheets.records], problems);
  duplicateTitles(loaded.actions, problems);
  const actions: ValidAction[] = [];
  for (const file of loaded.actions) {
    const action = remembered(memo, file, catalogues, problems, (own) => validateAction(file, catalogues, own));
    if (action) actions.push(action);
  }
  // A factsheet is checked against the catalogues and its own wording files.
  const against = memo && composite(memo, [catalogues, loaded.factsheets.wording, loaded.factsheets.gcmObjectives]);
  const factsheets = validateFactsheets(loaded.factsheets, catalogues, check, problems, memo && ((file, key, run) => remembered(memo, file, key, problems, run)), against);
  const booklet = loaded.booklet && catalogues ? checkBooklet(loaded.booklet, { ...catalogues, actions, factsheets }, problems) : undefined;

  const hasError = problems.some((p) => p.severity === 'error');
  const data = !hasError && catalogues ? { ...catalogues, actions, factsheets, ...(booklet ? { booklet } : {}) } : undefined;
  // Problems in reading order: by file, then line.
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { data, problems };
}

/** The programme and the catalogues, checked again only when one of their files changed. */
function validateCatalogues(loaded: LoadedData, problems: Problem[], memo?: ValidationMemo): Catalogues | undefined {
  const files = [loaded.programme, ...CATALOGUES.map((n) => loaded.catalogues[n])];
  const kept = memo?.catalogues;
  if (kept && kept.files.length === files.length && kept.files.every((f, i) => f === files[i])) {
    problems.push(...kept.problems);
    return kept.result;
  }
  const own: Problem[] = [];
  const programme = check(loaded.programme, Programme, own);
  const goals = check(loaded.catalogues['sdg-goals'], SdgGoals, own);
  const targetLabels = check(loaded.catalogues['sdg-targets'], LabelCatalogue, own);
  const recommendations = check(loaded.catalogues.recommendations, LabelCatalogue, own);
  const countries = check(loaded.catalogues.countries, LabelCatalogue, own);
  const result = programme && goals && targetLabels && recommendations && countries ? { programme, goals, targetLabels, recommendations, countries } : undefined;
  if (memo) memo.catalogues = { files, result, problems: own };
  problems.push(...own);
  return result;
}

function composite(memo: ValidationMemo, parts: unknown[]): object {
  const kept = memo.composite;
  if (kept && kept.parts.length === parts.length && kept.parts.every((p, i) => p === parts[i])) return kept.key;
  memo.composite = { parts, key: {} };
  return memo.composite.key;
}

/** A record's result, validated again only when its file or what it is checked against changed. */
function remembered<T>(memo: ValidationMemo | undefined, file: LoadedFile, against: unknown, problems: Problem[], run: (own: Problem[]) => T): T {
  const kept = memo?.records.get(file);
  if (kept && kept.against === against) {
    problems.push(...kept.problems);
    return kept.result as T;
  }
  const own: Problem[] = [];
  const result = run(own);
  if (memo) {
    memo.records.set(file, { against, result, problems: own });
    memo.records_validated++;
  }
  problems.push(...own);
  return result;
}

/** One action: its file name, schema, cross-references, plain text and languages. */
function validateAction(file: LoadedFile, catalogues: Catalogues | undefined, problems: Problem[]): ValidAction | undefined {
  listLengths(file, problems);
  plainText(file, problems);
  const id = idOf(file);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
    problems.push({ file: file.file, message: `the file name "${id}" is the action's id: use lower-case letters, digits and "-" only`, severity: 'error' });
  }
  const record = check(file, ActionRecord, problems);
  // Cross-references are checked even when the schema failed, so one run reports everything.
  if (catalogues) checkReferences(file, catalogues, problems);
  if (!record) return undefined;
  const languages = LANGUAGES.filter((l) => record[l]);
  if (languages.length === 0) {
    problems.push({ file: file.file, line: 1, column: 1, message: `expected text in at least one language (${LANGUAGES.join(', ')})`, severity: 'error' });
    return undefined;
  }
  return { id, file: file.file, record, languages, positionOf: file.positionOf };
}

type Catalogues = Omit<ValidData, 'actions' | 'factsheets' | 'booklet'>;

/** A card prints its texts as written: markup in any of them would print as typed (src/text/markup.ts). */
function plainText(f: LoadedFile, problems: Problem[]) {
  const visit = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') {
      for (const m of foreignMarkup(v)) problems.push({ file: f.file, ...f.positionOf(path), field: fieldPath(path), message: m.message, severity: 'error' });
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'logo' && k !== 'translated_from') visit(x, [...path, k]);
  };
  visit(f.value, []);
}

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
