// Stage 2 — validate: check every loaded file against its zod schema and every
// cross-reference (targets, recommendations, countries, wording per language).
// All problems of a run are collected; nothing is thrown.
import type { z } from 'zod';
import { idOf, type LoadedData, type LoadedFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import {
  ActionRecord, LabelCatalogue, LANGUAGES, Programme, SdgGoals,
  type Lang,
} from '../schema/index.js';

export interface ValidAction {
  id: string;
  file: string;
  record: ActionRecord;
  languages: Lang[];
}

export interface ValidData {
  programme: Programme;
  goals: SdgGoals;
  targetLabels: LabelCatalogue;
  recommendations: LabelCatalogue;
  countries: LabelCatalogue;
  actions: ValidAction[];
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
  for (const file of loaded.actions) {
    const id = idOf(file);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
      problems.push({ file: file.file, message: `the file name "${id}" is the action's id: use lower-case letters, digits and "-" only`, severity: 'error' });
    }
    const record = check(file, ActionRecord, problems);
    if (!record) continue;
    const languages = LANGUAGES.filter((l) => record[l]);
    if (languages.length === 0) {
      problems.push({ file: file.file, line: 1, column: 1, message: `expected text in at least one language (${LANGUAGES.join(', ')})`, severity: 'error' });
      continue;
    }
    actions.push({ id, file: file.file, record, languages });
  }

  if (programme && goals && targetLabels && recommendations && countries) {
    const validCodes = new Set(Object.values(goals).flatMap((g) => g.targets));
    const byFile = new Map(loaded.actions.map((f) => [f.file, f]));
    for (const a of actions) {
      const f = byFile.get(a.file)!;
      const at = (path: PropertyKey[], message: string, severity: Problem['severity'] = 'error') =>
        problems.push({ file: a.file, ...f.positionOf(path), field: fieldPath(path), message, severity });

      if (!countries[a.record.country]) at(['country'], `unknown country code "${a.record.country}": add it to data/catalogues/countries.yaml`);
      a.record.targets.forEach((code, i) => {
        if (!validCodes.has(code)) at(['targets', i], `"${code}" is not an SDG target code (goals 1–17, e.g. "16.6", "16.b")`);
        else for (const l of a.languages) {
          if (!targetLabels[code]?.[l]) at(['targets', i], `target ${code} has no ${l} label in data/catalogues/sdg-targets.yaml`);
        }
      });
      a.record.recommendations.forEach((rid, i) => {
        const entry = recommendations[rid];
        if (!entry) at(['recommendations', i], `unknown recommendation "${rid}": expected one of ${Object.keys(recommendations).join(', ')}`);
        else for (const l of a.languages) if (!entry[l]) at(['recommendations', i], `recommendation ${rid} has no ${l} label in data/catalogues/recommendations.yaml`);
      });
      for (const l of a.languages) {
        if (!programme.languages[l]) at([l], `language ${l} has no wording in data/programme.yaml`);
        if (countries[a.record.country] && !countries[a.record.country][l]) at(['country'], `country ${a.record.country} has no ${l} name in data/catalogues/countries.yaml`);
        const goalsOfTargets = new Set(a.record.targets.map((c) => c.split('.')[0]));
        for (const g of goalsOfTargets) if (goals[g] && !goals[g].title[l]) at(['targets'], `goal ${g} has no ${l} title in data/catalogues/sdg-goals.yaml`);
      }
    }
  }

  const hasError = problems.some((p) => p.severity === 'error');
  const data = !hasError && programme && goals && targetLabels && recommendations && countries
    ? { programme, goals, targetLabels, recommendations, countries, actions }
    : undefined;
  return { data, problems };
}

function check<T extends z.ZodType>(file: LoadedFile | undefined, schema: T, problems: Problem[]): z.infer<T> | undefined {
  if (!file) return undefined;
  const result = schema.safeParse(file.value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({ file: file.file, ...file.positionOf(path), field: fieldPath(path), message: `unknown field "${key}"`, severity: 'error' });
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
