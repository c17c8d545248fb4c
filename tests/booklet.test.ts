// The booklets as a reader uses them: contents numbers and links that open the right page,
// an outline by country, page numbers, a page count for saddle stitching, every record's text.
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { editFile, ROOT, tempProject } from './project.js';
import { containsText, normalise, pdfInfo, pdfText } from './pdf.js';
import { documentFacts, pdfStructure, type OutlineEntry, type PageLink } from './pdfStructure.js';
import { PDFArray, PDFDocument, PDFDict, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { Workspace } from '../src/pipeline/index.js';
import { resolveBooklet, type ResolvedBooklet } from '../src/resolve/booklet.js';
import type { ResolvedSheet } from '../src/resolve/index.js';

const LANGS = ['fr', 'en', 'ar'] as const;
const { data } = (await Workspace.open(ROOT, { cache: false }).valid());
const booklet = data.booklet;
const project = tempProject();
const read = (lang: string, root = project, out = 'out') => readFileSync(join(root, out, lang, 'targeted-city-actions.pdf'));

interface Reading {
  resolved: ResolvedBooklet;
  bytes: Buffer;
  pages: string[];
  outline: OutlineEntry[];
  links: PageLink[];
}
const readings = new Map<string, Reading>();
let cliOutput = '';

beforeAll(async () => {
  const r = brochure(['--root', project, 'booklet']);
  cliOutput = r.stdout + r.stderr;
  expect(r.code, cliOutput).toBe(0);
  for (const lang of LANGS) {
    const bytes = read(lang);
    const { pages } = await pdfText(bytes);
    const { outline, links } = await pdfStructure(bytes);
    readings.set(lang, { resolved: resolveBooklet(data, booklet!, lang, { root: ROOT }, []), bytes, pages, outline, links });
  }
}, 300_000);

/** Every font of a PDF, by name, and whether its font program is embedded. */
async function fontNames(bytes: Buffer): Promise<{ name: string; embedded: boolean }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: { name: string; embedded: boolean }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type'))?.toString() !== '/FontDescriptor') continue;
    out.push({ name: String(obj.get(PDFName.of('FontName'))), embedded: ['FontFile', 'FontFile2', 'FontFile3'].some((k) => obj.has(PDFName.of(k))) });
  }
  return out;
}

/** The page number printed after an action's title and place in the contents. */
function printedNumbers(r: Reading, sheet: ResolvedSheet): number[] {
  const needle = normalise(sheet.title) + normalise(sheet.place);
  const found: number[] = [];
  for (const page of r.pages) {
    const text = normalise(page);
    let at = text.indexOf(needle);
    while (at !== -1) {
      const digits = /^\d+/.exec(text.slice(at + needle.length));
      if (digits) found.push(Number(digits[0]));
      at = text.indexOf(needle, at + 1);
    }
  }
  return found;
}

function cardFields(s: ResolvedSheet): string[] {
  return [
    s.title, s.place, ...(s.subtitle ? [s.subtitle] : []), ...s.objective.paragraphs, ...s.activities.items, ...s.results.items,
    ...s.recommendations.items, ...s.targets.map((t) => `${t.code} ${t.label}`), ...s.partners.items.map((p) => p.name),
  ];
}

describe.each(LANGS)('the %s booklet', (lang) => {
  const r = () => readings.get(lang)!;
  const actions = () => r().resolved.countries.flatMap((c) => c.actions);

  it('holds every action with text in its language, and the CLI reports it', () => {
    expect(actions().map((a) => a.id).sort()).toEqual(data.actions.filter((a) => a.languages.includes(lang)).map((a) => a.id).sort());
    expect(actions().length).toBeGreaterThanOrEqual(15);
    expect(cliOutput).toMatch(new RegExp(`out/${lang}/targeted-city-actions\\.pdf\\s+written`));
  });

  it('each contents entry prints the page on which that action\'s card is, and links to it', () => {
    const printed: number[] = [];
    for (const a of actions()) {
      const numbers = printedNumbers(r(), a.sheet);
      expect(numbers, `${a.id}: one contents entry`).toHaveLength(1);
      const page = numbers[0];
      printed.push(page);
      // That page is this action's card: its title and the first words of its objective.
      expect(containsText(r().pages[page - 1], a.sheet.title), `${a.id} title on page ${page}`).toBe(true);
      expect(containsText(r().pages[page - 1], a.sheet.objective.paragraphs[0]), `${a.id} card on page ${page}`).toBe(true);
    }
    // The links of the contents, top to bottom, open those pages in that order.
    const links = [...r().links].sort((x, y) => x.page - y.page || y.rect[1] - x.rect[1]);
    expect(links.map((l) => l.target)).toEqual(printed);
    // And they are on the contents pages, which come before the first card.
    expect(Math.max(...links.map((l) => l.page))).toBeLessThan(Math.min(...printed));
  });

  it('the outline has one entry per country, its actions beneath, each opening its card', () => {
    const outline = r().outline;
    const countries = r().resolved.countries;
    expect(outline.map((o) => o.title)).toEqual(countries.map((c) => c.name));
    outline.forEach((country, i) => {
      expect(country.items.map((a) => a.title)).toEqual(countries[i].actions.map((a) => a.sheet.title));
      for (const [j, item] of country.items.entries()) {
        expect(item.items).toEqual([]);
        expect(printedNumbers(r(), countries[i].actions[j].sheet)).toEqual([item.page]);
      }
      expect(country.page).toBe(country.items[0].page);
    });
  });

  it('follows the booklet order: countries as listed in data/booklet.yaml, then the records\' order: within a country', () => {
    const codes = r().resolved.countries.map((c) => c.code);
    expect(codes).toEqual(booklet!.countries.filter((c) => codes.includes(c)));
    for (const c of r().resolved.countries) {
      const orders = c.actions.map((a) => data.actions.find((x) => x.id === a.id)!.record.order ?? Infinity);
      expect(orders).toEqual([...orders].sort((x, y) => x - y));
    }
  });

  it('has a page count that is a multiple of 4, a page number on every page but the cover, and the cover and back cover', () => {
    const pages = r().pages;
    expect(pages.length % 4).toBe(0);
    expect(pages[0]).not.toMatch(/(^|\s)1\s*$/);
    expect(containsText(pages[0], r().resolved.cover.title)).toBe(true);
    expect(containsText(pages[0], r().resolved.cover.subtitle)).toBe(true);
    for (const p of r().resolved.cover.partners) expect(containsText(pages[0], p)).toBe(true);
    expect(containsText(pages[0], r().resolved.fundingStatement)).toBe(true);
    pages.slice(1).forEach((text, i) => expect(text.trim(), `page ${i + 2}`).toMatch(new RegExp(`(^|\\s)${i + 2}$`)));
    const back = pages.at(-1)!;
    for (const p of r().resolved.credits) expect(containsText(back, p)).toBe(true);
    expect(containsText(back, r().resolved.fundingStatement)).toBe(true);
  });

  it('contains every record\'s text on its card', () => {
    const missing: string[] = [];
    for (const a of actions()) {
      const page = printedNumbers(r(), a.sheet)[0];
      for (const field of cardFields(a.sheet)) if (!containsText(r().pages[page - 1], field)) missing.push(`${a.id}: ${field}`);
    }
    expect(missing).toEqual([]);
    if (r().resolved.introduction) for (const p of r().resolved.introduction!.paragraphs) expect(containsText(r().pages[1], p)).toBe(true);
  });

  it('has its title, subject and language in the metadata, every font embedded', async () => {
    const info = await pdfInfo(r().bytes);
    expect(info.Title).toBe(r().resolved.metadata.title);
    expect(info.Subject).toBe(r().resolved.metadata.subject);
    expect((await documentFacts(r().bytes)).language).toBe(lang);
    const fonts = await fontNames(r().bytes);
    expect(fonts.length).toBeGreaterThan(3);
    for (const f of fonts) expect(f.embedded, f.name).toBe(true);
    expect(fonts.some((f) => /Helvetica/.test(f.name))).toBe(false);
  });

  it('holds no object that nothing refers to (no second, unused copy of a sheet\'s drawing)', async () => {
    const doc = await PDFDocument.load(r().bytes, { updateMetadata: false });
    const reached = new Set<string>();
    const walk = (o: PDFObject | undefined): void => {
      if (o instanceof PDFRef) {
        if (reached.has(o.toString())) return;
        reached.add(o.toString());
        walk(doc.context.lookup(o));
      } else if (o instanceof PDFArray) o.asArray().forEach(walk);
      else if (o instanceof PDFDict) for (const [, v] of o.entries()) walk(v);
      else if (o instanceof PDFStream) walk(o.dict);
    };
    walk(doc.context.trailerInfo.Root);
    walk(doc.context.trailerInfo.Info);
    const unreferenced = doc.context.enumerateIndirectObjects().map(([ref]) => ref.toString()).filter((ref) => !reached.has(ref));
    expect(unreferenced).toEqual([]);
  });
});

describe('booklet builds', () => {
  it('are byte-identical for the same data (a second run rewrites nothing)', () => {
    const before = read('fr');
    const again = brochure(['--root', project, 'booklet', '--lang', 'fr']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/out\/fr\/targeted-city-actions\.pdf\s+unchanged/);
    expect(read('fr').equals(before)).toBe(true);
  });

  it('pad with blank pages before the back cover only, and --no-pad turns that off', async () => {
    const root = tempProject();
    // Without the introduction the French booklet has 19 pages: one blank page is needed.
    editFile(join(root, 'data', 'booklet.yaml'), (s) => s.replace(/^    introduction:\n(?:      .*\n|\s*\n)*?(?=    contents_heading)/gm, ''));
    expect(brochure(['--root', root, 'booklet', '--lang', 'fr']).code).toBe(0);
    const padded = (await pdfText(read('fr', root))).pages;
    expect(padded.length).toBe(20);
    expect(padded[18].trim()).toBe(''); // the blank page is blank: no folio either
    expect(padded[19]).toMatch(/\b20\b/); // the back cover keeps its number
    expect(containsText(padded[17], readings.get('fr')!.resolved.countries.at(-1)!.actions.at(-1)!.sheet.title)).toBe(true);
    expect(brochure(['--root', root, 'booklet', '--lang', 'fr', '--no-pad', '--out', 'nopad']).code).toBe(0);
    expect((await pdfText(read('fr', root, 'nopad'))).pages.length).toBe(19);
  }, 180_000);

  it('fail clearly when the introduction runs over its page (the page numbers would be wrong), and write nothing', () => {
    const root = tempProject();
    const long = Array.from({ length: 12 }, () => 'Le programme accompagne les villes dans la gouvernance des migrations au niveau local, avec leurs partenaires.').join(' ');
    editFile(join(root, 'data', 'booklet.yaml'), (s) => s.replace('        Chaque fiche présente', `        ${long}\n\n        ${long}\n\n        ${long}\n\n        Chaque fiche présente`));
    const r = brochure(['--root', root, 'build', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^data\/booklet\.yaml the fr booklet's own pages came to \d+ where \d+ were planned \(a contents or introduction page ran over\): shorten its text$/m);
    expect(existsSync(join(root, 'out'))).toBe(false);
  }, 120_000);

  it('report mistakes in data/booklet.yaml with file, line, column and field, and write nothing', () => {
    const root = tempProject();
    editFile(join(root, 'data', 'booklet.yaml'), (s) => s.replace('countries: [TN, MA, LB, PS, JO]', 'countries: [TN, XX]').replace('    contents_heading: Contents', '    contents_heading: Contents\n    contents_title: Contents'));
    const r = brochure(['--root', root, 'booklet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^data\/booklet\.yaml:\d+:17 countries\[2\]: unknown country code "XX"/m);
    expect(r.stderr).toMatch(/^data\/booklet\.yaml:\d+:5 languages\.en\.contents_title: unknown field "contents_title"/m);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(join(root, 'out'))).toBe(false);
    const v = brochure(['--root', root, 'validate']);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/^data\/booklet\.yaml:\d+:17 countries\[2\]: unknown country code "XX"/m);
  });
});
