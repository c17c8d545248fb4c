// The design system: every colour, font, size and spacing the templates use.
// Sizes derive from one body size so the fitting step can scale a whole sheet evenly.

export const colours = {
  ink: '#1C2433',
  muted: '#556074',
  brand: '#17365D', // programme navy: header band, titles
  accent: '#0B8A99', // Mediterranean teal: rules, bullets, acronym
  tint: '#EDF2F7', // recommendations box
  rule: '#C9D3DF',
  white: '#FFFFFF',
  euBlue: '#003399', // Reflex Blue (EU emblem rules)
  euYellow: '#FFCC00',
  draft: '#B3261E',
} as const;

/**
 * Font families as registered by src/render/fonts.ts. Each is a list: the npm font
 * packages split a typeface by script, and React-PDF takes the first that has a glyph.
 */
export const fonts = {
  body: ['IBM Plex Sans', 'IBM Plex Sans Latin Ext'],
  condensed: ['IBM Plex Sans Condensed', 'IBM Plex Sans Latin Ext'],
  arabic: ['IBM Plex Sans Arabic', 'IBM Plex Sans', 'IBM Plex Sans Latin Ext'],
};

/** Page sizes in PostScript points (1/72 inch). */
export const pageSizes = {
  A4: { width: 595.28, height: 841.89 },
  'A4-landscape': { width: 841.89, height: 595.28 },
  LETTER: { width: 612, height: 792 },
} as const;

/**
 * Letter spacing of the spaced capitals (headings, labels), in em. Below 0.1 em: poppler
 * (pdftotext) and pdf.js read a gap of 0.1 em or more between letters as a word break, so a
 * search for "Objectifs" would not find "O B J E C T I F S".
 */
const CAPS_TRACKING = 0.075;
/** Letter spacing in points for text of `fontSize`, at most 0.09 em (see CAPS_TRACKING). */
export function tracking(fontSize: number, em: number = CAPS_TRACKING): number {
  return Math.round(fontSize * Math.min(em, 0.09) * 1000) / 1000;
}

export const DEFAULT_BODY_SIZE = 9.5;
/** The fitting step never goes below this (print legibility). */
export const MIN_BODY_SIZE = 7.5;
/** A short card's body text is set larger, up to this, so its page does not end in a blank third. */
export const MAX_BODY_SIZE = 11;

export function scale(body: number = DEFAULT_BODY_SIZE) {
  const k = body / DEFAULT_BODY_SIZE;
  return {
    body,
    leading: 1.38,
    margin: 36,
    headerHeight: 50,
    title: 20,
    subtitle: 11,
    place: 8,
    heading: 9,
    label: 7.5,
    /** Vertical rhythm: space between blocks, scaled with the text. */
    gap: 14 * k,
    smallGap: 6 * k,
    itemGap: 3.5 * k,
    columnGap: 16,
    tile: { number: 20, title: 6.5, code: 8.5, label: 8, minHeight: 64, gap: 6 },
    footerHeight: 58,
    emblemHeight: 26,
  };
}
export type Scale = ReturnType<typeof scale>;

/**
 * Partners of a card. Few and short, they stand in the footer beside the funding statement;
 * more (or long names) get their own row above the footer, wrapping onto a second line,
 * with smaller logos. A logo counts as `logoChars` characters of name.
 */
export const partnersLayout = {
  footerMax: 2,
  footerChars: 40,
  logoChars: 12,
  rowLogoHeight: 20,
  rowGap: 14,
} as const;

/**
 * The largest size each kind of picture is printed at, in points (partner and funder logos
 * in the footer, official SDG icons on the tiles). Images are downsampled to 300 dpi at this
 * size when they are resolved (src/resolve/images.ts): more pixels would only make the PDFs heavier.
 */
export const pictureSizes = {
  logo: { width: 52, height: 26 },
  icon: { width: 34, height: 34 },
} as const;

/**
 * The booklet's own pages (cover, introduction, contents, back cover). Contents rows have
 * fixed heights so src/assemble can know how many entries fit on a page, hence every page
 * number, before rendering.
 */
export const booklet = {
  coverBand: '#0F2A4A', // deeper navy behind the cover title
  coverAccent: '#8FD3DB', // light teal: cover subtitle, as in the header band's series line
  contents: {
    /** Space above the first row on a contents page (heading included on the first page). */
    firstPageTop: 112,
    pageTop: 30,
    countryRow: 30,
    entryRow: 40,
    titleSize: 10.5,
    placeSize: 7.5,
    numberSize: 11,
  },
  /** The page number of every booklet page (stamped on the sheets' pages when they are bound). */
  folio: { bottom: 12, size: 8, weight: 600 },
} as const;

/** The project factsheet's own sizes (templates/Factsheet.tsx); everything else comes from scale(). */
export const factsheet = {
  body: 9.5,
  title: 24,
  period: 10,
  sidebarWidth: 0.37, // share of the content width
  noteSize: 6.8,
  markerScale: 0.72, // footnote marker size relative to its text
  badge: 18, // Global Compact objective number square
  closingGap: 10,
  page2Air: 1.6, // space between the sections of the second page, in body gaps
} as const;

/**
 * `colour` blended towards white by `amount` (0–1), as an opaque colour: a thin light rule
 * on a coloured ground without transparency, which PDF/X-1a print files do not allow.
 */
export function tint(colour: string, amount: number): string {
  const n = parseInt(colour.slice(1), 16);
  const ch = (shift: number) => Math.round(((n >> shift) & 255) + (255 - ((n >> shift) & 255)) * amount);
  return `#${[16, 8, 0].map((s) => ch(s).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}
