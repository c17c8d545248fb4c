// Assemble a booklet: decide every page and its number before rendering. React-PDF has no
// page references (issue #479), so page numbers are known by construction: one page per
// card, contents rows of fixed height (templates/theme.ts `booklet`), so the contents'
// length follows from its entry count.
import type { BookletAction, ResolvedBooklet } from '../resolve/booklet.js';
import type { ResolvedSheet } from '../resolve/index.js';
import type { ResolvedFactsheet } from '../resolve/factsheet.js';
import type { CardBookmark } from '../../templates/CardSheet.js';
import { booklet as tokens, pageSizes, scale } from '../../templates/theme.js';

export type ContentsRow =
  | { kind: 'country'; name: string }
  | { kind: 'entry'; title: string; place: string; page: number; anchor: string };

export type BookletPage =
  | { kind: 'cover' }
  | { kind: 'introduction'; number: number }
  | { kind: 'contents'; number: number; first: boolean; rows: ContentsRow[] }
  | { kind: 'card'; number: number; sheet: ResolvedSheet; bodySize?: number; anchor: string; bookmark: CardBookmark; sectionBookmark?: CardBookmark }
  /** One of a factsheet's two pages; the first carries its anchor and outline entries. */
  | { kind: 'factsheet'; number: number; sheet: ResolvedFactsheet; page: 1 | 2; anchor?: string; bookmark?: CardBookmark; sectionBookmark?: CardBookmark }
  | { kind: 'blank'; number: number }
  | { kind: 'back'; number: number };

export interface BookletPlan {
  booklet: ResolvedBooklet;
  pages: BookletPage[];
}

export interface AssembleOptions {
  /** Pad with blank pages (before the back cover) to a multiple of 4, for saddle stitching. */
  padToFour?: boolean;
  /** Body size of each card, by action id, as chosen by the fitting step. */
  bodySizes?: Map<string, number>;
}

/** Rows per contents page: a country heading never ends a page without one of its entries. */
export function paginateContents(rows: ContentsRow[], firstCapacity: number, capacity: number): ContentsRow[][] {
  const height = (r: ContentsRow) => (r.kind === 'country' ? tokens.contents.countryRow : tokens.contents.entryRow);
  const pages: ContentsRow[][] = [[]];
  let room = firstCapacity;
  rows.forEach((row, i) => {
    const next = rows[i + 1];
    const needed = height(row) + (row.kind === 'country' && next ? height(next) : 0);
    if (needed > room && pages.at(-1)!.length > 0) {
      pages.push([]);
      room = capacity;
    }
    pages.at(-1)!.push(row);
    room -= height(row);
  });
  return pages;
}

/** Height available for contents rows on the first and the following contents pages. */
export function contentsCapacity(booklet: ResolvedBooklet): { first: number; other: number } {
  const s = scale();
  const body = pageSizes[booklet.pageSize].height - s.headerHeight - s.footerHeight - s.gap;
  return { first: body - tokens.contents.firstPageTop, other: body - tokens.contents.pageTop };
}

export function assembleBooklet(booklet: ResolvedBooklet, opts: AssembleOptions = {}): BookletPlan {
  const actions: BookletAction[] = booklet.countries.flatMap((c) => c.actions);
  const front = 1 + (booklet.introduction ? 1 : 0);
  // The contents rows do not depend on page numbers for their height: paginate them first.
  const factsheets = booklet.factsheets.items;
  const skeleton: ContentsRow[] = [
    ...booklet.countries.flatMap((c) => [
      { kind: 'country' as const, name: c.name },
      ...c.actions.map((a) => ({ kind: 'entry' as const, title: a.sheet.title, place: a.sheet.place, page: 0, anchor: a.anchor })),
    ]),
    // Factsheets (two pages each) follow the action sheets, under their own heading.
    ...(factsheets.length ? [{ kind: 'country' as const, name: booklet.factsheets.heading }] : []),
    ...factsheets.map((f) => ({ kind: 'entry' as const, title: f.sheet.title, place: f.sheet.coverage.place, page: 0, anchor: f.anchor })),
  ];
  const cap = contentsCapacity(booklet);
  const contentsPageCount = skeleton.length ? paginateContents(skeleton, cap.first, cap.other).length : 0;
  const firstCard = front + contentsPageCount + 1;
  const firstFactsheet = firstCard + actions.length;
  const pageOf = new Map([
    ...actions.map((a, i): [string, number] => [a.anchor, firstCard + i]),
    ...factsheets.map((f, i): [string, number] => [f.anchor, firstFactsheet + 2 * i]),
  ]);
  const rows = skeleton.map((r) => (r.kind === 'entry' ? { ...r, page: pageOf.get(r.anchor)! } : r));

  const pages: BookletPage[] = [{ kind: 'cover' }];
  if (booklet.introduction) pages.push({ kind: 'introduction', number: pages.length + 1 });
  if (skeleton.length) {
    paginateContents(rows, cap.first, cap.other).forEach((chunk, i) => pages.push({ kind: 'contents', number: pages.length + 1, first: i === 0, rows: chunk }));
  }
  for (const country of booklet.countries) {
    const ref = `country-${country.code}`;
    country.actions.forEach((a, i) => {
      pages.push({
        kind: 'card',
        number: pages.length + 1,
        sheet: a.sheet,
        bodySize: opts.bodySizes?.get(a.id),
        anchor: a.anchor,
        bookmark: { title: a.sheet.title, parent: ref },
        sectionBookmark: i === 0 ? { title: country.name, ref, expanded: true } : undefined,
      });
    });
  }
  const factsheetsRef = 'factsheets';
  factsheets.forEach((f, i) => {
    const bookmark = { title: f.sheet.title, parent: factsheetsRef };
    const section = i === 0 ? { title: booklet.factsheets.heading, ref: factsheetsRef, expanded: true } : undefined;
    pages.push({ kind: 'factsheet', number: pages.length + 1, sheet: f.sheet, page: 1, anchor: f.anchor, bookmark, sectionBookmark: section });
    pages.push({ kind: 'factsheet', number: pages.length + 1, sheet: f.sheet, page: 2 });
  });
  // Blank pages go before the back cover, never between sheets.
  if (opts.padToFour !== false) {
    while ((pages.length + 1) % 4 !== 0) pages.push({ kind: 'blank', number: pages.length + 1 });
  }
  pages.push({ kind: 'back', number: pages.length + 1 });
  return { booklet, pages };
}
