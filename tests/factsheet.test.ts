// The project factsheet: every text of the record on its PDF (both languages), footnotes on
// the page of their marker with clickable public links, the contact block on the last page,
// the validator's warning about a link that is not public, and a funder other than the EU.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build } from '../src/pipeline/index.js';
import { Workspace } from '../src/pipeline/index.js';
import { loadData } from '../src/load/index.js';
import { validate } from '../src/validate/index.js';
import { formatProblem } from '../src/problems.js';
import { nonPublicReason } from '../src/text/index.js';
import { resolveFactsheet, type ResolvedFactsheet, type ResolvedParagraph } from '../src/resolve/factsheet.js';
import { pdfText, containsText, normalise } from './pdf.js';
import { editFile, ROOT, tempProject } from './project.js';

const ID = 'gouvernance-migratoire-partagee';
const FILE = `data/factsheets/${ID}.yaml`;
const { data } = (await Workspace.open(ROOT, { cache: false }).valid());
const record = data.factsheets.records.find((r) => r.id === ID)!;
const out = join(tempProject(), 'out');

beforeAll(async () => {
  await build({ root: ROOT, outDir: out, only: [ID], booklet: false, cache: false });
}, 300_000);

const plain = (p: ResolvedParagraph) => p.map((r) => r.text).join('');

/** URI links per page, read from the PDF's link annotations. */
async function uriLinks(bytes: Buffer): Promise<{ page: number; url: string }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const links: { page: number; url: string }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      for (const a of await (await doc.getPage(n)).getAnnotations()) {
        if (a.subtype === 'Link' && a.unsafeUrl) links.push({ page: n, url: a.unsafeUrl }); // as written, not normalised by pdfjs
      }
    }
    return links;
  } finally {
    await doc.destroy();
  }
}

describe('the factsheet round-trips through its PDF', () => {
  it('has a French and a draft English version', () => {
    expect(record.languages).toEqual(['fr', 'en']);
    expect(record.record.en!.status).toBe('draft');
  });

  for (const lang of ['fr', 'en'] as const) {
    describe(lang, () => {
      const sheet: ResolvedFactsheet = resolveFactsheet(data, record, lang, { root: ROOT }, []);
      const bytes = () => readFileSync(join(out, lang, `${ID}.pdf`));

      it('is two A4 pages holding every text of the record', async () => {
        const { pages, total } = await pdfText(bytes());
        expect(total).toBe(2);
        const all = pages.join('\n');
        const fields: [string, string][] = [
          ['title', sheet.title], ['period', sheet.period], ['coverage', sheet.coverage.place],
          ...sheet.context.paragraphs.map((p, i): [string, string] => [`context ${i + 1}`, plain(p)]),
          ...sheet.objective.paragraphs.map((p, i): [string, string] => [`objective ${i + 1}`, plain(p)]),
          ...sheet.results.items.map((p, i): [string, string] => [`result ${i + 1}`, plain(p)]),
          ...sheet.partners.items.flatMap((p): [string, string][] => [['partner', p.name], ['partner role', plain(p.role)]]),
          ...sheet.related!.paragraphs.map((p, i): [string, string] => [`related ${i + 1}`, plain(p)]),
          ['strategy', sheet.contributions.strategy!.heading],
          ...sheet.contributions.strategy!.items.map((p, i): [string, string] => [`strategy ${i + 1}`, plain(p)]),
          ...sheet.contributions.sdg.targets.map((t): [string, string] => [`target ${t.code}`, `${t.code} ${t.label}`]),
          ...sheet.contributions.gcm.items.map((o): [string, string] => [`GCM ${o.number}`, o.title]),
          ...sheet.footnotes.items.flatMap((n): [string, string][] => [[`footnote ${n.number}`, n.text], [`footnote ${n.number} link`, n.link!.url]]),
          ['implementer', sheet.implementer.name],
        ];
        expect(fields.length).toBeGreaterThan(20);
        expect(fields.filter(([, text]) => !containsText(all, text))).toEqual([]);
        // Every font embedded: nothing fell back to the standard Helvetica.
        expect(bytes().includes('/Helvetica')).toBe(false);
        // The French text keeps the author's bold span as a run of its own.
        if (lang === 'fr') expect(sheet.objective.paragraphs[0].some((r) => r.bold && r.text.includes('promotion de l’intégration'))).toBe(true);
      });

      it('numbers the footnotes in reading order and prints each on the page of its marker', async () => {
        const { pages } = await pdfText(bytes());
        expect(sheet.footnotes.items.map((n) => n.number)).toEqual([1, 2, 3]);
        // Markers follow the programme names they annotate: "(ICMD)1", "Oriental)2", "INDIMAJ II3".
        const related = normalise(plain(sheet.related!.paragraphs[0]));
        expect(related).toMatch(/\)1,/);
        expect(related).toMatch(/oriental(region)?\)2,/);
        expect(related).toMatch(/indimajii3/);
        for (const n of sheet.footnotes.items) {
          expect(n.section).toBe('related');
          expect(containsText(pages[0], `${n.number} ${n.text}`), `footnote ${n.number} on page 1`).toBe(true);
          expect(containsText(pages[1], n.text)).toBe(false);
        }
      });

      it('makes the public footnote links clickable, and not the intranet one', async () => {
        const links = await uriLinks(bytes());
        const notes = sheet.footnotes.items;
        expect(links).toContainEqual({ page: 1, url: 'http://www.migration4development.org/fr/content/%C3%A1-propos-linitiative' });
        expect(links).toContainEqual({ page: 1, url: 'https://morocco.iom.int/sites/default/files/Indimaj.pdf' });
        expect(notes[2].link!.clickable).toBe(false);
        expect(links.some((l) => l.url.includes('sharepoint'))).toBe(false);
        expect(links).toContainEqual({ page: 2, url: 'http://morocco.iom.int' });
      });

      it('puts the contact block on the last page', async () => {
        const { pages } = await pdfText(bytes());
        const last = pages[pages.length - 1];
        for (const text of [sheet.contact.name, sheet.contact.address, ...sheet.contact.lines]) {
          expect(containsText(last, text), text).toBe(true);
          expect(containsText(pages[0], text), text).toBe(false);
        }
        expect(containsText(last, sheet.contact.website!.label)).toBe(true);
      });
    });
  }
});

describe('links that are not public web addresses', () => {
  it('the seed\'s OneDrive link gets one warning line per language, with file:line:column and field', () => {
    const lines = validate(loadData(ROOT)).problems.map(formatProblem).filter((l) => l.startsWith(FILE));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${FILE}:\\d+:\\d+ warning: fr\\.footnotes\\.indimaj-2\\.link: not a public web address: iomint-my\\.sharepoint\\.com is an organisation's SharePoint/OneDrive space`));
    expect(lines[1]).toMatch(/ warning: en\.footnotes\.indimaj-2\.link: /);
  });

  it('tells public addresses from private ones', () => {
    for (const ok of ['https://morocco.iom.int/sites/default/files/Indimaj.pdf', 'http://www.migration4development.org/fr/', 'https://8.8.8.8/x']) expect(nonPublicReason(ok), ok).toBeUndefined();
    const reasons = Object.fromEntries(['http://localhost:8080/a', 'http://192.168.1.20/doc.pdf', 'https://10.0.0.5/', 'http://[::1]/', 'http://intranet/docs', 'https://files.corp/x', 'file:///C:/docs/a.pdf', 'www.example.org'].map((u) => [u, nonPublicReason(u)]));
    for (const [u, reason] of Object.entries(reasons)) expect(reason, u).toBeTruthy();
    expect(reasons['http://192.168.1.20/doc.pdf']).toBe('192.168.1.20 is a private network address');
    expect(reasons['http://intranet/docs']).toBe('"intranet" is an intranet name, not a public host');
  });

  it('a footnote marker without a footnote, and an unclosed **, are errors naming their line and field', () => {
    const root = tempProject();
    editFile(join(root, FILE), (s) => s.replace('(ICMD)[^icmd]', '(ICMD)[^icmdd]').replace('au niveau local**', 'au niveau local'));
    const lines = validate(loadData(root)).problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${FILE}:\\d+:\\d+ fr\\.related: footnote marker \\[\\^icmdd\\] has no footnote: add "icmdd" under fr\\.footnotes$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${FILE}:\\d+:\\d+ fr\\.objective: a "\\*\\*" opens bold text that is never closed`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${FILE}:\\d+:\\d+ warning: fr\\.footnotes\\.icmd: footnote "icmd" is never referred to`)));
  });
});

describe('a funder other than the EU', () => {
  it('is named in the footer instead of the EU emblem and statement', async () => {
    const root = tempProject();
    editFile(join(root, FILE), (s) => s.replace('funder: european-union', 'funder: { name: Agence de coopération X }'));
    const dir = join(root, 'out');
    await build({ root, outDir: dir, only: [ID], langs: ['fr'], booklet: false });
    const { pages } = await pdfText(readFileSync(join(dir, 'fr', `${ID}.pdf`)));
    for (const page of pages) {
      expect(containsText(page, 'Grâce à l’appui financier de')).toBe(true);
      expect(containsText(page, 'Agence de coopération X')).toBe(true);
      expect(containsText(page, 'Financé par l’Union européenne')).toBe(false);
    }
  }, 120_000);
});

describe('a factsheet listed in the booklet', () => {
  it('is bound after the action sheets, two pages, with its contents entry, outline entry and links', async () => {
    const { pdfStructure } = await import('./pdfStructure.js');
    const root = tempProject();
    editFile(join(root, 'data', 'booklet.yaml'), (s) => s.replace(/^  - actions: all$/m, `  - actions: all\n  - factsheets: [${ID}]`));
    const report = await build({ root, outDir: join(root, 'out'), langs: ['fr'], sheets: false });
    const booklet = { bytes: readFileSync(report.files[0].path) };
    const { pages } = await pdfText(booklet.bytes);
    const sheet = resolveFactsheet(data, record, 'fr', { root: ROOT }, []);
    // The factsheet's two pages: its title and context on one, its contact block on the next.
    const first = pages.findIndex((p) => containsText(p, plain(sheet.context.paragraphs[0])));
    expect(first).toBeGreaterThan(data.actions.length);
    expect(containsText(pages[first], sheet.title)).toBe(true);
    expect(containsText(pages[first + 1], sheet.contact.address)).toBe(true);
    // Every action sheet comes before it.
    for (const a of data.actions) expect(pages.slice(first).some((p) => containsText(p, a.record.fr!.title))).toBe(false);
    // The contents lists it under its heading with its page number; the outline opens that page.
    const contents = pages.slice(0, first).find((p) => containsText(p, 'Fiches projet'))!;
    expect(containsText(contents, `${sheet.title}`)).toBe(true);
    const { outline, links } = await pdfStructure(booklet.bytes);
    const group = outline.find((o) => o.title === 'Fiches projet')!;
    expect(group.items).toEqual([{ title: sheet.title, page: first + 1, items: [] }]);
    expect(links.some((l) => l.target === first + 1)).toBe(true);
    // The footnote links are clickable in the booklet too.
    const uris = (await uriLinks(booklet.bytes)).filter((l) => l.page === first + 1).map((l) => l.url);
    expect(uris).toContain('https://morocco.iom.int/sites/default/files/Indimaj.pdf');
  }, 300_000);

  it('an unknown factsheet id in the booklet is an error naming its line', () => {
    const root = tempProject();
    editFile(join(root, 'data', 'booklet.yaml'), (s) => s.replace(/^  - actions: all$/m, '  - actions: all\n  - factsheets: [no-such-sheet]'));
    const lines = validate(loadData(root)).problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(/^data\/booklet\.yaml:\d+:\d+ include\[2\]\.factsheets\[1\]: no factsheet "no-such-sheet" in data\/factsheets\/$/));
  });
});

describe('the CLI with factsheets', () => {
  it('list, validate and build name the factsheet alongside the cards', async () => {
    const { brochure } = await import('./cli.js');
    const l = brochure(['list']);
    expect(l.code).toBe(0);
    expect(l.stdout).toMatch(new RegExp(`^${ID}\\s+MA\\s+Rabat, Oujda\\s+fr, en \\(draft\\)\\s+\\(factsheet\\)$`, 'm'));
    expect(l.stdout).toMatch(/^\d+ actions, 1 factsheet\.$/m);
    const v = brochure(['validate']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^Data is valid: \d+ actions, 1 factsheet \(0 errors, \d+ warnings?\)\.$/m);
    expect(v.stderr).toMatch(new RegExp(`^${FILE}:\\d+:\\d+ warning: fr\\.footnotes\\.indimaj-2\\.link: not a public web address`, 'm'));
    const root = tempProject();
    const b = brochure(['--root', root, 'build', '--only', `${ID},rabat`, '--lang', 'fr,en']);
    expect(b.code).toBe(0);
    for (const lang of ['fr', 'en']) expect(b.stdout).toMatch(new RegExp(`out/${lang}/${ID}\\.pdf\\s+written`));
    expect(b.stdout).toMatch(/out\/fr\/rabat\.pdf\s+written/);
    // Same data, same bytes: a second build rewrites nothing.
    expect(brochure(['--root', root, 'build', '--only', ID]).stdout).toMatch(/\(0 rendered, 2 from cache; 0 written, 2 unchanged\)/);
  }, 300_000);
});

describe('a factsheet too long for its two pages', () => {
  it('stops the build with one line naming the file and language, and writes nothing', async () => {
    const root = tempProject();
    // The context four times over: the first page spills onto a third.
    editFile(join(root, FILE), (s) => s.replace(/^(  context: >-\n)((?: {4}.*\n|\n)+?)(?=  objective:)/m, (_m, head, body) => head + [body, body, body, body].join('\n')));
    const dir = join(root, 'out');
    const { DataError } = await import('../src/problems.js');
    const error = await build({ root, outDir: dir, only: [ID], langs: ['fr'], booklet: false }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as InstanceType<typeof DataError>).problems.map(formatProblem)).toContainEqual(expect.stringMatching(new RegExp(`^${FILE} fr: the fr factsheet runs over its 2 pages \\(\\d pages\\): shorten its text$`)));
    expect(() => readFileSync(join(dir, 'fr', `${ID}.pdf`))).toThrow();
  }, 120_000);
});
