// Bad input, one case per kind (tests/fixtures/bad/<case>/ is laid over a copy of the
// project): each gives its exit code and its one-line message at the exact
// file:line:column and field, and never costs the PDFs of the last good build.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brochure } from './cli.js';
import { tempProject } from './project.js';
import { containsText, pdfText } from './pdf.js';
import { loadData, MAX_FILE_BYTES } from '../src/load/index.js';
import { Workspace } from '../src/pipeline/index.js';
import { createElement } from 'react';
import { Document, Page, Text, View, renderToBuffer } from '@react-pdf/renderer';
import { fitCard, measureCard, textFaults } from '../src/fit/card.js';
import { allowedKeys, didYouMean } from '../src/validate/hints.js';
import { ActionRecord } from '../src/schema/index.js';
import { DEFAULT_BODY_SIZE, MIN_BODY_SIZE } from '../src/design/theme.js';

const BAD = join(import.meta.dirname, 'fixtures', 'bad');

/** Every file under out/, by path relative to the project, with its bytes. */
function outFiles(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(join(root, 'out'));
  return files;
}

let base: string; // the real data, built once: out/ holds the last good build
let good: Map<string, Buffer>;

beforeAll(() => {
  base = tempProject();
  const r = brochure(['--root', base, 'build', '--only', 'casablanca,rabat']);
  expect(r.code, r.stderr).toBe(0);
  good = outFiles(base);
  expect([...good.keys()]).toEqual(expect.arrayContaining(['out/en/casablanca.pdf', 'out/en/rabat.pdf', 'out/fr/casablanca.pdf', 'out/fr/rabat.pdf']));
});

/** A copy of the built project with the case's files (if any) laid over it. */
function projectWith(name?: string): string {
  const dir = mkdtempSync(join(tmpdir(), `brochure-bad-${name ?? 'good'}-`));
  cpSync(base, dir, { recursive: true });
  if (name) cpSync(join(BAD, name), dir, { recursive: true });
  return dir;
}

/** The PDFs of the last good build are all there, byte for byte, and nothing else was written. */
function expectOutUnchanged(dir: string, extra: string[] = []) {
  const now = outFiles(dir);
  expect([...now.keys()].sort()).toEqual([...good.keys(), ...extra].sort());
  for (const [path, bytes] of good) expect(now.get(path)!.equals(bytes), `${path} changed`).toBe(true);
}

const lines = (s: string) => s.split('\n').filter(Boolean);

interface Case {
  name: string;
  /** The build's arguments: the case's own action for problems found when its sheets are made. */
  args: string[];
  code: number;
  /** Exact lines the user sees (on stderr). */
  messages: string[];
}

const errors: Case[] = [
  { name: 'yaml-syntax', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/bad-syntax.yaml:4:1 YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ] },
  { name: 'wrong-type', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/wrong-type.yaml:10:7 fr.activities[2]: expected text, found a list',
  ] },
  { name: 'missing-field', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/missing-field.yaml:6:3 fr.objective: expected text (missing)',
  ] },
  { name: 'unknown-field', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/unknown-field.yaml:5:1 recomendations: unknown field "recomendations": did you mean "recommendations"?',
    'data/actions/unknown-field.yaml:7:3 fr.titel: unknown field "titel": did you mean "title"?',
  ] },
  { name: 'unknown-target', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/unknown-target.yaml:4:19 targets[2]: "16.16" is not an SDG target code (goals 1–17, e.g. "16.6", "16.b")',
  ] },
  { name: 'unknown-recommendation', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/unknown-recommendation.yaml:5:19 recommendations[1]: unknown recommendation "participaton": did you mean "participation"? expected one of welcome-instruments, labour-market, participation, multilevel-governance, urban-planning-housing, anti-discrimination, education, health',
  ] },
  { name: 'unknown-country', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/unknown-country.yaml:2:10 country: unknown country code "JR": did you mean JO (Jordan)? expected one of MA, TN, LB, JO, PS, or add it to data/catalogues/countries.yaml',
  ] },
  { name: 'language-incomplete', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/language-incomplete.yaml:13:3 en.objective: expected text (missing)',
    'data/actions/language-incomplete.yaml:13:3 en.activities: expected a list of text (missing)',
    'data/actions/language-incomplete.yaml:13:3 en.results: expected a list of text (missing)',
  ] },
  { name: 'duplicate-id', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/rabat.yml:1:1 duplicate action id "rabat": data/actions/rabat.yaml has the same name (a file\'s name is its action\'s id): keep one of the two files',
  ] },
  { name: 'custom-tag', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/custom-tag.yaml:6:10 custom YAML tag !!js/function is not allowed: write plain text, lists and maps',
  ] },
  { name: 'alias-bomb', args: ['--only', 'casablanca'], code: 1, messages: [
    'data/actions/alias-bomb.yaml:1:1 too many aliases (*name): the file would expand to far more data than a record holds, so it is refused',
  ] },
  { name: 'asset-path', args: ['--only', 'asset-path'], code: 1, messages: [
    'data/actions/asset-path.yaml:7:11 partners[1].logo: "../data/programme.yaml": write a path inside assets/, such as logos/partner.png (no "..", no absolute path)',
  ] },
  { name: 'image-content', args: ['--only', 'image-content'], code: 1, messages: [
    'data/actions/image-content.yaml:7:11 partners[1].logo: "logos/fake.png": not a PNG, JPEG or SVG image (checked by content)',
  ] },
  { name: 'glyphs', args: ['--only', 'glyphs'], code: 1, messages: [
    'data/actions/glyphs.yaml:6:10 fr.title: control character U+0007 cannot be printed: remove it',
    'data/actions/glyphs.yaml:9:7 fr.activities[1]: "🎉" (U+1F389) is not in the IBM Plex Sans fonts and would print as a blank box or in an unembedded font: remove or replace it',
    'data/actions/glyphs.yaml:10:7 fr.activities[2]: "城" (U+57CE), "市" (U+5E02) are not in the IBM Plex Sans fonts and would print as blank boxes or in an unembedded font: remove or replace them',
  ] },
  { name: 'overflow-fails', args: ['--only', 'overflow-fails'], code: 1, messages: [
    'data/actions/overflow-fails.yaml:13:5 fr.results: the fr card does not fit on one page even with 7.5 pt body text: about 212 pt (21 lines) too long; the RÉSULTATS column is the longest; shorten the text by about 21 lines',
  ] },
];

const warnings: Case[] = [
  { name: 'duplicate-title', args: ['--only', 'casablanca'], code: 0, messages: [
    'data/actions/duplicate-title.yaml:6:10 warning: fr.title: "Migration à Casablanca" is also the fr title of data/actions/casablanca.yaml: give each card its own title',
  ] },
  { name: 'list-lengths', args: ['--only', 'casablanca'], code: 0, messages: [
    'data/actions/list-lengths.yaml:18:5 warning: en.activities: 2 items, but fr.activities has 3: check that the translation has every activity',
  ] },
];

describe('bad input: one clear line per problem, and the last good PDFs untouched', () => {
  for (const c of errors) {
    it(c.name, () => {
      const dir = projectWith(c.name);
      const r = brochure(['--root', dir, 'build', ...c.args]);
      expect(r.code, r.stderr).toBe(c.code);
      const got = lines(r.stderr);
      for (const m of c.messages) expect(got).toContain(m);
      expect(r.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m); // no stack trace
      expect(got.at(-1)).toMatch(/^Nothing was written: the data has \d+ errors?/);
      expectOutUnchanged(dir);
    });
  }

  for (const c of warnings) {
    it(`${c.name} (a warning: the build goes on)`, () => {
      const dir = projectWith(c.name);
      const r = brochure(['--root', dir, 'build', ...c.args]);
      expect(r.code, r.stderr).toBe(c.code);
      for (const m of c.messages) expect(lines(r.stderr)).toContain(m);
      expectOutUnchanged(dir); // casablanca rebuilt to the same bytes
    });
  }

  it('characters the fonts lack in a factsheet are reported too', () => {
    const dir = projectWith();
    const file = join(dir, 'data', 'factsheets', 'gouvernance-migratoire-partagee.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Vers une gouvernance migratoire partagée', 'title: Vers une gouvernance migratoire partagée 🎉'));
    const r = brochure(['--root', dir, 'build', '--lang', 'fr', '--only', 'gouvernance-migratoire-partagee']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContain('data/factsheets/gouvernance-migratoire-partagee.yaml fr.title: "🎉" (U+1F389) is not in the IBM Plex Sans fonts and would print as a blank box or in an unembedded font: remove or replace it');
    expectOutUnchanged(dir);
  });

  it('a data file above the size limit is refused', () => {
    // Generated here rather than kept as a megabyte in the fixtures.
    const dir = projectWith();
    writeFileSync(join(dir, 'data', 'actions', 'huge.yaml'), 'country: MA\n' + '# padding\n'.repeat(MAX_FILE_BYTES / 10 + 100));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContain('data/actions/huge.yaml file is 1001 kB, larger than the 1000 kB a data file may be');
    expectOutUnchanged(dir);
  });

  it('an alias bomb is refused before it is expanded', () => {
    const dir = projectWith('alias-bomb');
    const loaded = loadData(dir);
    // Refused at the 100th alias: the file gives no value at all (expanded, it would be billions of nodes).
    expect(loaded.actions.map((f) => f.file)).not.toContain('data/actions/alias-bomb.yaml');
    expect(loaded.problems.map((p) => p.message)).toContain('too many aliases (*name): the file would expand to far more data than a record holds, so it is refused');
  });

  it('the real data stays clean', () => {
    const r = brochure(['validate']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/ (unknown|duplicate|did you mean|items, but|is also the)/);
  });
});

describe('did you mean', () => {
  it('the allowed field names come from the schema', () => {
    // Blocks in other ISO 639-1 languages are allowed too (translations), but not listed in hints.
    const others = (k: string) => /^[a-z]{2}$/.test(k) && !['fr', 'en', 'ar'].includes(k);
    expect(allowedKeys(ActionRecord, []).sort()).toEqual(Object.keys(ActionRecord.shape).filter((k) => !others(k)).sort());
    expect(Object.keys(ActionRecord.shape)).toEqual(expect.arrayContaining(['es', 'de', 'it']));
    expect(allowedKeys(ActionRecord, ['fr'])).toEqual(expect.arrayContaining(['title', 'subtitle', 'objective', 'activities', 'results', 'status']));
    expect(allowedKeys(ActionRecord, ['partners', 0]).sort()).toEqual(['alt', 'lang', 'logo', 'name']);
    expect(didYouMean('objectif', allowedKeys(ActionRecord, ['fr']))).toBe('objective');
    expect(didYouMean('colour', allowedKeys(ActionRecord, ['fr']))).toBeUndefined();
  });
});

describe('overflow', () => {
  it('a card too long at the default size is fitted on one page, and all its text is there', async () => {
    const dir = projectWith('overflow-fits');
    const { data } = (await Workspace.open(dir).valid());
    const [sheet] = (await Workspace.open(dir).sheets({ only: ['overflow-fits'] }));
    // Without fitting, the card's content is taller than its page.
    const natural = await measureCard(sheet, DEFAULT_BODY_SIZE);
    expect(natural.height).toBeGreaterThan(natural.pageHeight);
    const fitted = await fitCard(sheet);
    expect(fitted.bodySize).toBeLessThan(DEFAULT_BODY_SIZE);
    expect(fitted.bodySize).toBeGreaterThanOrEqual(MIN_BODY_SIZE);
    expect(fitted.renders).toBeLessThanOrEqual(6);

    const r = brochure(['--root', dir, 'build', '--only', 'overflow-fits']);
    expect(r.code, r.stderr).toBe(0);
    const pdf = readFileSync(join(dir, 'out', 'fr', 'overflow-fits.pdf'));
    expect(pdf.equals(fitted.bytes)).toBe(true);
    const { pages, total } = await pdfText(pdf);
    expect(total).toBe(1);
    for (const text of [sheet.title, sheet.subtitle!, ...sheet.objective.paragraphs, ...sheet.activities.items, ...sheet.results.items]) {
      expect(containsText(pages[0], text), text).toBe(true);
    }
    expectOutUnchanged(dir, ['out/fr/overflow-fits.pdf']);

    const check = brochure(['--root', dir, 'check', '--only', 'overflow-fits']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`fr/overflow-fits`);
    expect(check.stdout).toMatch(new RegExp(`fits at ${fitted.bodySize} pt \\(body text stepped down from ${DEFAULT_BODY_SIZE} pt\\)`));
  });

  it('fitting starts at the size the text of a card suggests: a card it suits is laid out once, the real cards in few layouts', async () => {
    const [amman] = await Workspace.open(base).sheets({ only: ['amman'], langs: ['fr'] });
    expect(await fitCard(amman!)).toMatchObject({ bodySize: DEFAULT_BODY_SIZE, renders: 1 });
    // Every French card of the real data: most in one layout (a layout is most of a card's cost).
    const sheets = await Workspace.open(base).sheets({ langs: ['fr'] });
    let layouts = 0;
    for (const sheet of sheets) layouts += (await fitCard(sheet)).renders;
    expect(layouts).toBeLessThanOrEqual(Math.ceil(sheets.length * 1.25));
  });

  it('text React-PDF silently cuts off or puts past the page edge is found in the layout', async () => {
    const { data } = (await Workspace.open(base).valid());
    const [sheet] = (await Workspace.open(base).sheets({ only: ['casablanca'], langs: ['fr'] }));
    const long = sheet.activities.items.join(' ').repeat(4);
    let layout: Parameters<typeof textFaults>[1] | undefined;
    const doc = createElement(Document, { onRender: (p: unknown) => { layout = (p as { _INTERNAL__LAYOUT__DATA_: typeof layout })._INTERNAL__LAYOUT__DATA_; } } as object,
      createElement(Page, { size: 'A4', style: { paddingHorizontal: 36 } }, // the cards' margins
        createElement(View, { style: { height: 40 } }, createElement(Text, null, long)), // keeps 3 lines of many
        createElement(Text, { style: { position: 'absolute', left: 500, top: 300, width: 200 } }, sheet.title)));
    await renderToBuffer(doc);
    const faults = textFaults(sheet, layout!);
    expect(faults.map((f) => f.fault)).toEqual(['cut', 'outside']);
    expect(faults[1].field?.path).toEqual(['fr', 'title']);
    expect(Math.round(faults[1].by)).toBe(105); // 500 + 200 − 595.28
  });

  it('brochure check reports what fits and what overflows, and writes nothing', () => {
    const dir = projectWith('overflow-fails');
    const r = brochure(['--root', dir, 'check', '--lang', 'fr', '--only', 'casablanca,overflow-fails']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}fr\/casablanca +fits$/m);
    expect(r.stdout).toMatch(/^ {2}fr\/overflow-fails +does not fit$/m);
    expect(r.stdout).toContain('1 of 2 documents fit (0 with smaller text), 1 does not fit.');
    expect(lines(r.stderr)).toContain(errors.find((c) => c.name === 'overflow-fails')!.messages[0]);
    expectOutUnchanged(dir);
  });
});

describe('nothing lost', () => {
  it('a build of some actions deletes no other PDF, and lists PDFs no record makes any more', () => {
    const dir = projectWith();
    writeFileSync(join(dir, 'out', 'fr', 'old-action.pdf'), good.get('out/fr/rabat.pdf')!);
    // The booklet of an earlier full build is not stale, though a partial build does not make it.
    writeFileSync(join(dir, 'out', 'fr', 'targeted-city-actions.pdf'), good.get('out/fr/casablanca.pdf')!);
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toContain('out/fr/old-action.pdf warning: no record in data/ makes this PDF any more ("old-action" was renamed or removed?); it was left in place: delete it if it is no longer wanted');
    expect(r.stderr).not.toContain('targeted-city-actions');
    expectOutUnchanged(dir, ['out/fr/old-action.pdf', 'out/fr/targeted-city-actions.pdf']);
  });
});
