// What both conformance checks (PDF/UA-1 in ./accessibility.ts, PDF/A-2 in ./archival.ts) read
// from a PDF, each in one place: the XMP metadata, language tags, the role map, and the text
// each font shows (walked through every page and every form XObject they draw).
import { DOMParser, type Element } from '@xmldom/xmldom';
import { PDFDict, PDFHexString, PDFName, PDFRef, PDFStream, PDFString, type PDFContext, type PDFDocument, type PDFObject } from 'pdf-lib';
import { isLanguageCode } from '../text/index.js';
import { dictGet, pageContentBytes, parseContent, streamBytes, toUnicodeMap, type Op, type Operand } from '../pdf/index.js';

export const str = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : undefined;

export function lookup(ctx: PDFContext, o: PDFObject | undefined): PDFObject | undefined {
  return o instanceof PDFRef ? ctx.lookup(o) : o;
}

/** "object 12" for an indirect object, for messages that name where a fault is. */
export const objectName = (ref: PDFObject | undefined): string => (ref instanceof PDFRef ? `object ${ref.objectNumber}` : 'a direct object');

// ---------------------------------------------------------------------------------------
// XMP metadata

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

export interface Xmp {
  /** The catalog has a metadata stream. */
  present: boolean;
  /** Type /Metadata and Subtype /XML on the stream. */
  typed: boolean;
  /** The stream is compressed (a Filter). */
  filtered: boolean;
  /** Why the packet is not well-formed XML, if it is not. */
  error?: string;
  /** Attributes of the <?xpacket begin?> header that PDF/A forbids (bytes, encoding). */
  forbiddenHeader: string[];
  /** Every property: "namespace URI|local name" → its text values (an Alt or Seq gives several). */
  properties: Map<string, string[]>;
  /** Namespaces the PDF/A extension schemas describe (pdfaSchema:namespaceURI). */
  described: Set<string>;
}

export function readXmp(doc: PDFDocument): Xmp {
  const ctx = doc.context;
  const stream = lookup(ctx, doc.catalog.get(PDFName.of('Metadata')));
  const xmp: Xmp = { present: stream instanceof PDFStream, typed: false, filtered: false, forbiddenHeader: [], properties: new Map(), described: new Set() };
  if (!(stream instanceof PDFStream)) return xmp;
  xmp.typed = str(stream.dict.get(PDFName.of('Type'))) === 'Metadata' && str(stream.dict.get(PDFName.of('Subtype'))) === 'XML';
  xmp.filtered = stream.dict.get(PDFName.of('Filter')) !== undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(streamBytes(stream));
  } catch {
    xmp.error = 'not UTF-8';
    return xmp;
  }
  const header = /<\?xpacket\s+begin=[^?]*\?>/.exec(text)?.[0] ?? '';
  for (const attribute of ['bytes', 'encoding']) if (new RegExp(`\\s${attribute}=`).test(header)) xmp.forbiddenHeader.push(attribute);
  const errors: string[] = [];
  let root: Element | null = null;
  try {
    root = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg.split('\n')[0]!); } }).parseFromString(text.trim(), 'text/xml').documentElement;
  } catch (e) {
    errors.push((e as Error).message.split('\n')[0]!);
  }
  if (errors.length || !root) {
    xmp.error = errors[0] ?? 'no root element';
    return xmp;
  }
  const values = (el: Element): string[] => {
    const items = [...elements(el)].filter((c) => c.namespaceURI === RDF && ['Alt', 'Seq', 'Bag'].includes(c.localName ?? ''));
    if (items.length) return items.flatMap((list) => [...elements(list)].map((li) => li.textContent?.trim() ?? ''));
    return [el.textContent?.trim() ?? ''];
  };
  const walk = (el: Element) => {
    if (el.namespaceURI === RDF && el.localName === 'Description') {
      for (let k = 0; k < el.attributes.length; k++) {
        const a = el.attributes[k]!;
        if (a.namespaceURI && a.namespaceURI !== RDF && a.namespaceURI !== 'http://www.w3.org/2000/xmlns/' && a.prefix !== 'xml') xmp.properties.set(`${a.namespaceURI}|${a.localName}`, [a.value]);
      }
      for (const child of elements(el)) {
        if (child.namespaceURI) xmp.properties.set(`${child.namespaceURI}|${child.localName}`, values(child));
      }
    }
    for (const child of elements(el)) walk(child);
  };
  walk(root);
  for (const el of root.getElementsByTagNameNS('http://www.aiim.org/pdfa/ns/schema#', 'namespaceURI')) xmp.described.add(el.textContent?.trim() ?? '');
  return xmp;
}

function* elements(el: Element): Generator<Element> {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) yield n as Element;
}

/** A property of the XMP packet by its namespace and name (its first value). */
export const xmpValue = (xmp: Xmp, ns: string, name: string): string | undefined => xmp.properties.get(`${ns}|${name}`)?.[0];
export const NS = {
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  pdfuaid: 'http://www.aiim.org/pdfua/ns/id/',
} as const;

// ---------------------------------------------------------------------------------------
// Language tags (BCP 47, as ISO 32000-1 14.9.2 asks of /Lang)

const BCP47 = /^(?<language>[a-z]{2,3})(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$|^x(?:-[a-z\d]{1,8})+$/i;

/** Why a /Lang value is not a language tag, or undefined when it is one. An empty value means "unknown" and is allowed. */
export function languageTagProblem(tag: string): string | undefined {
  if (tag === '') return undefined;
  const m = BCP47.exec(tag);
  if (!m) return `"${tag}" is not a language tag (BCP 47, e.g. fr, en-GB, ar)`;
  const primary = m.groups?.language?.toLowerCase();
  if (primary && primary.length === 2 && !isLanguageCode(primary)) return `"${tag}": "${primary}" is no ISO 639 language`;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Structure types and the role map

/** Standard structure types of ISO 32000-1, 14.8.4. */
export const STANDARD_TYPES = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

export interface RoleMap {
  entries: Map<string, string>;
  /** The standard type a type stands for (itself if standard), or why there is none. */
  resolve(type: string): { standard?: string; problem?: 'unmapped' | 'circular' };
}

export function readRoleMap(doc: PDFDocument): RoleMap {
  const ctx = doc.context;
  const map = dictGet(ctx, dictGet(ctx, doc.catalog, 'StructTreeRoot'), 'RoleMap');
  const entries = new Map<string, string>();
  if (map instanceof PDFDict) for (const [k, v] of map.entries()) { const to = str(lookup(ctx, v)); if (to) entries.set(k.decodeText(), to); }
  return {
    entries,
    resolve(type) {
      const seen = new Set<string>();
      let t = type;
      while (!STANDARD_TYPES.has(t)) {
        if (seen.has(t)) return { problem: 'circular' };
        seen.add(t);
        const next = entries.get(t);
        if (!next) return { problem: 'unmapped' };
        t = next;
      }
      return { standard: t };
    },
  };
}

// ---------------------------------------------------------------------------------------
// Text shown, by font, through pages and the form XObjects they draw

export interface FontUse {
  ref?: PDFRef;
  dict: PDFDict;
  /** Character codes shown with this font (2 bytes for Identity-H composite fonts, else 1). */
  codes: Set<number>;
  pages: Set<number>;
}

/** The marked-content frames around an operation: tagged content (MCID) or an artifact. */
interface MarkedFrame {
  artifact: boolean;
  mcid?: number;
}

export interface ContentVisit {
  /** The page (1-based) the content is drawn on. */
  page: number;
  op: Op;
  resources: PDFDict | undefined;
  /** Marked content open around the operation, outermost first, through form XObjects. */
  marked: MarkedFrame[];
  /** Set while inside a form XObject: the form's reference. */
  form?: PDFRef;
}

/**
 * Every operation of every page's content and of the form XObjects it draws (recursively,
 * once per drawing, with a depth limit against loops), with the resources it is read
 * against and the marked content around it.
 */
export function visitContent(doc: PDFDocument, visit: (v: ContentVisit) => void): void {
  const ctx = doc.context;
  const run = (bytes: Uint8Array, resources: PDFDict | undefined, page: number, outer: MarkedFrame[], form: PDFRef | undefined, depth: number) => {
    const stack: MarkedFrame[] = [];
    for (const op of parseContent(bytes)) {
      if (op.op === 'BMC' || op.op === 'BDC') {
        const tag = (op.args[0] as { name?: string } | undefined)?.name;
        const props = op.args[1] as { dict?: Record<string, Operand> } | undefined;
        stack.push({ artifact: tag === 'Artifact', mcid: typeof props?.dict?.MCID === 'number' ? props.dict.MCID : undefined });
      }
      visit({ page, op, resources, marked: [...outer, ...stack], form });
      if (op.op === 'EMC') stack.pop();
      if (op.op === 'Do' && depth < 8) {
        const name = (op.args[0] as { name?: string } | undefined)?.name;
        const ref = name ? dictGet(ctx, resources, 'XObject') : undefined;
        const xref = ref instanceof PDFDict ? ref.get(PDFName.of(name!)) : undefined;
        const xobject = lookup(ctx, xref);
        if (xobject instanceof PDFStream && str(xobject.dict.get(PDFName.of('Subtype'))) === 'Form') {
          const own = lookup(ctx, xobject.dict.get(PDFName.of('Resources')));
          run(streamBytes(xobject), own instanceof PDFDict ? own : resources, page, [...outer, ...stack], xref instanceof PDFRef ? xref : undefined, depth + 1);
        }
      }
    }
  };
  doc.getPages().forEach((page, k) => {
    const resources = lookup(ctx, page.node.get(PDFName.of('Resources')));
    run(pageContentBytes(page), resources instanceof PDFDict ? resources : undefined, k + 1, [], undefined, 0);
  });
}

/** The codes shown with each font (by its dictionary), read from every text operation. */
export function fontUses(doc: PDFDocument): Map<PDFDict, FontUse> {
  const ctx = doc.context;
  const uses = new Map<PDFDict, FontUse>();
  let current: FontUse | undefined;
  visitContent(doc, ({ page, op, resources }) => {
    if (op.op === 'Tf') {
      const name = (op.args[0] as { name?: string } | undefined)?.name;
      const fonts = dictGet(ctx, resources, 'Font');
      const ref = name && fonts instanceof PDFDict ? fonts.get(PDFName.of(name)) : undefined;
      const dict = lookup(ctx, ref);
      if (!(dict instanceof PDFDict)) return (current = undefined);
      current = uses.get(dict) ?? { ref: ref instanceof PDFRef ? ref : undefined, dict, codes: new Set(), pages: new Set() };
      uses.set(dict, current);
      return;
    }
    if (!current || !['Tj', 'TJ', "'", '"'].includes(op.op)) return;
    current.pages.add(page);
    const wide = str(current.dict.get(PDFName.of('Subtype'))) === 'Type0';
    const strings = op.op === 'TJ' ? ((op.args[0] as Operand[] | undefined) ?? []) : op.op === '"' ? op.args.slice(2) : op.args;
    for (const s of strings) {
      const bytes = typeof s === 'string' ? [...s].map((c) => c.charCodeAt(0)) : typeof s === 'object' && s !== null && 'hex' in s ? hexBytes(s.hex) : [];
      if (wide) for (let i = 0; i + 1 < bytes.length; i += 2) current.codes.add((bytes[i]! << 8) | bytes[i + 1]!);
      else for (const b of bytes) current.codes.add(b);
    }
  });
  return uses;
}

function hexBytes(hex: string): number[] {
  const h = hex.length % 2 ? `${hex}0` : hex;
  const out: number[] = [];
  for (let i = 0; i < h.length; i += 2) out.push(parseInt(h.slice(i, i + 2), 16));
  return out;
}

/** A font's ToUnicode map: character code → the text it stands for. */
export function toUnicode(ctx: PDFContext, font: PDFDict): Map<number, string> | undefined {
  const stream = lookup(ctx, font.get(PDFName.of('ToUnicode')));
  return stream instanceof PDFStream ? toUnicodeMap(stream) : undefined;
}

