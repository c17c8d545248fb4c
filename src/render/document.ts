// React-PDF at work: a document element in, PDF bytes out, one render at a time. Loaded only
// when something is rendered (see ./index.ts).
import { cloneElement, createElement, type ReactElement } from 'react';
import { Font, pdf, renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
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

/** A document laid out, not yet written: its layout tree, and the PDF of that very layout when wanted. */
export interface LaidOut {
  root: unknown;
  write(): Promise<Buffer>;
}

/** The instance of `pdf()` with the patched methods (patches/README.md, @react-pdf/renderer). */
interface LayoutInstance {
  layout(): Promise<unknown>;
  toBuffer(layout?: unknown): Promise<NodeJS.ReadableStream>;
}

/**
 * Lay a document out without writing its PDF (a fitting step tries sizes and keeps one): the
 * PDF, when wanted, is written from that layout — the same bytes a render gives.
 */
export function layoutDocument(doc: ReactElement<DocumentProps>, lang: Lang): Promise<LaidOut> {
  const run = queue.then(async () => {
    registerFonts();
    Font.registerHyphenationCallback(hyphenationFor(lang));
    const instance = pdf(doc) as unknown as LayoutInstance;
    const root = await instance.layout();
    // Writing needs no hyphenation (the lines are set): it may run after other layouts.
    const write = async () => {
      const stream = await instance.toBuffer(root);
      return new Promise<Buffer>((ok, fail) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => ok(Buffer.concat(chunks)));
        stream.on('error', fail);
      });
    };
    return { root, write };
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
