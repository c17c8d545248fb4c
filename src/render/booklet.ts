// Render an assembled booklet as one React-PDF document (one <Page> per page: no
// auto-flow pagination, which is superlinear on long documents).
import { createElement, type ReactElement } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import type { BookletPlan } from '../assemble/booklet.js';
import { BookletDocument } from '../../templates/Booklet.js';
import { renderDocument } from './index.js';

export function renderBookletPlan(plan: BookletPlan): Promise<Buffer> {
  return renderDocument(createElement(BookletDocument, { plan }) as ReactElement<DocumentProps>, plan.booklet.lang);
}

/** Pages of a PDF written by React-PDF (pdfkit writes one uncompressed /Type /Page dictionary per page). */
export function countPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}
