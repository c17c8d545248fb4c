// Render the booklet's own pages (cover, introduction, contents, blank pages, back cover) as
// one small React-PDF document; the cards and factsheets are bound from their own PDFs.
import { createElement, type ReactElement } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import type { BookletPlan } from '../resolve/bookletPlan.js';
import { BookletPagesDocument } from '../../templates/Booklet.js';
import { renderDocument } from './index.js';

export function renderBookletPages(plan: BookletPlan): Promise<Buffer> {
  return renderDocument(createElement(BookletPagesDocument, { plan }) as ReactElement<DocumentProps>, plan.booklet.lang);
}
