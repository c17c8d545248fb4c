// Schema errors and catalogue look-ups: each problem names file, line, field and what was expected.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadData } from '../src/load/index.js';
import { validate } from '../src/validate/index.js';
import { formatProblem } from '../src/problems.js';
import { Workspace } from '../src/pipeline/index.js';
import { frenchTypography } from '../src/text/typography.js';
import { editFile, ROOT, tempProject } from './project.js';

const SAMPLE = readFileSync(join(import.meta.dirname, 'fixtures', 'sample.yaml'), 'utf8');

/** Problems of a project holding the real data plus tests/fixtures/sample.yaml after `edit`. */
function problemsAfter(edit: (root: string) => void): string[] {
  const root = tempProject();
  writeFileSync(sample(root), SAMPLE);
  edit(root);
  return validate(loadData(root)).problems.map(formatProblem);
}
const sample = (root: string) => join(root, 'data', 'actions', 'sample.yaml');

describe('schema errors', () => {
  it('the real data is valid', () => {
    const { data, problems } = validate(loadData(ROOT));
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(data?.actions.length).toBeGreaterThanOrEqual(2);
  });

  it('a list where text is expected names file, line, column and field', () => {
    const msgs = problemsAfter((root) => editFile(sample(root), (s) => s.replace(/^  title: .*$/m, '  title:\n    - a\n    - b')));
    expect(msgs).toContainEqual(expect.stringMatching(/^data\/actions\/sample\.yaml:8:5 fr\.title: expected text, found a list$/));
  });

  it('a missing required field', () => {
    const msgs = problemsAfter((root) => editFile(sample(root), (s) => s.replace("  objective: >-\n    L'objectif de l'action.\n", '')));
    expect(msgs).toContainEqual(expect.stringMatching(/^data\/actions\/sample\.yaml:\d+:\d+ fr\.objective: expected text \(missing\)$/));
  });

  it('an unknown SDG target code, and an unquoted one', () => {
    const msgs = problemsAfter((root) => editFile(sample(root), (s) => s.replace('targets: ["10.7", "11.1", "17.8"]', 'targets: ["10.7", "16.16", 11.1]')));
    expect(msgs).toContainEqual('data/actions/sample.yaml:4:19 targets[2]: "16.16" is not an SDG target code (goals 1–17, e.g. "16.6", "16.b")');
    expect(msgs).toContainEqual(expect.stringMatching(/^data\/actions\/sample\.yaml:4:28 targets\[3\]: expected a target code in quotes/));
  });

  it('an unknown recommendation id lists the known ones', () => {
    const msgs = problemsAfter((root) => editFile(sample(root), (s) => s.replace('recommendations: [urban-planning-housing,', 'recommendations: [urban-planing,')));
    expect(msgs).toContainEqual(expect.stringMatching(/^data\/actions\/sample\.yaml:5:19 recommendations\[1\]: unknown recommendation "urban-planing": expected one of .*urban-planning-housing/));
  });

  it('a target with no label in a language the action has', () => {
    const msgs = problemsAfter((root) => editFile(join(root, 'data', 'catalogues', 'sdg-targets.yaml'), (s) => s.replace(/  en: Enhance capacity-building.*\n/, '')));
    // Rabat has no English yet when this was written; only actions in English need the label.
    expect(msgs.every((m) => !m.includes('17.8 has no fr'))).toBe(true);
  });

  it('a YAML syntax error', () => {
    const msgs = problemsAfter((root) => writeFileSync(sample(root), 'country: MA\ncities: [Rabat\n'));
    expect(msgs[0]).toMatch(/^data\/actions\/sample\.yaml:\d+:\d+ YAML syntax: /);
  });
});

const { data } = await Workspace.open(ROOT, { cache: false }).valid();
const sheets = await Workspace.open(ROOT, { cache: false }).sheets();
describe('catalogue look-ups', () => {
  const casablanca = sheets.find((s) => s.id === 'casablanca' && s.lang === 'fr')!;
  const casablancaEn = sheets.find((s) => s.id === 'casablanca' && s.lang === 'en')!;

  it('targets get the goal colour, goal title and the brochure label in the sheet language', () => {
    expect(casablanca.targets[0]).toMatchObject({ code: '10.7', goal: 10, colour: '#DD1367', goalTitle: 'INÉGALITÉS RÉDUITES', label: 'Faciliter la migration des personnes' });
    expect(casablancaEn.targets[0]).toMatchObject({ code: '10.7', goalTitle: 'REDUCED INEQUALITIES', label: 'Facilitate migration of persons' });
  });

  it('recommendations, country and wording come from the catalogues', () => {
    expect(casablanca.recommendations.items).toContain('Gouvernance multi-niveaux et coopération');
    expect(casablancaEn.recommendations.items).toContain('Multi-level governance and cooperation');
    expect(casablanca.place).toBe('Casablanca · Maroc');
    expect(casablancaEn.results.heading).toBe('OUTCOMES');
  });

  it('the goal catalogue lists the 169 official target codes', () => {
    const codes = Object.values(data.goals).flatMap((g) => g.targets);
    expect(codes).toHaveLength(169);
    expect(codes).toContain('16.b');
    expect(codes).not.toContain('16.16');
  });

  it('French typography: no-break spaces before ; : ! ? and inside « », curly apostrophes', () => {
    expect(frenchTypography("Créer un « Salon des migrants » d'accueil ;")).toBe('Créer un «\u00A0Salon des migrants\u00A0» d\u2019accueil\u00A0;');
    expect(frenchTypography('Villes méditerranéennes; villes diverses')).toBe('Villes méditerranéennes\u00A0; villes diverses');
    expect(frenchTypography('Contact : https://example.org')).toBe('Contact\u00A0: https://example.org');
    expect(casablanca.activities.items[0].endsWith('migrants)\u00A0;')).toBe(true);
  });
});
