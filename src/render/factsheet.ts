// Render a resolved factsheet to PDF bytes with templates/Factsheet.tsx.
import { cloneElement, createElement, type ReactElement } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import type { ResolvedFactsheet } from '../resolve/factsheet.js';
import { FactsheetDocument } from '../../templates/Factsheet.js';
import { renderDocument } from './index.js';

export function renderFactsheet(sheet: ResolvedFactsheet): Promise<Buffer> {
  return renderDocument(createElement(FactsheetDocument, { sheet }) as ReactElement<DocumentProps>, sheet.lang);
}

/** The same, with React-PDF's layout of its pages (for the checks of src/fit/layout.ts). */
export async function renderFactsheetLayout(sheet: ResolvedFactsheet): Promise<{ bytes: Buffer; root?: unknown }> {
  let root: unknown;
  const onRender = ((p: { _INTERNAL__LAYOUT__DATA_?: unknown }) => { root = p._INTERNAL__LAYOUT__DATA_; }) as DocumentProps['onRender'];
  const doc = cloneElement(FactsheetDocument({ sheet }) as ReactElement<DocumentProps>, { onRender });
  return { bytes: await renderDocument(doc, sheet.lang), root };
}
