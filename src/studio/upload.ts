// Logos uploaded in the studio, parsed before anything is written: a PNG or JPEG is decoded in
// full (sharp; a damaged file is refused here, not at the next build), an SVG is parsed as XML
// (@xmldom/xmldom) and written back holding only what is on the allow-list below — the shapes,
// gradients and clip paths the templates can draw (src/resolve/svg.ts), their geometry and
// paint. Scripts, foreign content, event handlers, external references (http:, file:,
// javascript:, however written) and anything else are refused, naming what was found.
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { HttpError } from './guard.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Elements a logo may hold (what the templates draw, plus titles and metadata, dropped). */
const ELEMENTS = new Set(['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polygon', 'polyline', 'defs', 'linearGradient', 'radialGradient', 'stop', 'clipPath']);
/** Elements that carry no drawing and nothing active: left out of the stored file. */
const DROPPED = new Set(['title', 'desc', 'metadata']);
/** Attributes a logo's elements may have: geometry, paint, references inside the file. */
const ATTRIBUTES = new Set([
  'id', 'x', 'y', 'width', 'height', 'viewBox', 'preserveAspectRatio', 'version', 'd', 'points', 'cx', 'cy', 'r', 'rx', 'ry', 'x1', 'y1', 'x2', 'y2',
  'transform', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit',
  'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'clip-path', 'clip-rule', 'clipPathUnits', 'offset', 'stop-color', 'stop-opacity',
  'gradientUnits', 'gradientTransform', 'fx', 'fy', 'spreadMethod', 'style', 'class',
]);
/** CSS properties an inline style may set (the same paint and geometry). */
const STYLE_PROPERTIES = new Set(['fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'stop-color', 'stop-opacity', 'clip-rule']);

export type LogoType = 'png' | 'jpg' | 'svg';

/** The upload as it will be stored, or HttpError 415 saying why not. */
export async function checkLogo(bytes: Buffer): Promise<{ type: LogoType; bytes: Buffer }> {
  const raster = rasterType(bytes);
  if (raster) {
    const sharp = (await import('sharp')).default;
    try {
      // Decoded in full: a truncated or damaged file fails here.
      await sharp(bytes, { failOn: 'truncated' }).raw().toBuffer();
    } catch {
      throw new HttpError(415, `the ${raster.toUpperCase()} file is damaged and cannot be read: export it again`);
    }
    return { type: raster, bytes };
  }
  return { type: 'svg', bytes: Buffer.from(sanitiseSvg(bytes.toString('utf8').replace(/^\uFEFF/, ''))) };
}

function rasterType(bytes: Buffer): 'png' | 'jpg' | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return undefined;
}

const refused = (why: string) => new HttpError(415, `a logo must be a PNG, JPEG or SVG image: ${why}`);

/** The SVG text written back with only allow-listed elements and attributes; refused when anything active is in it. */
export function sanitiseSvg(text: string): string {
  if (/<!ENTITY/i.test(text)) throw refused('this SVG declares entities, which a logo has no use for');
  if (!/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?</.test(text)) throw refused('it is neither a PNG or JPEG picture nor SVG text');
  const errors: string[] = [];
  let root: Element | null = null;
  try {
    root = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg.split('\n')[0]!); } }).parseFromString(text, 'image/svg+xml').documentElement;
  } catch (e) {
    errors.push((e as Error).message.split('\n')[0]!);
  }
  if (errors.length || !root) throw refused(`it is not well-formed SVG (${errors[0] ?? 'no root element'})`);
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NS) throw refused(`the file's root element is <${root.nodeName}>, not an SVG <svg>`);
  clean(root);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root) + '\n';
}

function clean(el: Element): void {
  for (const attr of Array.from(el.attributes as unknown as ArrayLike<{ name: string; localName: string; prefix: string | null; value: string; namespaceURI: string | null }>)) {
    const name = attr.name;
    if (name === 'xmlns' || attr.prefix === 'xmlns') {
      if (name === 'xmlns' && attr.value !== SVG_NS) throw refused(`its namespace is ${attr.value}`);
      continue; // namespace declarations of editors (Inkscape, Illustrator) are harmless
    }
    if (/^on/i.test(attr.localName)) throw refused(`<${el.localName}> has an event handler (${name})`);
    if (attr.localName === 'href') {
      if (!/^#[A-Za-z_][\w.-]*$/.test(attr.value.trim())) throw refused(`<${el.localName}> refers to "${attr.value.slice(0, 60)}" outside the file`);
      continue;
    }
    if (/(javascript|vbscript|data|file|https?):/i.test(attr.value.replace(/\s+/g, ''))) throw refused(`<${el.localName} ${name}> holds an address ("${attr.value.slice(0, 60)}")`);
    if (/url\(\s*['"]?(?!#)/i.test(attr.value)) throw refused(`<${el.localName} ${name}> refers to something outside the file`);
    if (attr.prefix || !ATTRIBUTES.has(name)) {
      el.removeAttribute(name); // an editor's own attribute (sodipodi:, inkscape:, data-…): not drawn
      continue;
    }
    if (name === 'style') {
      const style = cleanStyle(attr.value);
      if (style) el.setAttribute('style', style);
      else el.removeAttribute('style');
    }
  }
  for (const child of Array.from(el.childNodes as unknown as ArrayLike<{ nodeType: number; nodeName: string }>)) {
    if (child.nodeType === 1) {
      const c = child as unknown as Element;
      if (c.namespaceURI !== SVG_NS && c.namespaceURI !== null) {
        el.removeChild(c); // an editor's own element (sodipodi:namedview, …)
        continue;
      }
      if (DROPPED.has(c.localName ?? '')) {
        el.removeChild(c);
        continue;
      }
      if (c.localName === 'style') throw refused('its shapes are styled by a <style> sheet, which the brochures cannot draw: export it with presentation attributes (in Illustrator: Styling → Presentation Attributes), or upload a PNG');
      if (!ELEMENTS.has(c.localName ?? '')) throw refused(`it holds <${c.localName}>, which a logo may not (allowed: ${[...ELEMENTS].join(', ')})`);
      clean(c);
    } else if (child.nodeType === 7 || child.nodeType === 10) {
      el.removeChild(child as never); // processing instructions, doctypes
    } else if (child.nodeType === 4) {
      throw refused(`<${el.localName}> holds CDATA, which a logo's shapes never do`);
    }
  }
}

/** An inline style with only paint and geometry properties. */
function cleanStyle(style: string): string {
  const kept: string[] = [];
  for (const decl of style.split(';')) {
    const [name, ...rest] = decl.split(':');
    const property = name?.trim().toLowerCase();
    if (!property || !rest.length) continue;
    if (!STYLE_PROPERTIES.has(property)) continue;
    kept.push(`${property}:${rest.join(':').trim()}`);
  }
  return kept.join(';');
}
