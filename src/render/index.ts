// Stage 4 — render: lay out resolved documents with the React-PDF templates into PDF bytes,
// and what must be known before: the characters the fonts cannot draw. React-PDF and the
// templates are loaded on the first render (./document.ts), so a build served from the
// cache, or a glyph check, never loads them.
import type { ReactElement } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import type { BookletPlan, ResolvedFactsheet, ResolvedSheet } from '../resolve/index.js';
import type { Lang } from '../text/index.js';

export { countPages } from './pages.js';
export { hyphenationFor } from './hyphenation.js';
export { missingGlyphs, missingGlyphsInDocument, missingGlyphMessage, textFields, documentTextFields, type MissingGlyph, type TextField } from './coverage.js';

const renderer = () => import('./document.js');

/** Render one React-PDF document (a template's element) in the hyphenation of its language. */
export async function renderDocument(doc: ReactElement<DocumentProps>, lang: Lang): Promise<Buffer> {
  return (await renderer()).renderDocument(doc, lang);
}

export async function renderCard(sheet: ResolvedSheet, bodySize?: number): Promise<Buffer> {
  return (await renderer()).renderCard(sheet, bodySize);
}

/** A document laid out without writing its PDF; `write()` gives the PDF of that layout (the fitting step). */
export async function layoutDocument(doc: ReactElement<DocumentProps>, lang: Lang): Promise<{ root: unknown; write(): Promise<Buffer> }> {
  return (await renderer()).layoutDocument(doc, lang);
}

export async function renderFactsheetLayout(sheet: ResolvedFactsheet): Promise<{ bytes: Buffer; root?: unknown }> {
  return (await renderer()).renderFactsheetLayout(sheet);
}

export async function renderBookletPages(plan: BookletPlan): Promise<Buffer> {
  return (await renderer()).renderBookletPages(plan);
}
