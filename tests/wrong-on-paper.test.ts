// Nothing wrong on paper (issue 25): what once built with exit 0 and printed something wrong
// — an action and a factsheet with one id, markup printed as typed, quotation marks left
// straight — and the messages a comms team meets, each saying what to write instead.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { editFile, tempProject } from './project.js';
import { lastGoodBuild, lines } from './lastGood.js';
import { containsText, pdfText } from './pdf.js';
import { typography } from '../src/text/index.js';
import { Workspace } from '../src/pipeline/index.js';
import { fitCard, roomLeft } from '../src/fit/card.js';
import { DEFAULT_BODY_SIZE, MAX_BODY_SIZE } from '../src/design/index.js';

const last = lastGoodBuild();
const { copy, expectOutUnchanged } = last;
const action = (dir: string, id: string) => join(dir, 'data', 'actions', `${id}.yaml`);
const setTitle = (dir: string, id: string, title: string) => editFile(action(dir, id), (s) => s.replace(/^(  title: ).*$/m, `$1${title}`));

describe('silent wrong outputs', () => {
  it('1. an action and a factsheet with the same id: an error naming both files, nothing written', () => {
    const dir = copy();
    copyFileSync(action(dir, 'rabat'), action(dir, 'gouvernance-migratoire-partagee'));
    editFile(action(dir, 'gouvernance-migratoire-partagee'), (s) => s.replace(/^(  title: ).*$/gm, '$1Une autre action'));
    for (const command of ['validate', 'build']) {
      const r = brochure(['--root', dir, command]);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toContain('data/factsheets/gouvernance-migratoire-partagee.yaml:1:1 duplicate id "gouvernance-migratoire-partagee": data/actions/gouvernance-migratoire-partagee.yaml has the same name, and both would be written as out/<lang>/gouvernance-migratoire-partagee.pdf (a file\'s name is its id, across actions and factsheets): rename one of the two files');
    }
    expectOutUnchanged(dir);
  });

  it('5. markup in a card\'s text is an error naming the field and what to write', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => s
      .replace(/^(  title: )(.*)$/m, '$1Une ville **unique**')
      .replace(/^(  subtitle: )(.*)$/m, '$1Migration &amp; développement<br>local'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const out = lines(r.stderr);
    expect(out.some((l) => /casablanca\.yaml:\d+:\d+ fr\.title: "\*\*…\*\*" would print as typed: cards have no bold text, write the words without the stars/.test(l))).toBe(true);
    expect(out.some((l) => /fr\.subtitle: "&amp;" is an HTML entity, which would print as typed: write the character itself \("&"\)/.test(l))).toBe(true);
    expect(out.some((l) => /fr\.subtitle: "<br>" would print as typed/.test(l))).toBe(true);
    expectOutUnchanged(dir);
  });

  it('6. quotation marks: « … » with no-break spaces in French, “…” in English, whatever was typed', async () => {
    expect(typography('fr')('Le projet "Ville accueillante" et “la ville”')).toBe('Le projet «\u00A0Ville accueillante\u00A0» et «\u00A0la ville\u00A0»');
    expect(typography('en')('The "welcoming city" project')).toBe('The \u201Cwelcoming city\u201D project');
    const dir = tempProject();
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^(  subtitle: )(.*)$/m, '$1Le programme "Ville accueillante" à Casablanca'));
    expect(brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'fr']).code).toBe(0);
    const { pages } = await pdfText(readFileSync(join(dir, 'out', 'fr', 'casablanca.pdf')));
    expect(containsText(pages.join(' '), 'Le programme « Ville accueillante » à Casablanca')).toBe(true);
  });
});

describe('messages a comms team will meet', () => {
  it('13. text YAML reads as something else: each message says to quote it and shows the line fixed', () => {
    const dir = copy();
    setTitle(dir, 'rabat', 'Données : une priorité');
    setTitle(dir, 'casablanca', '2024');
    editFile(action(dir, 'sfax'), (s) => s.replace(/^(  activities:\n    - ).*$/m, '$1Atelier : cartographie des acteurs'));
    const r = brochure(['--root', dir, 'validate']);
    expect(r.code).toBe(1);
    const out = lines(r.stderr);
    expect(out.some((l) => /^data\/actions\/rabat\.yaml:\d+:\d+ the text holds ": ", which YAML reads as the start of a field: put the text in quotes, as in {3}title: "Données : une priorité"$/.test(l))).toBe(true);
    expect(out.some((l) => /^data\/actions\/casablanca\.yaml:\d+:\d+ fr\.title: expected text, found the number 2024: write it in quotes to make it text, as in {3}title: "2024"$/.test(l))).toBe(true);
    expect(out.some((l) => /^data\/actions\/sfax\.yaml:\d+:\d+ fr\.activities\[1\]: expected text, found a map of fields: .* as in {3}- "Atelier : cartographie des acteurs"$/.test(l))).toBe(true);
  });

  it('13. a logo named with other capitals than its file: did you mean the file that is there?', async () => {
    const dir = copy();
    mkdirSync(join(dir, 'assets', 'logos'), { recursive: true });
    writeFileSync(join(dir, 'assets', 'logos', 'asg.png'), await (await import('sharp')).default({ create: { width: 40, height: 20, channels: 3, background: '#17365D' } }).png().toBuffer());
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^partners:.*$/m, '').replace(/^(targets:.*)$/m, '$1\npartners:\n  - name: ASG\n    logo: logos/ASG.png'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/partners\[1\]\.logo: "logos\/ASG\.png": no such file in assets\/: did you mean "logos\/asg\.png"\? \(names must match exactly, capitals too\)/);
  });

  it('11. a record far too long for any page is refused before it is laid out, with how much to cut', () => {
    const dir = copy();
    const item = '    - Organiser des ateliers participatifs avec les acteurs locaux et les associations de la ville ;\n';
    editFile(action(dir, 'rabat'), (s) => s.replace('  activities:\n', `  activities:\n${item.repeat(8000)}`));
    const r = brochure(['--root', dir, 'build', '--only', 'rabat', '--lang', 'fr']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rabat\.yaml:\d+:\d+ fr\.activities: the fr card has [\d,]+ characters of text in its columns, and no page holds more than about [\d,]+ even at the smallest body text: shorten the text by at least [\d,]+ characters \(the ACTIVITÉS column is the longest\)/);
    // Refused unread by the renderer: no card was laid out.
    expect(r.stdout).not.toMatch(/rendered/);
    expectOutUnchanged(dir);
  });

  it('15. factsheets in an A4 landscape build: said, not silently left upright; check counts them', () => {
    const dir = tempProject();
    const r = brochure(['--root', dir, 'build', '--page-size', 'A4-landscape', '--lang', 'fr', '--no-booklet']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toContain('data/factsheets/gouvernance-migratoire-partagee.yaml warning: a factsheet is laid out on upright pages only: it is built in A4 portrait in this A4-landscape build (out/fr/gouvernance-migratoire-partagee.pdf)');
    const c = brochure(['--root', dir, 'check', '--lang', 'fr']);
    expect(c.stdout).toMatch(/^ {2}fr\/gouvernance-migratoire-partagee +fits \(factsheet\)$/m);
    expect(c.stdout).toMatch(/16 of 16 documents fit/);
  });
});

describe('14. long web addresses', () => {
  it('break at / . - _ ? & (never with a hyphen), so a long one fits its footnote instead of running past the edge', async () => {
    const dir = tempProject();
    const url = 'https://www.observatoire-regional-des-migrations-et-du-developpement.example.org/publications/rapport_final_de_capitalisation_des_experiences_des_communes_de_rabat_et_oujda_sur_la_gouvernance_migratoire_partagee_et_la_coordination_entre_les_acteurs_locaux_et_nationaux_dans_le_cadre_du_projet-2021-version-definitive.pdf';
    editFile(join(dir, 'data', 'factsheets', 'gouvernance-migratoire-partagee.yaml'), (s) => s.replace(/^(\s+link: )http:\/\/www\.migration4development\S+$/m, `$1${url}`));
    const r = brochure(['--root', dir, 'build', '--only', 'gouvernance-migratoire-partagee', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/past the edge|past the page margin/);
    const { pages } = await pdfText(readFileSync(join(dir, 'out', 'fr', 'gouvernance-migratoire-partagee.pdf')));
    // Every piece of the address is printed, none with a hyphen added.
    const text = pages.join(' ').replace(/\s+/g, '');
    expect(text).toContain(url.replace(/\s+/g, ''));
  });
});

describe('16. looked at as a designer', () => {
  it('a short card is set larger (up to a limit) instead of leaving the bottom of its page empty; a full one is not', async () => {
    const dir = tempProject();
    const [short, full] = await Workspace.open(dir).sheets({ only: ['sfax', 'amman'], langs: ['fr'] }).then((s) => [s.find((x) => x.id === 'sfax')!, s.find((x) => x.id === 'amman')!]);
    const empty = await roomLeft(short, DEFAULT_BODY_SIZE);
    const page = 841.89;
    expect(empty.points).toBeGreaterThan(page / 5); // a fifth of the page blank at the default size
    const fitted = await fitCard(short);
    expect(fitted.bodySize).toBeGreaterThan(DEFAULT_BODY_SIZE);
    expect(fitted.bodySize).toBeLessThanOrEqual(MAX_BODY_SIZE);
    // Short from its text alone: fitting starts at the largest size, and one layout fits it.
    expect(fitted.renders).toBe(1);
    const room = await roomLeft(short, fitted.bodySize);
    // Set larger, it keeps three lines of room (at the default size) under its columns.
    expect(room.points).toBeGreaterThanOrEqual(3 * DEFAULT_BODY_SIZE * 1.38);
    expect(room.points).toBeLessThan(empty.points * 0.7);
    // Set as large as the room allows, or as the limit allows.
    if (fitted.bodySize < MAX_BODY_SIZE) expect(room.points).toBeLessThan(6 * fitted.bodySize * 1.38);
    const { pages, total } = await pdfText(fitted.bytes);
    expect(total).toBe(1);
    for (const text of [short.title, ...short.objective.paragraphs, ...short.activities.items, ...short.results.items]) expect(containsText(pages[0], text), text).toBe(true);
    // A card with little room left keeps the default size, in one render.
    expect((await roomLeft(full, DEFAULT_BODY_SIZE)).points).toBeLessThan(4 * DEFAULT_BODY_SIZE * 1.38);
    expect(await fitCard(full)).toMatchObject({ bodySize: DEFAULT_BODY_SIZE, renders: 1 });
    // check says which cards were set larger.
    const check = brochure(['--root', dir, 'check', '--only', 'sfax', '--lang', 'fr']);
    expect(check.stdout).toContain(`fr/sfax`);
    expect(check.stdout).toMatch(new RegExp(`fits at ${fitted.bodySize} pt \\(body text set larger, the card being short, from ${DEFAULT_BODY_SIZE} pt\\)`));
  });

  it('titles are never hyphenated (cards, factsheets, booklet contents)', async () => {
    const dir = tempProject();
    const long = 'Renforcer l’interinstitutionnalisation des mécanismes d’accompagnement socioprofessionnel des migrantes';
    setTitle(dir, 'sfax', long);
    editFile(join(dir, 'data', 'factsheets', 'gouvernance-migratoire-partagee.yaml'), (s) => s.replace(/^(  title: ).*$/m, `$1${long}`));
    const r = brochure(['--root', dir, 'build', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    const words = long.split(/[\s’]/).filter((w) => w.length > 8);
    for (const file of ['sfax.pdf', 'gouvernance-migratoire-partagee.pdf', 'targeted-city-actions.pdf']) {
      const text = (await pdfText(readFileSync(join(dir, 'out', 'fr', file)))).pages.join('\n');
      expect(containsText(text, long), file).toBe(true);
      // Each long word of the title is printed whole, on one line.
      for (const w of words) expect(text, `${file}: ${w}`).toContain(w);
    }
  });
});
