// Every part of the page checked from the layout: the footer and partners, columns that are
// too long, long titles, French line ends.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { readPage } from '../src/pdf/content.js';
import { cloneElement, createElement, type ReactElement } from 'react';
import { Document, Page, renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { Workspace } from '../src/pipeline/index.js';
import { fitCard, textFaults } from '../src/fit/card.js';
import { renderDocument } from '../src/render/index.js';
import { CardDocument } from '../templates/CardSheet.js';
import { FundingFooter } from '../templates/parts.js';
import { scale } from '../src/design/theme.js';
import { containsText, pdfText } from './pdf.js';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { editFile } from './project.js';
import { lastGoodBuild, lines } from './lastGood.js';

const last = lastGoodBuild();
const { copy, expectOutUnchanged } = last;
const action = (dir: string, id: string) => join(dir, 'data', 'actions', `${id}.yaml`);

describe('4. the footer and every part of the page', () => {
  const NAMES = ['Centre international pour le développement des politiques migratoires (ICMPD)', 'ONU-Habitat', 'Cités et Gouvernements Locaux Unis', 'Organisation internationale pour les migrations', 'Municipalité de Casablanca', 'Association Amal'];
  const partners = (names: string[], logo?: string) => 'partners:\n' + names.map((n, i) => `  - name: ${n}\n` + (logo && i % 2 ? `    logo: ${logo}\n` : '')).join('');

  it('six partners (with and without logos) fit in fr and ar with nothing drawn over anything, checked from the layout boxes', async () => {
    const dir = copy();
    mkdirSync(join(dir, 'assets', 'logos'), { recursive: true });
    const sharp = (await import('sharp')).default;
    await sharp({ create: { width: 400, height: 200, channels: 3, background: '#C0392B' } }).png().toFile(join(dir, 'assets', 'logos', 'p.png'));
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^country: MA$/m, `country: MA\n${partners(NAMES, 'logos/p.png')}`.trimEnd()));
    editFile(action(dir, 'rabat'), (s) => s.replace(/^country: MA$/m, `country: MA\n${partners(NAMES)}`.trimEnd()));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca,rabat', '--lang', 'fr,ar']);
    expect(r.code, r.stderr).toBe(0);

    const { data } = (await Workspace.open(dir).valid());
    const sheets = (await Workspace.open(dir).sheets({ only: ['casablanca', 'rabat'], langs: ['fr', 'ar'] }));
    expect(sheets).toHaveLength(4);
    for (const sheet of sheets) {
      let layout: Parameters<typeof textFaults>[1] | undefined;
      const { bodySize } = await fitCard(sheet); // the size the build chose
      const doc = cloneElement(CardDocument({ sheet, bodySize }) as ReactElement<DocumentProps>, { onRender: ((p: { _INTERNAL__LAYOUT__DATA_: typeof layout }) => { layout = p._INTERNAL__LAYOUT__DATA_; }) as DocumentProps['onRender'] });
      const bytes = await renderDocument(doc, sheet.lang);
      expect(textFaults(sheet, layout!), `${sheet.lang}/${sheet.id}`).toEqual([]);
      // Every partner is on the page: by name, or by its logo.
      const { pages, total } = await pdfText(bytes);
      expect(total).toBe(1);
      for (const p of sheet.partners.items) if (!p.logo) expect(containsText(pages[0]!, p.name), p.name).toBe(true);
      expect(readPage((await PDFDocument.load(bytes)).getPage(0)).images).toHaveLength(sheet.partners.items.filter((p) => p.logo).length);
    }
  });

  it('the check sees the footer: four long partner names in it are found drawn over the funding statement', async () => {
    const { data } = (await Workspace.open(last.base).valid());
    const [sheet] = (await Workspace.open(last.base).sheets({ only: ['casablanca'], langs: ['fr'] }));
    const crowded = { ...sheet!, partners: { ...sheet!.partners, items: NAMES.slice(0, 4).map((name) => ({ name })) } };
    let layout: Parameters<typeof textFaults>[1] | undefined;
    // The footer as it was before partners got their own row: all of them beside the statement.
    await renderToBuffer(createElement(Document, { onRender: (p: unknown) => { layout = (p as { _INTERNAL__LAYOUT__DATA_: typeof layout })._INTERNAL__LAYOUT__DATA_; } } as object,
      createElement(Page, { size: 'A4' }, createElement(FundingFooter, { statement: crowded.fundingStatement, partnersHeading: crowded.partners.heading, partners: crowded.partners.items, s: scale() }))));
    const faults = textFaults(crowded, layout!);
    expect(faults.some((f) => f.fault === 'overlap' && f.field?.path[0] === 'partners' && f.over?.text === crowded.fundingStatement)).toBe(true);
    expect(faults.some((f) => (f.fault === 'outside' || f.fault === 'margin') && f.field?.path[0] === 'partners')).toBe(true);
  });

  it('a partner name that cannot fit fails naming partners, and nothing is written', () => {
    const dir = copy();
    const long = 'Centreinternationalpourledéveloppementdespolitiquesmigratoires'.repeat(4);
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^country: MA$/m, `country: MA\n${partners(['ONU-Habitat', long, 'CGLU'])}`.trimEnd()));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'fr']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContainEqual(expect.stringMatching(/^data\/actions\/casablanca\.yaml:13:11 partners\[2\]\.name: on the fr card, the text runs \d+ pt past the edge of the page: shorten it$/));
    expectOutUnchanged(dir);
  });

  it('the factsheet too: an implementer name too long for its footer fails naming it', () => {
    const dir = copy();
    editFile(join(dir, 'data', 'factsheets', 'gouvernance-migratoire-partagee.yaml'), (s) => s.replace('implementer: OIM — ONU Migration', 'implementer: Organisation internationale pour les migrations, Mission au Royaume du Maroc, Bureau de Rabat et des régions'));
    const r = brochure(['--root', dir, 'build', '--only', 'gouvernance-migratoire-partagee', '--lang', 'fr']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContainEqual(expect.stringMatching(/^data\/factsheets\/gouvernance-migratoire-partagee\.yaml:27:16 fr\.implementer\.name: on the fr factsheet, the text "Organisation internationale pour les mig…" runs \d+ pt past the edge of the page: shorten it$/));
    expectOutUnchanged(dir);
  });
});

describe('too long: every column that is over', () => {
  it('when two columns are over, each is named with its own number of lines to cut', () => {
    const dir = copy();
    const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'bad', 'overflow-fails', 'data', 'actions', 'overflow-fails.yaml'), 'utf8');
    const results = fixture.split('\n').filter((l) => l.startsWith('    - '));
    writeFileSync(action(dir, 'two-over'), fixture.replace('    - Une activité.', results.slice(0, 16).join('\n')));
    const r = brochure(['--root', dir, 'build', '--only', 'two-over']);
    expect(r.code).toBe(1);
    const mine = lines(r.stderr).filter((l) => l.startsWith('data/actions/two-over.yaml'));
    expect(mine).toHaveLength(2);
    const longest = /^data\/actions\/two-over\.yaml:\d+:5 fr\.results: the fr card does not fit on one page even with 7\.5 pt body text: about \d+ pt \((\d+) lines\) too long; the RÉSULTATS column is the longest; shorten the text by about \1 lines \(and the ACTIVITÉS column too\)$/.exec(mine.find((l) => l.includes('fr.results'))!);
    const also = /^data\/actions\/two-over\.yaml:\d+:5 fr\.activities: the fr card does not fit on one page: the ACTIVITÉS column is too long as well; shorten it by about (\d+) lines?$/.exec(mine.find((l) => l.includes('fr.activities'))!);
    expect(longest, mine.join('\n')).not.toBeNull();
    expect(also, mine.join('\n')).not.toBeNull();
    expect(Number(also![1])).toBeGreaterThan(0);
    expect(Number(also![1])).toBeLessThan(Number(longest![1]));
    expectOutUnchanged(dir);
  });
});

describe('7. titles and French line ends', () => {
  it('a 300-character title is built with a warning measured on the card (its line count)', () => {
    const dir = copy();
    const title = ('Renforcement de la gouvernance locale des migrations et de la cohésion sociale dans les quartiers ').repeat(4).slice(0, 300).trim();
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^ {2}title: Migration à Casablanca$/m, `  title: ${title}`));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    const line = readFileSync(action(dir, 'casablanca'), 'utf8').split('\n').findIndex((l) => l.startsWith(`  title: ${title.slice(0, 20)}`)) + 1;
    const warning = new RegExp(`^data/actions/casablanca\\.yaml:${line}:10 warning: fr\\.title: the title takes (\\d) lines on the fr card \\(${title.length} characters\\), more than the 3 a title reads well in: shorten it, and put the detail in the subtitle or the objective$`).exec(lines(r.stderr).find((l) => l.includes('fr.title')) ?? '');
    expect(warning, r.stderr).not.toBeNull();
    expect(Number(warning![1])).toBeGreaterThanOrEqual(5);
    // The real titles stay quiet.
    expect(brochure(['--root', last.base, 'check', '--only', 'casablanca,rabat']).stderr).not.toContain('the title takes');
  });

  it('no French line ends on a one-letter word ("à", "a", "y"), read back from the layout', async () => {
    const dir = copy();
    const text = 'Il y a beaucoup à faire à Casablanca pour accueillir les personnes migrantes, et la ville a choisi de répondre à ces besoins grâce à un dialogue qui va de la rue à la mairie, où chacun a sa place. '.repeat(6);
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^ {2}objective: .*$/m, `  objective: ${text}`));
    const { data } = (await Workspace.open(dir).valid());
    const [sheet] = (await Workspace.open(dir).sheets({ only: ['casablanca'], langs: ['fr'] }));
    const { bodySize } = await fitCard(sheet!);
    let layout: Parameters<typeof textFaults>[1] | undefined;
    await renderDocument(cloneElement(CardDocument({ sheet: sheet!, bodySize }) as ReactElement<DocumentProps>, { onRender: ((p: { _INTERNAL__LAYOUT__DATA_: typeof layout }) => { layout = p._INTERNAL__LAYOUT__DATA_; }) as DocumentProps['onRender'] }), 'fr');
    const ends: string[] = [];
    const walk = (n: { type?: string; lines?: { string: string }[]; children?: unknown[] }) => {
      if (n.type === 'TEXT') for (const l of n.lines ?? []) ends.push(l.string.trimEnd().split(/[\s\u00A0]/).at(-1)!);
      for (const c of n.children ?? []) walk(c as typeof n);
    };
    for (const page of layout!.children) walk(page as never);
    expect(ends.length).toBeGreaterThan(20);
    expect(ends.filter((w) => /^[aàyAÀY]$/.test(w))).toEqual([]);
  });
});
