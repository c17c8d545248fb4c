// Stage 4 — render: lay out resolved sheets with the React-PDF templates into PDF bytes.
import { createElement, type ReactElement } from 'react';
import { Font, renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import type { ResolvedSheet } from '../resolve/index.js';
import type { Lang } from '../schema/index.js';
import { CardDocument } from '../../templates/CardSheet.js';
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

export { countPages } from './pages.js';
