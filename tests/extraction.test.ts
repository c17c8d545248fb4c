// Every word as written, in every reader (issue 22): what poppler (pdftotext), pdf.js (Firefox,
// pdf-parse) and mutool extract from every PDF the build writes. An Arabic word a font spaces
// inside (Plex Arabic bold) must not come out in two pieces, a hyphen added at a line break is a
// soft hyphen (U+00AD, ISO 32000-1 14.8.2.2.3) while a typed one stays U+002D, and an Arabic line
// mixing scripts keeps its spaces.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { brochure } from './cli.js';
import { tempProject } from './project.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
const hasMutool = spawnSync('mutool', ['-v']).status === 0;
const ARABIC_WORD = /[\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u064B-\u065F\u0670]+/gu;
const LATIN_WORD = /[\p{Script=Latin}]+/gu;

let root: string;
const pdfs = (lang: string) => readdirSync(join(root, 'out', lang)).filter((f) => f.endsWith('.pdf')).map((f) => join(root, 'out', lang, f));

/** Every word of the data's text (all YAML strings), by script. */
function dataWords(pattern: RegExp): Set<string> {
  const words = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const w of v.normalize('NFKC').match(pattern) ?? []) words.add(w);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const dir of ['data', 'data/actions', 'data/factsheets', 'data/catalogues']) {
    for (const f of readdirSync(join(root, dir)).filter((f) => /\.ya?ml$/.test(f))) walk(parse(readFileSync(join(root, dir, f), 'utf8')));
  }
  return words;
}

/** The text pdf.js gives each page, joined as its find bar joins it (an item's text, "\n" at line ends). */
async function pdfjsText(path: string): Promise<string[]> {
  return (await pdfjsItems(path)).map((items) => items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join(''));
}

/** The text items pdf.js gives each page. */
async function pdfjsItems(path: string): Promise<{ str: string; hasEOL: boolean }[][]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
  try {
    const pages: { str: string; hasEOL: boolean }[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      pages.push((await (await doc.getPage(p)).getTextContent({ disableNormalization: true })).items as { str: string; hasEOL: boolean }[]);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

beforeAll(() => {
  root = tempProject();
  const r = brochure(['--root', root, 'build']);
  expect(r.code, r.stderr).toBe(0);
}, 300_000);

describe('Arabic words whole', () => {
  it('every Arabic letter run poppler and pdf.js extract from every Arabic PDF is a word of the data', async () => {
    const words = dataWords(ARABIC_WORD);
    const fragments = (text: string) => (text.normalize('NFKC').match(ARABIC_WORD) ?? []).filter((w) => !words.has(w));
    let seen = 0;
    const broken: string[] = [];
    for (const path of pdfs('ar')) {
      // pdf.js: each text item (its find bar glues items of one line that are separate elements
      // in a right-to-left line: "الاستقبال" + "إتاحة", two recommendations side by side).
      const items = (await pdfjsItems(path)).flat().map((i) => i.str);
      const texts = [...items, ...(hasPoppler ? [execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })] : [])];
      for (const t of texts) {
        seen += (t.normalize('NFKC').match(ARABIC_WORD) ?? []).length;
        broken.push(...fragments(t).map((w) => `${path.split('/').pop()}: ${w}`));
      }
    }
    expect(seen).toBeGreaterThan(5000);
    expect(broken).toEqual([]);
  });

  it('an Arabic line mixing scripts keeps its spaces in pdf.js: a search finds "طنجة · المغرب"', async () => {
    const [page] = await pdfjsText(join(root, 'out', 'ar', 'tanger.pdf'));
    expect(page).toContain('طنجة · المغرب');
  });
});

describe('hyphens', () => {
  it.skipIf(!hasPoppler)('a hyphen added at a line break is U+00AD, joining two halves of a word of the data; a typed one stays U+002D', () => {
    const words = dataWords(LATIN_WORD);
    let soft = 0;
    for (const path of [...pdfs('fr'), ...pdfs('en')]) {
      const lines = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).split('\n');
      for (let i = 0; i + 1 < lines.length; i++) {
        const line = lines[i]!.trimEnd();
        if (line.endsWith('\u00AD')) {
          soft++;
          const head = line.slice(0, -1).match(/[\p{Script=Latin}]+$/u)?.[0] ?? '';
          const tail = lines[i + 1]!.match(/^[\p{Script=Latin}]+/u)?.[0] ?? '';
          expect(words.has(head + tail), `${path.split('/').pop()}: ${head}\u00AD${tail}`).toBe(true);
        } else if (/\p{L}-$/u.test(line)) {
          // A line ending in U+002D: the data has the word with its hyphen ("socio-" + "économique").
          const head = line.match(/[\p{Script=Latin}]+-$/u)![0];
          const tail = lines[i + 1]!.match(/^[\p{Script=Latin}]+/u)?.[0] ?? '';
          expect([...words].length && readAllText().includes(`${head}${tail}`), `${path.split('/').pop()}: ${head}${tail}`).toBe(true);
        }
      }
    }
    expect(soft).toBeGreaterThan(100);
  });

  it.skipIf(!hasMutool)('mutool reads the same soft hyphens', () => {
    const path = join(root, 'out', 'fr', 'rabat.pdf');
    const mutool = execFileSync('mutool', ['draw', '-q', '-F', 'txt', path], { encoding: 'utf8' });
    const poppler = hasPoppler ? execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }) : mutool;
    const count = (t: string) => (t.match(/\u00AD/g) ?? []).length;
    expect(count(mutool)).toBeGreaterThan(5);
    expect(count(mutool)).toBe(count(poppler));
    // No word broken with a hard hyphen: "accompa-" + "gner" is gone.
    expect(mutool).not.toMatch(/accompa-\s*gner/);
    expect(mutool).toMatch(/accompa\u00AD\s*gner/);
  });
});

/** All the data's text in one string (to find "socio-économique" as typed). */
function readAllText(): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v.replace(/\s+/g, ' '));
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const dir of ['data', 'data/actions', 'data/factsheets', 'data/catalogues']) {
    for (const f of readdirSync(join(root, dir)).filter((f) => /\.ya?ml$/.test(f))) walk(parse(readFileSync(join(root, dir, f), 'utf8')));
  }
  return out.join('\n');
}
