// Fitting: a card must hold on one page. React-PDF never says when content is too long
// (it spills onto a second page, see NOTES.md), so this step measures each card and steps
// the body size, and with it every spacing the theme derives from it (templates/theme.ts
// scale()), down by a fixed step until it fits, never below MIN_BODY_SIZE. The same size
// applies to the whole card, so its columns stay even.
//
// Measuring: the card's page is laid out once more with wrap={false}, which makes React-PDF
// grow the page to its content instead of paginating; the page height then tells exactly
// how many points are over. The layout tree reaches `onRender` as an internal field
// (_INTERNAL__LAYOUT__DATA_, @react-pdf/renderer 4.9.0, pinned), used here only to find
// the longest column for the message.
import { cloneElement, type ReactElement } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import type { ResolvedSheet } from '../resolve/index.js';
import { renderDocument } from '../render/index.js';
import { textFields } from '../render/coverage.js';
import { layoutFaults, type LayoutDocument, type LayoutNode, type PictureField, type TextFault } from './layout.js';

export type { TextFault } from './layout.js';
import { CardDocument, CardPage } from '../../templates/CardSheet.js';
import { DEFAULT_BODY_SIZE, MIN_BODY_SIZE, pageSizes, scale } from '../../templates/theme.js';

/** Sizes tried are DEFAULT_BODY_SIZE minus whole steps of this many points. */
export const FIT_STEP = 0.25;

const COLUMNS: Column[] = ['objective', 'activities', 'results'];

export { MAX_TITLE_LINES, OverflowError, TextFaultError, type Column, type FittedCard } from './errors.js';
import { OverflowError, TextFaultError, type Column, type FittedCard } from './errors.js';

interface Layout {
  bytes: Buffer;
  pages: number;
  /** Height of the first page: the natural content height when rendered unwrapped. */
  height: number;
  root: LayoutDocument;
}

async function renderCardLayout(sheet: ResolvedSheet, bodySize: number, unwrapped: boolean): Promise<Layout> {
  let root: LayoutDocument | undefined;
  // onRender's declared type omits the internal field; it is there in 4.9.0.
  const onRender = ((p: { _INTERNAL__LAYOUT__DATA_?: LayoutDocument }) => { root = p._INTERNAL__LAYOUT__DATA_; }) as DocumentProps['onRender'];
  // CardDocument and CardPage are pure function components: calling them gives the elements
  // they stand for, which can be cloned with the extra props this step needs.
  const documentEl = CardDocument({ sheet, bodySize }) as ReactElement<DocumentProps>;
  const pageEl = CardPage({ sheet, bodySize }) as ReactElement<{ wrap?: boolean }>;
  const doc: ReactElement<DocumentProps> = unwrapped
    ? cloneElement(documentEl, { onRender }, cloneElement(pageEl, { wrap: false }))
    : cloneElement(documentEl, { onRender });
  const bytes = await renderDocument(doc, sheet.lang);
  if (!root) throw new Error('React-PDF did not report its layout (was @react-pdf/renderer upgraded? see NOTES.md)');
  return { bytes, pages: root.children.length, height: root.children[0]?.box?.height ?? 0, root };
}

/** Natural height of the card's content at a body size (points), and the page it must fit. */
export async function measureCard(sheet: ResolvedSheet, bodySize: number): Promise<{ height: number; pageHeight: number; layout: Layout }> {
  const layout = await renderCardLayout(sheet, bodySize, true);
  return { height: layout.height, pageHeight: pageSizes[sheet.pageSize].height, layout };
}

const EPSILON = 0.01; // points: layout rounding
const sizes = (): number[] => {
  const out: number[] = [];
  for (let s = DEFAULT_BODY_SIZE; s >= MIN_BODY_SIZE - 1e-9; s -= FIT_STEP) out.push(Math.round(s * 100) / 100);
  return out;
};

/**
 * The largest body size (DEFAULT_BODY_SIZE down to MIN_BODY_SIZE by FIT_STEP) at which the
 * card holds on one page, and the card rendered at it. Throws OverflowError otherwise.
 * Most cards fit at the first try: one render. Otherwise the size is guessed from two
 * measurements (content height is close to linear in the body size over this range) and
 * the card rendered at the guess, then one size up or down if needed: four or five renders.
 */
export async function fitCard(sheet: ResolvedSheet): Promise<FittedCard> {
  let renders = 1;
  const first = await renderCardLayout(sheet, DEFAULT_BODY_SIZE, false);
  if (first.pages === 1) return accept(sheet, DEFAULT_BODY_SIZE, first, renders);

  const candidates = sizes();
  const known = new Map<number, number>(); // body size → natural height
  const pageHeight = pageSizes[sheet.pageSize].height;
  const measure = async (size: number) => {
    if (!known.has(size)) {
      renders++;
      known.set(size, (await measureCard(sheet, size)).height);
    }
    return known.get(size)!;
  };
  const fits = async (size: number) => (await measure(size)) <= pageHeight + EPSILON;

  const floor = candidates[candidates.length - 1];
  if (candidates.length < 2 || !(await fits(floor))) throw await overflowAt(sheet, floor);
  const top = await measure(DEFAULT_BODY_SIZE);
  const bottom = known.get(floor)!;
  // Linear guess between the floor and the default size, rounded down to a step.
  const guess = top > bottom ? floor + ((pageHeight - bottom) / (top - bottom)) * (DEFAULT_BODY_SIZE - floor) : floor;
  let i = candidates.findIndex((s) => s <= guess + 1e-9);
  if (i === -1) i = candidates.length - 1;
  i = Math.max(1, i); // the default size is known not to fit
  // Render at the guess: the render that fits is the one kept. Then walk: down while it
  // does not fit, up while the next larger size measures as fitting.
  const paginatedFails = new Set<number>();
  for (;;) {
    const bodySize = candidates[i];
    const card = await renderCardLayout(sheet, bodySize, false);
    renders++;
    if (card.pages === 1) {
      const larger = candidates[i - 1];
      if (i > 1 && !paginatedFails.has(larger) && (await fits(larger))) {
        i--;
        continue;
      }
      return accept(sheet, bodySize, card, renders);
    }
    paginatedFails.add(bodySize);
    if (i === candidates.length - 1) break;
    i++;
  }
  throw await overflowAt(sheet, floor);
}

/** A one-page render is kept unless some text in it was cut off or runs off the page. */
function accept(sheet: ResolvedSheet, bodySize: number, card: Layout, renders: number): FittedCard {
  const faults = textFaults(sheet, card.root);
  if (faults.length) throw new TextFaultError(sheet.id, sheet.lang, faults);
  return { bodySize, bytes: card.bytes, renders, titleLines: linesOf(card.root, sheet.title) };
}

async function overflowAt(sheet: ResolvedSheet, bodySize: number): Promise<OverflowError> {
  const { height, pageHeight, layout } = await measureCard(sheet, bodySize);
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

/**
 * The column whose content reaches lowest, found through its heading's text in the layout
 * (the heading sits in the column's first child, so the column is the heading's grandparent).
 */
export function longestColumn(sheet: ResolvedSheet, root: LayoutDocument): Column | undefined {
  return longestOf(columnBottoms(sheet, root));
}

function longestOf(bottoms: Map<Column, number>): Column | undefined {
  let best: Column | undefined;
  for (const [c, b] of bottoms) if (best === undefined || b > bottoms.get(best)!) best = c;
  return best;
}

/** How low each column's content reaches on the page (points from the top). */
function columnBottoms(sheet: ResolvedSheet, root: LayoutDocument): Map<Column, number> {
  const text = (n: LayoutNode) => (n.lines ?? []).map((l) => l.string).join('').trim().toLowerCase();
  const bottoms = new Map<Column, number>();
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
      if (column && holder && !bottoms.has(column)) bottoms.set(column, bottomOf(holder.node, holder.top - (holder.node.box?.top ?? 0)));
      return;
    }
    for (const c of n.children ?? []) walk(c, y, [...ancestors, { node: n, top: y }]);
  };
  for (const page of root.children) walk(page, 0, []);
  return bottoms;
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

/** How many lines React-PDF set a text in (the first text node holding exactly it). */
export function linesOf(root: LayoutDocument, text: string): number | undefined {
  const squeeze = (t: string) => t.replace(/[\s\u00AD\-\u2010]/g, '');
  const own = (n: LayoutNode): string => (n.children ?? []).map((c) => (c.type === 'TEXT_INSTANCE' ? c.value ?? '' : own(c))).join('');
  const find = (n: LayoutNode): number | undefined => {
    if (n.type === 'TEXT') return squeeze(own(n)) === squeeze(text) ? n.lines?.length : undefined;
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
