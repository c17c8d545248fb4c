// SVG files (official SDG icons, partner logos) become a small tree of shapes that the
// templates draw with React-PDF's vector primitives: React-PDF's <Image> takes only PNG/JPEG.
import { parse } from 'svg-parser';

export interface SvgNode {
  tag: string;
  attrs: Record<string, string | number>;
  children: SvgNode[];
}

/** The SVG elements React-PDF can draw; anything else (text, filters, scripts) is dropped. */
const DRAWABLE = new Set(['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polygon', 'polyline', 'defs', 'lineargradient', 'radialgradient', 'stop', 'clippath']);

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function attributes(props: Record<string, string | number | undefined>): SvgNode['attrs'] {
  const out: SvgNode['attrs'] = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || k === 'class' || k.startsWith('xmlns') || k.startsWith('xml:')) continue;
    if (k === 'style') {
      // Inline styles (fill:#fff;stroke-width:2) become attributes, as React-PDF expects.
      for (const decl of String(v).split(';')) {
        const [name, ...rest] = decl.split(':');
        if (name?.trim() && rest.length) out[camel(name.trim())] = rest.join(':').trim();
      }
    } else out[camel(k)] = v;
  }
  return out;
}

type HastNode = { type: string; tagName?: string; properties?: Record<string, string | number>; children?: HastNode[] };

function convert(n: HastNode): SvgNode | undefined {
  if (n.type !== 'element' || !n.tagName || !DRAWABLE.has(n.tagName.toLowerCase())) return undefined;
  return {
    tag: n.tagName.toLowerCase(),
    attrs: attributes(n.properties ?? {}),
    children: (n.children ?? []).map(convert).filter((c): c is SvgNode => !!c),
  };
}

/** Parse SVG text; undefined when it is not an SVG document. */
export function parseSvg(text: string): SvgNode | undefined {
  try {
    const root = parse(text) as HastNode;
    const svg = root.children?.find((c) => c.type === 'element');
    if (!svg || svg.tagName !== 'svg') return undefined;
    return convert(svg);
  } catch {
    return undefined;
  }
}
