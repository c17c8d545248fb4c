// Accessible brochures (tagged PDF/UA-1): what a screen reader, a search and a copy get from
// every PDF the build writes. The structure is read back with pdf.js (what Firefox and many
// readers use), the text with pdf.js (pdf-parse) and poppler (pdftotext); the content-stream
// check and the document entries with the tool's own preflight (src/print/accessibility.ts).
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFDict, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import { PNG } from 'pngjs';
import { brochure } from './cli.js';
import { tempProject, editFile } from './project.js';
import { artifactText, documentFacts, flatten, tagTrees, unmarkedText, type TagNode } from './pdfStructure.js';
import { normalise, pdfText } from './pdf.js';
import { Workspace } from '../src/pipeline/index.js';
import { resolveSheet, type ResolvedSheet } from '../src/resolve/index.js';
import { accessibility } from '../src/print/accessibility.js';
import type { Lang } from '../src/text/index.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;

let root: string;
let built: { path: string; lang: string; name: string }[];
const bytesOf = (lang: string, name: string) => readFileSync(join(root, 'out', lang, `${name}.pdf`));
async function sheetOf(id: string, lang: Lang): Promise<ResolvedSheet> {
  const { data } = (await Workspace.open(root).valid());
  return resolveSheet(data, data.actions.find((a) => a.id === id)!, lang, { root }, []);
}

beforeAll(() => {
  root = tempProject();
  // A partner with a logo and one with a logo and its own description, to see their alternative texts.
  mkdirSync(join(root, 'assets', 'logos'), { recursive: true });
  const png = new PNG({ width: 600, height: 300 }); // 300 dpi and more at the logo's printed size
  png.data.fill(0x99);
  writeFileSync(join(root, 'assets', 'logos', 'partner.png'), PNG.sync.write(png));
  editFile(join(root, 'data', 'actions', 'rabat.yaml'), (s) =>
    s.replace('order: 140\n', 'order: 140\npartners:\n  - name: Ville de Rabat\n    logo: logos/partner.png\n  - name: Observatoire\n    logo: logos/partner.png\n    alt: Logo de l’Observatoire municipal des migrations\n  - name: CIES Tunisie\n  - name: Cities Alliance\n    lang: en\n'),
  );
  const r = brochure(['build', '--root', root]);
  expect(r.code, r.stderr).toBe(0);
  built = ['fr', 'en', 'ar'].flatMap((lang) => readdirSync(join(root, 'out', lang)).filter((f) => f.endsWith('.pdf')).map((f) => ({ path: join(root, 'out', lang, f), lang, name: f.replace(/\.pdf$/, '') })));
}, 240_000);

describe('every PDF the build writes', () => {
  it('is tagged PDF/UA-1 with nothing untagged: the preflight finds no accessibility problem', async () => {
    expect(built.length).toBe(50); // 45 cards, 2 factsheets, 3 booklets
    for (const f of built) {
      const report = accessibility(await PDFDocument.load(readFileSync(f.path), { updateMetadata: false }));
      expect(report.problems, f.path).toEqual([]);
      expect(report).toMatchObject({ tagged: true, pdfua: 1, displayTitle: true, untagged: 0, language: f.lang });
      expect(report.figuresWithoutAlt).toBe(0);
    }
    const r = brochure(['preflight', '--root', root, ...built.slice(0, 3).map((f) => f.path), join(root, 'out', 'fr', 'targeted-city-actions.pdf')]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout.match(/Accessibility: tagged, PDF\/UA-1 identifier/g)).toHaveLength(4);
    expect(r.stdout).toContain('content neither tagged nor artifact: none');
  });

  it('has the document entries a checker reads first: marked, language, title shown in the window, PDF/UA-1 in XMP', async () => {
    for (const f of built) {
      const facts = await documentFacts(readFileSync(f.path));
      expect(facts, f.path).toMatchObject({ marked: true, language: f.lang, displayDocTitle: true });
      expect(facts.xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
      expect(facts.xmpTitle).toBe(facts.title);
    }
  });

  it('has every piece of text inside marked content (pdf.js sees none outside tagged content or artifacts)', async () => {
    for (const f of built) expect(await unmarkedText(readFileSync(f.path)), f.path).toEqual([]);
  });
});

/** The elements directly under the document, with the roles of their children. */
function outline(node: TagNode): string[] {
  const doc = node.children[0]!;
  return doc.children.map((c) => `${c.role}${c.children.length ? `(${c.children.map((k) => k.role).join(' ')})` : ''}`);
}

describe.each(['fr', 'en', 'ar'] as Lang[])('the %s Rabat card', (lang) => {
  let tree: TagNode;
  let sheet: ResolvedSheet;
  beforeAll(async () => {
    [tree] = await tagTrees(bytesOf(lang, 'rabat'));
    sheet = await sheetOf('rabat', lang);
  });

  // Four partners get their own row above the footer (templates/parts.tsx PartnersRow), so
  // they are read before the funding statement, as they are seen.
  it('reads in order: header, place, title, subtitle, SDG targets as a list, objective, activities, results, recommendations, partners, funding', () => {
    const figures = sheet.targets.map(() => 'LI');
    const draft = sheet.draftMark ? ' P' : '';
    expect(outline(tree)).toEqual([
      `Div(P P${draft})`,
      'Div(P)',
      'H1',
      'P',
      'H2',
      `L(${figures.join(' ')})`,
      `Sect(H2 ${sheet.objective.paragraphs.map(() => 'P').join(' ')})`,
      'Sect(H2 L)',
      'Sect(H2 L)',
      'Sect(H2 L)',
      'Div(P Figure Figure P P)',
      'Div(Figure P)',
    ]);
  });

  it('gives each element the record\'s text', () => {
    const doc = tree.children[0]!;
    const text = (n: TagNode) => normalise(n.text);
    expect(text(doc.children[0]!)).toBe(normalise(sheet.programme + sheet.series + (sheet.draftMark ?? '')));
    expect(text(doc.children[1]!)).toBe(normalise(sheet.place));
    expect(text(doc.children[2]!)).toBe(normalise(sheet.title));
    expect(text(doc.children[3]!)).toBe(normalise(sheet.subtitle!));
    expect(text(doc.children[4]!)).toBe(normalise(sheet.sdgHeading));
    const [objective, activities, results, recommendations] = doc.children.slice(6, 10);
    expect(text(objective!.children[0]!)).toBe(normalise(sheet.objective.heading));
    expect(text(objective!.children[1]!)).toBe(normalise(sheet.objective.paragraphs[0]!));
    expect(activities!.children[1]!.children.map(text)).toEqual(sheet.activities.items.map(normalise));
    expect(results!.children[1]!.children.map(text)).toEqual(sheet.results.items.map(normalise));
    expect(recommendations!.children[1]!.children.map(text)).toEqual(sheet.recommendations.items.map(normalise));
    // A list item is LI > LBody.
    expect(activities!.children[1]!.children.every((li) => li.role === 'LI' && li.children.map((c) => c.role).join() === 'LBody')).toBe(true);
  });

  it('describes every picture in words, in the page\'s language: SDG tiles, the EU emblem, partner logos', () => {
    const figures = flatten(tree).filter((n) => n.role === 'Figure');
    const alts = figures.map((f) => f.alt);
    for (const t of sheet.targets) {
      const alt = alts.find((a) => a?.includes(t.code));
      expect(alt, t.code).toBeDefined();
      expect(normalise(alt!)).toContain(normalise(t.label));
    }
    const emblem = { fr: 'Drapeau de l’Union européenne', en: 'Flag of the European Union', ar: 'علم الاتحاد الأوروبي' }[lang];
    expect(alts).toContain(emblem);
    expect(alts).toContain('Ville de Rabat'); // a logo: the partner's name by default
    expect(alts).toContain('Logo de l’Observatoire municipal des migrations'); // or the record's own `alt`
    // A partner shown as a logo still has its name in the text layer.
    expect(figures.every((f) => f.alt && f.alt.trim().length > 3)).toBe(true);
  });
});

describe('languages', () => {
  it('a Latin name inside Arabic text is in the language its record gives, the source language by default; an acronym in none', async () => {
    const all = flatten((await tagTrees(bytesOf('ar', 'rabat')))[0]!);
    const spans = all.filter((n) => n.role === 'Span');
    expect(spans.map((s) => [s.lang, s.text.trim()])).toContainEqual(['fr', 'CIES Tunisie']);
    // Arabic text itself carries no other language.
    expect(spans.every((s) => /[A-Za-z]/.test(s.text))).toBe(true);
    // `lang: en` in the record: the name's element is English, with no French Span inside.
    const alliance = all.filter((n) => normalise(n.text) === normalise('Cities Alliance'));
    expect(alliance.map((n) => n.lang)).toContain('en');
    expect(alliance.some((n) => n.lang === 'fr')).toBe(false);
    // Acronyms (ACMALS on the Sfax card, HUDC on Zarqa's, MC2CM in the booklet) are in no language.
    for (const [name, acronym] of [['sfax', 'ACMALS'], ['zarqa', 'HUDC'], ['targeted-city-actions', 'MC2CM']]) {
      const nodes = (await tagTrees(bytesOf('ar', name!))).flatMap((t) => flatten(t));
      expect(nodes.some((n) => n.text.includes(acronym!)), `${acronym} is on ${name}`).toBe(true);
      expect(nodes.filter((n) => n.lang && n.lang !== 'ar' && n.text.includes(acronym!)).map((n) => [n.role, n.lang]), acronym).toEqual([]);
    }
    // In French the English name is marked too.
    const french = flatten((await tagTrees(bytesOf('fr', 'rabat')))[0]!);
    expect(french.filter((n) => normalise(n.text) === normalise('Cities Alliance')).map((n) => n.lang)).toContain('en');
  });
});

describe.each(['fr', 'ar'])('the %s booklet', (lang) => {
  let pages: TagNode[];
  beforeAll(async () => {
    pages = await tagTrees(bytesOf(lang, 'targeted-city-actions'));
  });

  it('has the cover title as its one H1 and each card as a section under it, its title an H2', async () => {
    const all = pages.flatMap((p) => flatten(p));
    expect(all.filter((n) => n.role === 'H1')).toHaveLength(1);
    const { data } = (await Workspace.open(root).valid());
    const cards = data.actions.filter((a) => a.languages.includes(lang as Lang));
    const sections = pages.slice(0, -1).map((p) => p.children[0]?.children.find((c) => c.role === 'Sect' && c.children.some((k) => k.role === 'H2')));
    const titles = sections.map((s) => s?.children.find((c) => c.role === 'H2')?.text).filter(Boolean).map((t) => normalise(t!));
    for (const a of cards) expect(titles, a.id).toContain(normalise(resolveSheet(data, a, lang as Lang, { root }, []).title));
    // Card sections hold H3 headings, never H1.
    expect(sections.filter(Boolean).every((s) => flatten(s!).every((n) => n.role !== 'H1'))).toBe(true);
  });

  it('has a table of contents whose entries are links, each with its description', async () => {
    const toc = pages.flatMap((p) => flatten(p)).filter((n) => n.role === 'TOC');
    const entries = toc.flatMap((t) => t.children);
    expect(entries.every((e) => e.role === 'TOCI')).toBe(true);
    const links = entries.flatMap((e) => e.children.filter((c) => c.role === 'Link'));
    const { data } = (await Workspace.open(root).valid());
    expect(links).toHaveLength(data.actions.filter((a) => a.languages.includes(lang as Lang)).length);
    expect(links.every((l) => l.annotations === 1)).toBe(true);
    const doc = await PDFDocument.load(bytesOf(lang, 'targeted-city-actions'), { updateMetadata: false });
    const contents: string[] = [];
    for (const page of doc.getPages()) {
      const annots = page.node.lookup(PDFName.of('Annots'));
      if (!annots) continue;
      expect(page.node.get(PDFName.of('Tabs'))?.toString()).toBe('/S');
      for (const ref of (annots as unknown as { asArray(): PDFRef[] }).asArray()) {
        const a = doc.context.lookup(ref) as PDFDict;
        expect(a.get(PDFName.of('StructParent'))).toBeDefined();
        const c = a.get(PDFName.of('Contents'));
        contents.push(c instanceof PDFString || c instanceof PDFHexString ? c.decodeText() : '');
      }
    }
    expect(contents.length).toBe(links.length);
    expect(contents.every((c) => c.length > 10)).toBe(true);
  });

  it('makes the running header band, the funding footer and the page numbers artifacts', async () => {
    const furniture = await artifactText(bytesOf(lang, 'targeted-city-actions'));
    const { data } = (await Workspace.open(root).valid());
    const programme = data.programme.languages[lang as Lang]!.programme;
    // Page 5 is a card: its header band and folio are there, and not in the structure.
    expect(normalise(furniture[4]!)).toContain(normalise(programme));
    expect(furniture[4]).toMatch(/\b5\b/);
    expect(normalise(pages[4]!.text)).not.toContain(normalise(programme));
  });
});

describe('the factsheet', () => {
  it('ties each footnote marker to its note: a Link inside the paragraph, a Note with its own ID', async () => {
    const bytes = bytesOf('fr', 'gouvernance-migratoire-partagee');
    const pages = await tagTrees(bytes);
    const all = pages.flatMap((p) => flatten(p));
    const notes = all.filter((n) => n.role === 'Note');
    expect(notes.length).toBeGreaterThanOrEqual(3);
    const markers = all.filter((n) => n.role === 'P' || n.role === 'LBody').flatMap((p) => p.children.filter((c) => c.role === 'Link' && /^\d+$/.test(c.text.trim())));
    expect(markers.length).toBeGreaterThanOrEqual(notes.length);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const ids = new Set<string>();
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (obj instanceof PDFDict && obj.get(PDFName.of('S'))?.toString() === '/Note') ids.add((obj.get(PDFName.of('ID')) as PDFString).decodeText());
    }
    expect(ids.size).toBe(notes.length);
    // …each found through the structure tree's IDTree (ISO 32000-1, 14.7.2).
    const treeRoot = doc.context.lookup(doc.catalog.get(PDFName.of('StructTreeRoot'))) as PDFDict;
    const idTree = doc.context.lookup(treeRoot.get(PDFName.of('IDTree'))) as PDFDict;
    const names = (doc.context.lookup(idTree.get(PDFName.of('Names'))) as unknown as { asArray(): PDFObject[] }).asArray();
    const listed = names.filter((_, k) => k % 2 === 0).map((n) => (n as PDFString).decodeText());
    expect(listed).toEqual(expect.arrayContaining([...ids]));
    const headings = all.filter((n) => /^H\d$/.test(n.role)).map((n) => n.role);
    expect(headings[0]).toBe('H1');
  });
});

describe('text that searches and copies as written', () => {
  /** The words of a text, as a search finds them (case and line breaks ignored). */
  const words = (s: string) => s.toLocaleLowerCase().normalize('NFC').replace(/[\u00A0\s]+/g, ' ').split(' ').filter((w) => /\p{L}/u.test(w)).map((w) => w.replace(/^[«(“"]+|[»)”",.;:]+$/g, ''));
  const collapse = (s: string) => s.toLocaleLowerCase().normalize('NFC').replace(/[\u00A0\s]+/g, ' ');

  it.runIf(hasPoppler)('pdftotext and pdf.js return every heading, place line and tile text of every French card as its words', async () => {
    const { data } = (await Workspace.open(root).valid());
    let checked = 0;
    for (const a of data.actions) {
      const sheet = await sheetOf(a.id, 'fr');
      const path = join(root, 'out', 'fr', `${a.id}.pdf`);
      const poppler = collapse(execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-']).toString());
      const pdfjs = collapse((await pdfText(readFileSync(path))).pages.join(' '));
      const popplerWords = new Set(words(poppler));
      const lines = [sheet.programme, sheet.series, sheet.place, sheet.sdgHeading, sheet.objective.heading, sheet.activities.heading, sheet.results.heading, sheet.recommendations.heading, ...sheet.targets.flatMap((t) => [t.goalTitle, t.label])];
      for (const line of lines) {
        for (const w of words(line)) expect(popplerWords.has(w), `pdftotext, ${a.id}: "${w}" of "${line}"`).toBe(true);
        expect(pdfjs, `pdf.js, ${a.id}`).toContain(collapse(line).split(' ').slice(0, 3).join(' '));
        checked++;
      }
      for (const heading of [sheet.programme, sheet.sdgHeading, sheet.place]) expect(pdfjs, `pdf.js, ${a.id}`).toContain(collapse(heading));
    }
    expect(checked).toBeGreaterThan(200);
  });

  it.runIf(hasPoppler)('a search finds "Objectifs de développement durable", "Tunisie" and "économique"', () => {
    const sfax = collapse(execFileSync('pdftotext', [join(root, 'out', 'fr', 'sfax.pdf'), '-']).toString());
    expect(sfax).toContain('objectifs de développement durable');
    expect(sfax).toMatch(/\btunisie\b/);
    const tanger = execFileSync('pdftotext', [join(root, 'out', 'fr', 'tanger.pdf'), '-']).toString();
    expect(words(tanger)).toContain('économique');
    expect(tanger).toContain('TangerAccueil');
  });
});
