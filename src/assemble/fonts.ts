// One font subset per font in a bound booklet. Each sheet was rendered alone, so each carries
// its own subset of every font it uses (16 sheets × 5 fonts in a French booklet: 80 subsets,
// 200 KB of the 360). Binding knows every glyph the booklet draws, so it makes one subset per
// original font file and points every page at it:
// - each embedded subset's glyphs are traced back to the original font file (a subset glyph is
//   the original's outline bytes, with a composite's component ids renumbered; a glyph the
//   renderer widened is a one-component composite of its glyph with another advance);
// - one new subset (fontkit) holds every distinct (glyph, advance, width, text) of the pages;
// - the pages' text is re-encoded with the new glyph ids: the same glyphs, at the same places.
// A font that cannot be traced (not one of the project's files, an unexpected encoding) is
// left as it was: sharing is a saving, never a condition for binding.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { cidWidths, parseContent, streamBytes, toUnicodeMap } from '../pdf/index.js';

interface FontProgram {
  postscriptName: string | null;
  hhea: { numberOfMetrics: number };
  numGlyphs: number;
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  createSubset(): { includeGlyph(id: number): number; includeSpacedGlyph(id: number, advance: number, as?: string): number; encode(): Uint8Array };
}
// fontkit's ES module: the one React-PDF uses, with the project's patch (a WOFF table inflated
// once, by zlib); its CommonJS build inflates anew at every read. Its name is in a variable:
// fontkit ships no type declarations, and the shape this file uses is declared above.
const fontkitModule = 'fontkit';
const fontkit = (await import(fontkitModule)) as { create(bytes: Buffer): FontProgram };

const key = (n: string) => PDFName.of(n);
const hash = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');

/** A glyph as drawn: the original font's glyph, its advance (font units), its width in the PDF and its text (UTF-16, hexadecimal). */
interface DrawnGlyph {
  gid: number;
  advance: number;
  width: number;
  text: string;
}

/** An original font file; its glyphs indexed by what they draw (see `outlineClasses`) when first needed. */
interface Original {
  program: FontProgram;
  bytes: Uint8Array;
  byOutline?: Map<string, number[]>;
}

const opened = new WeakMap<Uint8Array, Original>();
/** Each original once, numbered (for the keys of the subsets made from it). */
const originalsSeen: Original[] = [];
function original(bytes: Uint8Array): Original {
  let o = opened.get(bytes);
  if (!o) {
    o = { program: fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), bytes };
    opened.set(bytes, o);
    originalsSeen.push(o);
  }
  return o;
}

function byOutline(o: Original): Map<string, number[]> {
  if (!o.byOutline) {
    o.byOutline = new Map();
    outlineClasses(o.program).forEach((h, gid) => o.byOutline!.set(h, [...(o.byOutline!.get(h) ?? []), gid]));
  }
  return o.byOutline;
}

/** A glyph's advance (font units), from the hmtx table (the last entry holds for the glyphs after it). */
function advanceOf(program: FontProgram, gid: number): number {
  let all = advances.get(program);
  if (!all) {
    // Read from the table's bytes: fontkit decodes an entry at every read, slowly.
    const n = program.hhea.numberOfMetrics;
    const table = program._getTableStream('hmtx').readBuffer(4 * n);
    const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
    advances.set(program, (all = Array.from({ length: n }, (_, i) => view.getUint16(4 * i))));
  }
  return all[Math.min(gid, all.length - 1)]!;
}
const advances = new WeakMap<FontProgram, number[]>();

/** Each glyph's bytes in the glyf table (the table read once: fontkit reads a WOFF table anew per call). */
function outlines(program: FontProgram): Uint8Array[] {
  const offsets = program.loca.offsets;
  const table = program._getTableStream('glyf').readBuffer(offsets[program.numGlyphs]!);
  return Array.from({ length: program.numGlyphs }, (_, gid) => table.subarray(offsets[gid]!, offsets[gid + 1]!));
}

/** Where a composite glyph names its components (OpenType glyf table: flags, glyph index, arguments, transform). */
function componentOffsets(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 10 || view.getInt16(0) >= 0) return [];
  const at: number[] = [];
  let pos = 10;
  for (let more = true; more && pos + 4 <= bytes.length; ) {
    const flags = view.getUint16(pos);
    at.push(pos + 2);
    pos += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
    more = (flags & 0x0020) !== 0;
  }
  return at;
}

/**
 * What a glyph draws, as a key: a simple glyph's outline bytes; a composite's bytes with its
 * component ids blanked, and its components' keys (a font may hold identical outlines under
 * two ids, and a subset renumbers components). Equal keys draw the same shape.
 */
function outlineClasses(program: FontProgram): string[] {
  const all = outlines(program);
  const classes: string[] = [];
  const visit = (gid: number, depth = 0): string => {
    if (classes[gid] !== undefined) return classes[gid]!;
    if (depth > 8 || !all[gid]) throw new Error('composite glyphs nested too deep, or a missing component');
    const at = componentOffsets(all[gid]!);
    if (!at.length) return (classes[gid] = latin1(all[gid]!));
    const bytes = new Uint8Array(all[gid]!);
    const view = new DataView(bytes.buffer);
    const of = at.map((pos) => visit(view.getUint16(pos), depth + 1));
    for (const pos of at) view.setUint16(pos, 0);
    return (classes[gid] = `${latin1(bytes)}|${of.join('|')}`);
  };
  for (let gid = 0; gid < program.numGlyphs; gid++) visit(gid);
  return classes;
}
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** The original glyph of each glyph of an embedded subset, or undefined when one cannot be traced. */
function traceSubset(subset: FontProgram, orig: Original): { gid: number; advance: number }[] | undefined {
  const classes = outlineClasses(subset);
  const all = outlines(subset);
  const index = byOutline(orig);
  const traced: { gid: number; advance: number }[] = [];
  for (let sid = 0; sid < subset.numGlyphs; sid++) {
    const advance = advanceOf(subset, sid);
    const candidates = index.get(classes[sid]!);
    if (candidates) {
      traced[sid] = { gid: candidates.find((g) => advanceOf(orig.program, g) === advance) ?? candidates[0]!, advance };
      continue;
    }
    // A widened glyph: one component, the glyph itself at (0, 0), another advance (the fontkit patch).
    const bytes = all[sid]!;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const widened = bytes.length === 18 && view.getInt16(0) === -1 && view.getUint16(10) === 0x0003 && view.getInt32(14) === 0;
    const inner = widened ? index.get(classes[view.getUint16(12)]!) : undefined;
    if (!inner) return undefined;
    traced[sid] = { gid: inner[0]!, advance };
  }
  return traced;
}

/** What the PDF says of a font: Type0, Identity-H, a TrueType CIDFont with the identity CID → glyph map. */
interface EmbeddedFont {
  ref: PDFRef;
  type0: PDFDict;
  cidFont: PDFDict;
  descriptor: PDFDict;
  psName: string;
  /** CID → the glyph it draws, traced to an original file. */
  glyphs: Map<number, DrawnGlyph>;
  /** Its glyphs but CID 0, in CID order, each with its key (see glyphKey): worked out once per font read. */
  ordered: [cid: number, key: string, glyph: DrawnGlyph][];
  original: Original;
}

function readEmbedded(ctx: PDFContext, ref: PDFRef, originals: Original[], store: TraceStore | undefined): EmbeddedFont | undefined {
  const type0 = ctx.lookup(ref);
  if (!(type0 instanceof PDFDict) || type0.get(key('Subtype'))?.toString() !== '/Type0' || type0.get(key('Encoding'))?.toString() !== '/Identity-H') return undefined;
  const cidFont = ctx.lookup((ctx.lookup(type0.get(key('DescendantFonts'))) as PDFArray | undefined)?.get(0));
  if (!(cidFont instanceof PDFDict) || cidFont.get(key('Subtype'))?.toString() !== '/CIDFontType2' || cidFont.get(key('CIDToGIDMap'))?.toString() !== '/Identity') return undefined;
  const descriptor = ctx.lookup(cidFont.get(key('FontDescriptor')));
  const file = descriptor instanceof PDFDict ? ctx.lookup(descriptor.get(key('FontFile2'))) : undefined;
  const toUnicode = ctx.lookup(type0.get(key('ToUnicode')));
  if (!(descriptor instanceof PDFDict) || !(file instanceof PDFStream) || !(toUnicode instanceof PDFStream)) return undefined;
  const psName = String(descriptor.get(key('FontName'))).replace(/^\/([A-Z]{6}\+)?/, '');
  const w = cidFont.get(key('W'));
  const k = `${psName}:${rawDigest(file)}:${rawDigest(toUnicode)}:${w instanceof PDFRef ? String(ctx.lookup(w)) : String(w)}`;
  let read = readFonts.get(k);
  if (read === undefined) {
    read = null;
    const found = tracedProgram(file, psName, originals, store);
    const widths = found ? cidWidths(ctx, w) : new Map<number, number>();
    const texts = found ? toUnicodeMap(toUnicode) : new Map<number, string>();
    const glyphs = new Map<number, DrawnGlyph>();
    for (const [cid, width] of widths) {
      const t = found!.traced[cid];
      if (t) glyphs.set(cid, { ...t, width, text: utf16Hex(texts.get(cid) ?? '') });
    }
    if (found && glyphs.size === widths.size && [...widths.values()].every(Number.isFinite)) read = { glyphs, ordered: orderedGlyphs(glyphs), original: found.original };
    if (readFonts.size >= MEMO_MAX) readFonts.clear();
    readFonts.set(k, read);
  }
  return read ? { ref, type0, cidFont, descriptor, psName, ...read } : undefined;
}
/** Fonts read before, by the digest of what they are made of (program, ToUnicode, widths). */
const readFonts = new Map<string, Pick<EmbeddedFont, 'glyphs' | 'ordered' | 'original'> | null>();
const orderedGlyphs = (glyphs: Map<number, DrawnGlyph>): EmbeddedFont['ordered'] =>
  [...glyphs].filter(([cid]) => cid !== 0).sort(([a], [b]) => a - b).map(([cid, g]) => [cid, glyphKey(g), g]);
const rawDigest = (s: PDFStream) => hash(s instanceof PDFRawStream ? s.getContents() : streamBytes(s));

/**
 * An embedded program traced to its original file, kept by the digest of its bytes: a booklet
 * bound again after an edit traces only the edited sheet's fonts. `store` keeps the traces
 * between processes (the render cache): a build after an edit does not trace every sheet again.
 */
const tracedPrograms = new Map<string, { original: Original; traced: { gid: number; advance: number }[] } | null>();
function tracedProgram(file: PDFStream, psName: string, originals: Original[], store: TraceStore | undefined) {
  const k = `${psName}:${rawDigest(file)}`;
  let found = tracedPrograms.get(k);
  if (found === undefined) {
    const kept = store?.get(k);
    const original = kept && originals[kept.file];
    if (kept && original?.program.postscriptName === psName) found = { original, traced: kept.glyphs.map(([gid, advance]) => ({ gid, advance })) };
    else {
      found = null;
      const subset = fontkit.create(Buffer.from(streamBytes(file)));
      for (const orig of originals) {
        const traced = orig.program.postscriptName === psName ? traceSubset(subset, orig) : undefined;
        if (traced) (found = { original: orig, traced });
        if (traced) break;
      }
      if (found) store?.put(k, { file: originals.indexOf(found.original), glyphs: found.traced.map((t) => [t.gid, t.advance]) });
    }
    if (tracedPrograms.size >= MEMO_MAX) tracedPrograms.clear();
    tracedPrograms.set(k, found);
  }
  return found ?? undefined;
}

/** A program's trace as kept between processes: which font file (its index), and each glyph's original id and advance. */
export interface FontTrace {
  file: number;
  glyphs: [number, number][];
}
/** Where traces are kept between processes (the pipeline gives the render cache). */
export interface TraceStore {
  get(key: string): FontTrace | undefined;
  put(key: string, trace: FontTrace): void;
}
const MEMO_MAX = 2000;

/** Text as UTF-16 code units in hexadecimal, as a ToUnicode CMap writes it. */
const utf16Hex = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')).join('');

/** Every glyph of the fonts made from one original file, numbered for the shared subset. */
interface SharedFont {
  original: Original;
  fonts: EmbeddedFont[];
  /** `${gid}:${advance}:${width}:${text}` → new CID. */
  cids: Map<string, number>;
  glyphs: DrawnGlyph[];
}
const glyphKey = (g: DrawnGlyph) => `${g.gid}:${g.advance}:${g.width}:${g.text}`;
/** A digest of a font's old codes → new ones (the same re-encoding gives the same signature). */
function signatureOf(codes: Map<number, number>): string {
  const pairs = new Uint32Array(2 * codes.size);
  let i = 0;
  for (const [from, to] of codes) (pairs[i++] = from), (pairs[i++] = to);
  return hash(new Uint8Array(pairs.buffer));
}

/**
 * Replace the pages' fonts by one subset per original font file. `fontFiles` are the bytes of
 * the font files the documents were rendered with. Everything is worked out before the
 * document is touched: a font or a page that cannot be re-encoded leaves the document as it
 * was (and is said by the error). Returns how many embedded subsets were replaced.
 */
/** For the tests: the text operators found by the fast scan and by the lexer (they must agree). */
export const textOperatorReaders = { scanText, parseText };

export function shareFonts(out: PDFDocument, pages: PDFPage[], fontFiles: readonly Uint8Array[], store?: TraceStore): number {
  const ctx = out.context;
  const originals = fontFiles.map(original);
  // The fonts of every page, by reference (a font of a form XObject is left alone).
  const fonts = new Map<string, EmbeddedFont | undefined>();
  const pageFonts = pages.map((page) => fontResources(page));
  for (const list of pageFonts) for (const [, ref] of list) if (!fonts.has(ref.toString())) fonts.set(ref.toString(), readEmbedded(ctx, ref, originals, store));
  for (const page of pages) for (const ref of formFonts(ctx, page)) fonts.set(ref.toString(), undefined);
  const shared = new Map<Original, SharedFont>();
  for (const f of fonts.values()) {
    if (!f) continue;
    let s = shared.get(f.original);
    if (!s) shared.set(f.original, (s = { original: f.original, fonts: [], cids: new Map(), glyphs: [] }));
    s.fonts.push(f);
  }
  // Numbered in page order, glyph by glyph (deterministic: the same pages give the same subset).
  const recoding = new Map<string, Recoding & { shared: SharedFont }>();
  for (const s of shared.values()) {
    if (s.fonts.length < 2) continue; // nothing to share
    s.glyphs.push(s.fonts[0]!.glyphs.get(0) ?? { gid: 0, advance: advanceOf(s.original.program, 0), width: 0, text: '0000' });
    for (const f of s.fonts) {
      const codes = new Map<number, number>([[0, 0]]);
      for (const [cid, k, g] of f.ordered) {
        let to = s.cids.get(k);
        if (to === undefined) s.cids.set(k, (to = s.glyphs.push(g) - 1));
        codes.set(cid, to);
      }
      recoding.set(f.ref.toString(), { shared: s, codes, signature: signatureOf(codes) });
    }
  }
  if (!recoding.size) return 0;
  const made = new Map([...new Set([...recoding.values()].map((r) => r.shared))].map((s) => [s, subsetProgram(s)]));
  const contents = pages.map((page, i) => reencodePage(ctx, page, pageFonts[i]!, recoding));

  // Nothing failed: the document changes.
  const refs = new Map([...made].map(([s, program]) => [s, writeShared(ctx, s, program)]));
  const before = new Set<string>();
  pages.forEach((page, i) => {
    for (const [name, ref] of pageFonts[i]!) {
      const to = recoding.get(ref.toString());
      if (to) (page.node.Resources()!.lookup(key('Font')) as PDFDict).set(key(name), refs.get(to.shared)!);
    }
    const c = contents[i];
    if (!c) return;
    for (const ref of c.before) before.add(ref.toString());
    page.node.set(key('Contents'), ctx.obj(c.after.map((x) => (x instanceof PDFRef ? x : ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), x))))));
  });
  // What nothing uses any more is not written: the replaced fonts, the drawings re-encoded.
  const inUse = new Set(pages.flatMap((page) => contentRefs(ctx, page).map(String)));
  for (const ref of before) if (!inUse.has(ref)) ctx.delete(PDFRef.of(Number(ref.split(' ')[0]), Number(ref.split(' ')[1])));
  for (const f of fonts.values()) if (f && recoding.has(f.ref.toString())) deleteFont(ctx, f);
  return recoding.size;
}

/** The shared subset's font program: glyph i of the program is CID i (kept for the same glyphs). */
function subsetProgram(s: SharedFont): Buffer {
  const k = `${originalsSeen.indexOf(s.original)}|${s.glyphs.map(glyphKey).join('|')}`;
  let program = programs.get(k);
  if (!program) {
    if (programs.size >= 64) programs.clear();
    programs.set(k, (program = encodeSubset(s)));
  }
  return program;
}
const programs = new Map<string, Buffer>();

function encodeSubset(s: SharedFont): Buffer {
  const subset = s.original.program.createSubset();
  const plain = new Set<number>([0]);
  s.glyphs.forEach((g, cid) => {
    if (cid === 0) return;
    // A glyph's first use at its own advance is the glyph itself; any other use (widened, or
    // read as other text) is a copy of it, so that each CID keeps its width and its text.
    const own = !plain.has(g.gid) && g.advance === advanceOf(s.original.program, g.gid);
    if (own) plain.add(g.gid);
    const id = own ? subset.includeGlyph(g.gid) : subset.includeSpacedGlyph(g.gid, g.advance, `cid ${cid}`);
    if (id !== cid) throw new Error(`shared subset: glyph ${g.gid} numbered ${id}, expected ${cid}`);
  });
  return Buffer.from(subset.encode());
}

function deleteFont(ctx: PDFContext, f: EmbeddedFont) {
  const drop = (o: PDFObject | undefined) => o instanceof PDFRef && ctx.delete(o);
  drop(f.descriptor.get(key('FontFile2')));
  drop(f.cidFont.get(key('FontDescriptor')));
  drop(f.cidFont.get(key('W')));
  drop((ctx.lookup(f.type0.get(key('DescendantFonts'))) as PDFArray).get(0));
  drop(f.type0.get(key('DescendantFonts')));
  drop(f.type0.get(key('ToUnicode')));
  ctx.delete(f.ref);
}

function contentRefs(ctx: PDFContext, page: PDFPage): PDFRef[] {
  const c = page.node.get(key('Contents'));
  const list = c instanceof PDFRef && ctx.lookup(c) instanceof PDFArray ? (ctx.lookup(c) as PDFArray).asArray() : c instanceof PDFArray ? c.asArray() : [c];
  return list.filter((r): r is PDFRef => r instanceof PDFRef);
}

/** A page's font resources: name → reference. */
function fontResources(page: PDFPage): [string, PDFRef][] {
  const dict = page.node.Resources()?.lookup(key('Font'));
  if (!(dict instanceof PDFDict)) return [];
  return dict.entries().flatMap(([n, v]) => (v instanceof PDFRef ? [[n.decodeText(), v] as [string, PDFRef]] : []));
}

/** Fonts used inside the page's form XObjects. */
function formFonts(ctx: PDFContext, page: PDFPage): PDFRef[] {
  const xobjects = page.node.Resources()?.lookup(key('XObject'));
  if (!(xobjects instanceof PDFDict)) return [];
  const out: PDFRef[] = [];
  for (const [, v] of xobjects.entries()) {
    const x = ctx.lookup(v);
    if (!(x instanceof PDFStream) || x.dict.get(key('Subtype'))?.toString() !== '/Form') continue;
    const fonts = ctx.lookup((ctx.lookup(x.dict.get(key('Resources'))) as PDFDict | undefined)?.get(key('Font')));
    if (fonts instanceof PDFDict) for (const [, f] of fonts.entries()) if (f instanceof PDFRef) out.push(f);
  }
  return out;
}

/** The shared subset as a Type0 font: descriptor and dictionaries copied from the first font's, new program, widths and ToUnicode. */
function writeShared(ctx: PDFContext, s: SharedFont, program: Buffer): PDFRef {
  const tag = [...createHash('sha1').update(program).digest()].slice(0, 6).map((b) => String.fromCharCode(65 + (b % 26))).join('');
  const name = `${tag}+${s.fonts[0]!.psName}`;
  const first = s.fonts[0]!;
  let packed = packedPrograms.get(program);
  if (!packed) packedPrograms.set(program, (packed = { program: deflateSync(program), toUnicode: deflateSync(toUnicodeCMap(s.glyphs.map((g) => g.text))) }));
  const file = ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode', Length1: program.length }), packed.program));
  const descriptor = first.descriptor.clone(ctx);
  descriptor.set(key('FontName'), key(name));
  descriptor.set(key('FontFile2'), file);
  const cidFont = first.cidFont.clone(ctx);
  cidFont.set(key('BaseFont'), key(name));
  cidFont.set(key('FontDescriptor'), ctx.register(descriptor));
  cidFont.set(key('W'), ctx.obj([0, s.glyphs.map((g) => g.width)]));
  const type0 = first.type0.clone(ctx);
  type0.set(key('BaseFont'), key(name));
  type0.set(key('DescendantFonts'), ctx.obj([ctx.register(cidFont)]));
  type0.set(key('ToUnicode'), ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), packed.toUnicode)));
  return ctx.register(type0);
}
/** A shared subset's program and ToUnicode, compressed (the same glyphs give the same program object: see subsetProgram). */
const packedPrograms = new WeakMap<Buffer, { program: Uint8Array; toUnicode: Uint8Array }>();

function toUnicodeCMap(texts: string[]): string {
  const h4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const ranges: string[] = [];
  for (let start = 0; start < texts.length; start += 256) {
    const chunk = texts.slice(start, start + 256);
    ranges.push(`<${h4(start)}> <${h4(start + chunk.length - 1)}> [${chunk.map((t) => `<${t || '0000'}>`).join(' ')}]`);
  }
  return [
    '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
    '/CIDSystemInfo <<', '  /Registry (Adobe)', '  /Ordering (UCS)', '  /Supplement 0', '>> def',
    '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
    '1 begincodespacerange', '<0000><ffff>', 'endcodespacerange',
    `${ranges.length} beginbfrange`, ...ranges, 'endbfrange',
    'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
  ].join('\n');
}

/**
 * The page's content streams with the codes of text in a re-encoded font rewritten (as text),
 * the others as they were; undefined when none changes. Only the hexadecimal strings of
 * text-showing operators change.
 */
/** A font's old codes → new ones, and a digest of that map. */
interface Recoding {
  codes: Map<number, number>;
  signature: string;
}

function reencodePage(ctx: PDFContext, page: PDFPage, fonts: [string, PDFRef][], recoding: Map<string, Recoding>): { before: PDFRef[]; after: (PDFRef | Uint8Array)[] } | undefined {
  const byName = new Map(fonts.map(([n, ref]) => [n, recoding.get(ref.toString())]));
  const before = contentRefs(ctx, page);
  let changed = false;
  // The text state carries on from one stream of a page to the next.
  let current: Recoding | undefined;
  const after = before.map((ref): PDFRef | Uint8Array => {
    const stream = ctx.lookup(ref);
    if (!(stream instanceof PDFStream)) throw new Error('a page content that is not a stream');
    const { digest, text, ops } = textOperators(stream);
    // The same stream re-encoded the same way before: its compressed bytes are kept.
    const entering = current;
    const used = ops.filter((op) => op.font !== undefined).map((op) => byName.get(op.font!));
    const k = `${digest}:${[entering, ...used].map((r) => r?.signature ?? '-').join(',')}`;
    const done = reencoded.get(k);
    if (done !== undefined) {
      current = used.length ? used[used.length - 1] : entering;
      if (done) changed = true;
      return done ?? ref;
    }
    const parts: string[] = [];
    let at = 0;
    for (const op of ops) {
      if (op.font !== undefined) current = byName.get(op.font);
      else if (current) {
        const source = text.slice(op.start, op.end);
        if (source.includes('(')) throw new Error('text written as a literal string'); // pdfkit writes CID text in hex
        const codes = current.codes;
        parts.push(text.slice(at, op.start), source.replace(/<([0-9A-Fa-f\s]*)>/g, (_, hex: string) => `<${recode(hex, codes)}>`));
        at = op.end;
      }
    }
    if (reencoded.size >= MEMO_MAX) reencoded.clear();
    if (at === 0) return reencoded.set(k, null), ref;
    changed = true;
    parts.push(text.slice(at));
    const deflated = deflateSync(Buffer.from(parts.join(''), 'latin1'));
    reencoded.set(k, deflated);
    return deflated;
  });
  return changed ? { before, after } : undefined;
}

/**
 * A content stream's text and where it selects a font (`font`) or shows text, kept by the digest
 * of its bytes: the streams of the sheets an edit did not touch are not parsed again.
 */
type TextOp = { start: number; end: number; font?: string };
const parsedStreams = new Map<string, { digest: string; text: string; ops: TextOp[] }>();
/** Streams re-encoded before (by digest and the recodings they went through): compressed bytes, or null when unchanged. */
const reencoded = new Map<string, Uint8Array | null>();
function textOperators(stream: PDFStream): { digest: string; text: string; ops: TextOp[] } {
  const k = rawDigest(stream);
  let found = parsedStreams.get(k);
  if (!found) {
    const bytes = streamBytes(stream);
    const text = Buffer.from(bytes).toString('latin1');
    if (parsedStreams.size >= MEMO_MAX) parsedStreams.clear();
    parsedStreams.set(k, (found = { digest: k, text, ops: scanText(text) ?? parseText(bytes) }));
  }
  return found;
}

function parseText(bytes: Uint8Array): TextOp[] {
  const ops: TextOp[] = [];
  for (const op of parseContent(bytes)) {
    if (op.op === 'Tf') ops.push({ start: op.start, end: op.end, font: (op.args[0] as { name: string }).name });
    else if (op.op === 'TJ' || op.op === 'Tj' || op.op === "'" || op.op === '"') ops.push({ start: op.start, end: op.end });
  }
  return ops;
}

/**
 * The same, by one regular expression, for content as pdfkit writes it (text in hexadecimal
 * strings, no comments, no inline images, no literal strings): four times faster than the
 * general lexer. Anything else: undefined, and the lexer reads it.
 */
const TEXT_OPERATORS = /\/([^\s/[\]<>(){}%]+)\s+[-+]?(?:\d+\.?\d*|\.\d+)\s+Tf(?![^\s/[<(])|(?:\[[^\]]*\]\s*TJ|<[0-9A-Fa-f\s]*>\s*Tj)(?![^\s/[<(])/g;
function scanText(text: string): TextOp[] | undefined {
  if (/[(%'"]|\bBI\b/.test(text)) return undefined;
  const ops: TextOp[] = [];
  for (const m of text.matchAll(TEXT_OPERATORS)) ops.push({ start: m.index, end: m.index + m[0].length, ...(m[1] !== undefined ? { font: m[1] } : {}) });
  return ops;
}

function recode(hex: string, codes: Map<number, number>): string {
  const h = hex.replace(/\s+/g, '');
  let out = '';
  for (let i = 0; i + 4 <= h.length; i += 4) {
    const to = codes.get(parseInt(h.slice(i, i + 4), 16));
    if (to === undefined) throw new Error(`glyph code ${h.slice(i, i + 4)} not in its font`);
    out += to.toString(16).padStart(4, '0');
  }
  return out;
}
