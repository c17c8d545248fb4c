// Reads what a PDF page draws: a small interpreter of page content streams.
// pdf-lib copies and places pages but does not read their drawing operators, and both
// the bleed step (which backgrounds touch the page edge?) and the preflight (text sizes,
// image resolution, colours) need exactly that. Only the operators those questions need
// are followed; everything else is skipped.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFContext, type PDFObject, type PDFPage } from 'pdf-lib';

/** [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f (PDF convention). */
export type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 then m2 (PDF's "m1 × m2"). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a, b, c, d, e, f] = m1;
  const [A, B, C, D, E, F] = m2;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export interface Colour {
  /** DeviceRGB, DeviceCMYK, DeviceGray, or the family of a named colour space (ICCBased, Separation…). */
  space: string;
  values: number[];
}

/** A filled rectangle in page space (default user space, y up). */
export interface FilledRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  colour: Colour;
  /** Fill opacity from the graphics state (1 = opaque). */
  opacity: number;
}

export interface TextRun {
  font: string;
  /** Size on the page: Tf size scaled by the text and transformation matrices (vertical scale). */
  size: number;
  colour: Colour;
}

export interface PlacedImage {
  name: string;
  pixelsWide: number;
  pixelsHigh: number;
  /** Size on the page in points (lengths of the image's transformed unit square sides). */
  width: number;
  height: number;
  /** Bounding box in page space. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageDrawing {
  rects: FilledRect[];
  text: TextRun[];
  images: PlacedImage[];
  /** Every fill and stroke colour that painted something. */
  colours: Colour[];
  /** The page uses transparency (opacity below 1, soft masks or blend modes), which PDF/X-1a forbids. */
  transparency: boolean;
}

// ---------------------------------------------------------------------------------------
// Tokenizer

export type Operand = number | string | { name: string } | Operand[] | { dict: Record<string, Operand> } | { hex: string };
export interface Op {
  op: string;
  args: Operand[];
  /** For inline images (BI … ID … EI): the image dictionary. */
  inline?: Record<string, Operand>;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

export function parseContent(bytes: Uint8Array): Op[] {
  let i = 0;
  const n = bytes.length;
  const ops: Op[] = [];
  let stack: Operand[] = [];

  const skipSpace = () => {
    while (i < n) {
      if (WS.has(bytes[i]!)) i++;
      else if (bytes[i] === 0x25 /* % */) {
        while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      } else break;
    }
  };
  const regular = () => {
    const start = i;
    while (i < n && !WS.has(bytes[i]!) && !DELIM.has(bytes[i]!)) i++;
    return String.fromCharCode(...bytes.subarray(start, i));
  };

  const readObject = (): Operand | { keyword: string } | undefined => {
    skipSpace();
    if (i >= n) return undefined;
    const c = bytes[i]!;
    if (c === 0x2f /* / */) {
      i++;
      return { name: regular() };
    }
    if (c === 0x28 /* ( */) {
      // Literal string: balanced parentheses, backslash escapes. The text itself is not needed.
      let depth = 0;
      const start = i;
      for (; i < n; i++) {
        const b = bytes[i]!;
        if (b === 0x5c) i++;
        else if (b === 0x28) depth++;
        else if (b === 0x29 && --depth === 0) {
          i++;
          break;
        }
      }
      return String.fromCharCode(...bytes.subarray(start, Math.min(i, start + 64)));
    }
    if (c === 0x3c /* < */) {
      if (bytes[i + 1] === 0x3c) {
        i += 2;
        const dict: Record<string, Operand> = {};
        for (;;) {
          skipSpace();
          if (i >= n) break;
          if (bytes[i] === 0x3e && bytes[i + 1] === 0x3e) {
            i += 2;
            break;
          }
          const key = readObject();
          const value = readObject();
          if (key && typeof key === 'object' && 'name' in key && value !== undefined && !(typeof value === 'object' && 'keyword' in value)) dict[key.name] = value;
        }
        return { dict };
      }
      const start = ++i;
      while (i < n && bytes[i] !== 0x3e) i++;
      i++;
      return { hex: String.fromCharCode(...bytes.subarray(start, Math.min(i - 1, start + 64))) };
    }
    if (c === 0x5b /* [ */) {
      i++;
      const arr: Operand[] = [];
      for (;;) {
        skipSpace();
        if (i >= n) break;
        if (bytes[i] === 0x5d) {
          i++;
          break;
        }
        const v = readObject();
        if (v === undefined) break;
        if (typeof v === 'object' && 'keyword' in v) continue;
        arr.push(v);
      }
      return arr;
    }
    if (c === 0x5d || c === 0x3e || c === 0x29 || c === 0x7b || c === 0x7d) {
      i++; // stray delimiter: skip
      return readObject();
    }
    const word = regular();
    if (word === '') {
      i++;
      return readObject();
    }
    const num = Number(word);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) && Number.isFinite(num)) return num;
    return { keyword: word };
  };

  for (;;) {
    const o = readObject();
    if (o === undefined) break;
    if (typeof o === 'object' && 'keyword' in o) {
      if (o.keyword === 'BI') {
        // Inline image: key/value pairs, ID, one whitespace byte, binary data up to EI.
        const dict: Record<string, Operand> = {};
        for (;;) {
          const k = readObject();
          if (k === undefined || (typeof k === 'object' && 'keyword' in k)) break; // ID
          const v = readObject();
          if (typeof k === 'object' && 'name' in k && v !== undefined && !(typeof v === 'object' && 'keyword' in v)) dict[k.name] = v;
        }
        i++;
        while (i < n && !(bytes[i - 1] !== undefined && WS.has(bytes[i - 1]!) && bytes[i] === 0x45 && bytes[i + 1] === 0x49 && (i + 2 >= n || WS.has(bytes[i + 2]!)))) i++;
        i += 2;
        ops.push({ op: 'BI', args: [], inline: dict });
      } else {
        ops.push({ op: o.keyword, args: stack });
      }
      stack = [];
    } else {
      stack.push(o);
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------
// Reading pdf-lib objects

function deref(ctx: PDFContext, o: PDFObject | undefined): PDFObject | undefined {
  return o instanceof PDFRef ? ctx.lookup(o) : o;
}

export function streamBytes(stream: PDFObject | undefined): Uint8Array {
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  if (stream instanceof PDFStream) return stream.getContents();
  return new Uint8Array();
}

export function pageContentBytes(page: PDFPage): Uint8Array {
  const ctx = page.doc.context;
  const contents = deref(ctx, page.node.get(PDFName.of('Contents')));
  const parts: Uint8Array[] = [];
  if (contents instanceof PDFArray) {
    for (let k = 0; k < contents.size(); k++) parts.push(streamBytes(deref(ctx, contents.get(k))), new Uint8Array([0x0a]));
  } else parts.push(streamBytes(contents));
  return Buffer.concat(parts);
}

export function dictGet(ctx: PDFContext, dict: PDFObject | undefined, key: string): PDFObject | undefined {
  const d = deref(ctx, dict);
  if (d instanceof PDFDict) return deref(ctx, d.get(PDFName.of(key)));
  if (d instanceof PDFStream) return deref(ctx, d.dict.get(PDFName.of(key)));
  return undefined;
}

export function numberOf(o: PDFObject | undefined): number | undefined {
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

function nameOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFName ? o.decodeText() : undefined;
}

/** The page's resources, inherited from the page tree when the page has none of its own. */
export function pageResources(page: PDFPage): PDFDict | undefined {
  const ctx = page.doc.context;
  let node: PDFObject | undefined = page.node;
  while (node instanceof PDFDict) {
    const r = deref(ctx, node.get(PDFName.of('Resources')));
    if (r instanceof PDFDict) return r;
    node = deref(ctx, node.get(PDFName.of('Parent')));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Interpreter

interface State {
  ctm: Matrix;
  fill: Colour;
  stroke: Colour;
  fillOpacity: number;
  font: string;
  fontSize: number;
}

const DEVICE_COMPONENTS: Record<string, string> = { '1': 'DeviceGray', '3': 'DeviceRGB', '4': 'DeviceCMYK' };

/** Walks one page (and the form XObjects it draws) and collects what it paints. */
export function readPage(page: PDFPage): PageDrawing {
  const drawing: PageDrawing = { rects: [], text: [], images: [], colours: [], transparency: false };
  const ctx = page.doc.context;
  walk(ctx, pageContentBytes(page), pageResources(page), IDENTITY, drawing, 0);
  return drawing;
}

function colourSpaceFamily(ctx: PDFContext, resources: PDFDict | undefined, name: string): string {
  if (['DeviceRGB', 'DeviceCMYK', 'DeviceGray', 'Pattern'].includes(name)) return name;
  const cs = dictGet(ctx, dictGet(ctx, resources, 'ColorSpace'), name);
  if (cs instanceof PDFName) return cs.decodeText();
  if (cs instanceof PDFArray) {
    const family = nameOf(deref(ctx, cs.get(0))) ?? name;
    if (family === 'ICCBased') {
      const n = numberOf(dictGet(ctx, cs.get(1), 'N'));
      return `ICCBased ${DEVICE_COMPONENTS[String(n)] ?? ''}`.trim();
    }
    return family;
  }
  return name;
}

function walk(ctx: PDFContext, bytes: Uint8Array, resources: PDFDict | undefined, base: Matrix, out: PageDrawing, depth: number) {
  if (depth > 8) return; // forms drawing forms: stop runaway recursion
  let gs: State = { ctm: base, fill: { space: 'DeviceGray', values: [0] }, stroke: { space: 'DeviceGray', values: [0] }, fillOpacity: 1, font: '', fontSize: 0 };
  const saved: State[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let leading = 0;
  let pathRects: [number, number, number, number][] = [];
  let pathOther = false;
  const seen = new Set<string>();
  const useColour = (c: Colour) => {
    const key = c.space + c.values.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      out.colours.push(c);
    }
  };
  const num = (v: Operand | undefined) => (typeof v === 'number' ? v : 0);
  const nums = (args: Operand[]) => args.filter((a): a is number => typeof a === 'number');
  const showText = () => {
    const m = multiply(tm, gs.ctm);
    const size = Math.abs(gs.fontSize) * Math.hypot(m[2], m[3]);
    out.text.push({ font: gs.font, size, colour: gs.fill });
    useColour(gs.fill);
  };
  const endPath = (fill: boolean, stroke: boolean) => {
    if (fill) {
      useColour(gs.fill);
      if (!pathOther) {
        for (const [x, y, w, h] of pathRects) {
          const pts = [apply(gs.ctm, x, y), apply(gs.ctm, x + w, y), apply(gs.ctm, x, y + h), apply(gs.ctm, x + w, y + h)];
          const xs = pts.map((p) => p[0]);
          const ys = pts.map((p) => p[1]);
          // Only axis-aligned rectangles (no rotation or skew) are backgrounds we can extend.
          const axisAligned = Math.abs(gs.ctm[1]) < 1e-6 && Math.abs(gs.ctm[2]) < 1e-6;
          if (axisAligned) out.rects.push({ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys), colour: gs.fill, opacity: gs.fillOpacity });
        }
      }
    }
    if (stroke) useColour(gs.stroke);
    pathRects = [];
    pathOther = false;
  };
  const setColour = (space: string, args: Operand[]): Colour => {
    const values = nums(args);
    if (space === 'Pattern' || args.some((a) => typeof a === 'object' && a !== null && 'name' in a)) return { space: 'Pattern', values: [] };
    return { space, values };
  };
  let fillSpace = 'DeviceGray';
  let strokeSpace = 'DeviceGray';
  const savedSpaces: [string, string][] = [];

  for (const { op, args, inline } of parseContent(bytes)) {
    switch (op) {
      case 'q':
        saved.push(gs);
        savedSpaces.push([fillSpace, strokeSpace]);
        gs = { ...gs };
        break;
      case 'Q':
        gs = saved.pop() ?? gs;
        [fillSpace, strokeSpace] = savedSpaces.pop() ?? [fillSpace, strokeSpace];
        break;
      case 'cm':
        gs.ctm = multiply(nums(args) as Matrix, gs.ctm);
        break;
      case 'gs': {
        const state = dictGet(ctx, dictGet(ctx, resources, 'ExtGState'), (args[0] as { name: string })?.name ?? '');
        const ca = numberOf(dictGet(ctx, state, 'ca'));
        if (ca !== undefined) gs.fillOpacity = ca;
        const CA = numberOf(dictGet(ctx, state, 'CA'));
        const smask = dictGet(ctx, state, 'SMask');
        const blend = dictGet(ctx, state, 'BM');
        if ((ca ?? 1) < 1 || (CA ?? 1) < 1 || (smask && nameOf(smask) !== 'None') || (blend && !['Normal', 'Compatible'].includes(nameOf(blend) ?? ''))) out.transparency = true;
        break;
      }
      // colours
      case 'rg': gs.fill = { space: fillSpace = 'DeviceRGB', values: nums(args) }; break;
      case 'RG': gs.stroke = { space: strokeSpace = 'DeviceRGB', values: nums(args) }; break;
      case 'g': gs.fill = { space: fillSpace = 'DeviceGray', values: nums(args) }; break;
      case 'G': gs.stroke = { space: strokeSpace = 'DeviceGray', values: nums(args) }; break;
      case 'k': gs.fill = { space: fillSpace = 'DeviceCMYK', values: nums(args) }; break;
      case 'K': gs.stroke = { space: strokeSpace = 'DeviceCMYK', values: nums(args) }; break;
      case 'cs':
        fillSpace = colourSpaceFamily(ctx, resources, (args[0] as { name: string })?.name ?? '');
        break;
      case 'CS':
        strokeSpace = colourSpaceFamily(ctx, resources, (args[0] as { name: string })?.name ?? '');
        break;
      case 'sc': case 'scn': gs.fill = setColour(fillSpace, args); break;
      case 'SC': case 'SCN': gs.stroke = setColour(strokeSpace, args); break;
      // paths
      case 're': {
        const [x, y, w, h] = nums(args);
        pathRects.push([x ?? 0, y ?? 0, w ?? 0, h ?? 0]);
        break;
      }
      case 'm': case 'l': case 'c': case 'v': case 'y': case 'h':
        pathOther = true;
        break;
      case 'f': case 'F': case 'f*': endPath(true, false); break;
      case 'S': case 's': endPath(false, true); break;
      case 'B': case 'B*': case 'b': case 'b*': endPath(true, true); break;
      case 'n': endPath(false, false); break;
      // text
      case 'BT': tm = tlm = IDENTITY; break;
      case 'Tf': {
        // The font as a reader knows it, looked up in the resources in effect (a form's own, in a print file).
        const resource = (args[0] as { name: string })?.name ?? '';
        const base = dictGet(ctx, dictGet(ctx, dictGet(ctx, resources, 'Font'), resource), 'BaseFont');
        gs.font = base instanceof PDFName ? readerFontName(base.decodeText()) : resource;
        gs.fontSize = num(args[1]);
        break;
      }
      case 'TL': leading = num(args[0]); break;
      case 'Tm': tm = tlm = nums(args) as Matrix; break;
      case 'Td': case 'TD':
        if (op === 'TD') leading = -num(args[1]);
        tm = tlm = multiply([1, 0, 0, 1, num(args[0]), num(args[1])], tlm);
        break;
      case 'T*': case "'": case '"':
        tm = tlm = multiply([1, 0, 0, 1, 0, -leading], tlm);
        if (op !== 'T*') showText();
        break;
      case 'Tj': case 'TJ': showText(); break;
      // images and forms
      case 'Do': {
        const name = (args[0] as { name: string })?.name ?? '';
        const xobject = dictGet(ctx, dictGet(ctx, resources, 'XObject'), name);
        if (!(xobject instanceof PDFStream)) break;
        const subtype = nameOf(xobject.dict.get(PDFName.of('Subtype')));
        if (subtype === 'Image') {
          if (dictGet(ctx, xobject, 'SMask')) out.transparency = true;
          placeImage(name, numberOf(dictGet(ctx, xobject, 'Width')) ?? 0, numberOf(dictGet(ctx, xobject, 'Height')) ?? 0, gs.ctm, out);
          // A stencil mask paints in the fill colour.
          if (dictGet(ctx, xobject, 'ImageMask')?.toString() === 'true') useColour(gs.fill);
        } else if (subtype === 'Form') {
          const m = dictGet(ctx, xobject, 'Matrix');
          const matrix = m instanceof PDFArray ? (m.asArray().map((v) => numberOf(deref(ctx, v)) ?? 0) as Matrix) : IDENTITY;
          const formResources = dictGet(ctx, xobject, 'Resources');
          walk(ctx, streamBytes(xobject), formResources instanceof PDFDict ? formResources : resources, multiply(matrix, gs.ctm), out, depth + 1);
          // Colours used inside the form are collected by the recursive walk.
        }
        break;
      }
      case 'BI': {
        const w = num(inline?.W ?? inline?.Width);
        const h = num(inline?.H ?? inline?.Height);
        placeImage('inline image', w, h, gs.ctm, out);
        break;
      }
    }
  }
}

function placeImage(name: string, pixelsWide: number, pixelsHigh: number, ctm: Matrix, out: PageDrawing) {
  const pts = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  out.images.push({
    name,
    pixelsWide,
    pixelsHigh,
    width: Math.hypot(ctm[0], ctm[1]),
    height: Math.hypot(ctm[2], ctm[3]),
    x0: Math.min(...xs),
    y0: Math.min(...ys),
    x1: Math.max(...xs),
    y1: Math.max(...ys),
  });
}

/**
 * A font's PostScript name as people write it: "ABCDEF+IBMPlexSansCond-SemiBold" →
 * "IBM Plex Sans Condensed SemiBold" (subset tag dropped, words split, "Cond" spelt out).
 */
export function readerFontName(baseFont: string): string {
  const [family = '', style = ''] = baseFont.replace(/^[A-Z]{6}\+/, '').split('-');
  const words = family.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\bCond\b/, 'Condensed');
  return style ? `${words} ${style}` : words;
}
