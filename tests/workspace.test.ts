// The workspace every command opens (src/pipeline): it keeps what it computed and, when files
// change, re-does only what depends on them. Asserted by counting the work, never by timing it.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../src/pipeline/index.js';
import { editFile, tempProject } from './project.js';

const yamlFiles = (root: string) => {
  const data = join(root, 'data');
  const records = ['actions', 'factsheets'].flatMap((d) => readdirSync(join(data, d)).filter((f) => f.endsWith('.yaml')));
  const others = ['programme.yaml', 'booklet.yaml', 'factsheet.yaml'].length + readdirSync(join(data, 'catalogues')).filter((f) => f.endsWith('.yaml')).length;
  return { records: records.length, all: records.length + others };
};

describe('the workspace', () => {
  it('after an edit to one action, parses and validates that one file again, not all of data/', async () => {
    const root = tempProject();
    const { records, all } = yamlFiles(root);
    const ws = Workspace.open(root, { cache: false });
    expect((await ws.checked()).data).toBeDefined();
    expect(ws.stats).toEqual({ parsed: all, validated: records });

    editFile(join(root, 'data/actions/rabat.yaml'), (s) => s.replace(/^(  title: ).*$/m, '$1Rabat, ville des données'));
    const { data } = await ws.checked();
    expect(data!.actions.find((a) => a.id === 'rabat')!.record.fr!.title).toBe('Rabat, ville des données');
    expect(ws.stats).toEqual({ parsed: all + 1, validated: records + 1 });

    // Nothing changed: nothing parsed, nothing validated.
    await ws.checked();
    expect(ws.stats).toEqual({ parsed: all + 1, validated: records + 1 });
  });

  it('after an edit to a catalogue, validates every record again (their references are checked against it)', async () => {
    const root = tempProject();
    const { records, all } = yamlFiles(root);
    const ws = Workspace.open(root, { cache: false });
    await ws.checked();
    editFile(join(root, 'data/catalogues/countries.yaml'), (s) => `${s}\nDZ: { fr: Algérie, en: Algeria, ar: الجزائر }\n`);
    expect((await ws.checked()).data!.countries.DZ?.en).toBe('Algeria');
    expect(ws.stats).toEqual({ parsed: all + 1, validated: 2 * records });
  });

  it('sees a new record, a removed one, and a record made invalid, with its problem', async () => {
    const root = tempProject();
    const ws = Workspace.open(root, { cache: false });
    await ws.checked();
    writeFileSync(join(root, 'data/actions/fes.yaml'), readFileSync(join(root, 'data/actions/rabat.yaml'), 'utf8').replace(/^(  title: ).*$/gm, '$1Fès'));
    rmSync(join(root, 'data/actions/sfax.yaml'));
    const ids = (await ws.checked()).data!.actions.map((a) => a.id);
    expect(ids).toContain('fes');
    expect(ids).not.toContain('sfax');
    editFile(join(root, 'data/actions/fes.yaml'), (s) => s.replace(/^country: MA$/m, 'country: XX'));
    const broken = await ws.checked();
    expect(broken.data).toBeUndefined();
    expect(broken.problems.some((p) => p.file === 'data/actions/fes.yaml' && p.field === 'country' && p.severity === 'error')).toBe(true);
  });

  it('checks unsaved text through an overlay, without touching the files or the workspace it came from', async () => {
    const root = tempProject();
    const path = join(root, 'data/actions/rabat.yaml');
    const text = readFileSync(path, 'utf8');
    const ws = Workspace.open(root, { cache: false });
    await ws.checked();
    const view = ws.withOverlay(new Map([[path, text.replace(/^(  title: ).*$/m, '$1Un autre titre')]]));
    expect((await view.checked()).data!.actions.find((a) => a.id === 'rabat')!.record.fr!.title).toBe('Un autre titre');
    // The view parsed the one file it overlays, and validated that one record.
    expect(view.stats).toEqual({ parsed: 1, validated: 1 });
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect((await ws.checked()).data!.actions.find((a) => a.id === 'rabat')!.record.fr!.title).not.toBe('Un autre titre');
  });

  it('in a fresh process after an edit, parses and validates only the edited file, and tells the same problems at the same places', async () => {
    const root = tempProject();
    await Workspace.open(root).checked(); // an earlier run: .cache/data.json and .cache/loaded.json
    editFile(join(root, 'data/actions/rabat.yaml'), (s) => s.replace(/^(  title: ).*$/m, '$1Rabat, ville des données'));
    const next = Workspace.open(root);
    const checked = await next.checked();
    expect(next.stats).toEqual({ parsed: 1, validated: 1 });
    expect(checked.data!.actions.find((a) => a.id === 'rabat')!.record.fr!.title).toBe('Rabat, ville des données');
    // The same result as parsing and validating everything: records, problems (the factsheet's
    // warnings once each) and where each field is written.
    const afresh = await Workspace.open(root, { cache: false }).checked();
    expect(checked.problems).toEqual(afresh.problems);
    expect(checked.problems.filter((p) => p.severity === 'warning').length).toBeGreaterThan(0);
    expect(JSON.stringify(checked.data)).toBe(JSON.stringify(afresh.data));
    const casablanca = (v: typeof checked) => v.data!.actions.find((a) => a.id === 'casablanca')!;
    for (const path of [['country'], ['fr', 'title'], ['en', 'activities', 2], ['targets', 0]]) {
      expect(casablanca(checked).positionOf!(path)).toEqual(casablanca(afresh).positionOf!(path));
      expect(casablanca(checked).positionOf!(path)?.line).toBeGreaterThan(0);
    }

    // A catalogue edited: every record is checked against it again; a record it breaks is
    // told at its line, as a run without the memo tells it.
    editFile(join(root, 'data/catalogues/countries.yaml'), (s) => s.replace(/^MA:/m, 'XM:'));
    const third = Workspace.open(root);
    const broken = await third.checked();
    expect(third.stats.parsed).toBe(1);
    expect(third.stats.validated).toBe(yamlFiles(root).records);
    expect(broken.data).toBeUndefined();
    expect(broken.problems).toEqual((await Workspace.open(root, { cache: false }).checked()).problems);
    expect(broken.problems.find((p) => p.file === 'data/actions/rabat.yaml' && p.field === 'country')?.line).toBeGreaterThan(0);

    // A tool that stays open (watch, the studio) starts from the last result; its first edit
    // parses and validates the edited file only, as later ones do.
    editFile(join(root, 'data/catalogues/countries.yaml'), (s) => s.replace(/^XM:/m, 'MA:'));
    await Workspace.open(root).checked(); // the memo, for the data as it is now
    const open = Workspace.open(root, { longRunning: true });
    await open.checked();
    expect(open.stats).toEqual({ parsed: 0, validated: 0 });
    editFile(join(root, 'data/actions/amman.yaml'), (s) => s.replace(/^(  title: ).*$/m, '$1Amman, ville ouverte'));
    expect((await open.checked()).data!.actions.find((a) => a.id === 'amman')!.record.fr!.title).toBe('Amman, ville ouverte');
    expect(open.stats).toEqual({ parsed: 1, validated: 1 });
  });

  it('a damaged .cache/loaded.json only costs time: every file is parsed, and the result is right', async () => {
    const root = tempProject();
    const { all } = yamlFiles(root);
    await Workspace.open(root).checked();
    editFile(join(root, 'data/actions/rabat.yaml'), (s) => s.replace(/^(  title: ).*$/m, '$1Rabat, ville des données'));
    const { key, validated } = JSON.parse(readFileSync(join(root, '.cache/loaded.json'), 'utf8')) as { key: string; validated: string };
    const wrong = [{ key, validated, files: null }, { key, validated, files: { [join(root, 'data/actions/rabat.yaml')]: { digest: 5 } } }, { key, validated: 'another run', files: {} }];
    for (const damaged of ['{"key": "trunc', 'null', ...wrong.map((w) => JSON.stringify(w))]) {
      writeFileSync(join(root, '.cache/loaded.json'), damaged);
      rmSync(join(root, '.cache/data.json'), { force: true });
      const ws = Workspace.open(root);
      const { data } = await ws.checked();
      expect(data!.actions.find((a) => a.id === 'rabat')!.record.fr!.title).toBe('Rabat, ville des données');
      expect(ws.stats.parsed).toBe(all);
    }
  });

  it('builds again only the documents an edit touches, in a second build of the same workspace', async () => {
    const root = tempProject();
    const ws = Workspace.open(root);
    await ws.build({ langs: ['fr'] });
    editFile(join(root, 'data/actions/rabat.yaml'), (s) => s.replace(/^(  title: ).*$/m, '$1Rabat, ville des données'));
    const report = await ws.build({ langs: ['fr'] });
    expect(report.files.filter((f) => f.rendered).map((f) => `${f.lang}/${f.id}`)).toEqual(['fr/rabat', 'fr/targeted-city-actions']);
  });
});
