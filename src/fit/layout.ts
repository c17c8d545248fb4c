// What React-PDF never reports: a text cut short in a box too small for it, anything placed
// past the page margins, and two things drawn over each other (partner names running over
// the funding statement). Found from the layout boxes of every text, image and drawing on
// the page (the tree `onRender` receives), for every part of the page: header, title
// block, tiles, columns, recommendations box, partners and footer.
import type { TextField } from '../render/index.js';

export interface LayoutNode {
  type?: string;
  box?: { top: number; left: number; width: number; height: number };
  lines?: Line[];
  value?: string;
  props?: Record<string, unknown>;
  style?: { textAlign?: string };
  children?: LayoutNode[];
}
interface Line {
  string: string;
  xAdvance?: number;
  runs?: { glyphs?: { codePoints?: number[] }[]; positions?: { xAdvance: number }[] }[];
}
export interface LayoutDocument {
  children: LayoutNode[];
}

/**
 * A text or picture React-PDF could not place: lines dropped in a box too small for them,
 * a box past the page's edge or its margins, or a box drawn over another one.
 */
export interface TextFault {
  /** The field holding the text or picture, when found (e.g. ['partners', 0, 'name']). */
  field?: TextField;
  text: string;
  fault: 'cut' | 'outside' | 'margin' | 'overlap';
  /** Points past the page edge ('outside') or the margin ('margin'). */
  by: number;
  /** For 'overlap': what it is drawn over. */
  over?: { field?: TextField; text: string };
}

/** A picture of the document with where it comes from, to name an image in a fault. */
export interface PictureField {
  /** The object the template passed as the image's source (or the SVG's tree). */
  source: unknown;
  path: PropertyKey[];
  label: string;
}

interface Leaf {
  node: LayoutNode;
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  field?: TextField;
}

const TOLERANCE = 0.5; // points: layout rounding
/** React-PDF lets a line's hyphen hang up to about its width past the text box: into the margin is fine. */
const HANGING = 3;

/** The text a TEXT node was given (its instances), whatever lines it was laid out in. */
function source(n: LayoutNode): string {
  return (n.children ?? []).map((c) => (c.type === 'TEXT_INSTANCE' ? c.value ?? '' : source(c))).join('');
}

/** Compared without what line breaking adds or removes: spaces, hyphens, and the bidi controls it never draws. */
const squeeze = (t: string) => t.replace(/[\s\u00AD\-\u2010\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');

/**
 * Every fault of the laid-out pages. Texts are named through `fields` (compared without
 * spaces and hyphens, which line breaking adds or removes); right-to-left lines hold their
 * letters in visual order, so only lengths are compared for cut text.
 */
export function layoutFaults(root: LayoutDocument, page: { width: number; height: number }, margin: number, fields: TextField[], pictures: PictureField[] = []): TextFault[] {
  // Each field squeezed once (a card has a hundred texts and as many fields).
  const bySqueezed = new Map<string, TextField>();
  for (const f of fields) {
    const k = squeeze(f.text);
    if (!bySqueezed.has(k)) bySqueezed.set(k, f);
  }
  const fieldOf = (text: string) => bySqueezed.get(squeeze(text));
  const out: TextFault[] = [];
  for (const p of root.children) {
    const leaves: Leaf[] = [];
    const walk = (n: LayoutNode, top: number, left: number) => {
      const y = top + (n.box?.top ?? 0);
      const x = left + (n.box?.left ?? 0);
      const box = { node: n, x, y, w: n.box?.width ?? 0, h: n.box?.height ?? 0 };
      if (n.type === 'TEXT') {
        const text = source(n);
        const laidOut = squeeze((n.lines ?? []).map((l) => l.string).join(''));
        const field = fieldOf(text);
        if (laidOut.length < squeeze(text).length) out.push({ field, text, fault: 'cut', by: 0 });
        // A box squeezed narrower than its line still has the whole line drawn: from its
        // start side, past its end (a right-aligned line spills to the left).
        const drawn = Math.max(0, ...(n.lines ?? []).map(inkWidth));
        const spill = Math.max(0, drawn - box.w);
        const align = n.style?.textAlign;
        const x0 = align === 'right' ? box.x - spill : align === 'center' ? box.x - spill / 2 : box.x;
        leaves.push({ ...box, x: x0, w: box.w + spill, text, field });
        return;
      }
      if (n.type === 'IMAGE' || n.type === 'SVG') {
        const picture = pictures.find((q) => q.source === n.props?.src || (n.type === 'SVG' && q.source === n.props?.['data-picture']));
        leaves.push({ ...box, text: picture?.label ?? (n.type === 'IMAGE' ? 'an image' : 'a drawing'), field: picture ? { path: picture.path, text: picture.label } : undefined });
        return; // an SVG's shapes are inside its box
      }
      for (const c of n.children ?? []) walk(c, y, x);
    };
    walk(p, 0, 0);

    for (const l of leaves) {
      if (l.w <= 0 || l.h <= 0) continue;
      const outside = Math.max(-l.x, l.x + l.w - page.width, -l.y, l.y + l.h - page.height);
      const pastMargin = Math.max(margin - l.x, l.x + l.w - (page.width - margin));
      if (outside > TOLERANCE) out.push({ field: l.field, text: l.text, fault: 'outside', by: outside });
      else if (pastMargin > HANGING) out.push({ field: l.field, text: l.text, fault: 'margin', by: pastMargin });
    }
    for (let i = 0; i < leaves.length; i++) {
      for (let j = i + 1; j < leaves.length; j++) {
        const a = leaves[i]!;
        const b = leaves[j]!;
        const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        if (dx > TOLERANCE && dy > TOLERANCE) {
          // The record's own text first: that is the one to shorten.
          const [mine, other] = b.field && !b.field.source && (!a.field || a.field.source) ? [b, a] : [a, b];
          out.push({ field: mine.field, text: mine.text, fault: 'overlap', by: 0, over: { field: other.field, text: other.text } });
        }
      }
    }
  }
  return out;
}

/**
 * A line's drawn width: its advance without the spaces at its ends, which print nothing
 * (the space that ends a line is at its right end in a left-to-right line, at its left end
 * in a right-to-left one, whose glyphs are held in visual order).
 */
function inkWidth(line: Line): number {
  const advances: { blank: boolean; advance: number }[] = [];
  for (const run of line.runs ?? []) {
    (run.glyphs ?? []).forEach((g, i) => {
      const cps = g?.codePoints ?? [];
      advances.push({ blank: cps.length > 0 && cps.every((cp) => /\s/.test(String.fromCodePoint(cp))), advance: run.positions?.[i]?.xAdvance ?? 0 });
    });
  }
  let width = line.xAdvance ?? 0;
  for (let i = 0; i < advances.length && advances[i]!.blank; i++) width -= advances[i]!.advance;
  for (let i = advances.length - 1; i >= 0 && advances[i]!.blank; i--) width -= advances[i]!.advance;
  return Math.max(0, width);
}
