// The booklet's page plan, decided before anything is rendered: which page is what and its
// number. React-PDF has no page references (issue #479), so page numbers are known by
// construction: one page per card, two per factsheet, contents rows of fixed height
// (src/design/theme.ts `booklet`), so the contents' length follows from its entry count.
// The booklet's own pages (cover, introduction, contents, blank pages, back cover) are then
// rendered from this plan (src/render) and bound with the sheets' PDFs
// (src/assemble).
import { coverGoals, type ResolvedBooklet } from './booklet.js';
import { booklet as tokens, pageSizes, scale } from '../design/index.js';

/** An outline entry: `ref` names a section entry, `parent` puts an entry under one. */
interface Bookmark {
  title: string;
  expanded?: boolean;
  ref?: string;
  parent?: string;
}

export type ContentsRow =
  | { kind: 'country'; name: string }
  | { kind: 'entry'; title: string; place: string; page: number; anchor: string };

export type BookletPage =
  | { kind: 'cover' }
  | { kind: 'introduction'; number: number }
  | { kind: 'contents'; number: number; first: boolean; rows: ContentsRow[] }
  /** A card: the page of its single sheet (`id` in the booklet's language). */
  | { kind: 'card'; number: number; id: string; anchor: string; bookmark: Bookmark; sectionBookmark?: Bookmark }
  /** One of a factsheet's two pages; the first carries the outline entries. */
  | { kind: 'factsheet'; number: number; id: string; page: 1 | 2; anchor: string; bookmark?: Bookmark; sectionBookmark?: Bookmark }
  | { kind: 'blank'; number: number }
  | { kind: 'back'; number: number };

/** What the booklet's own pages show: everything but the sheets themselves. */
export type BookletFrontMatter = Omit<ResolvedBooklet, 'countries' | 'factsheets'> & {
  /** The countries on the cover, each with its cities. */
  countries: { code: string; name: string; cities: string[] }[];
  /** The goals of the booklet's targets, for the cover's strip, and its heading. */
  goals: { goal: number; colour: string }[];
  goalsHeading?: string;
};

export interface BookletPlan {
  booklet: BookletFrontMatter;
  pages: BookletPage[];
}

export interface PlanOptions {
  /** Pad with blank pages (before the back cover) to a multiple of 4, for saddle stitching. */
  padToFour?: boolean;
}

/** Rows per contents page: a country heading never ends a page without one of its entries. */
function paginateContents(rows: ContentsRow[], firstCapacity: number, capacity: number): ContentsRow[][] {
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
function contentsCapacity(booklet: ResolvedBooklet): { first: number; other: number } {
  const s = scale();
  const body = pageSizes[booklet.pageSize].height - s.headerHeight - s.footerHeight - s.gap;
  return { first: body - tokens.contents.firstPageTop, other: body - tokens.contents.pageTop };
}

export function planBooklet(booklet: ResolvedBooklet, opts: PlanOptions = {}): BookletPlan {
  const actions = booklet.countries.flatMap((c) => c.actions);
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
        id: a.id,
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
    pages.push({ kind: 'factsheet', number: pages.length + 1, id: f.id, page: 1, anchor: f.anchor, bookmark, sectionBookmark: section });
    pages.push({ kind: 'factsheet', number: pages.length + 1, id: f.id, page: 2, anchor: f.anchor });
  });
  // Blank pages go before the back cover, never between sheets.
  if (opts.padToFour !== false) {
    while ((pages.length + 1) % 4 !== 0) pages.push({ kind: 'blank', number: pages.length + 1 });
  }
  pages.push({ kind: 'back', number: pages.length + 1 });
  const { countries, factsheets: _factsheets, ...wording } = booklet;
  return {
    booklet: {
      ...wording,
      countries: countries.map((c) => ({ code: c.code, name: c.name, cities: unique(c.actions.flatMap((a) => a.sheet.cities)) })),
      goals: coverGoals(countries),
      goalsHeading: countries[0]?.actions[0]?.sheet.sdgHeading,
    },
    pages,
  };
}

function unique(xs: string[]): string[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}
