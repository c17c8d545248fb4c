// Render a resolved factsheet to PDF bytes with templates/Factsheet.tsx.
import { createElement, type ReactElement } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import type { ResolvedFactsheet } from '../resolve/factsheet.js';
import { FactsheetDocument } from '../../templates/Factsheet.js';
import { renderDocument } from './index.js';

export function renderFactsheet(sheet: ResolvedFactsheet): Promise<Buffer> {
  return renderDocument(createElement(FactsheetDocument, { sheet }) as ReactElement<DocumentProps>, sheet.lang);
}
