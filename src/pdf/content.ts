// Reads what a PDF page draws: a small interpreter of page content streams.
// pdf-lib copies and places pages but does not read their drawing operators, and both
// the bleed step (which backgrounds touch the page edge?) and the preflight (text sizes,
// image resolution, colours) need exactly that. Only the operators those questions need
// are followed; everything else is skipped.
import { inflateSync } from 'node:zlib';
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
interface FilledRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  colour: Colour;
  /** Fill opacity from the graphics state (1 = opaque). */
  opacity: number;
}

interface TextRun {
  font: string;
  /** Size on the page: Tf size scaled by the text and transformation matrices (vertical scale). */
  size: number;
  colour: Colour;
}

interface PlacedImage {
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
  /** Byte offsets in the stream: from the first operand to the end of the operator. */
  start: number;
  end: number;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const latin1 = new TextDecoder('latin1');
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
/** Byte classes as a table (1: white space, 2: delimiter): the lexer's inner loops look up every byte. */
const CLASS = new Uint8Array(256);
for (const b of WS) CLASS[b] = 1;
for (const b of DELIM) CLASS[b] = 2;

type Token = Operand | { keyword: string } | undefined;
const isKeyword = (t: Token): t is { keyword: string } => typeof t === 'object' && t !== null && 'keyword' in t;

/** The tokens of a content stream, one object at a time. */
class ContentLexer {
  i = 0;
  constructor(readonly bytes: Uint8Array) {}

  get done() {
    return this.i >= this.bytes.length;
  }

  skipSpace() {
    const { bytes } = this;
    while (this.i < bytes.length) {
      if (CLASS[bytes[this.i]!] === 1) this.i++;
      else if (bytes[this.i] === 0x25 /* % */) {
        while (this.i < bytes.length && bytes[this.i] !== 0x0a && bytes[this.i] !== 0x0d) this.i++;
      } else break;
    }
  }

  regular(): string {
    const { bytes } = this;
    let word = '';
    while (this.i < bytes.length && CLASS[bytes[this.i]!] === 0) word += String.fromCharCode(bytes[this.i++]!);
    return word;
  }

  read(): Token {
    this.skipSpace();
    if (this.done) return undefined;
    const c = this.bytes[this.i]!;
    if (c === 0x2f /* / */) {
      this.i++;
      return { name: this.regular() };
    }
    if (c === 0x28 /* ( */) return this.literal();
    if (c === 0x3c /* < */) return this.bytes[this.i + 1] === 0x3c ? this.dict() : this.hex();
    if (c === 0x5b /* [ */) return this.array();
    if (c === 0x5d || c === 0x3e || c === 0x29 || c === 0x7b || c === 0x7d) {
      this.i++; // stray delimiter: skip
      return this.read();
    }
    const word = this.regular();
    if (word === '') {
      this.i++;
      return this.read();
    }
    const first = word.charCodeAt(0);
    // Only a word starting like a number can be one (operators are letters, ' and ").
    if ((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2b || first === 0x2e) {
      const num = Number(word);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) && Number.isFinite(num)) return num;
    }
    return { keyword: word };
  }

  /** Literal string: balanced parentheses, backslash escapes; its bytes as a Latin-1 string. */
  private literal(): Operand {
    const { bytes } = this;
    let depth = 0;
    const out: number[] = [];
    const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
    for (; this.i < bytes.length; this.i++) {
      const b = bytes[this.i]!;
      if (b === 0x5c) {
        const e = bytes[++this.i]!;
        if (e >= 0x30 && e <= 0x37) {
          let v = 0;
          for (let k = 0; k < 3 && bytes[this.i]! >= 0x30 && bytes[this.i]! <= 0x37; k++) v = v * 8 + bytes[this.i++]! - 0x30;
          this.i--;
          out.push(v & 0xff);
        } else if (e === 0x0d || e === 0x0a) {
          if (e === 0x0d && bytes[this.i + 1] === 0x0a) this.i++; // a line continuation
        } else out.push(ESCAPES[e] ?? e);
        continue;
      }
      if (b === 0x28 && depth++ === 0) continue;
      if (b === 0x29 && --depth === 0) {
        this.i++;
        break;
      }
      out.push(b);
    }
    return latin1.decode(Uint8Array.from(out));
  }

  private dict(): Operand {
    this.i += 2;
    const dict: Record<string, Operand> = {};
    for (;;) {
      this.skipSpace();
      if (this.done) break;
      if (this.bytes[this.i] === 0x3e && this.bytes[this.i + 1] === 0x3e) {
        this.i += 2;
        break;
      }
      const key = this.read();
      const value = this.read();
      if (key && typeof key === 'object' && 'name' in key && value !== undefined && !isKeyword(value)) dict[key.name] = value;
    }
    return { dict };
  }

  private hex(): Operand {
    const start = ++this.i;
    while (this.i < this.bytes.length && this.bytes[this.i] !== 0x3e) this.i++;
    this.i++;
    return { hex: latin1.decode(this.bytes.subarray(start, this.i - 1)).replace(/\s+/g, '') };
  }

  private array(): Operand {
    this.i++;
    const arr: Operand[] = [];
    for (;;) {
      this.skipSpace();
      if (this.done) break;
      if (this.bytes[this.i] === 0x5d) {
        this.i++;
        break;
      }
      const v = this.read();
      if (v === undefined) break;
      if (!isKeyword(v)) arr.push(v);
    }
    return arr;
  }

  /** Inline image: key/value pairs, ID, one whitespace byte, binary data up to EI. */
  inlineImage(): Record<string, Operand> {
    const { bytes } = this;
    const dict: Record<string, Operand> = {};
    for (;;) {
      const k = this.read();
      if (k === undefined || isKeyword(k)) break; // ID
      const v = this.read();
      if (typeof k === 'object' && 'name' in k && v !== undefined && !isKeyword(v)) dict[k.name] = v;
    }
    this.i++;
    const n = bytes.length;
    while (this.i < n && !(bytes[this.i - 1] !== undefined && WS.has(bytes[this.i - 1]!) && bytes[this.i] === 0x45 && bytes[this.i + 1] === 0x49 && (this.i + 2 >= n || WS.has(bytes[this.i + 2]!)))) this.i++;
    this.i += 2;
    return dict;
  }
}

export function parseContent(bytes: Uint8Array): Op[] {
  const lexer = new ContentLexer(bytes);
  const ops: Op[] = [];
  let stack: Operand[] = [];
  let start = -1;
  for (;;) {
    lexer.skipSpace();
    const at = lexer.i;
    const o = lexer.read();
    if (o === undefined) break;
    if (start < 0) start = at;
    if (!isKeyword(o)) {
      stack.push(o);
      continue;
    }
    if (o.keyword === 'BI') ops.push({ op: 'BI', args: [], inline: lexer.inlineImage(), start, end: lexer.i });
    else ops.push({ op: o.keyword, args: stack, start, end: lexer.i });
    stack = [];
    start = -1;
  }
  return ops;
}

/**
 * The content stream without its marked-content operators (BMC, BDC, EMC): what it draws,
 * unchanged, with none of the tags that tied it to a structure tree (a page placed in a
 * handout, whose structure does not come along).
 */
export function withoutMarkedContent(bytes: Uint8Array): Uint8Array {
  const ops = parseContent(bytes).filter((o) => o.op === 'BMC' || o.op === 'BDC' || o.op === 'EMC');
  if (!ops.length) return bytes;
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const o of ops) {
    parts.push(bytes.subarray(at, o.start));
    at = o.end;
  }
  parts.push(bytes.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Reading pdf-lib objects

function deref(ctx: PDFContext, o: PDFObject | undefined): PDFObject | undefined {
  return o instanceof PDFRef ? ctx.lookup(o) : o;
}

export function streamBytes(stream: PDFObject | undefined): Uint8Array {
  if (stream instanceof PDFRawStream) {
    // Only deflated: Node's zlib (native, far faster than pdf-lib's decoder; the same bytes).
    const filter = stream.dict.get(PDFName.of('Filter'));
    const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
    if (only instanceof PDFName && only.decodeText() === 'FlateDecode' && !stream.dict.get(PDFName.of('DecodeParms'))) return inflateSync(stream.getContents());
    return decodePDFRawStream(stream).decode();
  }
  if (stream instanceof PDFStream) return stream.getContents();
  return new Uint8Array();
}

/** A CIDFont's /W array (`c [w1 w2 …]` or `c1 c2 w`): CID → width in 1/1000 em (NaN where a number is missing). */
export function cidWidths(ctx: PDFContext, w: PDFObject | undefined): Map<number, number> {
  const out = new Map<number, number>();
  const arr = deref(ctx, w);
  if (!(arr instanceof PDFArray)) return out;
  const num = (o: PDFObject | undefined) => {
    const v = deref(ctx, o);
    return v instanceof PDFNumber ? v.asNumber() : NaN;
  };
  const items = arr.asArray();
  for (let k = 0; k < items.length; ) {
    const first = num(items[k]);
    const next = deref(ctx, items[k + 1]);
    if (next instanceof PDFArray) {
      next.asArray().forEach((v, j) => out.set(first + j, num(v)));
      k += 2;
    } else {
      const last = num(next);
      const width = num(items[k + 2]);
      for (let cid = first; cid <= last; cid++) out.set(cid, width);
      k += 3;
    }
  }
  return out;
}

/** A ToUnicode CMap stream (bfchar and bfrange entries): character code → the text it stands for. */
export function toUnicodeMap(stream: PDFStream): Map<number, string> {
  const text = new TextDecoder('latin1').decode(streamBytes(stream));
  const map = new Map<number, string>();
  // A destination may be written in groups of four digits separated by spaces (<0066 0069>).
  const utf16 = (h: string) => { const d = h.replace(/\s+/g, ''); return String.fromCharCode(...(d.match(/.{1,4}/g) ?? []).map((u) => parseInt(u, 16))); };
  const HEX = '<([0-9a-fA-F\\s]*)>';
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(new RegExp(`${HEX}\\s*${HEX}`, 'g'))) map.set(parseInt(m[1]!.replace(/\s+/g, ''), 16), utf16(m[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(new RegExp(`${HEX}\\s*${HEX}\\s*(\\[[^\\]]*\\]|${HEX})`, 'g'))) {
      const [from, to] = [parseInt(m[1]!.replace(/\s+/g, ''), 16), parseInt(m[2]!.replace(/\s+/g, ''), 16)];
      if (m[3]!.startsWith('[')) {
        const items = [...m[3]!.matchAll(new RegExp(HEX, 'g'))].map((x) => x[1]!);
        for (let c = from; c <= to && c - from < items.length; c++) map.set(c, utf16(items[c - from]!));
      } else {
        const base = m[3]!.slice(1, -1).replace(/\s+/g, '');
        const last = parseInt(base.slice(-4) || '0', 16);
        for (let c = from; c <= to; c++) map.set(c, utf16(base.slice(0, -4) + (last + c - from).toString(16).padStart(4, '0')));
      }
    }
  }
  return map;
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

function numberOf(o: PDFObject | undefined): number | undefined {
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

function nameOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFName ? o.decodeText() : undefined;
}

/** The page's resources, inherited from the page tree when the page has none of its own. */
function pageResources(page: PDFPage): PDFDict | undefined {
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
  const reader = new DrawingReader(ctx, resources, base, out, depth);
  for (const op of parseContent(bytes)) reader.apply(op);
}

const num = (v: Operand | undefined) => (typeof v === 'number' ? v : 0);
const nums = (args: Operand[]) => args.filter((a): a is number => typeof a === 'number');
const nameArg = (args: Operand[]) => (args[0] as { name: string } | undefined)?.name ?? '';

/** The graphics state machine of one content stream, collecting what it draws. */
class DrawingReader {
  private gs: State;
  private readonly saved: { gs: State; spaces: [string, string] }[] = [];
  private tm: Matrix = IDENTITY;
  private tlm: Matrix = IDENTITY;
  private leading = 0;
  private pathRects: [number, number, number, number][] = [];
  private pathOther = false;
  private readonly seen = new Set<string>();
  private fillSpace = 'DeviceGray';
  private strokeSpace = 'DeviceGray';

  constructor(private readonly ctx: PDFContext, private readonly resources: PDFDict | undefined, base: Matrix, private readonly out: PageDrawing, private readonly depth: number) {
    this.gs = { ctm: base, fill: { space: 'DeviceGray', values: [0] }, stroke: { space: 'DeviceGray', values: [0] }, fillOpacity: 1, font: '', fontSize: 0 };
  }

  apply({ op, args, inline }: Op) {
    if (this.state(op, args) || this.colour(op, args) || this.path(op, args) || this.text(op, args)) return;
    if (op === 'Do') this.xobject(nameArg(args));
    else if (op === 'BI') placeImage('inline image', num(inline?.W ?? inline?.Width), num(inline?.H ?? inline?.Height), this.gs.ctm, this.out);
  }

  private useColour(c: Colour) {
    const key = c.space + c.values.join(',');
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.colours.push(c);
  }

  private state(op: string, args: Operand[]): boolean {
    const { ctx, resources } = this;
    if (op === 'q') {
      this.saved.push({ gs: this.gs, spaces: [this.fillSpace, this.strokeSpace] });
      this.gs = { ...this.gs };
    } else if (op === 'Q') {
      const s = this.saved.pop();
      if (s) [this.gs, this.fillSpace, this.strokeSpace] = [s.gs, ...s.spaces];
    } else if (op === 'cm') this.gs.ctm = multiply(nums(args) as Matrix, this.gs.ctm);
    else if (op === 'gs') {
      const state = dictGet(ctx, dictGet(ctx, resources, 'ExtGState'), nameArg(args));
      const ca = numberOf(dictGet(ctx, state, 'ca'));
      if (ca !== undefined) this.gs.fillOpacity = ca;
      const CA = numberOf(dictGet(ctx, state, 'CA'));
      const smask = dictGet(ctx, state, 'SMask');
      const blend = dictGet(ctx, state, 'BM');
      if ((ca ?? 1) < 1 || (CA ?? 1) < 1 || (smask && nameOf(smask) !== 'None') || (blend && !['Normal', 'Compatible'].includes(nameOf(blend) ?? ''))) this.out.transparency = true;
    } else return false;
    return true;
  }

  private colour(op: string, args: Operand[]): boolean {
    const gs = this.gs;
    const set = (space: string): Colour => (space === 'Pattern' || args.some((a) => typeof a === 'object' && a !== null && 'name' in a) ? { space: 'Pattern', values: [] } : { space, values: nums(args) });
    switch (op) {
      case 'rg': gs.fill = { space: (this.fillSpace = 'DeviceRGB'), values: nums(args) }; break;
      case 'RG': gs.stroke = { space: (this.strokeSpace = 'DeviceRGB'), values: nums(args) }; break;
      case 'g': gs.fill = { space: (this.fillSpace = 'DeviceGray'), values: nums(args) }; break;
      case 'G': gs.stroke = { space: (this.strokeSpace = 'DeviceGray'), values: nums(args) }; break;
      case 'k': gs.fill = { space: (this.fillSpace = 'DeviceCMYK'), values: nums(args) }; break;
      case 'K': gs.stroke = { space: (this.strokeSpace = 'DeviceCMYK'), values: nums(args) }; break;
      case 'cs': this.fillSpace = colourSpaceFamily(this.ctx, this.resources, nameArg(args)); break;
      case 'CS': this.strokeSpace = colourSpaceFamily(this.ctx, this.resources, nameArg(args)); break;
      case 'sc': case 'scn': gs.fill = set(this.fillSpace); break;
      case 'SC': case 'SCN': gs.stroke = set(this.strokeSpace); break;
      default: return false;
    }
    return true;
  }

  private path(op: string, args: Operand[]): boolean {
    switch (op) {
      case 're': {
        const [x, y, w, h] = nums(args);
        this.pathRects.push([x ?? 0, y ?? 0, w ?? 0, h ?? 0]);
        break;
      }
      case 'm': case 'l': case 'c': case 'v': case 'y': case 'h': this.pathOther = true; break;
      case 'f': case 'F': case 'f*': this.endPath(true, false); break;
      case 'S': case 's': this.endPath(false, true); break;
      case 'B': case 'B*': case 'b': case 'b*': this.endPath(true, true); break;
      case 'n': this.endPath(false, false); break;
      default: return false;
    }
    return true;
  }

  private endPath(fill: boolean, stroke: boolean) {
    const gs = this.gs;
    if (fill) {
      this.useColour(gs.fill);
      // Only axis-aligned rectangles (no rotation or skew) are backgrounds we can extend.
      const axisAligned = Math.abs(gs.ctm[1]) < 1e-6 && Math.abs(gs.ctm[2]) < 1e-6;
      if (!this.pathOther && axisAligned) {
        for (const [x, y, w, h] of this.pathRects) {
          const pts = [apply(gs.ctm, x, y), apply(gs.ctm, x + w, y), apply(gs.ctm, x, y + h), apply(gs.ctm, x + w, y + h)];
          const xs = pts.map((p) => p[0]);
          const ys = pts.map((p) => p[1]);
          this.out.rects.push({ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys), colour: gs.fill, opacity: gs.fillOpacity });
        }
      }
    }
    if (stroke) this.useColour(gs.stroke);
    this.pathRects = [];
    this.pathOther = false;
  }

  private text(op: string, args: Operand[]): boolean {
    switch (op) {
      case 'BT': this.tm = this.tlm = IDENTITY; break;
      case 'Tf': {
        // The font as a reader knows it, looked up in the resources in effect (a form's own, in a print file).
        const resource = nameArg(args);
        const base = dictGet(this.ctx, dictGet(this.ctx, dictGet(this.ctx, this.resources, 'Font'), resource), 'BaseFont');
        this.gs.font = base instanceof PDFName ? readerFontName(base.decodeText()) : resource;
        this.gs.fontSize = num(args[1]);
        break;
      }
      case 'TL': this.leading = num(args[0]); break;
      case 'Tm': this.tm = this.tlm = nums(args) as Matrix; break;
      case 'Td': case 'TD':
        if (op === 'TD') this.leading = -num(args[1]);
        this.tm = this.tlm = multiply([1, 0, 0, 1, num(args[0]), num(args[1])], this.tlm);
        break;
      case 'T*': case "'": case '"':
        this.tm = this.tlm = multiply([1, 0, 0, 1, 0, -this.leading], this.tlm);
        if (op !== 'T*') this.showText();
        break;
      case 'Tj': case 'TJ': this.showText(); break;
      default: return false;
    }
    return true;
  }

  private showText() {
    const m = multiply(this.tm, this.gs.ctm);
    const size = Math.abs(this.gs.fontSize) * Math.hypot(m[2], m[3]);
    this.out.text.push({ font: this.gs.font, size, colour: this.gs.fill });
    this.useColour(this.gs.fill);
  }

  /** An image placed, or a form drawn (its colours and images collected by walking it). */
  private xobject(name: string) {
    const { ctx, gs, out } = this;
    const xobject = dictGet(ctx, dictGet(ctx, this.resources, 'XObject'), name);
    if (!(xobject instanceof PDFStream)) return;
    const subtype = nameOf(xobject.dict.get(PDFName.of('Subtype')));
    if (subtype === 'Image') {
      if (dictGet(ctx, xobject, 'SMask')) out.transparency = true;
      placeImage(name, numberOf(dictGet(ctx, xobject, 'Width')) ?? 0, numberOf(dictGet(ctx, xobject, 'Height')) ?? 0, gs.ctm, out);
      // A stencil mask paints in the fill colour.
      if (dictGet(ctx, xobject, 'ImageMask')?.toString() === 'true') this.useColour(gs.fill);
    } else if (subtype === 'Form') {
      const m = dictGet(ctx, xobject, 'Matrix');
      const matrix = m instanceof PDFArray ? (m.asArray().map((v) => numberOf(deref(ctx, v)) ?? 0) as Matrix) : IDENTITY;
      const formResources = dictGet(ctx, xobject, 'Resources');
      walk(ctx, streamBytes(xobject), formResources instanceof PDFDict ? formResources : this.resources, multiply(matrix, gs.ctm), out, this.depth + 1);
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
