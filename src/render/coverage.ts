// Characters the fonts lack. React-PDF draws a character no registered font has with
// Helvetica, which is not embedded, or as a blank box (see NOTES.md): emoji, CJK and stray
// control characters are found here, before rendering, and reported with their field.
import type { ResolvedSheet } from '../resolve/index.js';
import { fonts } from '../design/index.js';
import { fontFiles } from '../design/index.js';

interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
/**
 * fontkit, loaded on first use (a fully cached build checks no glyphs): its ES module, the one
 * React-PDF lays the text out with (its CommonJS build would be a second copy to load, 45 ms).
 * Its name is in a variable: fontkit ships no type declarations (the shape used is declared above).
 */
let fontkit: { openSync(path: string): FontkitFont } | undefined;
const fontkitModule = 'fontkit';

/**
 * Handled by React-PDF without a glyph: line breaks, the soft hyphens of hyphenation, and
 * the bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates), which set the order of
 * right-to-left text and are then removed (patches/README.md, textkit).
 */
const NO_GLYPH_NEEDED = new Set([0x0a, 0xad, 0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

const opened = new Map<string, FontkitFont>();
/** The regular weight of each family in the list: the weights share one character set. */
async function familyFonts(families: readonly string[]): Promise<FontkitFont[]> {
  fontkit ??= (await import(fontkitModule)) as { openSync(path: string): FontkitFont };
  return fontFiles()
    .filter((f) => families.includes(f.family) && f.fontWeight === 400 && !f.fontStyle)
    .map((f) => {
      if (!opened.has(f.src)) opened.set(f.src, fontkit!.openSync(f.src));
      return opened.get(f.src)!;
    });
}

export interface MissingGlyph {
  /** Where the text is in the action's record: ['fr', 'activities', 2] is fr.activities[3]. */
  path: PropertyKey[];
  /** The data file it comes from when not the action's own record. */
  source?: string;
  codePoint: number;
  /** One line describing the character, e.g. `"😀" (U+1F600)` or `control character U+0007`. */
  character: string;
}

export type TextField = { path: PropertyKey[]; source?: string; text: string };

/** The text fields of a sheet, with where they are written in the data. */
export function textFields(sheet: ResolvedSheet): TextField[] {
  const l = sheet.lang;
  const out: TextField[] = [
    { path: [l, 'title'], text: sheet.title },
    { path: [l, 'subtitle'], text: sheet.subtitle ?? '' },
    { path: ['acronym'], text: sheet.acronym ?? '' },
    ...sheet.cities.map((c, i) => ({ path: ['cities', i], text: c })),
    { path: ['country'], source: 'data/catalogues/countries.yaml', text: sheet.country },
    ...sheet.objective.paragraphs.map((p) => ({ path: [l, 'objective'], text: p })),
    ...sheet.activities.items.map((t, i) => ({ path: [l, 'activities', i], text: t })),
    ...sheet.results.items.map((t, i) => ({ path: [l, 'results', i], text: t })),
    ...sheet.partners.items.map((p, i) => ({ path: ['partners', i, 'name'], text: p.name })),
    ...sheet.targets.flatMap((t, i) => [
      { path: ['targets', i], source: 'data/catalogues/sdg-targets.yaml', text: t.label },
      { path: ['targets', i], source: 'data/catalogues/sdg-goals.yaml', text: t.goalTitle },
    ]),
    ...sheet.recommendations.items.map((t, i) => ({ path: ['recommendations', i], source: 'data/catalogues/recommendations.yaml', text: t })),
  ];
  const wording: [string, string | undefined][] = [
    ['programme', sheet.programme], ['series', sheet.series], ['sdg_heading', sheet.sdgHeading],
    ['columns.objective', sheet.objective.heading], ['columns.activities', sheet.activities.heading], ['columns.results', sheet.results.heading],
    ['recommendations_heading', sheet.recommendations.heading], ['partners_heading', sheet.partners.heading],
    ['funding_statement', sheet.fundingStatement], ['draft_mark', sheet.draftMark],
  ];
  for (const [key, text] of wording) if (text) out.push({ path: [l], source: `data/programme.yaml (languages.${l}.${key})`, text });
  return out.filter((f) => f.text);
}

function describeCharacter(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return `control character ${code}`;
  if (cp === 0xfffd) return `"\uFFFD" (${code}, a character lost in an encoding conversion)`;
  return `"${String.fromCodePoint(cp)}" (${code})`;
}

/** Every character of the sheet's text that none of the fonts its text is set in can draw. */
export function missingGlyphs(sheet: ResolvedSheet): Promise<MissingGlyph[]> {
  return missingIn(textFields(sheet), sheet.direction);
}

/** Not printed as text: identifiers, settings, links' targets, the PDF's metadata. */
const NOT_TEXT = new Set(['id', 'lang', 'direction', 'pageSize', 'template', 'colour', 'url', 'metadata', 'picture', 'logo', 'icon']);

/**
 * The same for any other resolved document (a factsheet, …): every string it holds, named by
 * its path in the document down to the first list item, e.g. fr.context.paragraphs[2].
 */
export function missingGlyphsInDocument(doc: { lang: string; direction?: 'ltr' | 'rtl' }): Promise<MissingGlyph[]> {
  return missingIn(documentTextFields(doc), doc.direction ?? 'ltr');
}

/** Every string a resolved document prints, by its path in the document (cut at the first list item). */
export function documentTextFields(doc: { lang: string }): TextField[] {
  const texts: TextField[] = [];
  const walk = (v: unknown, path: PropertyKey[], cut: boolean) => {
    if (typeof v === 'string') texts.push({ path, text: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, cut ? path : [...path, i], true));
    else if (v && typeof v === 'object' && !(v instanceof Uint8Array) && !(v instanceof Date)) {
      for (const [k, x] of Object.entries(v)) if (!NOT_TEXT.has(k)) walk(x, cut ? path : [...path, k], cut);
    }
  };
  walk(doc, [doc.lang], false);
  return texts;
}

async function missingIn(fields: TextField[], direction: 'ltr' | 'rtl'): Promise<MissingGlyph[]> {
  const set = await familyFonts(direction === 'rtl' ? fonts.arabic : fonts.body);
  // U+FFFD stands for a lost character: never printed, whatever the fonts have.
  const covered = (cp: number) => NO_GLYPH_NEEDED.has(cp) || (cp >= 0x20 && cp !== 0xfffd && set.some((f) => f.hasGlyphForCodePoint(cp)));
  const out: MissingGlyph[] = [];
  for (const { path, source, text } of fields) {
    const seen = new Set<number>();
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (seen.has(cp) || covered(cp)) continue;
      seen.add(cp);
      out.push({ path, source, codePoint: cp, character: describeCharacter(cp) });
    }
  }
  return out;
}

/** One message per field for the characters missing there, naming the fonts. */
export function missingGlyphMessage(missing: MissingGlyph[], sheet: { direction?: 'ltr' | 'rtl' }): string {
  const family = (sheet.direction === 'rtl' ? fonts.arabic : fonts.body)[0];
  const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfffd;
  const controls = missing.filter((m) => isControl(m.codePoint));
  const others = missing.filter((m) => !isControl(m.codePoint));
  const parts: string[] = [];
  if (controls.length) parts.push(`${controls.map((m) => m.character).join(', ')} cannot be printed: remove ${controls.length === 1 ? 'it' : 'them'}`);
  if (others.length) {
    const one = others.length === 1;
    parts.push(`${others.map((m) => m.character).join(', ')} ${one ? 'is' : 'are'} not in the ${family} fonts and would print as ${one ? 'a blank box' : 'blank boxes'} or in an unembedded font: remove or replace ${one ? 'it' : 'them'}`);
  }
  const source = missing[0]?.source;
  return parts.join('; ') + (source ? ` (text from ${source})` : '');
}
