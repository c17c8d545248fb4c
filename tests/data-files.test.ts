// Reading the data files: encodings, files the loader does not read, YAML mistakes, labels
// written for ids. Each ends in one clear line (file:line:column field: what to do), and
// nothing written.
import { describe, expect, it } from 'vitest';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { editFile } from './project.js';
import { lastGoodBuild, lines } from './lastGood.js';

const last = lastGoodBuild();
const { copy, expectOutUnchanged } = last;
const action = (dir: string, id: string) => join(dir, 'data', 'actions', `${id}.yaml`);

describe('1. data files that are not UTF-8', () => {
  it('a record saved as Windows-1252 is refused at its first non-UTF-8 byte, naming the encoding', () => {
    const dir = copy();
    const text = readFileSync(action(dir, 'casablanca'), 'utf8');
    // What Notepad's "ANSI" gives: one byte per accented letter (the Arabic block dropped, as cp1252 has no Arabic).
    const latin = text.replace(/\nar:[\s\S]*$/, '\n').replace(/[’]/g, "'");
    writeFileSync(action(dir, 'casablanca'), Buffer.from(latin, 'latin1'));
    const first = latin.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l));
    const column = [...latin.split('\n')[first]!].findIndex((c) => c.charCodeAt(0) > 0x7f) + 1;
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const byte = latin.split('\n')[first]![column - 1]!.charCodeAt(0).toString(16).toUpperCase();
    expect(lines(r.stderr)).toContain(`data/actions/casablanca.yaml:${first + 1}:${column} not UTF-8 text (byte 0x${byte} here): the file looks like Windows-1252 (Latin-1, Notepad's "ANSI"): save it as UTF-8 (accented letters would otherwise print as "�")`);
    expect(lines(r.stderr).at(-1)).toMatch(/^Nothing was written/);
    expectOutUnchanged(dir);
  });

  it('an Arabic record saved as Windows-1256 and a UTF-16 file are named as such', () => {
    const dir = copy();
    const ar = Buffer.from([...Buffer.from('country: MA\nar:\n  title: '), 0xc7, 0xe1, 0xc8, 0xd1, 0xe4, 0xc7, 0xe3, 0xcc, 0x20, 0xc7, 0xe1, 0xe3, 0xcd, 0xe1, 0xed, 0x20, 0xe1, 0xe1, 0xe5, 0xcc, 0xd1, 0xc9, 0x0a]);
    writeFileSync(action(dir, 'arabic'), ar);
    writeFileSync(action(dir, 'unicode'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('country: MA\n', 'utf16le')]));
    const r = brochure(['--root', dir, 'validate']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toContain('data/actions/arabic.yaml:3:10 not UTF-8 text (byte 0xC7 here): the file looks like Windows-1256 (Arabic): save it as UTF-8 (accented letters would otherwise print as "�")');
    expect(lines(r.stderr)).toContain('data/actions/unicode.yaml:1:1 not UTF-8 text (byte 0xFF here): the file looks like UTF-16 ("Unicode" in Notepad and Excel): save it as UTF-8 (accented letters would otherwise print as "�")');
  });

  it('a "�" already in the text (an earlier bad conversion) is refused, in any data file', () => {
    const dir = copy();
    editFile(join(dir, 'data', 'catalogues', 'countries.yaml'), (s) => s.replace('Maroc', 'Mar\uFFFDc'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const line = readFileSync(join(dir, 'data', 'catalogues', 'countries.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('\uFFFD'));
    const column = readFileSync(join(dir, 'data', 'catalogues', 'countries.yaml'), 'utf8').split('\n')[line]!.indexOf('\uFFFD') + 1;
    expect(lines(r.stderr)).toContain(`data/catalogues/countries.yaml:${line + 1}:${column} "�" (U+FFFD) marks a character lost when the text was converted from another encoding: type the intended character again`);
    expectOutUnchanged(dir);
  });

  it('a UTF-8 byte order mark and CRLF line endings are accepted: the same PDFs', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => '\uFEFF' + s.replace(/\n/g, '\r\n'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code, r.stderr).toBe(0);
    expectOutUnchanged(dir);
  });
});

describe('3. files the loader does not see', () => {
  it('x.YAML is read; any other file in data/actions/ or data/factsheets/ is named as not read', () => {
    const dir = copy();
    renameSync(action(dir, 'casablanca'), join(dir, 'data', 'actions', 'casablanca.YAML'));
    writeFileSync(join(dir, 'data', 'actions', 'rabat.yaml.bak'), readFileSync(action(dir, 'rabat')));
    writeFileSync(join(dir, 'data', 'factsheets', 'notes.txt'), 'to do\n');
    writeFileSync(join(dir, 'data', 'actions', '.DS_Store'), ''); // hidden files are not the user's
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toEqual(expect.arrayContaining([
      'data/actions/rabat.yaml.bak warning: this file is not read: only .yaml and .yml files in data/actions/ are records (rename it to <id>.yaml, or move it out of data/)',
      'data/factsheets/notes.txt warning: this file is not read: only .yaml and .yml files in data/factsheets/ are records (rename it to <id>.yaml, or move it out of data/)',
    ]));
    expect(r.stderr).not.toContain('DS_Store');
    expectOutUnchanged(dir); // casablanca.YAML built to the same bytes
  });
});

describe('messages', () => {
  it('a tab-indented file: one message about the tabs, nothing that follows from them', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^ {2}/gm, '\t'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const mine = lines(r.stderr).filter((l) => l.startsWith('data/actions/casablanca.yaml'));
    const first = readFileSync(action(dir, 'casablanca'), 'utf8').split('\n').findIndex((l) => l.startsWith('\t')) + 1;
    const count = readFileSync(action(dir, 'casablanca'), 'utf8').split('\n').filter((l) => l.startsWith('\t')).length;
    expect(mine).toEqual([`data/actions/casablanca.yaml:${first}:1 YAML syntax: the file is indented with tabs (${count} lines, from line ${first}); YAML needs spaces: replace each tab at the start of a line with two spaces`]);
    expectOutUnchanged(dir);
  });

  it('a duplicated key names the key and the line of its first occurrence', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => s.replace(/^country: MA$/m, 'country: MA\nacronym: CASA\ncountry: MA'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    const text = readFileSync(action(dir, 'casablanca'), 'utf8').split('\n');
    const firstLine = text.findIndex((l) => l === 'country: MA') + 1;
    const secondLine = text.findIndex((l, i) => l === 'country: MA' && i + 1 > firstLine) + 1;
    expect(lines(r.stderr).filter((l) => l.startsWith('data/actions/casablanca.yaml'))).toEqual([
      `data/actions/casablanca.yaml:${secondLine}:1 country: duplicate key "country": it is already given on line ${firstLine}; keep one of the two`,
    ]);
    expectOutUnchanged(dir);
  });
});

/** The record without its block of one language (blocks are top-level keys fr:, en:, ar:). */
function dropLanguage(file: string, lang: string) {
  editFile(file, (s) => s.replace(new RegExp(`^${lang}:\\n(?:(?: .*)?\\n)*`, 'm'), ''));
}

describe('labels written for ids', () => {
  it('a recommendation, country or target written as its label (any language) says which id has it', () => {
    const dir = copy();
    editFile(action(dir, 'casablanca'), (s) => s
      .replace('country: MA', 'country: Morocco')
      .replace('targets: ["10.7",', 'targets: ["10.7 Faciliter la migration des personnes",')
      .replace('recommendations: [welcome-instruments, labour-market,', 'recommendations: [welcome-instruments, "الوصول إلى سوق العمل وريادة الأعمال والتدريب المهني",'));
    const r = brochure(['--root', dir, 'build', '--only', 'casablanca']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(expect.arrayContaining([
      'data/actions/casablanca.yaml:10:10 country: expected a two-letter country code such as MA: did you mean MA? ("Morocco" is its en name: write the code)',
      'data/actions/casablanca.yaml:12:11 targets[1]: expected a target code such as "10.7" or "16.b": did you mean 10.7? ("10.7 Faciliter la migration des personnes" is its fr label: write the code)',
      'data/actions/casablanca.yaml:13:40 recommendations[2]: unknown recommendation "الوصول إلى سوق العمل وريادة الأعمال والتدريب المهني": did you mean labour-market? ("الوصول إلى سوق العمل وريادة الأعمال والتدريب المهني" is its ar label: write the id)',
    ]));
    expectOutUnchanged(dir);
  });
});
