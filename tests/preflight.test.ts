// A preflight as strict as an outside checker (issue 22): copies of real outputs with one
// defect each, made here with pdf-lib; `brochure preflight` must name each defect, with the
// clause of PDF/UA-1 (ISO 14289-1) or PDF/A-2 (ISO 19005-2) it breaks and the object it is in,
// and report every check rather than stop at the first. The unchanged files pass both.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import { brochure } from './cli.js';
import { tempProject } from './project.js';
import { preflight } from '../src/print/preflight.js';

let root: string;
let card: Uint8Array; // fr/rabat: a card
let factsheet: Uint8Array; // a factsheet: links to the web
const read = (lang: string, id: string) => new Uint8Array(readFileSync(join(root, 'out', lang, `${id}.pdf`)));

beforeAll(() => {
  root = tempProject();
  const r = brochure(['--root', root, 'build', '--lang', 'fr', '--only', 'rabat,gouvernance-migratoire-partagee', '--no-booklet']);
  expect(r.code, r.stderr).toBe(0);
  card = read('fr', 'rabat');
  factsheet = read('fr', 'gouvernance-migratoire-partagee');
}, 120_000);

/** Preflight problems of a copy of `source` changed by `defect` (and saved by pdf-lib), or of the bytes `raw` returns. */
async function problemsOf(source: Uint8Array, defect: (doc: PDFDocument) => void | Promise<void>, raw?: (bytes: Uint8Array) => Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(source, { updateMetadata: false });
  await defect(doc);
  let bytes = await doc.save({ useObjectStreams: false });
  if (raw) bytes = raw(bytes);
  const copy = await PDFDocument.load(bytes, { updateMetadata: false });
  return preflight(copy, bytes).problems;
}

const elements = (doc: PDFDocument, type: string): [PDFRef, PDFDict][] =>
  doc.context.enumerateIndirectObjects().filter((e): e is [PDFRef, PDFDict] => e[1] instanceof PDFDict && e[1].get(PDFName.of('S')) instanceof PDFName && (e[1].get(PDFName.of('S')) as PDFName).decodeText() === type && e[1].get(PDFName.of('P')) !== undefined);
const streamText = (doc: PDFDocument, o: PDFObject | undefined): string => {
  const s = o instanceof PDFRef ? doc.context.lookup(o) : o;
  return Buffer.from(s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s instanceof PDFStream ? s.getContents() : new Uint8Array()).toString('utf8');
};
const setStream = (doc: PDFDocument, ref: PDFObject | undefined, text: string, extra: Record<string, PDFObject> = {}) => {
  const old = doc.context.lookup(ref as PDFRef) as PDFStream;
  const fresh = doc.context.stream(new TextEncoder().encode(text), { ...Object.fromEntries(old.dict.entries().filter(([k]) => !['Length', 'Filter'].includes(k.decodeText())).map(([k, v]) => [k.decodeText(), v])), ...extra });
  doc.context.assign(ref as PDFRef, fresh);
};
const metadata = (doc: PDFDocument) => doc.catalog.get(PDFName.of('Metadata'));
const editXmp = (doc: PDFDocument, edit: (xml: string) => string) => setStream(doc, metadata(doc), edit(streamText(doc, metadata(doc))));
/** Appends drawing to page 1's content (and resources when given). */
const appendContent = (doc: PDFDocument, content: string) => {
  const page = doc.getPage(0);
  const contents = page.node.get(PDFName.of('Contents'));
  const extra = doc.context.register(doc.context.stream(content));
  page.node.set(PDFName.of('Contents'), doc.context.obj([...(contents instanceof PDFArray ? contents.asArray() : [contents!]), extra]));
};
const fontRefs = (doc: PDFDocument) => doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Subtype'))?.toString() === '/Type0').map(([r, o]) => [r, o as PDFDict] as const);

describe('the real outputs', () => {
  it('pass every PDF/UA-1 and PDF/A-2 check, also once re-saved by pdf-lib (the defect copies start from there)', async () => {
    for (const source of [card, factsheet]) {
      expect(preflight(await PDFDocument.load(source, { updateMetadata: false }), source).problems).toEqual([]);
      expect(await problemsOf(source, () => {})).toEqual([]);
    }
  });
});

// Each defect: what is done to a copy, and what preflight must say (clause and object).
const defects: { name: string; source: () => Uint8Array; make: (doc: PDFDocument) => void | Promise<void>; raw?: (b: Uint8Array) => Uint8Array; expect: RegExp[] }[] = [
  // --- the eight a session's copies slipped past (issue 22) ---
  { name: 'an invalid /Lang in the catalog', source: () => card, make: (d) => d.catalog.set(PDFName.of('Lang'), PDFString.of('fr-!!')),
    expect: [/document language \(\/Lang in the catalog\) "fr-!!" is not a language tag .*\(PDF\/UA-1 7\.2\)/, /catalog's \/Lang "fr-!!" is not a language tag.*\(PDF\/A-2 6\.7\.4\)/] },
  { name: 'an invalid /Lang on an element', source: () => card, make: (d) => elements(d, 'P')[0]![1].set(PDFName.of('Lang'), PDFString.of('xx')),
    expect: [/the language of a P element \(object \d+\): "xx": "xx" is no ISO 639 language \(PDF\/UA-1 7\.2\)/, /\(PDF\/A-2 6\.7\.4\)/] },
  { name: 'malformed XMP', source: () => card, make: (d) => editXmp(d, (x) => x.replace('</dc:title>', '</dc:titel>')),
    expect: [/XMP metadata is not well-formed XML .*\(PDF\/UA-1 5\)/, /XMP metadata is not well-formed .*\(PDF\/A-2 6\.6\.2\.1\)/] },
  { name: 'an element pointing at marked content the page does not have', source: () => card, make: (d) => { const [, h1] = elements(d, 'H1')[0]!; h1.set(PDFName.of('K'), PDFNumber.of(999)); },
    expect: [/the structure element H1 \(object \d+\) refers to marked content 999 on page 1, which that page does not have.*\(PDF\/UA-1 7\.1\)/] },
  { name: 'a Table without rows', source: () => card, make: (d) => elements(d, 'L')[0]![1].set(PDFName.of('S'), PDFName.of('Table')),
    expect: [/a Table \(object \d+\) has no rows \(TR\).*\(PDF\/UA-1 7\.5\)/] },
  { name: 'a TH without /Scope', source: () => card, make: (d) => {
    for (const [, e] of elements(d, 'L')) e.set(PDFName.of('S'), PDFName.of('Table'));
    for (const [, e] of elements(d, 'LI')) e.set(PDFName.of('S'), PDFName.of('TR'));
    for (const [, e] of elements(d, 'LBody')) e.set(PDFName.of('S'), PDFName.of('TH'));
  }, expect: [/table header cells? \(TH, object \d+.*\) without \/Scope.*\(PDF\/UA-1 7\.5\)/] },
  { name: 'a role map remapping a standard type', source: () => card, make: (d) => (d.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict)).set(PDFName.of('RoleMap'), d.context.obj({ P: PDFName.of('H1') })),
    expect: [/the role map remaps the standard type P to H1.*\(PDF\/UA-1 7\.1\)/, /remaps the standard type P \(to H1\) \(PDF\/A-2 6\.7\.3\.4\)/] },
  { name: 'a ToUnicode map with an entry missing', source: () => card, make: (d) => {
    const [, font] = fontRefs(d)[0]!;
    const ref = font.get(PDFName.of('ToUnicode'));
    setStream(d, ref, streamText(d, ref).replace(/<0000> <([0-9a-f]{4})> \[<0000> <[0-9a-fA-F ]+>/, '<0000> <$1> [<0000> <>'));
  }, expect: [/font IBMPlexSans-\w+ \(object \d+\): 1 character code shown on page 1 has no entry in its ToUnicode map \(0001\).*\(PDF\/UA-1 7\.21\.7\)/, /\(0001\) \(PDF\/A-2 6\.2\.11\.7\.2\)/] },
  { name: 'tagged content inside an artifact, through a form XObject', source: () => card, make: (d) => {
    const form = d.context.register(d.context.stream('/P <</MCID 0>> BDC 0 0 1 1 re f EMC', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
    const page = d.getPage(0);
    const resources = page.node.lookup(PDFName.of('Resources'), PDFDict);
    const xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict) ?? d.context.obj({});
    xobjects.set(PDFName.of('Fx9'), form);
    resources.set(PDFName.of('XObject'), xobjects);
    appendContent(d, '/Artifact BMC /Fx9 Do EMC');
  }, expect: [/page 1, in form XObject \d+: tagged content \(marked content 0\) inside an artifact \(PDF\/UA-1 7\.1\)/] },
  // --- and the rest of what a checker reads first ---
  { name: 'not marked as tagged (the title and language, which are there, are not said missing)', source: () => card, make: (d) => d.catalog.set(PDFName.of('MarkInfo'), d.context.obj({ Marked: false })),
    expect: [/not a tagged PDF \(no \/MarkInfo \/Marked true\).*\(PDF\/UA-1 7\.1\)/, /level A: the catalog has no \/MarkInfo \/Marked true \(PDF\/A-2 6\.7\.2\.2\)/] },
  { name: 'no document language', source: () => card, make: (d) => d.catalog.delete(PDFName.of('Lang')), expect: [/no document language .*\(PDF\/UA-1 7\.2\)/] },
  { name: 'the file name in the window', source: () => card, make: (d) => d.catalog.set(PDFName.of('ViewerPreferences'), d.context.obj({ DisplayDocTitle: false })), expect: [/DisplayDocTitle true missing\) \(PDF\/UA-1 7\.1\)/] },
  { name: 'a figure without alternative text', source: () => card, make: (d) => elements(d, 'Figure')[0]![1].delete(PDFName.of('Alt')), expect: [/1 figure without alternative text \(PDF\/UA-1 7\.3\)/] },
  { name: 'content neither tagged nor an artifact', source: () => card, make: (d) => appendContent(d, '0 0 1 1 re f'), expect: [/page 1: 1 drawing operation is neither tagged content nor an artifact \(PDF\/UA-1 7\.1\)/] },
  { name: 'a skipped heading level', source: () => card, make: (d) => { for (const [, e] of elements(d, 'H2')) e.set(PDFName.of('S'), PDFName.of('H4')); }, expect: [/heading levels skip from H1 to H4 \(PDF\/UA-1 7\.4\.2\)/] },
  { name: 'no PDF/UA identifier', source: () => card, make: (d) => editXmp(d, (x) => x.replace(/<pdfuaid:part>1<\/pdfuaid:part>/, '')), expect: [/no PDF\/UA-1 identifier \(pdfuaid:part 1\) \(PDF\/UA-1 5\)/] },
  { name: 'a link without description', source: () => factsheet, make: (d) => {
    const annot = d.context.enumerateIndirectObjects().find(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Subtype'))?.toString() === '/Link')![1] as PDFDict;
    annot.delete(PDFName.of('Contents'));
  }, expect: [/page \d: a link has no description \(\/Contents\) \(PDF\/UA-1 7\.18\.5\)/] },
  // --- archiving (PDF/A-2) ---
  { name: 'no output intent', source: () => card, make: (d) => d.catalog.delete(PDFName.of('OutputIntents')), expect: [/no PDF\/A output intent .*\(PDF\/A-2 6\.2\.3\)/] },
  { name: 'a PDF/A part other than 2', source: () => card, make: (d) => editXmp(d, (x) => x.replace('<pdfaid:part>2</pdfaid:part>', '<pdfaid:part>3</pdfaid:part>')), expect: [/pdfaid:part is 3, not 2 \(PDF\/A-2 6\.6\.4\)/] },
  { name: 'no file identifier', source: () => card, make: (d) => { delete d.context.trailerInfo.ID; }, expect: [/the trailer has no file identifier \(\/ID\) \(PDF\/A-2 6\.1\.3\)/] },
  { name: 'document information disagreeing with the XMP', source: () => card, make: (d) => d.setTitle('Another title'), expect: [/the document information's Title \("Another title"\) is not what the XMP metadata says .*\(PDF\/A-2 6\.6\.2\.1\)/] },
  { name: 'the pdfuaid schema undescribed', source: () => card, make: (d) => editXmp(d, (x) => x.replace(/<rdf:Description[^>]*pdfaExtension[\s\S]*?<\/pdfaExtension:schemas>\s*<\/rdf:Description>/, '')),
    expect: [/XMP properties in http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/ are used but no PDF\/A extension schema describes them \(PDF\/A-2 6\.6\.2\.3\.1\)/] },
  { name: 'a link not set to print', source: () => factsheet, make: (d) => {
    for (const [, o] of d.context.enumerateIndirectObjects()) if (o instanceof PDFDict && o.get(PDFName.of('Subtype'))?.toString() === '/Link') o.set(PDFName.of('F'), PDFNumber.of(0));
  }, expect: [/page \d: a Link annotation \(object \d+\) is not set to print \(\/F Print flag\) \(PDF\/A-2 6\.3\.2\)/] },
  { name: 'JavaScript run on opening', source: () => card, make: (d) => d.catalog.set(PDFName.of('OpenAction'), d.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') })), expect: [/the document \(\/OpenAction\) has a JavaScript action \(PDF\/A-2 6\.5\.1\)/] },
  { name: 'an image asking for interpolation', source: () => card, make: (d) => { d.context.register(d.context.stream(new Uint8Array(3), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceRGB', BitsPerComponent: 8, Interpolate: true })); },
    expect: [/an image \(object \d+\) asks for interpolation \(\/Interpolate true\) \(PDF\/A-2 6\.2\.8\)/] },
  { name: 'CMYK colour with an RGB output intent', source: () => card, make: (d) => appendContent(d, '/Artifact BMC 0 0 0 1 k 0 0 1 1 re f EMC'), expect: [/CMYK colours \(DeviceCMYK\) on page 1, and the output intent is RGB.*\(PDF\/A-2 6\.2\.4\.3\)/] },
  { name: 'glyph widths disagreeing with the font program', source: () => card, make: (d) => {
    const [, font] = fontRefs(d)[0]!;
    const cid = d.context.lookup((font.lookup(PDFName.of('DescendantFonts'), PDFArray)).get(0)) as PDFDict;
    const w = cid.lookup(PDFName.of('W'), PDFArray);
    const widths = w.lookup(1, PDFArray);
    widths.set(5, PDFNumber.of(999));
  }, expect: [/font IBMPlexSans-\w+ \(object \d+\): the widths of 1 glyph in \/W differ from the font program's \(5: 999 vs \d+\) \(PDF\/A-2 6\.2\.11\.5\)/] },
  { name: 'data after the last %%EOF', source: () => card, make: () => {}, raw: (b) => Buffer.concat([b, Buffer.from('\ntrailing garbage\n')]), expect: [/data follows the last %%EOF marker \(PDF\/A-2 6\.1\.3\)/] },
  { name: 'no binary comment after the header', source: () => card, make: () => {}, raw: (b) => { const c = Buffer.from(b); const at = c.indexOf('\n') + 1; c.write('%abcd', at, 'latin1'); return c; }, expect: [/not followed by a comment of four bytes above 127 .*\(PDF\/A-2 6\.1\.2\)/] },
];

describe('defect copies', () => {
  for (const d of defects) {
    it(`names ${d.name}`, async () => {
      const problems = await problemsOf(d.source(), d.make, d.raw);
      for (const pattern of d.expect) expect(problems.some((p) => pattern.test(p)), `${pattern}\n${problems.join('\n')}`).toBe(true);
    });
  }

  it('a custom structure type mapped to P in the role map is fine (not "not standard")', async () => {
    const problems = await problemsOf(card, (d) => {
      (d.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict)).set(PDFName.of('RoleMap'), d.context.obj({ Paragraphe: PDFName.of('P') }));
      for (const [, e] of elements(d, 'P').slice(0, 3)) e.set(PDFName.of('S'), PDFName.of('Paragraphe'));
    });
    expect(problems).toEqual([]);
  });

  it('reports every check: a copy with five defects gets five problems, the title and language that are there are not said missing', async () => {
    const problems = await problemsOf(card, (d) => {
      d.catalog.set(PDFName.of('MarkInfo'), d.context.obj({ Marked: false }));
      d.catalog.delete(PDFName.of('OutputIntents'));
      delete d.context.trailerInfo.ID;
      d.catalog.set(PDFName.of('ViewerPreferences'), d.context.obj({ DisplayDocTitle: false }));
      d.catalog.set(PDFName.of('Lang'), PDFString.of('fr-!!'));
    });
    for (const p of [/not a tagged PDF/, /no PDF\/A output intent/, /no file identifier/, /DisplayDocTitle/, /"fr-!!" is not a language tag/]) expect(problems.some((x) => p.test(x)), String(p)).toBe(true);
    expect(problems.some((p) => /no document title|no document language/.test(p))).toBe(false);
  });

  it('the CLI prints the clause and exits 1 for a defect; a handout gets a note, not accessibility or archiving problems', async () => {
    const bad = join(root, 'bad.pdf');
    const doc = await PDFDocument.load(card, { updateMetadata: false });
    doc.catalog.delete(PDFName.of('OutputIntents'));
    writeFileSync(bad, await doc.save());
    const r = brochure(['--root', root, 'preflight', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Archiving: PDF\/A-2A claimed; 1 PROBLEM/);
    expect(r.stdout).toMatch(/- archiving: no PDF\/A output intent .*\(PDF\/A-2 6\.2\.3\)/);
    const made = brochure(['--root', root, 'handout', '2up', join(root, 'out', 'fr', 'rabat.pdf')]);
    expect(made.code, made.stderr).toBe(0);
    const path = /(out\/handouts\/\S+\.pdf)/.exec(made.stdout)![1]!;
    const handout = brochure(['--root', root, 'preflight', join(root, path)]);
    expect(handout.stdout).toContain('a handout for printing');
    expect(handout.stdout).not.toMatch(/accessibility:|archiving:|title missing|language missing/);
    // What it may still have is what a printer cares about (labels scaled to A5 come below 6 pt).
    const listed = handout.stdout.split('\n').filter((l) => l.startsWith('    - '));
    expect(listed.every((l) => /^    - text in [\d.]+ pt/.test(l)), listed.join('\n')).toBe(true);
    expect(handout.code).toBe(listed.length ? 1 : 0);
  }, 60_000);
});
