// Translation, round two (issue 23): files written the way translators' tools write them are
// accepted; wrong text (another language, markup, the source copied over) is refused at its
// unit; the glossary, the translation memory, the counts, XLIFF 2.1 and the preview work.
// translate-toolkit (xliff2po, pomerge, its TMX and TBX readers) and xmllint with the XLIFF
// schemas of php-symfony-translation are installed by .ci/run; without them those checks are
// skipped, saying why.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { brochure } from './cli.js';
import { editFile, tempProject } from './project.js';
import { child, dataBytes, parseXliff, save, translate, unit, unitsOf } from './translationFiles.js';

const TITLE = 'actions/rabat.yaml#title';
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import translate.storage.xliff']).status === 0);
const hasToolkit = python !== undefined && spawnSync('xliff2po', ['--version']).status === 0;
const SCHEMAS = '/usr/share/php/Symfony/Component/Translation/Resources/schemas';
const hasXliff2Schema = existsSync(join(SCHEMAS, 'xliff-core-2.0.xsd')) && spawnSync('xmllint', ['--version']).status === 0;
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
if (!soffice) console.warn('LibreOffice checks skipped: soffice not installed (apt-get install --no-install-recommends libreoffice-calc-nogui, as .ci/run does)');
if (!hasToolkit) console.warn('translate-toolkit checks skipped: xliff2po or python3 translate not installed (apt-get install translate-toolkit)');

function exported(lang: string, only = 'rabat', format?: string) {
  const root = tempProject();
  const r = brochure(['--root', root, 'translate', 'export', '--lang', lang, '--only', only, '--no-room', ...(format ? ['--format', format] : [])]);
  expect(r.code, r.stderr).toBe(0);
  return { root, xlf: join(root, 'translations', `${lang}.xlf`) };
}
const importFile = (root: string, file: string, ...more: string[]) => brochure(['--root', root, 'translate', 'import', file, ...more]);
const ENGLISH_TITLE = 'Evidence-based migration policies for the city of Rabat, as revised';

describe('1–4. files as real tools write them', () => {
  it('1. a UTF-8 XLIFF with a byte order mark, and a UTF-16 one, import as written', () => {
    const { root, xlf } = exported('en');
    const doc = parseXliff(xlf);
    translate(doc, TITLE, ENGLISH_TITLE);
    save(doc, xlf);
    const text = readFileSync(xlf, 'utf8');
    writeFileSync(xlf, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const bom = importFile(root, xlf);
    expect(bom.stderr).toBe('');
    expect(bom.stdout).toContain('Imported en: 1 unit in 1 file.');
    // UTF-16 little-endian with its BOM, as Windows tools save it, declaring itself so.
    const again = exported('en');
    const doc16 = parseXliff(again.xlf);
    translate(doc16, TITLE, ENGLISH_TITLE);
    save(doc16, again.xlf);
    const xml16 = readFileSync(again.xlf, 'utf8').replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="UTF-16"?>');
    writeFileSync(again.xlf, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml16, 'utf16le')]));
    const r = importFile(again.root, again.xlf);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Imported en: 1 unit in 1 file.');
    expect(readFileSync(join(again.root, 'data', 'actions', 'rabat.yaml'), 'utf8')).toContain(`  title: ${ENGLISH_TITLE}\n`);
  });

  it('2. a target language with a region (en-GB, en_US, EN) is read as the data\'s language, and said; a language the data cannot take is refused', () => {
    for (const written of ['en-GB', 'en_US', 'EN']) {
      const { root, xlf } = exported('en');
      const doc = parseXliff(xlf);
      translate(doc, TITLE, ENGLISH_TITLE);
      for (const f of Array.from(doc.getElementsByTagName('file'))) f.setAttribute('target-language', written);
      save(doc, xlf);
      const r = importFile(root, xlf);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`note: the file's target language ${written} is read as en`);
    }
    const { root, xlf } = exported('en');
    const before = dataBytes(root);
    editFile(xlf, (s) => s.replaceAll('target-language="en"', 'target-language="xx-YY"'));
    const bad = importFile(root, xlf);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the file is for target language "xx-YY"');
    expect(dataBytes(root)).toEqual(before);
  });

  it.skipIf(!hasToolkit)('3. through PO and back (xliff2po, pomerge): final units stay final; notes reach the PO; po2xliff ids are named once', () => {
    const { root, xlf } = exported('en', 'casablanca');
    // Casablanca's English block is final in the data: every unit of it goes out approved.
    expect(readFileSync(join(root, 'data', 'actions', 'casablanca.yaml'), 'utf8')).not.toMatch(/\nen:\n  status: draft/);
    const doc = parseXliff(xlf);
    const finals = unitsOf(doc).filter((u) => child(u, 'target').getAttribute('state') === 'final');
    expect(finals.length).toBeGreaterThan(5);
    expect(finals.every((u) => u.getAttribute('approved') === 'yes')).toBe(true);
    const po = join(root, 'en.po');
    expect(spawnSync('xliff2po', [xlf, po]).status).toBe(0);
    const poText = readFileSync(po, 'utf8');
    expect(poText).toContain('#. Migration à Casablanca'); // the note, from="developer", as a comment
    // A translator changes one final text in the PO (it stays non-fuzzy), then merges back.
    const title = child(unit(doc, 'actions/casablanca.yaml#title'), 'target').textContent!;
    writeFileSync(po, poText.replace(`msgstr "${title}"`, 'msgstr "Migration in the city of Casablanca"'));
    const merged = join(root, 'en-merged.xlf');
    expect(spawnSync('pomerge', ['-t', xlf, '-i', po, '-o', merged]).status).toBe(0);
    const r = importFile(root, merged);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/becomes draft/);
    const yaml = readFileSync(join(root, 'data', 'actions', 'casablanca.yaml'), 'utf8');
    expect(yaml).toContain('  title: Migration in the city of Casablanca\n');
    expect(yaml).not.toMatch(/\nen:\n  status: draft/);
    // po2xliff makes a new file with that tool's ids and languages: one message saying so.
    for (const args of [['-t', xlf, po], [po]]) {
      const regenerated = join(root, 'en-po2xliff.xlf');
      expect(spawnSync('po2xliff', [...args, regenerated]).status).toBe(0);
      const foreign = importFile(root, regenerated);
      expect(foreign.code).toBe(1);
      const lines = foreign.stderr.trim().split('\n').filter((l) => !/warning/.test(l) && !/^Nothing was written/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/made again from a PO file \(po2xliff\).*merge the PO into the exported file instead \(pomerge/);
    }
  });

  it('3. an import that would lower a block from final to draft says so, per block', () => {
    const { root, xlf } = exported('en', 'casablanca');
    const doc = parseXliff(xlf);
    const id = 'actions/casablanca.yaml#title';
    translate(doc, id, 'Migration in the city of Casablanca', 'translated');
    unit(doc, id).removeAttribute('approved');
    save(doc, xlf);
    const r = importFile(root, xlf);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`note: data/actions/casablanca.yaml: the en block was final and becomes draft: ${id} came back not final`);
  });

  it('4. a blank line (a new paragraph) is kept where the field holds paragraphs, refused where it does not', () => {
    const { root, xlf } = exported('en');
    const doc = parseXliff(xlf);
    const objective = unitsOf(doc).find((u) => u.getAttribute('id')!.startsWith('actions/rabat.yaml#objective'))!;
    translate(doc, objective.getAttribute('id')!, 'The aim is to support the city in its work.\n\nIt also improves the sharing of data between actors.');
    save(doc, xlf);
    const r = importFile(root, xlf);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'data', 'actions', 'rabat.yaml'), 'utf8')).toMatch(/The aim is to support the city in its work\.\n\n\s+It also improves the sharing/);
    const title = exported('en');
    const d2 = parseXliff(title.xlf);
    translate(d2, TITLE, 'Towards evidence-based policies\n\nin the city of Rabat');
    save(d2, title.xlf);
    const bad = importFile(title.root, title.xlf);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${TITLE}: the translation has 2 paragraphs (a blank line between them), and this field holds one: join them`);
  });

  it('4. a spreadsheet with a sheet added before the data sheet imports; the state column has one validation; the same file twice says nothing changed', async () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room', '--format', 'xlsx']).code).toBe(0);
    const path = join(root, 'translations', 'en.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const sheet = wb.worksheets[0]!;
    // One validation element over the state column in the sheet's XML (not one per cell, overlapping).
    const sheetXml = spawnSync('unzip', ['-p', path, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
    expect(sheetXml.match(/<dataValidation /g)).toHaveLength(1);
    expect(sheetXml).toMatch(/<dataValidation [^>]*sqref="E2:E\d+"/);
    sheet.eachRow((row) => { if (row.getCell(1).text === TITLE) row.getCell(4).value = ENGLISH_TITLE; });
    // The translator's workbook: a notes sheet first, then the exported sheet.
    const mine = new ExcelJS.Workbook();
    mine.addWorksheet('Notes').getCell('A1').value = 'Checked by the reviewer';
    const copy = mine.addWorksheet(sheet.name);
    sheet.eachRow((row, n) => { copy.getRow(n).values = row.values as ExcelJS.CellValue[]; });
    await mine.xlsx.writeFile(path);
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(path);
    expect(check.worksheets[0]!.name).toBe('Notes');
    const r = importFile(root, path);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Imported en: 1 unit in 1 file.');
    const twice = importFile(root, path);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toContain('Nothing changed: the en translations in the file are already in the data');
  });

  it.skipIf(!soffice)('4. a spreadsheet saved by LibreOffice (xlsx → ods → xlsx, headless) imports; the export freezes its header row', async () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room', '--format', 'xlsx']).code).toBe(0);
    const path = join(root, 'translations', 'en.xlsx');
    // The header row is frozen in the file as exported (LibreOffice's headless conversion makes no view, so it keeps no pane).
    expect(spawnSync('unzip', ['-p', path, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout).toMatch(/<pane ySplit="1"[^>]*state="frozen"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    wb.worksheets[0]!.eachRow((row) => { if (row.getCell(1).text === TITLE) row.getCell(4).value = ENGLISH_TITLE; });
    await wb.xlsx.writeFile(path);
    const work = mkdtempSync(join(tmpdir(), 'brochure-lo-'));
    const lo = (to: string, file: string) => spawnSync(soffice!, [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', to, '--outdir', join(work, to), file], { encoding: 'utf8', timeout: 120_000 });
    expect(lo('ods', path).status).toBe(0);
    expect(lo('xlsx', join(work, 'ods', 'en.ods')).status).toBe(0);
    const r = importFile(root, join(work, 'xlsx', 'en.xlsx'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Imported en: 1 unit in 1 file.');
    expect(readFileSync(join(root, 'data', 'actions', 'rabat.yaml'), 'utf8')).toContain(ENGLISH_TITLE);
  }, 180_000);
});

describe('5–7. nothing wrong accepted, every message at its unit', () => {
  it('5. English in the Arabic file, French copied into English, French in a spreadsheet\'s Arabic column: refused at the unit; --accept keeps a name', async () => {
    const ar = exported('ar');
    const before = dataBytes(ar.root);
    const doc = parseXliff(ar.xlf);
    translate(doc, TITLE, ENGLISH_TITLE);
    save(doc, ar.xlf);
    const r = importFile(ar.root, ar.xlf);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${TITLE.replace(/[#[\]]/g, '\\$&')}: the translation is not in ar's script \\(0% of its letters are\\)`));
    expect(dataBytes(ar.root)).toEqual(before);
    // A name may stay in Latin letters: --accept takes that unit as it is.
    const kept = importFile(ar.root, ar.xlf, '--accept', TITLE);
    expect(kept.code, kept.stderr).toBe(0);

    const en = exported('en');
    const d = parseXliff(en.xlf);
    const source = child(unit(d, TITLE), 'source').textContent!;
    translate(d, TITLE, source);
    translate(d, 'actions/rabat.yaml#subtitle', 'Améliorer le système de gestion des données relatives à la migration dans la ville de Rabat');
    save(d, en.xlf);
    const fr = importFile(en.root, en.xlf);
    expect(fr.code).toBe(1);
    expect(fr.stderr).toContain(`${TITLE}: the translation is the fr source text unchanged`);
    expect(fr.stderr).toContain('actions/rabat.yaml#subtitle: the translation looks like fr (the source language), not en');

    // A spreadsheet whose translation header was changed to say Arabic, with English in it.
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room', '--format', 'xlsx']).code).toBe(0);
    const path = join(root, 'translations', 'en.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const sheet = wb.worksheets[0]!;
    sheet.getRow(1).getCell(4).value = 'translation (ar)';
    sheet.eachRow((row) => { if (row.getCell(1).text === TITLE) row.getCell(4).value = ENGLISH_TITLE; });
    await wb.xlsx.writeFile(path);
    const x = importFile(root, path);
    expect(x.code).toBe(1);
    expect(x.stderr).toContain("the translation is not in ar's script");
  });

  it('6. markup a card does not take is refused, naming it; a factsheet\'s footnote marker dropped is an import error', () => {
    const { root, xlf } = exported('en');
    const doc = parseXliff(xlf);
    translate(doc, TITLE, 'Towards <b>welcoming</b> policies in **Rabat** [^x]');
    save(doc, xlf);
    const r = importFile(root, xlf);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${TITLE}: "<b>" is HTML, which would print as typed`);
    expect(r.stderr).toContain(`${TITLE}: "**…**" would print as typed`);
    expect(r.stderr).toContain(`${TITLE}: "[^…]" is a footnote marker, and this text has no footnotes`);

    const fs = exported('en', 'gouvernance-migratoire-partagee');
    const d = parseXliff(fs.xlf);
    const withNote = unitsOf(d).find((u) => /\[\^[^\]]+\]/.test(child(u, 'source').textContent ?? '') && child(u, 'target').textContent);
    expect(withNote).toBeDefined();
    const id = withNote!.getAttribute('id')!;
    const marker = /\[\^[^\]]+\]/.exec(child(withNote!, 'source').textContent!)![0];
    translate(d, id, child(withNote!, 'target').textContent!.replace(/\[\^[^\]]+\]/g, '') + ' (revised)');
    save(d, fs.xlf);
    const dropped = importFile(fs.root, fs.xlf);
    expect(dropped.code).toBe(1);
    expect(dropped.stderr).toContain(`${id}: the footnote marker`);
    expect(dropped.stderr).toMatch(/of the source (is|are) missing/);
    expect(dropped.stderr).toContain(marker);
  });

  it('7. a field the file leaves out is reported at its own unit: a missing objective, a missing activity', () => {
    const { root, xlf } = exported('en');
    // A new English block: empty the data's, then translate all but the objective and one activity.
    editFile(join(root, 'data', 'actions', 'rabat.yaml'), (s) => s.replace(/\nen:\n[\s\S]*?(?=\nar:)/, '\n'));
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room']).code).toBe(0);
    const doc = parseXliff(xlf);
    let n = 0;
    for (const u of unitsOf(doc)) {
      const id = u.getAttribute('id')!;
      if (id === 'actions/rabat.yaml#activities[3]' || id.startsWith('actions/rabat.yaml#objective')) continue;
      if (id.startsWith('actions/rabat.yaml#')) translate(doc, id, `A municipal workshop on migration data with the city services, number ${++n}`);
    }
    save(doc, xlf);
    const r = importFile(root, xlf);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/actions\/rabat\.yaml#activities\[3\]: no translation in the file, and the other items of activities have one/);
    expect(r.stderr).not.toMatch(/activities\[1\]: .*gaps/);
    // With the activity given, the missing objective is named at its unit, not at the title.
    translate(doc, 'actions/rabat.yaml#activities[3]', 'An online community of practice for the users of migration data');
    save(doc, xlf);
    const again = importFile(root, xlf);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/actions\/rabat\.yaml#objective(:p1)?: no translation in the file, and the en block needs one/);
    expect(again.stderr).not.toMatch(/#title: expected text/);
  });
});

describe('8. a block typed by hand is tracked from the first export', () => {
  it('is unverified in status and list, exported as needing review with a note; confirm records it; a later source edit makes it stale', () => {
    const root = tempProject();
    // A new record with its English block typed straight into the YAML: no fingerprint, no recorded source.
    const copy = join(root, 'data', 'actions', 'tanger-essai.yaml');
    writeFileSync(copy, readFileSync(join(root, 'data', 'actions', 'tanger.yaml'), 'utf8')
      .replace(/^  title: (.*)$/m, '  title: $1, un essai')
      .replace(/^(en:\n(?:.*\n)*?)  title: (.*)$/m, '$1  title: $2, a trial')
      .replace(/^(ar:\n(?:.*\n)*?)  title: (.*)$/m, '$1  title: $2 تجربة')
      .replace(/^  translated_from: [0-9a-f]{8}\n/gm, '')
      .replace(/^order: .*\n/m, ''));
    const id = 'actions/tanger-essai.yaml#title';
    const status = JSON.parse(brochure(['--root', root, 'translate', 'status', '--json', '--lang', 'en']).stdout);
    expect(status.languages[0].files['actions/tanger-essai.yaml'].unverified).toBeGreaterThan(0);
    expect(brochure(['--root', root, 'list']).stdout).toMatch(/^tanger-essai .*en \((draft, )?unverified: translate confirm\)/m);
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'tanger-essai', '--no-room']).code).toBe(0);
    const doc = parseXliff(join(root, 'translations', 'en.xlf'));
    const title = unit(doc, id);
    expect(child(title, 'target').getAttribute('state')).toBe('needs-review-translation');
    expect(child(title, 'note').textContent).toContain('typed into the data directly');
    expect(brochure(['--root', root, 'translate', 'confirm', '--lang', 'en', '--only', 'tanger-essai']).code).toBe(0);
    expect(brochure(['--root', root, 'list']).stdout).not.toMatch(/^tanger-essai .*en \([^)]*unverified/m);
    editFile(copy, (s) => s.replace(/^(  title: )/m, '$1Enfin, '));
    expect(brochure(['--root', root, 'list']).stdout).toMatch(/^tanger-essai .*en \((draft, )?stale: source changed\)/m);
  });

  it('the repository\'s own translations record their source', () => {
    const root = tempProject();
    const s = JSON.parse(brochure(['--root', root, 'translate', 'status', '--json']).stdout);
    for (const l of s.languages.filter((x: { lang: string }) => ['en', 'ar'].includes(x.lang))) expect(l.totals.unverified, l.lang).toBe(0);
  });
});

describe('9–12. glossary, memory, counts, XLIFF 2.1', () => {
  it('9. the glossary as TBX and CSV; an import warns where a term\'s translation is not used', () => {
    const root = tempProject();
    const r = brochure(['--root', root, 'translate', 'glossary']);
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(root, 'translations', 'glossary.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('id,kind,fr,en,ar');
    expect(csv).toContain('catalogues/countries.yaml#MA,country,Maroc,Morocco,المغرب');
    expect(csv).toContain('catalogues/sdg-targets.yaml#10.7,SDG target,Faciliter la migration des personnes,Facilitate migration of persons,');
    const tbx = readFileSync(join(root, 'translations', 'glossary.tbx'), 'utf8');
    expect(tbx).toContain('<martif type="TBX" xml:lang="fr">');
    if (python) {
      const read = spawnSync(python, ['-c', 'import sys\nfrom translate.storage import tbx\nf=tbx.tbxfile.parsefile(sys.argv[1])\nprint(len(f.units))', join(root, 'translations', 'glossary.tbx')], { encoding: 'utf8' });
      expect(Number(read.stdout.trim())).toBe(csv.trim().split('\r\n').length - 1);
    }
    // A result that names Morocco's capital region in French uses "Maroc"; the English forgets "Morocco".
    editFile(join(root, 'data', 'actions', 'rabat.yaml'), (s) => s.replace(/^(  results:\n    - )/m, '$1Diffusion des résultats dans tout le Maroc ;\n    - '));
    const { xlf } = { xlf: join(root, 'translations', 'en.xlf') };
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room']).code).toBe(0);
    const doc = parseXliff(xlf);
    // The first result is the new one: it and every later one moved up one place.
    const results = unitsOf(doc).filter((u) => /#results\[\d\]$/.test(u.getAttribute('id')!));
    const sources = results.map((u) => child(u, 'source').textContent!);
    results.forEach((u, i) => translate(doc, u.getAttribute('id')!, i === 0 ? 'Results shared across the whole country;' : `Result number ${i + 1} of the action, shared with partners: ${sources[i]!.length} letters`));
    save(doc, xlf);
    const im = importFile(root, xlf, '--accept', results.map((u) => u.getAttribute('id')).join(','));
    expect(im.code, im.stderr).toBe(0);
    expect(im.stdout).toContain('actions/rabat.yaml#results[1]: the fr text uses the programme\'s term "Maroc" (country), whose en term is "Morocco", which the translation does not use');
  });

  it.skipIf(!python)('10. a translation memory (TMX 1.4b) that translate-toolkit reads, with every current pair', () => {
    const root = tempProject();
    const r = brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--tmx', '--no-room']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/translations\/en\.tmx written: \d+ translation pairs/);
    const tmx = join(root, 'translations', 'en.tmx');
    const read = spawnSync(python!, ['-c', 'import sys\nfrom translate.storage import tmx\nf=tmx.tmxfile.parsefile(sys.argv[1])\nfor u in f.units[:3]: print(u.source, "=>", u.target)\nprint(len(f.units))', tmx], { encoding: 'utf8' });
    expect(read.status, read.stderr).toBe(0);
    expect(read.stdout).toContain('MIGRATION VILLE À VILLE EN MÉDITERRANÉE => MEDITERRANEAN CITY-TO-CITY MIGRATION');
    const pairs = Number(/(\d+) translation pairs/.exec(r.stdout)![1]);
    expect(Number(read.stdout.trim().split('\n').at(-1))).toBe(pairs);
  });

  it('11. status counts the words and characters to translate and to review', () => {
    const root = tempProject();
    const s = JSON.parse(brochure(['--root', root, 'translate', 'status', '--json', '--lang', 'ar']).stdout);
    const t = s.languages[0].totals;
    expect(t.missing).toBeGreaterThan(0);
    expect(t.toTranslate.words).toBeGreaterThan(t.missing);
    expect(t.toTranslate.characters).toBeGreaterThan(t.toTranslate.words);
    // The factsheet is not in Arabic: its words are to translate; the files add up to the total.
    const files = Object.values(s.languages[0].files) as { toTranslate: { words: number } }[];
    expect(s.languages[0].files['factsheets/gouvernance-migratoire-partagee.yaml'].toTranslate.words).toBeGreaterThan(100);
    expect(files.reduce((n, f) => n + f.toTranslate.words, 0)).toBe(t.toTranslate.words);
    expect(brochure(['--root', root, 'translate', 'status', '--lang', 'ar']).stdout).toMatch(/to translate \d+ words \(\d+ characters\)/);
  });

  it('12. XLIFF 2.1: export valid against the OASIS 2.0 core schema, import back with the same checks', () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'translate', 'export', '--lang', 'en', '--only', 'rabat', '--no-room', '--format', 'xliff2']).code).toBe(0);
    const path = join(root, 'translations', 'en.xliff2.xlf');
    const text = readFileSync(path, 'utf8');
    const root2 = /<xliff [^>]*>/.exec(text)![0];
    for (const a of ['xmlns="urn:oasis:names:tc:xliff:document:2.0"', 'version="2.1"', 'srcLang="fr"', 'trgLang="en"']) expect(root2).toContain(a);
    if (hasXliff2Schema) {
      // The schema imports xml.xsd by a web address: point it at the copy beside it.
      const dir = mkdtempSync(join(tmpdir(), 'xsd-'));
      writeFileSync(join(dir, 'core.xsd'), readFileSync(join(SCHEMAS, 'xliff-core-2.0.xsd'), 'utf8').replace(/schemaLocation="[^"]*xml\.xsd"/, `schemaLocation="${join(SCHEMAS, 'xml.xsd')}"`));
      const v = spawnSync('xmllint', ['--noout', '--schema', join(dir, 'core.xsd'), path], { encoding: 'utf8' });
      expect(v.status, v.stderr).toBe(0);
    } else console.warn('XLIFF 2 schema check skipped: xmllint or php-symfony-translation not installed');
    writeFileSync(path, text.replace(/(<unit id="u\d+" name="actions\/rabat\.yaml#title">[\s\S]*?<target>)[^<]*(<\/target>)/, `$1${ENGLISH_TITLE}$2`));
    const r = importFile(root, path);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Imported en: 1 unit in 1 file.');
    // The same checks: French copied over is refused.
    writeFileSync(path, text.replace(/(<unit id="u\d+" name="actions\/rabat\.yaml#subtitle">[\s\S]*?<target>)[^<]*(<\/target>)/, '$1Améliorer le système de gestion des données relatives à la migration dans la ville de Rabat$2'));
    const bad = importFile(root, path);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('actions/rabat.yaml#subtitle: the translation looks like fr');
  });
});

describe('preview before import', () => {
  it('builds the documents the file would change into out/preview, with the new text; data/ stays as it was', async () => {
    const { root, xlf } = exported('en');
    const doc = parseXliff(xlf);
    translate(doc, TITLE, 'Evidence-based migration policies for the city of Rabat, reviewed');
    save(doc, xlf);
    const before = dataBytes(root);
    const r = brochure(['--root', root, 'translate', 'preview', xlf]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('out/preview/en/rabat.pdf');
    expect(dataBytes(root)).toEqual(before);
    const { pdfText, containsText } = await import('./pdf.js');
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'preview', 'en', 'rabat.pdf')));
    expect(containsText(pages.join('\n'), 'Evidence-based migration policies for the city of Rabat, reviewed')).toBe(true);
    expect(existsSync(join(root, 'out', 'en', 'rabat.pdf'))).toBe(false);
  }, 60_000);
});
