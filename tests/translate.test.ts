// The translation round trip (issue 15): export, change the file as a translation tool or
// a translator would (an XML library, a spreadsheet library), import, build, read the PDF.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { brochure } from './cli.js';
import { editFile, tempProject } from './project.js';
import { containsText, pdfText } from './pdf.js';
import { changedLines, child, dataBytes, NS, parseXliff, save, translate, unit, unitsOf } from './translationFiles.js';


const RABAT_ACTIVITY = 'actions/rabat.yaml#activities[2]';

describe('translate export and import through XLIFF 1.2', () => {
  it('round trip: a changed English activity reaches the YAML (only that value) and the PDF', async () => {
    const root = tempProject();
    const yaml = join(root, 'data', 'actions', 'rabat.yaml');
    const before = readFileSync(yaml, 'utf8');
    const ex = brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room']);
    expect(ex.stderr).toBe('');
    expect(ex.code).toBe(0);
    const xlf = join(root, 'translations', 'en.xlf');
    const doc = parseXliff(xlf);
    const file = doc.getElementsByTagNameNS(NS, 'file')[0]!;
    expect(file.getAttribute('source-language')).toBe('fr');
    expect(file.getAttribute('target-language')).toBe('en');
    expect(child(unit(doc, RABAT_ACTIVITY), 'source').textContent).toMatch(/^Organiser un atelier participatif/);
    expect(child(unit(doc, RABAT_ACTIVITY), 'note').textContent).toContain('Vers des politiques publiques migratoires');
    expect(unit(doc, 'actions/rabat.yaml#objective')).toBeTruthy();
    const text = 'Hold a participatory workshop with migrant associations to find answers to vulnerabilities and gaps in evidence;';
    translate(doc, RABAT_ACTIVITY, text);
    save(doc, xlf);

    const im = brochure(['--root', root, 'translate', 'import', xlf]);
    expect(im.stderr).toBe('');
    expect(im.code).toBe(0);
    expect(im.stdout).toContain('Imported en: 1 unit in 1 file.');
    const after = readFileSync(yaml, 'utf8');
    // Only the changed value (the block already records the source it was made from, which did not change).
    const diff = changedLines(before, after);
    expect(diff.removed).toEqual(['    - Organise a participatory workshop to identify solutions to address vulnerabilities and identify gaps in evidence;']);
    expect(diff.added).toEqual([`    - ${text}`]);
    expect(after).toMatch(/\n  translated_from: [0-9a-f]{8}\n/);
    expect(after.split('\n').length).toBe(before.split('\n').length);
    expect(after).toContain('en:\n  status: draft\n'); // translated, not final: stays a draft
    expect(readFileSync(join(root, 'data', 'translated-sources.yaml'), 'utf8')).toContain(RABAT_ACTIVITY);

    const b = brochure(['--root', root, 'build', '--only', 'rabat', '--lang', 'en']);
    expect(b.code).toBe(0);
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'en', 'rabat.pdf')));
    expect(containsText(pages.join('\n'), 'with migrant associations to find answers')).toBe(true);
  });

  it('the exported XLIFF is valid against the XLIFF 1.2 strict schema (xmllint)', (ctx) => {
    const xsdDir = '/usr/share/php/Symfony/Component/Translation/Resources/schemas';
    const xsd = join(xsdDir, 'xliff-core-1.2-strict.xsd');
    if (spawnSync('xmllint', ['--version']).status !== 0) return ctx.skip('xmllint is not installed (Debian package libxml2-utils)');
    if (!existsSync(xsd)) return ctx.skip('the XLIFF 1.2 schema is not installed (Debian package php-symfony-translation ships it)');
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--lang', 'ar', '--lang', 'es', '--no-room']).code).toBe(0);
    // The schema imports xml.xsd from w3.org: a catalog points xmllint at the local copy (nothing downloaded).
    const catalog = join(root, 'catalog.xml');
    writeFileSync(catalog, `<?xml version="1.0"?>\n<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog"><system systemId="http://www.w3.org/2001/xml.xsd" uri="file://${xsdDir}/xml.xsd"/><uri name="http://www.w3.org/2001/xml.xsd" uri="file://${xsdDir}/xml.xsd"/></catalog>\n`);
    const files = ['en', 'ar', 'es'].map((l) => join(root, 'translations', `${l}.xlf`));
    const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', xsd, ...files], { encoding: 'utf8', env: { ...process.env, XML_CATALOG_FILES: catalog } });
    expect(r.stderr).toBe(files.map((f) => `${f} validates\n`).join(''));
    expect(r.status).toBe(0);
  });

  it('a second, independent XLIFF reader (translate-toolkit) reads the same units', (ctx) => {
    // Debian's python3 (translate-toolkit is a Debian package), whatever python3 comes first on PATH.
    const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import translate.storage.xliff']).status === 0);
    if (!python) return ctx.skip('translate-toolkit is not installed (Debian package translate-toolkit)');
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'ar', '--no-room']).code).toBe(0);
    const xlf = join(root, 'translations', 'ar.xlf');
    const script = `
import json, sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
print(json.dumps({"n": len(units), "langs": [store.getsourcelanguage(), store.gettargetlanguage()],
  "u": {u.getid(): [u.source, u.target, u.get_state_id() if hasattr(u, "get_state_id") else None] for u in units}}, ensure_ascii=False))
`;
    const r = spawnSync(python, ['-c', script, xlf], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const read = JSON.parse(r.stdout) as { n: number; langs: string[]; u: Record<string, [string, string]> };
    const ours = unitsOf(parseXliff(xlf));
    expect(read.n).toBe(ours.length);
    expect(read.langs).toEqual(['fr', 'ar']);
    // translate-toolkit ids are <file original>ID_SEPARATOR<unit id>: compare by the unit id part.
    const byId = Object.fromEntries(Object.entries(read.u).map(([k, v]) => [k.split('\u0004').pop()!, v]));
    const title = byId['actions/rabat.yaml#title']!;
    expect(title[0]).toBe('Vers des politiques publiques migratoires fondées sur les faits dans la ville de Rabat');
    expect(title[1]).toBe('نحو سياسات عامة للهجرة قائمة على الأدلة في مدينة الرباط');
  });
});

describe('stale translations', () => {
  it('a source edit makes exactly that translation stale: status, list, next export, draft mark', async () => {
    const root = tempProject();
    // Start from reviewed translations: the fingerprints and sources are recorded.
    expect(brochure(['--root', root, 'translate', 'confirm', '--lang', 'en']).code).toBe(0);
    const clean = JSON.parse(brochure(['--root', root, 'translate', 'status', '--json', '--lang', 'en']).stdout);
    expect(clean.languages[0].totals.stale).toBe(0);
    // Approve the English Rabat card, so the stale mark visibly brings the draft mark back.
    editFile(join(root, 'data', 'actions', 'rabat.yaml'), (s) => s.replace('en:\n  status: draft', 'en:\n  status: final'));

    editFile(join(root, 'data', 'actions', 'rabat.yaml'), (s) => s.replace("Organiser un atelier participatif afin d'identifier", "Organiser deux ateliers participatifs afin d'identifier"));
    const st = JSON.parse(brochure(['--root', root, 'translate', 'status', '--json', '--lang', 'en']).stdout);
    expect(st.languages[0].totals.stale).toBe(1);
    expect(st.languages[0].files['actions/rabat.yaml'].stale).toBe(1);
    const text = brochure(['--root', root, 'translate', 'status', '--lang', 'en']).stdout;
    expect(text).toMatch(/^en: \d+ texts — .*1 stale/m);

    const list = brochure(['--root', root, 'list']).stdout;
    // Both translations of Rabat were made from the old French; nothing else is stale.
    expect(list).toMatch(/^rabat .*en \(stale: source changed\)/m);
    expect(list).toMatch(/^rabat .*ar \(draft, stale: source changed\)/m);
    expect(list.match(/stale/g)).toHaveLength(2);

    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--no-room']).code).toBe(0);
    const doc = parseXliff(join(root, 'translations', 'en.xlf'));
    const stale = unitsOf(doc).filter((u) => child(u, 'target').getAttribute('state') === 'needs-review-translation');
    expect(stale.map((u) => u.getAttribute('id'))).toEqual([RABAT_ACTIVITY]);
    const alt = child(stale[0]!, 'alt-trans');
    expect(child(alt, 'source').textContent).toMatch(/^Organiser un atelier participatif/);
    expect(child(stale[0]!, 'source').textContent).toMatch(/^Organiser deux ateliers participatifs/);

    // The sheet keeps its "draft translation" mark although the block says final.
    expect(brochure(['--root', root, 'build', '--only', 'rabat', '--lang', 'en']).code).toBe(0);
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'en', 'rabat.pdf')));
    expect(containsText(pages.join('\n'), 'Draft translation')).toBe(true);

    // Reviewed and imported as final: no longer stale, the block is final again.
    translate(doc, RABAT_ACTIVITY, 'Organise two participatory workshops to identify solutions to address vulnerabilities and identify gaps in evidence;', 'final');
    for (const u of unitsOf(doc)) if (u.getAttribute('id')!.startsWith('actions/rabat.yaml#')) child(u, 'target').setAttribute('state', 'final');
    save(doc, join(root, 'translations', 'en.xlf'));
    const im = brochure(['--root', root, 'translate', 'import', join(root, 'translations', 'en.xlf')]);
    expect(im.stderr).toBe('');
    expect(im.code).toBe(0);
    const after = JSON.parse(brochure(['--root', root, 'translate', 'status', '--json', '--lang', 'en']).stdout);
    expect(after.languages[0].totals.stale).toBe(0);
    expect(readFileSync(join(root, 'data', 'actions', 'rabat.yaml'), 'utf8')).toContain('en:\n  status: final\n');
  });
});

describe('bad imports are refused with nothing written', () => {
  it('lists every problem with its unit id and line, and leaves every data file as it was', () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--no-room']).code).toBe(0);
    const xlf = join(root, 'translations', 'en.xlf');
    const doc = parseXliff(xlf);
    unit(doc, 'actions/sfax.yaml#title').setAttribute('id', 'actions/sfax.yaml#headline'); // no such field
    const src = child(unit(doc, 'actions/tanger.yaml#title'), 'source'); // the source changed since
    src.replaceChild(doc.createTextNode('Un autre titre'), src.firstChild!);
    translate(doc, 'actions/amman.yaml#title', '', 'final'); // empty but done
    translate(doc, 'actions/zarqa.yaml#title', 'Zarqa 😀 city'); // a character the fonts lack
    save(doc, xlf);
    const before = dataBytes(root);
    const r = brochure(['--root', root, 'translate', 'import', xlf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/en\.xlf:\d+ actions\/sfax\.yaml#headline: no such text in the data now/);
    expect(r.stderr).toMatch(/en\.xlf:\d+ actions\/tanger\.yaml#title: the fr source text is not the data's/);
    expect(r.stderr).toMatch(/en\.xlf:\d+ actions\/amman\.yaml#title: the translation is empty but marked final/);
    expect(r.stderr).toContain('Nothing was written');
    expect(dataBytes(root)).toEqual(before);

    // Once those are fixed, the character the fonts lack is found (it needs the data as it would be).
    const again = parseXliff(xlf);
    unit(again, 'actions/sfax.yaml#headline').setAttribute('id', 'actions/sfax.yaml#title');
    const s2 = child(unit(again, 'actions/tanger.yaml#title'), 'source');
    s2.replaceChild(again.createTextNode(readFileSync(join(root, 'data', 'actions', 'tanger.yaml'), 'utf8').match(/^fr:\n(?:.*\n)*?  title: (.*)$/m)![1]!), s2.firstChild!);
    translate(again, 'actions/amman.yaml#title', 'Amman', 'needs-translation');
    child(unit(again, 'actions/amman.yaml#title'), 'target').removeChild(child(unit(again, 'actions/amman.yaml#title'), 'target').firstChild!);
    save(again, xlf);
    const r2 = brochure(['--root', root, 'translate', 'import', xlf]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/en\.xlf:\d+ actions\/zarqa\.yaml#title: .*U\+1F600/);
    expect(dataBytes(root)).toEqual(before);
  });

  it('refuses a file for another source language and a text too long for the card', () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room']).code).toBe(0);
    const xlf = join(root, 'translations', 'en.xlf');
    const original = readFileSync(xlf, 'utf8');
    const before = dataBytes(root);
    writeFileSync(xlf, original.replaceAll('source-language="fr"', 'source-language="ar"'));
    const wrong = brochure(['--root', root, 'translate', 'import', xlf]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/the file translates from ar, the data's source language is fr/);
    expect(dataBytes(root)).toEqual(before);

    const long = 'Organise a participatory workshop to identify solutions to address vulnerabilities and identify gaps in evidence. '.repeat(12);
    writeFileSync(xlf, original);
    const d = parseXliff(xlf);
    translate(d, RABAT_ACTIVITY, long);
    save(d, xlf);
    const r = brochure(['--root', root, 'translate', 'import', xlf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/en\.xlf:\d+ actions\/rabat\.yaml#activities\[2\]: the en card does not fit on one page even with 7\.5 pt body text/);
    expect(dataBytes(root)).toEqual(before);
  });
});

it('refuses a factsheet text that would run over its two pages', () => {
  const root = tempProject();
  const id = 'gouvernance-migratoire-partagee';
  expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', id, '--no-room']).code).toBe(0);
  const xlf = join(root, 'translations', 'en.xlf');
  const doc = parseXliff(xlf);
  const p1 = child(unit(doc, `factsheets/${id}.yaml#context:p1`), 'target').textContent!;
  translate(doc, `factsheets/${id}.yaml#context:p1`, `${p1} `.repeat(12).trim());
  save(doc, xlf);
  const before = dataBytes(root);
  const r = brochure(['--root', root, 'translate', 'import', xlf]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`en\\.xlf:\\d+ factsheets/${id}\\.yaml#context:p1: the en factsheet runs over its 2 pages`));
  expect(dataBytes(root)).toEqual(before);
});

describe('translate through a spreadsheet', () => {
  it('Arabic: source locked, translation column right-to-left; a change comes back NFC and unchanged', async () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'ar', '--only', 'rabat', '--format', 'xlsx', '--no-room']).code).toBe(0);
    const path = join(root, 'translations', 'ar.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'id', 'context', 'source (fr)', 'translation (ar)', 'state']);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    let row = 0;
    ws.eachRow((r, n) => { if (r.getCell(1).text === 'actions/rabat.yaml#results[3]') row = n; });
    expect(row).toBeGreaterThan(1);
    const cell = ws.getRow(row).getCell(4);
    expect(ws.getRow(row).getCell(3).protection?.locked).not.toBe(false);
    expect(cell.protection?.locked).toBe(false);
    expect(cell.alignment?.readingOrder).toBe('rtl');
    // Decomposed on purpose: a spreadsheet may hand back NFD text; the data gets NFC.
    const arabic = 'تطوير قدرات الفريق البلدي في مجال حوكمة الهجرة وإدارة البيانات';
    cell.value = arabic.normalize('NFD');
    ws.getRow(row).getCell(5).value = 'final';
    await wb.xlsx.writeFile(path);
    const yaml = join(root, 'data', 'actions', 'rabat.yaml');
    const before = readFileSync(yaml, 'utf8');
    const im = brochure(['--root', root, 'translate', 'import', path]);
    expect(im.stderr).toBe('');
    expect(im.code).toBe(0);
    expect(im.stdout).toContain('Imported ar: 1 unit in 1 file.');
    const after = readFileSync(yaml, 'utf8');
    expect(after).toContain(`    - ${arabic.normalize('NFC')}\n`);
    const diff = changedLines(before, after);
    expect(diff.removed).toEqual(['    - تطوير قدرات الفريق البلدي في مجال حوكمة الهجرة']);
    // Every other Arabic text is exactly as it was.
    expect(after.replace(arabic.normalize('NFC'), 'تطوير قدرات الفريق البلدي في مجال حوكمة الهجرة')).toBe(before);

    // An unchanged Arabic export comes back unchanged.
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'ar', '--only', 'rabat', '--no-room']).code).toBe(0);
    const again = brochure(['--root', root, 'translate', 'import', join(root, 'translations', 'ar.xlf')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing changed: the ar translations in the file are already in the data');
    expect(readFileSync(yaml, 'utf8')).toBe(after);

    const b = brochure(['--root', root, 'build', '--only', 'rabat', '--lang', 'ar']);
    expect(b.code).toBe(0);
  });

  it('English through the spreadsheet reaches the PDF', async () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'casablanca', '--format', 'xlsx', '--no-room']).code).toBe(0);
    const path = join(root, 'translations', 'en.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0]!;
    ws.eachRow((r) => { if (r.getCell(1).text === 'actions/casablanca.yaml#title') r.getCell(4).value = 'Casablanca welcomes: a city for everyone'; });
    await wb.xlsx.writeFile(path);
    const im = brochure(['--root', root, 'translate', 'import', path]);
    expect(im.stderr).toBe('');
    expect(im.code).toBe(0);
    expect(readFileSync(join(root, 'data', 'actions', 'casablanca.yaml'), 'utf8')).toMatch(/title: "Casablanca welcomes: a city for everyone"|title: 'Casablanca welcomes: a city for everyone'/);
    expect(brochure(['--root', root, 'build', '--only', 'casablanca', '--lang', 'en']).code).toBe(0);
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'en', 'casablanca.pdf')));
    expect(containsText(pages.join('\n'), 'Casablanca welcomes: a city for everyone')).toBe(true);
  });
});

describe('a new language needs only data', () => {
  it('es: the export lists every text as not translated; the import creates the blocks', () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'es', '--no-room']).code).toBe(0);
    const xlf = join(root, 'translations', 'es.xlf');
    const doc = parseXliff(xlf);
    const all = unitsOf(doc);
    expect(all.every((u) => child(u, 'target').getAttribute('state') === 'needs-translation' && !child(u, 'target').textContent)).toBe(true);
    // Translate the Rabat card and Morocco's name (a flow map: { fr: Maroc, en: Morocco, … }).
    // Spanish sentences (the import checks that a translation is in the target language).
    let n = 0;
    for (const u of all) {
      const id = u.getAttribute('id')!;
      if (id.startsWith('actions/rabat.yaml#')) translate(doc, id, `Políticas públicas de migración basadas en datos en la ciudad de Rabat, número ${++n}`);
    }
    translate(doc, 'catalogues/countries.yaml#MA', 'Marruecos');
    save(doc, xlf);
    // Not built yet, but its characters are checked against the fonts all the same.
    const bad = parseXliff(xlf);
    translate(bad, 'catalogues/countries.yaml#TN', 'Túnez ☃');
    const badPath = join(root, 'translations', 'es-bad.xlf');
    save(bad, badPath);
    const refused = brochure(['--root', root, 'translate', 'import', badPath]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/es-bad\.xlf:\d+ catalogues\/countries\.yaml#TN: "☃" \(U\+2603\) is not in the/);
    const countries = readFileSync(join(root, 'data', 'catalogues', 'countries.yaml'), 'utf8');
    const im = brochure(['--root', root, 'translate', 'import', xlf]);
    expect(im.stderr).toBe('');
    expect(im.code).toBe(0);
    expect(im.stdout).toMatch(/Imported es: \d+ units in 2 files \(\d+ left untranslated in the file\)\./);
    const rabat = readFileSync(join(root, 'data', 'actions', 'rabat.yaml'), 'utf8');
    expect(rabat).toMatch(/\nes:\n  status: draft\n  title: Políticas públicas de migración basadas en datos en la ciudad de Rabat, número 1\n/);
    expect(readFileSync(join(root, 'data', 'catalogues', 'countries.yaml'), 'utf8')).toBe(countries.replace('MA: { fr: Maroc, en: Morocco, ar: المغرب }', 'MA: { fr: Maroc, en: Morocco, ar: المغرب, es: Marruecos }'));
    expect(brochure(['--root', root, 'validate']).code).toBe(0);
    const st = JSON.parse(brochure(['--root', root, 'translate', 'status', '--json']).stdout);
    expect(st.languages.map((l: { lang: string }) => l.lang)).toContain('es');
  });
});

it('a text of several paragraphs is one unit per paragraph; the others keep their lines', () => {
  const root = tempProject();
  const id = 'gouvernance-migratoire-partagee';
  expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', id, '--no-room']).code).toBe(0);
  const xlf = join(root, 'translations', 'en.xlf');
  const doc = parseXliff(xlf);
  const p2 = unit(doc, `factsheets/${id}.yaml#context:p2`);
  translate(doc, `factsheets/${id}.yaml#context:p2`, `Also: ${child(p2, 'target').textContent}`);
  save(doc, xlf);
  const yaml = join(root, 'data', 'factsheets', `${id}.yaml`);
  const before = readFileSync(yaml, 'utf8');
  const im = brochure(['--root', root, 'translate', 'import', xlf]);
  expect(im.stderr).toBe('');
  expect(im.stdout).toContain('Imported en: 1 unit in 1 file.');
  const after = readFileSync(yaml, 'utf8');
  expect(after).toContain('    Also: Local authorities play a key role');
  // The first paragraph, the blank line between them and everything else are as they were.
  const diff = changedLines(before, after);
  expect(diff.removed.every((l) => /^    \S/.test(l))).toBe(true);
  expect(before.slice(0, before.indexOf('    Local authorities play'))).toBe(after.slice(0, after.indexOf('    Also: Local authorities')));
});

it('translation files are not written into data/', () => {
  const root = tempProject();
  expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--out', 'elsewhere', '--only', 'rabat', '--no-room']).code).toBe(0);
  expect(statSync(join(root, 'elsewhere', 'en.xlf')).size).toBeGreaterThan(1000);
});
