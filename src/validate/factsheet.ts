// Validation of project factsheets: schema, catalogue look-ups, inline markup, footnotes
// and links. Called by validate() with the catalogues already checked.
import type { z } from 'zod';
import { idOf, type LoadedData, type LoadedFile } from '../load/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { FactsheetRecord, FactsheetWording, LabelCatalogue, type Programme, type SdgGoals } from '../schema/index.js';
import { LANGUAGES, noteIds, parseInline, type Lang } from '../text/index.js';
import { nonPublicReason } from '../text/index.js';

export interface ValidFactsheet {
  id: string;
  file: string;
  template: 'factsheet';
  record: FactsheetRecord;
  languages: Lang[];
  positionOf?: LoadedFile['positionOf'];
}

export interface ValidFactsheets {
  records: ValidFactsheet[];
  wording?: FactsheetWording;
  gcmObjectives?: LabelCatalogue;
}

type Check = <T extends z.ZodType>(file: LoadedFile | undefined, schema: T, problems: Problem[]) => z.infer<T> | undefined;
interface Catalogues { programme: Programme; goals: SdgGoals; targetLabels: LabelCatalogue; countries: LabelCatalogue }

/** Runs a record's validation, or gives back its result when neither the file nor `against` changed (./index.ts). */
export type Remember = <T>(file: LoadedFile, against: unknown, run: (problems: Problem[]) => T) => T;

export function validateFactsheets(loaded: LoadedData['factsheets'], c: Catalogues | undefined, check: Check, problems: Problem[], remember?: Remember, against?: unknown): ValidFactsheets {
  const wording = check(loaded.wording, FactsheetWording, problems);
  const gcmObjectives = check(loaded.gcmObjectives, LabelCatalogue, problems);
  const records: ValidFactsheet[] = [];
  for (const file of loaded.records) {
    const run = (own: Problem[]) => validateFactsheet(file, check, { ...c, wording, gcmObjectives }, own);
    const record = remember ? remember(file, against, run) : run(problems);
    if (record) records.push(record);
  }
  return { records, wording, gcmObjectives };
}

function validateFactsheet(file: LoadedFile, check: Check, c: Partial<Catalogues> & Omit<ValidFactsheets, 'records'>, problems: Problem[]): ValidFactsheet | undefined {
  const id = idOf(file);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
    problems.push({ file: file.file, message: `the file name "${id}" is the factsheet's id: use lower-case letters, digits and "-" only`, severity: 'error' });
  }
  const record = check(file, FactsheetRecord, problems);
  if (!record) return undefined;
  const languages = LANGUAGES.filter((l) => record[l]);
  if (languages.length === 0) {
    problems.push({ file: file.file, line: 1, column: 1, message: `expected text in at least one language (${LANGUAGES.join(', ')})`, severity: 'error' });
    return undefined;
  }
  checkFactsheet(file, record, languages, c, problems);
  return { id, file: file.file, template: 'factsheet', record, languages, positionOf: file.positionOf };
}

function checkFactsheet(f: LoadedFile, r: FactsheetRecord, languages: Lang[], c: Partial<Catalogues> & Omit<ValidFactsheets, 'records'>, problems: Problem[]) {
  const at = (path: PropertyKey[], message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file: f.file, ...f.positionOf(path), field: fieldPath(path), message, severity });

  if (r.period.from > r.period.to) at(['period', 'to'], `the period ends (${r.period.to}) before it starts (${r.period.from})`);
  if (c.countries) {
    const country = c.countries[r.country];
    if (!country) at(['country'], `unknown country code "${r.country}": add it to data/catalogues/countries.yaml`);
    else for (const l of languages) if (!country[l]) at(['country'], `country ${r.country} has no ${l} name in data/catalogues/countries.yaml`);
  }
  if (c.goals && c.targetLabels) {
    const validCodes = new Set(Object.values(c.goals).flatMap((g) => g.targets));
    r.targets.forEach((code, i) => {
      if (!validCodes.has(code)) return at(['targets', i], `"${code}" is not an SDG target code (goals 1–17, e.g. "16.6", "16.b")`);
      for (const l of languages) if (!c.targetLabels![code]?.[l]) at(['targets', i], `target ${code} has no ${l} label in data/catalogues/sdg-targets.yaml`);
    });
  }
  if (c.gcmObjectives) {
    r.gcm_objectives.forEach((n, i) => {
      for (const l of languages) if (!c.gcmObjectives![String(n)]?.[l]) at(['gcm_objectives', i], `Global Compact objective ${n} has no ${l} title in data/catalogues/gcm-objectives.yaml`);
    });
  }
  for (const l of languages) {
    if (c.wording && !c.wording.languages[l]) at([l], `language ${l} has no wording in data/factsheet.yaml`);
    if (c.programme && !c.programme.languages[l]) at([l], `language ${l} has no wording in data/programme.yaml`);
  }
  if (r.contact.website) checkLink(['contact', 'website'], r.contact.website);

  for (const l of languages) {
    const t = r[l]!;
    // Every text that may carry **bold** and footnote markers, with its field path.
    const texts: [PropertyKey[], string][] = [
      [[l, 'context'], t.context],
      [[l, 'objective'], t.objective],
      ...t.results.map((s, i): [PropertyKey[], string] => [[l, 'results', i], s]),
      ...t.partners.map((p, i): [PropertyKey[], string] => [[l, 'partners', i, 'role'], p.role]),
      ...(t.related ? [[[l, 'related'], t.related] as [PropertyKey[], string]] : []),
      ...(t.strategy?.items ?? []).map((s, i): [PropertyKey[], string] => [[l, 'strategy', 'items', i], s]),
    ];
    const referenced = new Set<string>();
    for (const [path, s] of texts) {
      const { problem } = parseInline(s);
      if (problem) at(path, problem);
      for (const id of noteIds(s)) {
        referenced.add(id);
        if (!t.footnotes[id]) at(path, `footnote marker [^${id}] has no footnote: add "${id}" under ${l}.footnotes`);
      }
    }
    for (const [id, note] of Object.entries(t.footnotes)) {
      if (!referenced.has(id)) at([l, 'footnotes', id], `footnote "${id}" is never referred to: put [^${id}] in the text where it applies`, 'warning');
      if (note.link) checkLink([l, 'footnotes', id, 'link'], note.link);
    }
  }

  function checkLink(path: PropertyKey[], link: string) {
    const reason = nonPublicReason(link);
    if (reason) at(path, `not a public web address: ${reason}; it is printed as text, without a link`, 'warning');
  }
}
