// Stage 5 — assemble: bind a booklet from PDFs already rendered, without laying anything out
// again. Its own pages (cover, introduction, contents, blank pages, back cover) come from one
// small React-PDF render; every card and factsheet page is the very page of its single sheet.
// What binding adds is done here, on the PDF objects (pdf-lib):
// - the pages in booklet order, each source's fonts and images copied once;
// - one structure tree (tagged PDF, PDF/UA-1): the booklet's own elements, and each card or
//   factsheet as a section (Sect) under the booklet's heading, its headings one level down;
//   the header band and funding statement that a single sheet reads as content repeat on every
//   page of a booklet, so there they become page furniture (artifacts);
// - page numbers on the card pages, drawn with the booklet's own font as page furniture;
// - the contents links' destinations, the outline (country → action), the metadata.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFObjectCopier, PDFPage, PDFRawStream, PDFRef, PDFString, ParseSpeeds, type PDFContext, type PDFObject } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { BookletPlan } from '../resolve/index.js';
import { cidWidths, multiply, parseContent, streamBytes, type Matrix, type Operand } from '../pdf/index.js';
import { shareFonts, type TraceStore } from './fonts.js';

/** Structure IDs the templates give the parts of a sheet that run on every page of a booklet. */
const RUNNING_IDS = ['running-header', 'running-funding'];

export interface BookletSources {
  plan: BookletPlan;
  /** The booklet's own pages in plan order, then one page holding the folio digits "0123456789". */
  own: Uint8Array;
  /** Each card's one-page PDF and each factsheet's two-page PDF, by anchor. */
  documents: ReadonlyMap<string, Uint8Array>;
  /** The font files they were rendered with: the booklet gets one subset of each (./fonts.ts). */
  fonts?: readonly Uint8Array[];
  /** Where the sheets' fonts, once traced to those files, are kept between processes. */
  fontTraces?: TraceStore;
}

const name = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : undefined);
const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
const key = (n: string) => PDFName.of(n);
// pdf-lib yields to the event loop every few objects while it parses and writes, through a
// timer (at least 1 ms each: seconds for a 1,000-page booklet). Binding is one job: no yields.
const AT_ONCE = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest };

/**
 * Sources parsed for an earlier binding, by the digest of their bytes: in `watch` and the
 * studio, an edit changes one card, and the other sheets need not be parsed again (binding
 * only reads them: pages and objects are copied out, never changed in place).
 */
const parsedSources = new Map<string, Promise<PDFDocument>>();
const PARSED_MAX = 400;
function parsed(bytes: Uint8Array): Promise<PDFDocument> {
  const k = createHash('sha1').update(bytes).digest('hex');
  let doc = parsedSources.get(k);
  if (!doc) {
    if (parsedSources.size >= PARSED_MAX) parsedSources.clear();
    doc = PDFDocument.load(bytes, AT_ONCE);
    parsedSources.set(k, doc);
  }
  return doc;
}

export async function bindBooklet({ plan, own: ownBytes, documents, fonts, fontTraces }: BookletSources): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const ctx = out.context;
  const own = await parsed(ownBytes);
  const ownPages = own.getPages();
  const ownCount = plan.pages.filter((p) => p.kind !== 'card' && p.kind !== 'factsheet').length;
  if (ownPages.length !== ownCount + 1) throw new Error(`the booklet's own pages are ${ownPages.length - 1}, ${ownCount} planned`);

  const sources = new Map<string, { doc: PDFDocument; copier: PDFObjectCopier }>();
  const sourceOf = async (anchor: string) => {
    let s = sources.get(anchor);
    if (!s) {
      const bytes = documents.get(anchor);
      if (!bytes) throw new Error(`no PDF for ${anchor}`);
      const doc = await parsed(bytes);
      s = { doc, copier: PDFObjectCopier.for(doc.context, ctx) };
      sources.set(anchor, s);
    }
    return s;
  };
  const ownCopier = PDFObjectCopier.for(own.context, ctx);

  // 1. Pages in booklet order. `from` remembers where each came from, to rebuild the structure.
  const placed: { page: PDFPage; src: PDFDocument; srcPage: PDFPage; anchor?: string; folio?: number }[] = [];
  let ownIndex = 0;
  const folioOf = (p: BookletPlan['pages'][number]) => ('number' in p ? p.number : undefined);
  for (const p of plan.pages) {
    if (p.kind === 'card' || p.kind === 'factsheet') {
      const { doc, copier } = await sourceOf(p.anchor);
      const srcPage = doc.getPage(p.kind === 'factsheet' ? p.page - 1 : 0);
      placed.push({ page: copyPage(out, copier, srcPage), src: doc, srcPage, anchor: p.anchor, folio: p.number });
    } else {
      const srcPage = ownPages[ownIndex++]!;
      placed.push({ page: copyPage(out, ownCopier, srcPage), src: own, srcPage, folio: folioOf(p) });
    }
  }

  // 2. One structure tree.
  const tree = new StructureBuilder(out);
  const root = tree.element('Document', undefined);
  const pageMap = new Map<string, PDFPage>(); // source page ref → its page in the booklet
  const annotMap = new Map<string, PDFRef>(); // source annotation ref → its copy
  for (const { page, srcPage, anchor } of placed) {
    pageMap.set(`${anchor ?? 'own'}:${srcPage.ref.toString()}`, page);
    const from = srcPage.node.lookup(key('Annots'));
    const to = page.node.lookup(key('Annots'));
    if (from instanceof PDFArray && to instanceof PDFArray) {
      for (let k = 0; k < from.size(); k++) {
        const a = from.get(k);
        const b = to.get(k);
        if (a instanceof PDFRef && b instanceof PDFRef) annotMap.set(`${anchor ?? 'own'}:${a.toString()}`, b);
      }
    }
  }
  const ownRoot = structRootElement(own);
  const ownKids = ownRoot ? kids(own.context, ownRoot) : [];
  const firstDocumentPage = placed.findIndex((p) => p.anchor);
  const ownPagesBefore = new Set(placed.slice(0, firstDocumentPage === -1 ? placed.length : firstDocumentPage).map((p) => p.srcPage.ref.toString()));
  const scope = (doc: PDFDocument, prefix: string, shift: number) => ({ doc, prefix, shift, pageMap, annotMap });
  const ownScope = scope(own, 'own', 0);
  const isBefore = (kid: PDFObject) => {
    const pg = firstPageOf(own.context, kid);
    return pg === undefined || ownPagesBefore.has(pg);
  };
  for (const kid of ownKids.filter(isBefore)) tree.copy(kid, root, ownScope);
  for (const anchor of [...new Set(placed.filter((p) => p.anchor).map((p) => p.anchor!))]) {
    const { doc } = sources.get(anchor)!;
    const docRoot = structRootElement(doc);
    if (docRoot) tree.copy(docRoot, root, scope(doc, anchor, 1), 'Sect');
  }
  for (const kid of ownKids.filter((k) => !isBefore(k))) tree.copy(kid, root, ownScope);
  tree.finish(root, placed);

  // 3. Page numbers on the pages that came from sheets.
  const stamp = folioStamp(own, ownPages[ownPages.length - 1]!, ownCopier, plan.booklet.direction === 'rtl');
  for (const p of placed) if (p.anchor && p.folio !== undefined && stamp) stamp(out, p.page, p.folio);

  // 4. Destinations of the contents links (and of the sheets' own links, e.g. footnotes).
  const dests: [string, PDFObject][] = [];
  for (const p of placed) {
    if (p.anchor && !dests.some(([n]) => n === p.anchor)) dests.push([p.anchor, ctx.obj([p.page.ref, 'XYZ', 0, p.page.getHeight(), null])]);
  }
  for (const [anchor, { doc }] of sources) {
    for (const [n, dest] of namedDestinations(doc)) {
      const page = dest.get(0);
      const mapped = page instanceof PDFRef ? pageMap.get(`${anchor}:${page.toString()}`) : undefined;
      if (mapped && !dests.some(([m]) => m === n)) dests.push([n, ctx.obj([mapped.ref, ...dest.asArray().slice(1).map((o) => o.clone(ctx))])]);
    }
  }
  dests.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (dests.length) {
    const names = ctx.obj([]) as PDFArray;
    for (const [n, d] of dests) {
      names.push(PDFString.of(n));
      names.push(d);
    }
    out.catalog.set(key('Names'), ctx.obj({ Dests: ctx.obj({ Names: names, Limits: [PDFString.of(dests[0]![0]), PDFString.of(dests[dests.length - 1]![0])] }) }));
  }

  // 5. The outline: a country (or the factsheets) and its actions, each opening its page.
  writeOutline(out, plan, placed.map((p) => p.page));

  // 6. What the document says about itself; 7. one subset of each font for the whole booklet.
  describeAndShareFonts(out, own, ownCopier, placed.map((p) => p.page), fonts, fontTraces);
  return out.save({ useObjectStreams: true, objectsPerTick: Infinity });
}

/**
 * What the document says about itself, from the booklet's own render (tagged PDF/UA-1,
 * PDF/A-2a: its output intent, and its file identifier, which PDF/A requires in the trailer);
 * then one subset of each font for the whole booklet, instead of one per sheet (./fonts.ts).
 */
function describeAndShareFonts(out: PDFDocument, own: PDFDocument, ownCopier: PDFObjectCopier, pages: PDFPage[], fonts: readonly Uint8Array[] | undefined, traces: TraceStore | undefined) {
  const ctx = out.context;
  for (const k of ['Lang', 'ViewerPreferences', 'MarkInfo', 'Metadata', 'PageMode', 'OutputIntents']) {
    const v = own.catalog.get(key(k));
    if (v) out.catalog.set(key(k), ownCopier.copy(v));
  }
  const info = own.context.trailerInfo.Info;
  if (info) ctx.trailerInfo.Info = ownCopier.copy(info);
  const id = own.context.trailerInfo.ID;
  if (id) ctx.trailerInfo.ID = ownCopier.copy(id);
  if (fonts?.length) {
    try {
      shareFonts(out, pages, fonts, traces);
    } catch {
      // Left with each sheet's own subsets: larger, and just as right.
    }
  }
  compressDrawings(ctx, pages);
}

/**
 * The drawings marked as furniture are left uncompressed for the font sharing, which rewrites
 * and compresses most of them (one compression per page instead of two): those it left are
 * compressed here.
 */
function compressDrawings(ctx: PDFContext, pages: PDFPage[]) {
  for (const page of pages) {
    const c = page.node.get(key('Contents'));
    for (const ref of c instanceof PDFRef ? [c] : refsIn(c)) {
      const stream = ctx.lookup(ref);
      if (stream instanceof PDFRawStream && !stream.dict.has(key('Filter'))) {
        ctx.assign(ref, PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), deflatedOnce(stream.contents)));
      }
    }
  }
}
/** The same drawing compressed before (the sheets an edit did not touch, bound again). */
const deflatedDrawings = new WeakMap<Uint8Array, Uint8Array>();
function deflatedOnce(raw: Uint8Array): Uint8Array {
  let d = deflatedDrawings.get(raw);
  if (!d) deflatedDrawings.set(raw, (d = deflateSync(raw)));
  return d;
}

function copyPage(out: PDFDocument, copier: PDFObjectCopier, page: PDFPage): PDFPage {
  const node = copier.copy(page.node);
  const ref = out.context.register(node);
  const copy = PDFPage.of(node, ref, out);
  out.addPage(copy);
  return copy;
}

function structRootElement(doc: PDFDocument): PDFObject | undefined {
  const root = doc.catalog.lookup(key('StructTreeRoot'));
  if (!(root instanceof PDFDict)) return undefined;
  const k = root.get(key('K'));
  const first = k instanceof PDFArray ? k.get(0) : k;
  return first;
}

function kids(c: PDFContext, element: PDFObject): PDFObject[] {
  const el = c.lookup(element);
  const k = el instanceof PDFDict ? el.get(key('K')) : undefined;
  if (k === undefined) return [];
  const v = c.lookup(k);
  return v instanceof PDFArray ? v.asArray() : [k];
}

/** The page an element's content starts on (its /Pg, or its first descendant's). */
function firstPageOf(c: PDFContext, element: PDFObject): string | undefined {
  const el = c.lookup(element);
  if (!(el instanceof PDFDict)) return undefined;
  const pg = el.get(key('Pg'));
  if (pg instanceof PDFRef) return pg.toString();
  for (const kid of kids(c, element)) {
    const k = c.lookup(kid);
    if (k instanceof PDFDict && name(k.get(key('Type'))) === 'MCR') {
      const p = k.get(key('Pg'));
      if (p instanceof PDFRef) return p.toString();
    }
    const found = k instanceof PDFDict && !name(k.get(key('Type'))) ? firstPageOf(c, kid) : undefined;
    if (found) return found;
  }
  return undefined;
}

interface CopyScope {
  doc: PDFDocument;
  /** Which source the element comes from: annotation refs are only unique within one. */
  prefix: string;
  /** Heading levels added (a card's H1 is an H2 in a booklet). */
  shift: number;
  pageMap: Map<string, PDFPage>;
  annotMap: Map<string, PDFRef>;
}

/** Builds the booklet's structure tree and parent tree from the sources' elements. */
class StructureBuilder {
  private readonly ctx: PDFContext;
  /** Per booklet page: marked-content id → the element holding it. */
  private readonly mcids = new Map<PDFPage, PDFObject[]>();
  /** Per booklet page: marked content of dropped elements, to turn into artifacts. */
  private readonly dropped = new Map<PDFPage, Set<number>>();
  private readonly annotationParents: [PDFRef, PDFRef][] = [];
  private readonly ids = new Map<string, PDFRef>();

  constructor(private readonly out: PDFDocument) {
    this.ctx = out.context;
  }

  element(type: string, parent: PDFRef | undefined, extra: Record<string, PDFObject> = {}): PDFRef {
    const dict = this.ctx.obj({ Type: 'StructElem', S: type, ...extra }) as PDFDict;
    if (parent) dict.set(key('P'), parent);
    dict.set(key('K'), this.ctx.obj([]));
    return this.ctx.register(dict);
  }

  private kidsOf(ref: PDFRef): PDFArray {
    return (this.ctx.lookup(ref) as PDFDict).lookup(key('K')) as PDFArray;
  }

  /** Copy a source element (and its subtree) under `parent`; running furniture is dropped. */
  copy(srcElement: PDFObject, parent: PDFRef, s: CopyScope, rename?: string, inheritedPage?: PDFPage): void {
    const src = s.doc.context;
    const el = src.lookup(srcElement);
    if (!(el instanceof PDFDict)) return;
    const pgRef = el.get(key('Pg'));
    const pageOf = (r: PDFObject | undefined) => (r instanceof PDFRef ? s.pageMap.get(`${s.prefix}:${r.toString()}`) : undefined);
    const page = pageOf(pgRef) ?? inheritedPage;
    const id = text(el.get(key('ID')));
    if (s.shift && id && RUNNING_IDS.includes(id)) return this.drop(srcElement, s, page);
    let type = rename ?? name(el.get(key('S'))) ?? 'Span';
    const level = /^H([1-6])$/.exec(type);
    if (level && s.shift) type = `H${Math.min(6, Number(level[1]) + s.shift)}`;
    const extra: Record<string, PDFObject> = {};
    for (const k of ['Alt', 'ActualText', 'Lang', 'E', 'T', 'ID', 'A']) {
      const v = el.get(key(k));
      if (v) extra[k] = v.clone(this.ctx);
    }
    if (page) extra.Pg = page.ref;
    const ref = this.element(type, parent, extra);
    this.kidsOf(parent).push(ref);
    if (id) this.ids.set(id, ref);
    for (const kid of kids(src, srcElement)) {
      const k = src.lookup(kid);
      if (k instanceof PDFNumber) {
        this.kidsOf(ref).push(PDFNumber.of(k.asNumber()));
        this.mark(page, k.asNumber(), ref);
      }
      else if (k instanceof PDFDict && name(k.get(key('Type'))) === 'MCR') {
        const p = k.get(key('Pg'));
        const mcrPage = pageOf(p) ?? page;
        const mcid = (k.lookup(key('MCID')) as PDFNumber).asNumber();
        this.kidsOf(ref).push(this.ctx.obj({ Type: 'MCR', Pg: mcrPage!.ref, MCID: mcid }));
        this.mark(mcrPage, mcid, ref);
      } else if (k instanceof PDFDict && name(k.get(key('Type'))) === 'OBJR') {
        const obj = k.get(key('Obj'));
        const annot = obj instanceof PDFRef ? s.annotMap.get(`${s.prefix}:${obj.toString()}`) : undefined;
        if (!annot) continue;
        const p = k.get(key('Pg'));
        const objrPage = pageOf(p) ?? page;
        this.kidsOf(ref).push(this.ctx.obj({ Type: 'OBJR', Obj: annot, Pg: objrPage!.ref }));
        this.annotationParents.push([annot, ref]);
      } else if (k instanceof PDFDict) this.copy(kid, ref, s, undefined, page);
    }
  }

  private mark(page: PDFPage | undefined, mcid: number, element: PDFRef) {
    if (!page) return;
    const list = this.mcids.get(page) ?? [];
    list[mcid] = element;
    this.mcids.set(page, list);
  }

  /** Furniture: its marked content becomes an artifact on its page. */
  private drop(srcElement: PDFObject, s: CopyScope, page: PDFPage | undefined) {
    const src = s.doc.context;
    for (const kid of kids(src, srcElement)) {
      const k = src.lookup(kid);
      if (k instanceof PDFNumber && page) {
        const set = this.dropped.get(page) ?? new Set<number>();
        set.add(k.asNumber());
        this.dropped.set(page, set);
      } else if (k instanceof PDFDict && !name(k.get(key('Type')))) {
        const pg = k.get(key('Pg'));
        this.drop(kid, s, (pg instanceof PDFRef ? s.pageMap.get(`${s.prefix}:${pg.toString()}`) : undefined) ?? page);
      }
    }
  }

  /** The parent tree, the pages' and annotations' keys into it, the dropped content as artifacts, the root. */
  finish(root: PDFRef, pages: { page: PDFPage; srcPage: PDFPage }[]) {
    const nums: PDFObject[] = [];
    let next = 0;
    for (const { page, srcPage } of pages) {
      page.node.delete(key('StructParents'));
      const annots = page.node.lookup(key('Annots'));
      if (annots instanceof PDFArray) for (const a of annots.asArray()) (this.ctx.lookup(a) as PDFDict).delete(key('StructParent'));
      const dropped = this.dropped.get(page);
      if (dropped?.size) markAsArtifacts(this.out, page, srcPage, dropped);
      const list = this.mcids.get(page);
      if (!list?.length) continue;
      page.node.set(key('StructParents'), PDFNumber.of(next));
      nums.push(PDFNumber.of(next++), this.ctx.obj(Array.from(list, (r) => r ?? PDFNull)));
    }
    for (const [annot, element] of this.annotationParents) {
      (this.ctx.lookup(annot) as PDFDict).set(key('StructParent'), PDFNumber.of(next));
      nums.push(PDFNumber.of(next++), element);
    }
    const treeRoot = this.ctx.register(this.ctx.obj({ Type: 'StructTreeRoot', K: this.ctx.obj([root]), ParentTree: this.ctx.obj({ Nums: this.ctx.obj(nums) }), ParentTreeNextKey: next }));
    // Elements with an /ID (notes) are listed in the IDTree, as ISO 32000-1 (14.7.2) asks.
    const ids = [...this.ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (ids.length) {
      const list = this.ctx.obj([]) as PDFArray;
      for (const [id, ref] of ids) {
        list.push(PDFString.of(id));
        list.push(ref);
      }
      (this.ctx.lookup(treeRoot) as PDFDict).set(key('IDTree'), this.ctx.obj({ Names: list, Limits: [PDFString.of(ids[0]![0]), PDFString.of(ids[ids.length - 1]![0])] }));
    }
    (this.ctx.lookup(root) as PDFDict).set(key('P'), treeRoot);
    this.out.catalog.set(key('StructTreeRoot'), treeRoot);
  }
}

function contentBytes(page: PDFPage): Uint8Array[] {
  const c = page.node.Contents();
  const streams = c instanceof PDFArray ? c.asArray().map((r) => page.doc.context.lookup(r)) : [c];
  return streams.map(streamBytes);
}

/**
 * Marked content of these ids becomes page furniture: `/P <</MCID 3>> BDC` (as pdfkit writes it)
 * becomes `/Artifact <</Type /Pagination>> BDC`. The drawing is untouched. The rewritten
 * drawing is kept with its source page (sources stay parsed between bindings), so
 * a booklet bound again after an edit recompresses only the edited sheet's page.
 */
function markAsArtifacts(out: PDFDocument, page: PDFPage, srcPage: PDFPage, mcids: Set<number>) {
  const ids = [...mcids].sort((a, b) => a - b).join(' ');
  let done = rewritten.get(srcPage);
  if (done?.ids !== ids) {
    const source = Buffer.concat(contentBytes(srcPage).flatMap((b) => [b, Buffer.from('\n')])).toString('latin1');
    const drawing = source.replace(/\/[A-Za-z0-9]+\s*<<\s*\/MCID\s+(\d+)\s*>>\s*BDC/g, (all, id: string) => (mcids.has(Number(id)) ? '/Artifact <</Type /Pagination>> BDC' : all));
    done = { ids, drawing: Buffer.from(drawing, 'latin1') };
    rewritten.set(srcPage, done);
  }
  // The copied streams it replaces would otherwise still be written, unused (pdf-lib writes
  // every object it holds): a whole second copy of each sheet's drawing.
  const replaced = page.node.get(key('Contents'));
  const old = replaced instanceof PDFRef ? [replaced, ...refsIn(out.context.lookup(replaced))] : refsIn(replaced);
  // Uncompressed for now: see compressDrawings.
  page.node.set(key('Contents'), out.context.register(PDFRawStream.of(out.context.obj({}), done.drawing)));
  for (const ref of old) out.context.delete(ref);
}
const rewritten = new WeakMap<PDFPage, { ids: string; drawing: Uint8Array }>();

const refsIn = (o: PDFObject | undefined): PDFRef[] => (o instanceof PDFArray ? o.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : []);

/** Named destinations of a PDF written by pdfkit (a flat name tree). */
function namedDestinations(doc: PDFDocument): [string, PDFArray][] {
  const names = doc.catalog.lookup(key('Names'));
  const dests = names instanceof PDFDict ? names.lookup(key('Dests')) : undefined;
  const list = dests instanceof PDFDict ? dests.lookup(key('Names')) : undefined;
  const out: [string, PDFArray][] = [];
  if (!(list instanceof PDFArray)) return out;
  for (let k = 0; k + 1 < list.size(); k += 2) {
    const n = text(list.get(k));
    const d = doc.context.lookup(list.get(k + 1));
    if (n && d instanceof PDFArray) out.push([n, d]);
  }
  return out;
}

/**
 * Draws a page number like the booklet's own folios: the own render's last page holds the
 * digits 0–9 where a folio goes, in the folio's font, size and colour. A number is written
 * with those glyphs, aligned on the same end, as page furniture.
 */
function folioStamp(own: PDFDocument, digitsPage: PDFPage, copier: PDFObjectCopier, rtl: boolean): ((out: PDFDocument, page: PDFPage, n: number) => void) | undefined {
  const ops = parseContent(Buffer.concat(contentBytes(digitsPage)));
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let colour: number[] = [0, 0, 0];
  let font: string | undefined;
  let size = 0;
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let found: { font: string; size: number; colour: number[]; origin: Matrix; codes: string } | undefined;
  const nums = (args: Operand[]) => args.filter((a): a is number => typeof a === 'number');
  for (const op of ops) {
    if (op.op === 'q') stack.push(ctm);
    else if (op.op === 'Q') ctm = stack.pop() ?? ctm;
    else if (op.op === 'cm') ctm = multiply(nums(op.args) as Matrix, ctm);
    else if (op.op === 'rg' || op.op === 'scn' || op.op === 'sc') colour = nums(op.args);
    else if (op.op === 'Tf') [font, size] = [(op.args[0] as { name: string }).name, op.args[1] as number];
    else if (op.op === 'Tm') tm = nums(op.args) as Matrix;
    else if ((op.op === 'TJ' || op.op === 'Tj') && font && !found) {
      const parts = (op.op === 'TJ' ? (op.args[0] as Operand[]) : op.args).filter((a): a is { hex: string } => typeof a === 'object' && a !== null && 'hex' in a);
      found = { font, size, colour, origin: multiply(tm, ctm), codes: parts.map((p) => p.hex).join('') };
    }
  }
  if (!found || found.codes.length !== 40) return undefined;
  const codes = Array.from({ length: 10 }, (_, d) => found!.codes.slice(d * 4, d * 4 + 4));
  // Glyph widths (1/1000 em) from the font's /W array.
  const fontEntry = (digitsPage.node.Resources()?.lookup(key('Font')) as PDFDict | undefined)?.get(key(found.font));
  const fontDict = fontEntry && own.context.lookup(fontEntry);
  if (!(fontDict instanceof PDFDict)) return undefined;
  const descendant = own.context.lookup((fontDict.lookup(key('DescendantFonts')) as PDFArray).get(0)) as PDFDict;
  const widths = cidWidths(own.context, descendant.lookup(key('W')));
  const width = (s: string) => [...s].reduce((w, ch) => w + (widths.get(parseInt(codes[Number(ch)]!, 16)) ?? 0), 0) * (found!.size / 1000);
  const all = width('0123456789');
  const fontRef = copier.copy(fontEntry!);
  const [a, b, c, d, e, f] = found.origin;
  const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
  let opening: PDFRef | undefined; // one "q" stream opens every stamped page
  return (out, page, n) => {
    const digits = String(n);
    // Left-to-right pages end the number at the folio's right edge; right-to-left ones start it at the left.
    const x = rtl ? e : e + (all - width(digits)) * a;
    const content = [
      'q',
      '/Artifact <</Type /Pagination>> BDC',
      `${found!.colour.map(fmt).join(' ')} rg`,
      'BT',
      `${fmt(a)} ${fmt(b)} ${fmt(c)} ${fmt(d)} ${fmt(x)} ${fmt(f)} Tm`,
      `/FolioFont ${fmt(found!.size)} Tf`,
      `<${[...digits].map((ch) => codes[Number(ch)]).join('')}> Tj`,
      'ET',
      'EMC',
      'Q',
    ].join('\n');
    const resources = page.node.Resources()!;
    const fonts = resources.lookup(key('Font'));
    if (fonts instanceof PDFDict) fonts.set(key('FolioFont'), fontRef);
    else resources.set(key('Font'), out.context.obj({ FolioFont: fontRef }));
    // The sheet's drawing is enclosed in q … Q, so the number is drawn in page coordinates.
    const before = (opening ??= out.context.register(out.context.flateStream('q\n')));
    const after = out.context.register(out.context.flateStream(`\nQ\n${content}\n`));
    const existing = page.node.Contents();
    const list = existing instanceof PDFArray ? existing.asArray() : [page.node.get(key('Contents'))!];
    page.node.set(key('Contents'), out.context.obj([before, ...list, after]));
  };
}

/** Outline: each section (a country, the factsheets) with its documents beneath, as planned. */
function writeOutline(out: PDFDocument, plan: BookletPlan, pages: PDFPage[]) {
  const ctx = out.context;
  type Entry = { title: string; page: PDFPage; expanded: boolean; children: Entry[] };
  const top: Entry[] = [];
  const byRef = new Map<string, Entry>();
  plan.pages.forEach((p, i) => {
    if (!('sectionBookmark' in p) && !('bookmark' in p)) return;
    const page = pages[i]!;
    if ('sectionBookmark' in p && p.sectionBookmark) {
      const e: Entry = { title: p.sectionBookmark.title, page, expanded: p.sectionBookmark.expanded ?? false, children: [] };
      top.push(e);
      if (p.sectionBookmark.ref) byRef.set(p.sectionBookmark.ref, e);
    }
    if ('bookmark' in p && p.bookmark) {
      const e: Entry = { title: p.bookmark.title, page, expanded: false, children: [] };
      const parent = p.bookmark.parent ? byRef.get(p.bookmark.parent) : undefined;
      (parent ? parent.children : top).push(e);
    }
  });
  if (!top.length) return;
  const outlines = ctx.register(ctx.obj({ Type: 'Outlines' }));
  const write = (entries: Entry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = entries.map(() => ctx.nextRef());
    let count = 0;
    entries.forEach((e, k) => {
      const dict = ctx.obj({ Title: PDFHexString.fromText(e.title), Parent: parent, Dest: ctx.obj([e.page.ref, 'XYZ', 0, e.page.getHeight(), null]) }) as PDFDict;
      if (k > 0) dict.set(key('Prev'), refs[k - 1]!);
      if (k < entries.length - 1) dict.set(key('Next'), refs[k + 1]!);
      let open = 0;
      if (e.children.length) {
        const sub = write(e.children, refs[k]!);
        dict.set(key('First'), sub.first);
        dict.set(key('Last'), sub.last);
        dict.set(key('Count'), PDFNumber.of(e.expanded ? sub.count : -sub.count));
        open = e.expanded ? sub.count : 0;
      }
      ctx.assign(refs[k]!, dict);
      count += 1 + open;
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const { first, last, count } = write(top, outlines);
  const dict = ctx.lookup(outlines) as PDFDict;
  dict.set(key('First'), first);
  dict.set(key('Last'), last);
  dict.set(key('Count'), PDFNumber.of(count));
  out.catalog.set(key('Outlines'), outlines);
}
