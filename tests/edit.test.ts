// Editing data files from a tool: values change, everything else stays byte for byte, the
// edit is validated with the whole data first, and a file changed on disk is never overwritten.
import { Workspace } from '../src/pipeline/index.js';
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { changeFile, editYamlText, saveChanges, EditConflict } from '../src/edit/index.js';
import { formatProblem } from '../src/problems.js';
import { ROOT, tempProject } from './project.js';

/** The lines of `after` that differ from `before` (same line count assumed unless noted). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.filter((line, i) => a[i] !== line);
}

const rabat = readFileSync(join(ROOT, 'data/actions/rabat.yaml'), 'utf8');

describe('editYamlText', () => {
  it('changes one title and nothing else: comments, other values, folding', () => {
    const out = editYamlText(rabat, [{ path: ['fr', 'title'], value: 'Un nouveau titre : pour Rabat' }]);
    expect(parse(out).fr.title).toBe('Un nouveau titre : pour Rabat');
    expect(changedLines(rabat, out)).toEqual(['  title: "Un nouveau titre : pour Rabat"']);
    expect(out.split('\n').length).toBe(rabat.split('\n').length);
  });

  it('rewrites a folded paragraph in its own style, wrapped like the file', () => {
    const text = 'Un objectif '.repeat(30).trim();
    const out = editYamlText(rabat, [{ path: ['fr', 'objective'], value: text }]);
    expect(parse(out).fr.objective).toBe(text);
    expect(out).toContain('  objective: >-\n    Un objectif');
    const paragraph = out.slice(out.indexOf('  objective: >-\n'), out.indexOf('  activities:')).split('\n').slice(1, -1);
    expect(paragraph.length).toBeGreaterThan(3);
    for (const line of paragraph) expect(line.length).toBeLessThanOrEqual(92);
    // Lines outside the paragraph are unchanged.
    const tail = (s: string) => s.slice(s.indexOf('  activities:'));
    expect(tail(out)).toBe(tail(rabat));
  });

  it('edits, adds and removes list items, keeping their style', () => {
    const before = parse(rabat).fr.activities as string[];
    const three = [before[0], 'Une activité nouvelle ;', before[2]];
    const out = editYamlText(rabat, [{ path: ['fr', 'activities'], value: three }]);
    expect(parse(out).fr.activities).toEqual(three);
    expect(out).toContain('    - Une activité nouvelle ;\n');
    const six = [...before, 'Encore une ;'];
    const grown = editYamlText(rabat, [{ path: ['fr', 'activities'], value: six }]);
    expect(parse(grown).fr.activities).toEqual(six);
    expect(grown.replace('    - Encore une ;\n', '')).toBe(rabat);
    expect(grown).toContain(`    - ${before[4]}\n    - Encore une ;\n  results:`);
  });

  it('quotes a value that would otherwise read as another type', () => {
    const out = editYamlText(rabat, [{ path: ['targets', 1], value: '16.10' }]);
    expect(parse(out).targets).toEqual(['10.7', '16.10', '17.8']);
    expect(changedLines(rabat, out)).toEqual(['targets: ["10.7", "16.10", "17.8"]']);
  });

  it('edits a flow list (cities) in place', () => {
    const out = editYamlText(rabat, [{ path: ['cities'], value: ['Rabat', 'Salé'] }]);
    expect(changedLines(rabat, out)).toEqual(['cities: [Rabat, Salé]']);
  });

  it('adds a key to a block and a whole new language block at the end', () => {
    const out = editYamlText(rabat, [
      { path: ['en', 'source'], value: 'a1b2c3' },
      { path: ['es', 'title'], value: 'Hacia políticas migratorias' },
    ]);
    const v = parse(out);
    expect(v.en.source).toBe('a1b2c3');
    expect(v.es).toEqual({ title: 'Hacia políticas migratorias' });
    expect(out.startsWith(rabat.slice(0, rabat.indexOf('\nen:')))).toBe(true);
    expect(out.endsWith('es:\n  title: Hacia políticas migratorias\n')).toBe(true);
  });

  it('removes a key', () => {
    const out = editYamlText(rabat, [{ path: ['en', 'status'], value: undefined }]);
    expect(parse(out).en.status).toBeUndefined();
    expect(out.split('\n').length).toBe(rabat.split('\n').length - 1);
  });

  it('keeps Arabic text exactly (NFC, right-to-left marks untouched)', () => {
    const ar = 'نحو سياسات عامة للهجرة قائمة على الأدلة في مدينة الرباط (ACMALS)';
    const out = editYamlText(rabat, [{ path: ['ar', 'title'], value: ar }]);
    expect(parse(out).ar.title).toBe(ar);
  });
});

describe('saveChanges', () => {
  it('writes a valid edit atomically and reports it', async () => {
    const root = tempProject();
    const change = changeFile(root, 'data/actions/rabat.yaml', [{ path: ['fr', 'title'], value: 'Rabat, ville des données' }]);
    const { problems, written } = await saveChanges(Workspace.open(root), [change]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(written).toEqual([{ file: 'data/actions/rabat.yaml', result: 'written' }]);
    expect(parse(readFileSync(join(root, 'data/actions/rabat.yaml'), 'utf8')).fr.title).toBe('Rabat, ville des données');
  });

  it('refuses an edit that makes the data invalid, with the validator message, and writes nothing', async () => {
    const root = tempProject();
    const change = changeFile(root, 'data/actions/rabat.yaml', [{ path: ['targets', 2], value: '16.16' }]);
    const { problems, written } = await saveChanges(Workspace.open(root), [change]);
    expect(written).toEqual([]);
    expect(problems.map(formatProblem)).toContain('data/actions/rabat.yaml:8:27 targets[3]: "16.16" is not an SDG target code (goals 1–17, e.g. "16.6", "16.b")');
    expect(readFileSync(join(root, 'data/actions/rabat.yaml'), 'utf8')).toBe(rabat);
  });

  it('never overwrites a file changed on disk since it was read', async () => {
    const root = tempProject();
    const path = join(root, 'data/actions/rabat.yaml');
    const change = changeFile(root, 'data/actions/rabat.yaml', [{ path: ['fr', 'title'], value: 'Mon titre' }]);
    writeFileSync(path, rabat.replace('Rabat (Morocco)', 'Rabat (Maroc)'));
    await expect(saveChanges(Workspace.open(root), [change])).rejects.toThrow(EditConflict);
    expect(readFileSync(path, 'utf8')).toContain('Rabat (Maroc)');
  });

  it('creates a new record, validated with the rest', async () => {
    const root = tempProject();
    const text = ['country: MA', 'cities: [Fès]', 'targets: ["10.7"]', 'recommendations: [participation]', '', 'fr:', '  title: Une action à Fès', '  objective: Un objectif.', '  activities: [Une activité.]', '  results: [Un résultat.]', ''].join('\n');
    const change = { file: 'data/actions/fes.yaml', before: undefined, after: text };
    expect((await saveChanges(Workspace.open(root), [change])).written).toEqual([{ file: 'data/actions/fes.yaml', result: 'written' }]);
    expect(existsSync(join(root, 'data/actions/fes.yaml'))).toBe(true);
  });

  it('confines edits to data/', () => {
    const root = tempProject();
    expect(() => changeFile(root, '../outside.yaml', [{ path: ['a'], value: 'b' }])).toThrow(/only YAML files under data\//);
    expect(() => changeFile(root, 'data/../package.json', [{ path: ['a'], value: 'b' }])).toThrow(/only YAML files under data\//);
  });
});

describe('every text of the real records', () => {
  it('can be changed with only its own lines touched', () => {
    const files = ['actions/rabat.yaml', 'actions/tanger.yaml', 'actions/sfax.yaml', 'factsheets/gouvernance-migratoire-partagee.yaml', 'booklet.yaml', 'programme.yaml'];
    let edits = 0;
    for (const f of files) {
      const text = readFileSync(join(ROOT, 'data', f), 'utf8');
      const leaves: (string | number)[][] = [];
      const walk = (v: unknown, path: (string | number)[]) => {
        if (typeof v === 'string') leaves.push(path);
        else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      };
      walk(parse(text), []);
      for (const path of leaves) {
        const old = path.reduce<any>((o, k) => o[k], parse(text)) as string;
        const out = editYamlText(text, [{ path, value: `${old} (modifié)` }]);
        expect(path.reduce<any>((o, k) => o[k], parse(out))).toBe(`${old} (modifié)`);
        // Everything before the value's first line and after its last line is unchanged.
        const a = text.split('\n');
        const b = out.split('\n');
        let head = 0;
        while (a[head] === b[head]) head++;
        let tail = 0;
        while (tail < a.length && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
        expect(Math.abs(b.length - a.length)).toBeLessThanOrEqual(1);
        expect(a.length - head - tail).toBeLessThanOrEqual(Math.max(1, old.length / 60 + 1));
        edits++;
      }
    }
    expect(edits).toBeGreaterThan(200);
  });
});
