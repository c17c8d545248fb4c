// The words a reader gets from a PDF, page by page, as pdf.js extracts them (what a search or a
// copy gives). pdf.js drops the soft hyphen our PDFs map a line-end hyphen to (an invisible
// format character to it), so "accompa-" / "gner" comes out as the end of one line and the
// start of the next, like two words wrapped at a space. Such a pair is marked when our own
// hyphenation (the patterns the layout used) would break the word there; `joinBrokenWords`
// decides with the other version of the document in hand.
import { createRequire } from 'node:module';
import { fontFiles } from '../design/index.js';
import { hyphenationFor } from '../render/index.js';
import type { Lang } from '../text/index.js';

/** A word of a page, and the box it is drawn in (PDF points, origin bottom left). */
export interface PageWord {
  text: string;
  page: number;
  box: [x: number, y: number, width: number, height: number];
  /** The first word of a line that may be the second half of the word before, broken by a hyphen. */
  mayContinue?: boolean;
  /** A word broken across lines: the box of its second half. */
  rest?: PageWord['box'];
}

interface Line {
  text: string;
  box: PageWord['box'];
  /** The pdf.js items the line is made of: where each starts in `text`, and its box. */
  runs: { at: number; length: number; box: PageWord['box'] }[];
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** Every word of a PDF in reading order, page by page. */
export async function documentWords(pdf: Uint8Array, lang: Lang): Promise<PageWord[][]> {
  const lib = await (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  const doc = await lib.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: PageWord[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const lines: Line[] = [];
      let line: Line | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, , , d, x, y] = item.transform as number[];
        if (item.str) {
          const box: Line['box'] = [x!, y!, item.width, Math.abs(d! || a!)];
          if (!line) lines.push((line = { text: '', box, runs: [] }));
          else line.box = union(line.box, box);
          line.runs.push({ at: line.text.length, length: item.str.length, box });
          line.text += item.str;
        }
        if (item.hasEOL) line = undefined;
      }
      pages.push(wordsOf(lines, n, hyphenationFor(lang)));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

function union(a: PageWord['box'], b: PageWord['box']): PageWord['box'] {
  const x = Math.min(a[0], b[0]);
  const y = Math.min(a[1], b[1]);
  return [x, y, Math.max(a[0] + a[2], b[0] + b[2]) - x, Math.max(a[1] + a[3], b[1] + b[3]) - y];
}

/** The words of a page's lines; a word broken at a line end (where our hyphenation breaks it) is one word. */
function wordsOf(lines: Line[], page: number, hyphenate: (word: string) => string[]): PageWord[] {
  const words: PageWord[] = [];
  let broken = false;
  for (const line of lines) {
    const parts = line.text.split(/\s+/).filter(Boolean);
    let at = 0;
    parts.forEach((text, i) => {
      const start = line.text.indexOf(text, at);
      at = start + text.length;
      const box = wordBox(line, start, at);
      const last = words.at(-1);
      words.push({ text, page, box, ...(i === 0 && broken && last && breaksThere(last.text, text, hyphenate) ? { mayContinue: true } : {}) });
    });
    broken = parts.length > 0;
  }
  return words;
}

interface Advances {
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
}
let advances: Advances[] | undefined;
/** A character's advance in the regular weights of the templates' fonts (Latin, then Arabic), cached. */
const widths = new Map<string, number>();
function advance(ch: string): number {
  let w = widths.get(ch);
  if (w === undefined) {
    advances ??= fontFiles().filter((f) => f.fontWeight === 400 && !f.fontStyle).map((f) => (createRequire(import.meta.url)('fontkit') as { openSync(p: string): Advances }).openSync(f.src));
    const cp = ch.codePointAt(0)!;
    const glyph = advances.map((font) => font.glyphForCodePoint(cp)).find((g) => g.id !== 0);
    widths.set(ch, (w = glyph?.advanceWidth ?? 500));
  }
  return w;
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/**
 * A word's box: from the x of its first character to that of its last, each placed by the
 * advances of the characters before it in its run, scaled to the run's width (from the right
 * in a right-to-left run).
 */
function wordBox(line: Line, start: number, end: number): PageWord['box'] {
  const x = (i: number) => {
    const run = line.runs.find((r) => i >= r.at && i <= r.at + r.length) ?? line.runs.at(-1)!;
    const text = line.text.slice(run.at, run.at + run.length);
    const sum = (t: string) => [...t].reduce((n, c) => n + advance(c), 0);
    const share = sum(text.slice(0, i - run.at)) / Math.max(1, sum(text));
    return run.box[0] + (RTL.test(text) ? 1 - share : share) * run.box[2];
  };
  const [a, b] = [x(start), x(end)];
  return [Math.min(a, b), line.box[1], Math.max(1, Math.abs(b - a)), line.box[3]];
}

/** Whether `end` + `start` is one word our hyphenation breaks right between them. */
function breaksThere(end: string, start: string, hyphenate: (word: string) => string[]): boolean {
  const head = /\p{L}+$/u.exec(end)?.[0];
  const tail = /^\p{Ll}+/u.exec(start)?.[0];
  if (!head || !tail) return false;
  let cut = 0;
  for (const part of hyphenate(head + tail)) {
    cut += part.length;
    if (cut === head.length) return true;
  }
  return false;
}

/**
 * Words broken at a line end joined back: a pair marked `mayContinue` is one word when that
 * word is written whole somewhere in either version of the document, or broken elsewhere in
 * the other (reflowed), or when neither half is a word found anywhere else — "ville" / "pour"
 * stays two words, "accompa" / "gner" and "amélio" / "rer" become one.
 */
export function joinBrokenWords(words: PageWord[], other: PageWord[]): PageWord[] {
  const whole = new Set<string>();
  for (const list of [words, other]) for (let i = 0; i < list.length; i++) if (!list[i]!.mayContinue && !list[i + 1]?.mayContinue) whole.add(list[i]!.text);
  const brokenIn = (list: PageWord[]) => {
    const found = new Map<string, Set<number>>();
    list.forEach((w, i) => {
      if (!w.mayContinue || !i) return;
      const joined = list[i - 1]!.text + w.text;
      found.set(joined, (found.get(joined) ?? new Set()).add(list[i - 1]!.text.length));
    });
    return found;
  };
  const mine = brokenIn(words);
  const theirs = brokenIn(other);
  const out: PageWord[] = [];
  for (const w of words) {
    const last = out.at(-1);
    const joined = last && w.mayContinue ? last.text + w.text : undefined;
    const elsewhere = joined && [...(theirs.get(joined) ?? [])].some((cut) => cut !== last!.text.length);
    const bare = (t: string) => t.replace(/\p{P}+$/u, '');
    const halvesUnknown = joined && !whole.has(bare(last!.text)) && !whole.has(bare(w.text));
    if (joined && (whole.has(joined) || whole.has(bare(joined)) || elsewhere || halvesUnknown) && mine.has(joined)) out[out.length - 1] = { text: joined, page: last!.page, box: last!.box, ...(w.page === last!.page ? { rest: w.box } : {}) };
    else out.push({ text: w.text, page: w.page, box: w.box });
  }
  return out;
}
