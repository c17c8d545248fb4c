// React-PDF at work: a document element in, PDF bytes out, one render at a time. Loaded only
// when something is rendered (see ./index.ts).
import { cloneElement, createElement, type ReactElement } from 'react';
import { Font, renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import type { BookletPlan, ResolvedFactsheet, ResolvedSheet } from '../resolve/index.js';
import type { Lang } from '../text/index.js';
import { BookletPagesDocument, CardDocument, FactsheetDocument } from '../../templates/index.js';
import { registerFonts } from './fonts.js';
import { hyphenationFor } from './hyphenation.js';

let queue: Promise<unknown> = Promise.resolve();

/** Render one React-PDF document in the given language's hyphenation. */
export function renderDocument(doc: ReactElement<DocumentProps>, lang: Lang): Promise<Buffer> {
  // The hyphenation callback is global in React-PDF: renders are queued one after another.
  const run = queue.then(() => {
    registerFonts();
    Font.registerHyphenationCallback(hyphenationFor(lang));
    return renderToBuffer(doc);
  });
  queue = run.catch(() => undefined);
  return run;
}

export async function renderCard(sheet: ResolvedSheet, bodySize?: number): Promise<Buffer> {
  return renderDocument(createElement(CardDocument, { sheet, bodySize }) as ReactElement<DocumentProps>, sheet.lang);
}

/** A factsheet, with React-PDF's layout of its pages (for the checks of src/fit). */
export async function renderFactsheetLayout(sheet: ResolvedFactsheet): Promise<{ bytes: Buffer; root?: unknown }> {
  let root: unknown;
  const onRender = ((p: { _INTERNAL__LAYOUT__DATA_?: unknown }) => { root = p._INTERNAL__LAYOUT__DATA_; }) as DocumentProps['onRender'];
  const doc = cloneElement(FactsheetDocument({ sheet }) as ReactElement<DocumentProps>, { onRender });
  return { bytes: await renderDocument(doc, sheet.lang), root };
}

/** The booklet's own pages (cover, introduction, contents, blank pages, back cover) as one small document; the cards and factsheets are bound from their own PDFs. */
export function renderBookletPages(plan: BookletPlan): Promise<Buffer> {
  return renderDocument(createElement(BookletPagesDocument, { plan }) as ReactElement<DocumentProps>, plan.booklet.lang);
}
