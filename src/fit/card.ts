// Fitting: a card must hold on one page. React-PDF never says when content is too long
// (it spills onto a second page, see NOTES.md), so this step measures each card and steps
// the body size, and with it every spacing the theme derives from it (src/design/theme.ts
// scale()), down by a fixed step until it fits, never below MIN_BODY_SIZE. The same size
// applies to the whole card, so its columns stay even.
//
// Measuring: the card's page is laid out once more with wrap={false}, which makes React-PDF
// grow the page to its content instead of paginating; the page height then tells exactly
// how many points are over. The layout tree reaches `onRender` as an internal field
// (_INTERNAL__LAYOUT__DATA_, @react-pdf/renderer 4.9.0, pinned), used here only to find
// the longest column for the message.
import type { ReactElement } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import type { ResolvedSheet } from '../resolve/index.js';
import { layoutDocument, textFields } from '../render/index.js';
import { startingSize } from './estimate.js';
import { layoutFaults, type LayoutDocument, type LayoutNode, type PictureField, type TextFault } from './layout.js';

import { CardDocument } from '../../templates/index.js';
import { DEFAULT_BODY_SIZE, MAX_BODY_SIZE, MIN_BODY_SIZE, pageSizes, scale } from '../design/index.js';

/** Sizes tried are DEFAULT_BODY_SIZE minus whole steps of this many points. */
export const FIT_STEP = 0.25;

const COLUMNS: Column[] = ['objective', 'activities', 'results'];

import { OverflowError, TextFaultError, type Column, type FittedCard } from './errors.js';

interface Layout {
  /** The PDF of this layout, written when the size is kept (a size tried and left costs no PDF). */
  write(): Promise<Buffer>;
  /** Height of the page: the page's own height when the card holds on it, more when it does not. */
  height: number;
  root: LayoutDocument;
}

async function renderCardLayout(sheet: ResolvedSheet, bodySize: number): Promise<Layout> {
  // CardDocument is a pure function component: calling it gives the element it stands for.
  const laid = await layoutDocument(CardDocument({ sheet, bodySize }) as ReactElement<DocumentProps>, sheet.lang);
  const root = laid.root as LayoutDocument | undefined;
  if (!root) throw new Error('React-PDF did not report its layout (was @react-pdf/renderer upgraded? see NOTES.md)');
  return { write: laid.write, height: root.children[0]?.box?.height ?? 0, root };
}

/** Natural height of the card's content at a body size (points), and the page it must fit. */
export async function measureCard(sheet: ResolvedSheet, bodySize: number): Promise<{ height: number; pageHeight: number; layout: Layout }> {
  const layout = await renderCardLayout(sheet, bodySize);
  return { height: layout.height, pageHeight: pageSizes[sheet.pageSize].height, layout };
}

const EPSILON = 0.01; // points: layout rounding
/**
 * How the body size governs the height it sets: as size^GROWTH (more lines, each taller; less
 * than the square because paragraphs end in part lines). Measured on the 45 cards in A4, A4
 * landscape and Letter: with these two values the first estimate is right or one step off.
 */
const GROWTH = 1.5;
/** An estimate within this many points of a step takes that step. */
const ROUNDING = 0.08;
/**
 * A short card is set larger only past this much room, in lines of body text, and keeps that
 * much: the columns end a little above the recommendations, as on a full card, instead of
 * leaving the bottom third blank (issue 25), and a card a line short does not change size.
 */
const RESERVE_LINES = 3;
/** Sizes tried, largest first: MAX_BODY_SIZE down to MIN_BODY_SIZE by FIT_STEP. */
const sizes = (): number[] => {
  const out: number[] = [];
  for (let s = MAX_BODY_SIZE; s >= MIN_BODY_SIZE - 1e-9; s -= FIT_STEP) out.push(Math.round(s * 100) / 100);
  return out;
};

/**
 * The body size (MIN_BODY_SIZE to MAX_BODY_SIZE by FIT_STEP) at which the card fills its
 * page best, and the card rendered at it; OverflowError when none holds.
 *
 * A size is right for a card when the card holds on its page at it and, above
 * DEFAULT_BODY_SIZE, keeps RESERVE_LINES of room (a short card is set larger, but its columns
 * still end a little above the recommendations, as on a full card). The best size is the
 * largest right one.
 *
 * A card is laid out on a page that grows with its content (templates/CardSheet.tsx), so
 * one layout says whether it holds and, if not, by how many points it is over. The first size
 * tried is the one the card's text suggests (./estimate.ts; for most cards the one it ends
 * at, so one layout fits them). From each layout the next size is estimated (what the body size
 * governs — the three columns and the recommendations — grows as size^GROWTH): smaller when
 * the card is over its page or short of its reserve, larger when it has room, never at or
 * past a size already seen; the search ends at a right size whose room says one step larger
 * would not be right (a line more in one bullet can tip it: only a layout can tell).
 */
export async function fitCard(sheet: ResolvedSheet): Promise<FittedCard> {
  const pageHeight = pageSizes[sheet.pageSize].height;
  const candidates = sizes();
  const start = candidates.indexOf(DEFAULT_BODY_SIZE);
  const reserve = RESERVE_LINES * DEFAULT_BODY_SIZE * scale().leading;
  // Room to keep at candidates[k]: the reserve above the default size, a point at or below it.
  const keepAt = (k: number) => (k < start ? reserve : 1);
  const right = (l: Layout, i: number) => l.height <= pageHeight + EPSILON && (i >= start || slack(sheet, l.root) >= reserve);
  // Over its page or short of its reserve: the largest step at or below a size estimated to
  // take away what is missing (with the reserve while above the default size).
  const smaller = (l: Layout, i: number) => {
    const v = scaledHeight(sheet, l.root);
    const over = Math.max(0, l.height - pageHeight);
    const free = over > EPSILON ? 0 : slack(sheet, l.root);
    const sizeFor = (missing: number) => (v > missing ? candidates[i]! * ((v - missing) / v) ** (1 / GROWTH) : 0);
    let size = sizeFor(over + reserve - free);
    if (size < DEFAULT_BODY_SIZE) size = Math.min(DEFAULT_BODY_SIZE, sizeFor(over));
    const k = candidates.findIndex((c) => c <= size + ROUNDING);
    return Math.min(candidates.length - 1, Math.max(i + 1, k === -1 ? candidates.length - 1 : k));
  };
  // Right with room to spare: the largest step estimated to grow into it, keeping what it must.
  const larger = (l: Layout, i: number) => {
    const room = slack(sheet, l.root);
    const v = scaledHeight(sheet, l.root);
    let k = i;
    while (k > 0 && v * ((candidates[k - 1]! / candidates[i]!) ** GROWTH - 1) < room - keepAt(k - 1)) k--;
    return k;
  };
  const tried = new Map<number, Layout>();
  let best: number | undefined; // the largest size seen right (its index)
  let wrong = -1; // the smallest size seen wrong above it (its index)
  let i = candidates.indexOf(startingSize(sheet, candidates, reserve));
  for (;;) {
    const card = await renderCardLayout(sheet, candidates[i]!);
    tried.set(i, card);
    if (right(card, i)) {
      best = i;
      const k = Math.max(larger(card, i), wrong + 1);
      if (k >= i) return accept(sheet, candidates[i]!, card, tried.size);
      i = k;
    } else {
      if (i === candidates.length - 1) throw overflowAt(sheet, candidates[i]!, card);
      wrong = i;
      const k = smaller(card, i);
      if (best !== undefined && k >= best) return accept(sheet, candidates[best]!, tried.get(best)!, tried.size);
      i = k;
    }
  }
}

/**
 * What the body size governs on a card, in points: the tallest column's content and the
 * recommendations box (everything else — title, tiles, footer — keeps its size).
 */
function scaledHeight(sheet: ResolvedSheet, root: LayoutDocument): number {
  const tops = columnTops(sheet, root);
  const bottoms = columnBottoms(sheet, root);
  let tallest = 0;
  for (const [c, bottom] of bottoms) tallest = Math.max(tallest, bottom - (tops.get(c) ?? bottom));
  return tallest + recommendationsHeight(sheet, root);
}

/**
 * Room a card has left at a body size, in points and in lines of body text: what the
 * tallest column may still grow (negative when the card is over its page by that much).
 * Tells translators roughly how much longer their text may get (brochure translate export).
 */
export async function roomLeft(sheet: ResolvedSheet, bodySize: number): Promise<{ points: number; lines: number }> {
  const layout = await renderCardLayout(sheet, bodySize);
  const pageHeight = pageSizes[sheet.pageSize].height;
  const points = layout.height > pageHeight + EPSILON ? pageHeight - layout.height : slack(sheet, layout.root);
  const s = scale(bodySize);
  return { points, lines: Math.floor(points / (s.body * s.leading)) };
}

/** Points between the tallest column's content and the end of the columns' row (room to grow). */
function slack(sheet: ResolvedSheet, root: LayoutDocument): number {
  const bottoms = columnBottoms(sheet, root);
  const rowBottom = columnRowBottom(sheet, root);
  if (rowBottom === undefined || !bottoms.size) return 0;
  return rowBottom - Math.max(...bottoms.values());
}

/** A one-page layout is kept unless some text in it was cut off or runs off the page; then its PDF is written. */
async function accept(sheet: ResolvedSheet, bodySize: number, card: Layout, renders: number): Promise<FittedCard> {
  const faults = textFaults(sheet, card.root);
  if (faults.length) throw new TextFaultError(sheet.id, sheet.lang, faults);
  return { bodySize, bytes: await card.write(), renders, titleLines: linesOf(card.root, sheet.title), fill: fillOf(sheet, card.root) };
}

/** How full the columns' row is: the tallest column's content over the row's height (0 to 1), for the studio's gauge. */
function fillOf(sheet: ResolvedSheet, root: LayoutDocument): number | undefined {
  const tops = [...columnTops(sheet, root).values()];
  const bottoms = [...columnBottoms(sheet, root).values()];
  const rowBottom = columnRowBottom(sheet, root);
  if (rowBottom === undefined || !tops.length) return undefined;
  const top = Math.min(...tops);
  return Math.round(Math.min(1, Math.max(0, (Math.max(...bottoms) - top) / (rowBottom - top))) * 1000) / 1000;
}

function overflowAt(sheet: ResolvedSheet, bodySize: number, layout: Layout): OverflowError {
  const pageHeight = pageSizes[sheet.pageSize].height;
  const height = layout.height;
  const over = Math.max(0, height - pageHeight);
  const s = scale(bodySize);
  const lines = Math.max(1, Math.ceil(over / (s.body * s.leading)));
  const bottoms = columnBottoms(sheet, layout.root);
  const longest = longestOf(bottoms);
  // A column whose content ends within `over` of the longest one's end is too long as well:
  // it would still overflow once the longest is cut.
  const lineHeight = s.body * s.leading;
  const deepest = longest ? bottoms.get(longest)! : 0;
  const columns = [...bottoms]
    .map(([column, bottom]) => ({ column, heading: sheet[column].heading, overLines: Math.ceil((bottom - (deepest - over)) / lineHeight) }))
    .filter((c) => c.overLines > 0)
    .sort((a, b) => b.overLines - a.overLines);
  return new OverflowError(sheet.id, sheet.lang, longest, longest ? sheet[longest].heading : undefined, over, lines, columns);
}

function longestOf(bottoms: Map<Column, number>): Column | undefined {
  let best: Column | undefined;
  for (const [c, b] of bottoms) if (best === undefined || b > bottoms.get(best)!) best = c;
  return best;
}

/** Each column on the page (points from the top): its top, how low its content reaches, and the end of the columns' row. */
function columnGeometry(sheet: ResolvedSheet, root: LayoutDocument): Map<Column, { top: number; bottom: number; rowBottom: number }> {
  const text = (n: LayoutNode) => given(n).trim().toLowerCase();
  const found = new Map<Column, { top: number; bottom: number; rowBottom: number }>();
  // Lowest point of a node's content. A container's own box is not used: a stretched one
  // reaches the page bottom whatever it holds.
  const bottomOf = (n: LayoutNode, top: number): number => {
    const y = top + (n.box?.top ?? 0);
    if (n.type === 'TEXT' || !n.children?.length) return y + (n.box?.height ?? 0);
    return Math.max(...n.children.map((c) => bottomOf(c, y)));
  };
  const walk = (n: LayoutNode, top: number, ancestors: { node: LayoutNode; top: number }[]) => {
    const y = top + (n.box?.top ?? 0);
    if (n.type === 'TEXT') {
      const t = text(n);
      const column = COLUMNS.find((c) => sheet[c].heading.trim().toLowerCase() === t);
      const holder = ancestors[ancestors.length - 2]; // heading text → heading view → column
      const row = ancestors[ancestors.length - 3]; // column → the columns' row
      if (column && holder && row && !found.has(column)) {
        found.set(column, { top: holder.top, bottom: bottomOf(holder.node, holder.top - (holder.node.box?.top ?? 0)), rowBottom: row.top + (row.node.box?.height ?? 0) });
      }
      return;
    }
    for (const c of n.children ?? []) walk(c, y, [...ancestors, { node: n, top: y }]);
  };
  for (const page of root.children) walk(page, 0, []);
  return found;
}

/** How low each column's content reaches on the page (points from the top). */
function columnBottoms(sheet: ResolvedSheet, root: LayoutDocument): Map<Column, number> {
  return new Map([...columnGeometry(sheet, root)].map(([c, g]) => [c, g.bottom]));
}

function columnTops(sheet: ResolvedSheet, root: LayoutDocument): Map<Column, number> {
  return new Map([...columnGeometry(sheet, root)].map(([c, g]) => [c, g.top]));
}

function columnRowBottom(sheet: ResolvedSheet, root: LayoutDocument): number | undefined {
  return [...columnGeometry(sheet, root).values()][0]?.rowBottom;
}

/** Height of the recommendations box (found by its heading), 0 when the card has none. */
function recommendationsHeight(sheet: ResolvedSheet, root: LayoutDocument): number {
  const heading = sheet.recommendations.heading.trim().toLowerCase();
  let height = 0;
  const walk = (n: LayoutNode, parent?: LayoutNode) => {
    if (n.type === 'TEXT') {
      if (given(n).trim().toLowerCase() === heading && parent) height = parent.box?.height ?? 0;
      return;
    }
    for (const c of n.children ?? []) walk(c, n);
  };
  for (const page of root.children) walk(page);
  return height;
}

/**
 * Every text or picture of the card that React-PDF cut off, placed past the page's edge or
 * margins, or drew over another (./layout.ts), named by its field in the record.
 */
export function textFaults(sheet: ResolvedSheet, root: LayoutDocument): TextFault[] {
  const pictures: PictureField[] = [
    ...sheet.partners.items.flatMap((p, i) => (p.logo?.kind === 'raster' ? [{ source: p.logo.image, path: ['partners', i, 'logo'], label: `the logo of ${p.name}` }] : [])),
    ...sheet.targets.flatMap((t, i) => (t.icon?.kind === 'raster' ? [{ source: t.icon.image, path: ['targets', i], label: `the icon of goal ${t.goal}` }] : [])),
  ];
  return layoutFaults(root, pageSizes[sheet.pageSize], scale().margin, textFields(sheet), pictures);
}

/**
 * The text a TEXT node was given, in logical order (its laid-out lines hold right-to-left
 * text in visual order, so an Arabic heading would not be found in them).
 */
const given = (n: LayoutNode): string => (n.children ?? []).map((c) => (c.type === 'TEXT_INSTANCE' ? c.value ?? '' : given(c))).join('');

/** How many lines React-PDF set a text in (the first text node holding exactly it). */
export function linesOf(root: LayoutDocument, text: string): number | undefined {
  const squeeze = (t: string) => t.replace(/[\s\u00AD\-\u2010\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
  const find = (n: LayoutNode): number | undefined => {
    if (n.type === 'TEXT') return squeeze(given(n)) === squeeze(text) ? n.lines?.length : undefined;
    for (const c of n.children ?? []) {
      const found = find(c);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const p of root.children) {
    const found = find(p);
    if (found !== undefined) return found;
  }
  return undefined;
}
