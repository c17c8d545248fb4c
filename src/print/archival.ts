// Archival preflight: a PDF against PDF/A-2 (ISO 19005-2), rule by rule, each problem citing
// the clause it comes from (the clauses veraPDF's PDF/A-2 profiles test). What is checked:
// the file's header and trailer, streams and filters, the output intent and the colour spaces
// it allows, images, form and PostScript XObjects, transparency, fonts (embedded, widths
// agreeing with the font program, every code mapped to Unicode, no .notdef), annotations,
// actions, the XMP metadata (identification, well-formed, schemas described, agreeing with
// the document information) and, for level A, the logical structure and languages. Not
// checked: implementation limits, JPEG 2000 internals, digital signatures, optional content
// configurations (the tool writes none of these).
import { createRequire } from 'node:module';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import { cidWidths, dictGet, readPage, streamBytes } from '../pdf/index.js';
import { fontUses, languageTagProblem, lookup, NS, objectName, readRoleMap, readXmp, str, toUnicode, xmpValue, STANDARD_TYPES } from './pdfFacts.js';

export interface ArchivalReport {
  /** pdfaid:part and pdfaid:conformance from the XMP metadata, e.g. "2A"; undefined when the file claims no PDF/A. */
  claim?: string;
  /** The XMP metadata cannot be read, so whether the file claims PDF/A cannot be told. */
  unreadable: boolean;
  problems: string[];
}

type Problem = (clause: string, message: string) => void;

interface FontProgram {
  unitsPerEm: number;
  numGlyphs: number;
  getGlyph(id: number): { advanceWidth: number };
}
/** fontkit (no type declarations), to read an embedded font program's advances. */
const fontkit = createRequire(import.meta.url)('fontkit') as { create(bytes: Buffer): FontProgram };

/** XMP schemas PDF/A-2 knows without an extension schema (ISO 19005-2, 6.6.2.3.1). */
const PREDEFINED_SCHEMAS = new Set([
  'http://purl.org/dc/elements/1.1/', 'http://ns.adobe.com/xap/1.0/', 'http://ns.adobe.com/xap/1.0/rights/', 'http://ns.adobe.com/xap/1.0/mm/',
  'http://ns.adobe.com/xap/1.0/bj/', 'http://ns.adobe.com/xap/1.0/t/pg/', 'http://ns.adobe.com/xmp/1.0/DynamicMedia/', 'http://ns.adobe.com/pdf/1.3/',
  'http://ns.adobe.com/photoshop/1.0/', 'http://ns.adobe.com/camera-raw-settings/1.0/', 'http://ns.adobe.com/exif/1.0/', 'http://ns.adobe.com/exif/1.0/aux/',
  'http://ns.adobe.com/tiff/1.0/', 'http://ns.adobe.com/xap/1.0/sType/ResourceRef#', 'http://ns.adobe.com/xap/1.0/sType/ResourceEvent#', 'http://ns.adobe.com/xap/1.0/sType/Version#',
  'http://ns.adobe.com/xap/1.0/sType/Job#', 'http://ns.adobe.com/xap/1.0/sType/Dimensions#', 'http://ns.adobe.com/xap/1.0/sType/Font#', 'http://ns.adobe.com/xap/1.0/g/',
  'http://ns.adobe.com/xap/1.0/g/img/', 'http://www.aiim.org/pdfa/ns/id/', 'http://www.aiim.org/pdfa/ns/extension/', 'http://www.aiim.org/pdfa/ns/schema#',
  'http://www.aiim.org/pdfa/ns/property#', 'http://www.aiim.org/pdfa/ns/type#', 'http://www.aiim.org/pdfa/ns/field#',
]);
const FORBIDDEN_ACTIONS = new Set(['Launch', 'Sound', 'Movie', 'ResetForm', 'ImportData', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView', 'JavaScript']);
const ALLOWED_NAMED = new Set(['NextPage', 'PrevPage', 'FirstPage', 'LastPage']);
const STANDARD_BLEND_MODES = new Set(['Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn', 'HardLight', 'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity']);
const ANNOTATION_TYPES = new Set(['Text', 'Link', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly', 'StrikeOut', 'Stamp', 'Caret', 'Ink', 'Popup', 'FileAttachment', 'Widget', 'PrinterMark', 'TrapNet', 'Watermark', 'Redact']);

/** The file checked against PDF/A-2 (level A when it says A, and the level it claims otherwise). `bytes`: the file as read, for its header and end. */
export function archival(doc: PDFDocument, bytes?: Uint8Array): ArchivalReport {
  const problems: string[] = [];
  const problem: Problem = (clause, message) => problems.push(`${message} (PDF/A-2 ${clause})`);
  const xmp = readXmp(doc);
  const part = xmpValue(xmp, NS.pdfaid, 'part');
  const conformance = xmpValue(xmp, NS.pdfaid, 'conformance');
  const claim = part ? `${part}${conformance ?? ''}` : undefined;
  if (bytes) checkFile(bytes, problem);
  checkTrailer(doc, problem);
  checkMetadata(doc, xmp, part, conformance, problem);
  const rgb = checkOutputIntent(doc, problem);
  checkObjects(doc, rgb, problem);
  checkColour(doc, rgb, problem);
  checkFonts(doc, problem);
  checkAnnotationsAndActions(doc, problem);
  if (conformance?.toUpperCase() === 'A') checkLevelA(doc, problem);
  return { claim, unreadable: Boolean(xmp.error), problems: [...new Set(problems)] };
}

/** 6.1.2, 6.1.3: the header, its binary comment, and nothing after the last %%EOF. */
function checkFile(bytes: Uint8Array, problem: Problem) {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 32));
  if (!/^%PDF-\d\.\d(\r\n|\r|\n)/.test(head)) problem('6.1.2', 'the file does not begin with a "%PDF-1.n" header line at byte 0');
  else {
    const at = head.search(/(\r\n|\r|\n)/) + (/\r\n/.test(head.slice(0, 12)) ? 2 : 1);
    const comment = bytes.subarray(at, at + 5);
    if (comment[0] !== 0x25 || [...comment.subarray(1, 5)].some((b) => b <= 127)) problem('6.1.2', 'the header line is not followed by a comment of four bytes above 127 (what marks the file as binary)');
  }
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 64)));
  const eof = tail.lastIndexOf('%%EOF');
  if (eof < 0 || !/^(\r\n|\r|\n)?$/.test(tail.slice(eof + 5))) problem('6.1.3', 'data follows the last %%EOF marker');
}

/** 6.1.3: a file identifier, no encryption. */
function checkTrailer(doc: PDFDocument, problem: Problem) {
  const info = doc.context.trailerInfo;
  if (!info.ID) problem('6.1.3', 'the trailer has no file identifier (/ID)');
  if (info.Encrypt) problem('6.1.3', 'the file is encrypted (/Encrypt in the trailer)');
}

/** 6.6.2, 6.6.4: the XMP metadata, its identification, its schemas, and the document information agreeing with it. */
function checkMetadata(doc: PDFDocument, xmp: ReturnType<typeof readXmp>, part: string | undefined, conformance: string | undefined, problem: Problem) {
  if (!xmp.present) return problem('6.6.2.1', 'the catalog has no XMP metadata stream (/Metadata)');
  if (!xmp.typed) problem('6.6.2.1', 'the metadata stream lacks /Type /Metadata and /Subtype /XML');
  for (const attribute of xmp.forbiddenHeader) problem('6.6.2.1', `the XMP packet header uses the ${attribute} attribute`);
  if (xmp.error) return problem('6.6.2.1', `the XMP metadata is not well-formed (${xmp.error})`);
  if (part === undefined) problem('6.6.4', 'the XMP metadata has no PDF/A identification (pdfaid:part)');
  else if (part !== '2') problem('6.6.4', `pdfaid:part is ${part}, not 2`);
  if (part !== undefined && !['A', 'B', 'U'].includes(conformance ?? '')) problem('6.6.4', `pdfaid:conformance is ${conformance ?? 'missing'}: A, B or U`);
  const undescribed = new Set<string>();
  for (const key of xmp.properties.keys()) {
    const ns = key.split('|')[0]!;
    if (!PREDEFINED_SCHEMAS.has(ns) && !xmp.described.has(ns)) undescribed.add(ns);
  }
  for (const ns of undescribed) problem('6.6.2.3.1', `XMP properties in ${ns} are used but no PDF/A extension schema describes them`);
  // The document information dictionary, when there is one, says what the XMP says (ISO 32000-1, 14.3.3).
  const info = lookup(doc.context, doc.context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    const pairs: [string, string | undefined, (v: string) => string][] = [
      ['Title', xmpValue(xmp, NS.dc, 'title'), (v) => v],
      ['Author', xmpValue(xmp, NS.dc, 'creator'), (v) => v],
      ['Subject', xmpValue(xmp, NS.dc, 'description'), (v) => v],
      ['Keywords', xmpValue(xmp, NS.pdf, 'Keywords'), (v) => v],
      ['Creator', xmpValue(xmp, NS.xmp, 'CreatorTool'), (v) => v],
      ['Producer', xmpValue(xmp, NS.pdf, 'Producer'), (v) => v],
      ['CreationDate', xmpValue(xmp, NS.xmp, 'CreateDate'), pdfDate],
      ['ModDate', xmpValue(xmp, NS.xmp, 'ModifyDate'), pdfDate],
    ];
    for (const [key, inXmp, norm] of pairs) {
      const inInfo = str(lookup(doc.context, info.get(PDFName.of(key))));
      if (inInfo === undefined) continue;
      if (inXmp === undefined || norm(inInfo) !== (key.endsWith('Date') ? isoDate(inXmp) : inXmp)) problem('6.6.2.1', `the document information's ${key} (${JSON.stringify(inInfo)}) is not what the XMP metadata says (${inXmp === undefined ? 'nothing' : JSON.stringify(inXmp)})`);
    }
  }
}

/** "D:20210601000000Z" → "2021-06-01T00:00:00Z" (the two forms of a date, to compare them). */
function pdfDate(v: string): string {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(v);
  if (!m) return v;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone === '+00:00' ? 'Z' : zone}`;
}
const isoDate = (v: string) => v.replace(/\.\d+/, '').replace(/\+00:00$/, 'Z');

/** 6.2.3: one PDF/A output intent with an ICC output profile; says whether its colours are RGB (else CMYK or grey). */
function checkOutputIntent(doc: PDFDocument, problem: Problem): { space?: 'RGB' | 'CMYK' | 'GRAY' } {
  const ctx = doc.context;
  const intents = lookup(ctx, doc.catalog.get(PDFName.of('OutputIntents')));
  const list = intents instanceof PDFArray ? intents.asArray().map((i) => lookup(ctx, i)).filter((i): i is PDFDict => i instanceof PDFDict) : [];
  const pdfa = list.filter((i) => str(i.get(PDFName.of('S'))) === 'GTS_PDFA1');
  if (!pdfa.length) {
    problem('6.2.3', 'no PDF/A output intent (/OutputIntents with /S /GTS_PDFA1): the colours have no defined meaning');
    return {};
  }
  const profiles = new Set(list.map((i) => i.get(PDFName.of('DestOutputProfile'))?.toString()).filter(Boolean));
  if (profiles.size > 1) problem('6.2.3', 'the output intents point to different ICC profiles');
  const profile = lookup(ctx, pdfa[0]!.get(PDFName.of('DestOutputProfile')));
  if (!(profile instanceof PDFStream)) {
    problem('6.2.3', 'the PDF/A output intent has no ICC profile (/DestOutputProfile)');
    return {};
  }
  const icc = streamBytes(profile);
  const text = (at: number) => String.fromCharCode(...icc.subarray(at, at + 4));
  if (icc.length < 128 || text(36) !== 'acsp') {
    problem('6.2.3', `the output intent's profile (${objectName(pdfa[0]!.get(PDFName.of('DestOutputProfile')))}) is not an ICC profile`);
    return {};
  }
  if (!['prtr', 'mntr'].includes(text(12))) problem('6.2.3', `the output intent's ICC profile is a "${text(12)}" profile, not an output (prtr) or monitor (mntr) profile`);
  const space = text(16).trim();
  const n = lookup(ctx, profile.dict.get(PDFName.of('N')));
  const channels = { RGB: 3, CMYK: 4, GRAY: 1 }[space];
  if (n instanceof PDFNumber && channels !== undefined && n.asNumber() !== channels) problem('6.2.3', `the output intent's profile says /N ${n.asNumber()} for a ${space} profile`);
  return { space: space === 'RGB' || space === 'CMYK' || space === 'GRAY' ? space : undefined };
}

/** 6.1.7, 6.2.5, 6.2.8, 6.2.9, 6.2.10: streams, graphics states, images, XObjects, blend modes. */
function checkObjects(doc: PDFDocument, intent: { space?: string }, problem: Problem) {
  const ctx = doc.context;
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : undefined;
    if (!dict) continue;
    const at = objectName(ref);
    if (obj instanceof PDFStream) {
      for (const key of ['F', 'FFilter', 'FDecodeParms']) if (dict.get(PDFName.of(key))) problem('6.1.7.1', `a stream (${at}) refers to an external file (/${key})`);
      const filter = lookup(ctx, dict.get(PDFName.of('Filter')));
      const filters = filter instanceof PDFArray ? filter.asArray().map((f) => str(lookup(ctx, f))) : [str(filter)];
      for (const f of filters) if (f === 'LZWDecode' || f === 'Crypt') problem('6.1.7.2', `a stream (${at}) uses the ${f} filter`);
    }
    const type = str(dict.get(PDFName.of('Type')));
    const subtype = str(dict.get(PDFName.of('Subtype')));
    if (type === 'ExtGState') {
      if (dict.get(PDFName.of('TR'))) problem('6.2.5', `a graphics state (${at}) has a transfer function (/TR)`);
      const tr2 = dict.get(PDFName.of('TR2'));
      if (tr2 && str(tr2) !== 'Default') problem('6.2.5', `a graphics state (${at}) has a transfer function (/TR2)`);
      if (dict.get(PDFName.of('HTP'))) problem('6.2.5', `a graphics state (${at}) has /HTP`);
      const bm = lookup(ctx, dict.get(PDFName.of('BM')));
      const modes = bm instanceof PDFArray ? bm.asArray().map((m) => str(m)) : bm ? [str(bm)] : [];
      for (const m of modes) if (m && !STANDARD_BLEND_MODES.has(m)) problem('6.2.10', `a graphics state (${at}) uses the blend mode ${m}, which ISO 32000-1 does not define`);
    }
    if (subtype === 'Image' && obj instanceof PDFStream) {
      if (dict.get(PDFName.of('Alternates'))) problem('6.2.8', `an image (${at}) has alternate images (/Alternates)`);
      if (dict.get(PDFName.of('OPI'))) problem('6.2.8', `an image (${at}) has OPI information`);
      if (lookup(ctx, dict.get(PDFName.of('Interpolate')))?.toString() === 'true') problem('6.2.8', `an image (${at}) asks for interpolation (/Interpolate true)`);
      const bpc = lookup(ctx, dict.get(PDFName.of('BitsPerComponent')));
      if (bpc instanceof PDFNumber && ![1, 2, 4, 8, 16].includes(bpc.asNumber())) problem('6.2.8', `an image (${at}) has ${bpc.asNumber()} bits per component`);
    }
    if (subtype === 'Form' && obj instanceof PDFStream) {
      if (dict.get(PDFName.of('OPI')) || dict.get(PDFName.of('PS')) || str(dict.get(PDFName.of('Subtype2'))) === 'PS') problem('6.2.9', `a form XObject (${at}) carries PostScript or OPI`);
      if (dict.get(PDFName.of('Ref'))) problem('6.2.9', `a reference XObject (${at}): its content is in another file`);
    }
    if (subtype === 'PS') problem('6.2.9', `a PostScript XObject (${at})`);
  }
  // 6.2.10: without an output intent, a page with transparency needs a group colour space.
  if (!intent.space) {
    doc.getPages().forEach((page, k) => {
      if (readPage(page).transparency && !dictGet(ctx, dictGet(ctx, page.node, 'Group'), 'CS')) problem('6.2.10', `page ${k + 1} uses transparency but has no transparency group colour space`);
    });
  }
}

/** 6.2.4.3: device colours only where the output intent gives them a meaning. */
function checkColour(doc: PDFDocument, intent: { space?: string }, problem: Problem) {
  if (!intent.space) return; // said: no output intent
  const ctx = doc.context;
  const used = new Map<string, Set<number>>();
  const note = (space: string, page: number) => used.set(space, (used.get(space) ?? new Set()).add(page));
  doc.getPages().forEach((page, k) => {
    for (const c of readPage(page).colours) note(c.space, k + 1);
  });
  const pages = (s: string) => `page ${[...used.get(s)!].join(', ')}`;
  // Images: their colour space (a device one, or the alternate of an ICC one does not matter).
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFStream) || str(obj.dict.get(PDFName.of('Subtype'))) !== 'Image') continue;
    const cs = str(lookup(ctx, obj.dict.get(PDFName.of('ColorSpace'))));
    if (cs === 'DeviceCMYK' && intent.space !== 'CMYK') problem('6.2.4.3', `a CMYK image (${objectName(ref)}), and the output intent is ${intent.space}: convert it to RGB`);
  }
  if (used.has('DeviceCMYK') && intent.space !== 'CMYK') problem('6.2.4.3', `CMYK colours (DeviceCMYK) on ${pages('DeviceCMYK')}, and the output intent is ${intent.space}: use RGB, or a CMYK output intent`);
  if (used.has('DeviceRGB') && intent.space !== 'RGB') problem('6.2.4.3', `RGB colours (DeviceRGB) on ${pages('DeviceRGB')}, and the output intent is ${intent.space}`);
}

/** 6.2.11: fonts embedded, CIDToGIDMap, CIDSet, widths agreeing with the program, codes mapped to Unicode, no .notdef. */
function checkFonts(doc: PDFDocument, problem: Problem) {
  const ctx = doc.context;
  for (const use of fontUses(doc).values()) {
    const font = use.dict;
    const name = (str(dictGet(ctx, font, 'BaseFont')) ?? '?').replace(/^[A-Z]{6}\+/, '');
    const where = `font ${name} (${objectName(use.ref)})`;
    const type0 = str(font.get(PDFName.of('Subtype'))) === 'Type0';
    const descendant = type0 ? lookup(ctx, (dictGet(ctx, font, 'DescendantFonts') as PDFArray | undefined)?.get(0)) : font;
    if (!(descendant instanceof PDFDict)) continue;
    const descriptor = dictGet(ctx, descendant, 'FontDescriptor');
    const programRef = ['FontFile', 'FontFile2', 'FontFile3'].map((k) => dictGet(ctx, descriptor, k)).find(Boolean);
    if (!programRef && str(font.get(PDFName.of('Subtype'))) !== 'Type3') problem('6.2.11.4.1', `${where} is not embedded`);
    if (str(descendant.get(PDFName.of('Subtype'))) === 'CIDFontType2' && !descendant.get(PDFName.of('CIDToGIDMap'))) problem('6.2.11.3.2', `${where} has no /CIDToGIDMap`);
    const map = toUnicode(ctx, font);
    if (!map) problem('6.2.11.7.2', `${where} has no ToUnicode map`);
    const codes = [...use.codes];
    if (map) {
      const bad = codes.filter((c) => { const u = map.get(c); return u === undefined || u === '' || [0, 0xfeff, 0xfffe].includes(u.charCodeAt(0)); });
      if (bad.length) problem('6.2.11.7.2', `${where}: ${bad.length} character code${bad.length === 1 ? '' : 's'} shown map to no Unicode value, or to U+0000, U+FEFF or U+FFFE (${bad.slice(0, 5).map((c) => c.toString(16).padStart(4, '0')).join(', ')})`);
    }
    if (type0 && codes.includes(0)) problem('6.2.11.8', `${where}: the .notdef glyph (code 0) is shown`);
    if (!(programRef instanceof PDFStream) || !type0) continue;
    // Widths: /W against the embedded TrueType program's advances (CID = GID, Identity).
    let program: FontProgram | undefined;
    try {
      program = fontkit.create(Buffer.from(streamBytes(programRef)));
    } catch {
      problem('6.2.11.2', `${where}: the embedded font program cannot be read`);
      continue;
    }
    if (!program || str(descendant.get(PDFName.of('CIDToGIDMap'))) !== 'Identity') continue;
    const widths = cidWidths(ctx, descendant.get(PDFName.of('W')));
    const scale = 1000 / program.unitsPerEm;
    const differ = codes.filter((cid) => cid < program!.numGlyphs && widths.has(cid) && Math.abs(widths.get(cid)! - program!.getGlyph(cid).advanceWidth * scale) > 1);
    if (differ.length) problem('6.2.11.5', `${where}: the widths of ${differ.length} glyph${differ.length === 1 ? '' : 's'} in /W differ from the font program's (${differ.slice(0, 3).map((c) => `${c}: ${widths.get(c)} vs ${Math.round(program!.getGlyph(c).advanceWidth * scale)}`).join(', ')})`);
    const cidSet = dictGet(ctx, descriptor, 'CIDSet');
    if (cidSet instanceof PDFStream || cidSet instanceof PDFRawStream) {
      const bits = streamBytes(cidSet);
      const missing = Array.from({ length: program.numGlyphs }, (_, g) => g).filter((g) => !((bits[g >> 3] ?? 0) & (0x80 >> (g & 7))));
      if (missing.length) problem('6.2.11.4.2', `${where}: its CIDSet leaves out ${missing.length} of the ${program.numGlyphs} glyphs of the font program`);
    }
  }
}

/** 6.3, 6.5, 6.4.2, 6.10, 6.11: annotations, actions, and what the catalog may not hold. */
function checkAnnotationsAndActions(doc: PDFDocument, problem: Problem) {
  const ctx = doc.context;
  const catalog = doc.catalog;
  if (catalog.get(PDFName.of('AA'))) problem('6.5.2', 'the catalog has additional actions (/AA)');
  if (catalog.get(PDFName.of('NeedsRendering'))) problem('6.4.2', 'the catalog has /NeedsRendering');
  if (catalog.get(PDFName.of('Requirements'))) problem('6.11', 'the catalog has /Requirements');
  if (dictGet(ctx, dictGet(ctx, catalog, 'Names'), 'AlternatePresentations')) problem('6.10', 'the name dictionary has /AlternatePresentations');
  if (dictGet(ctx, dictGet(ctx, catalog, 'Names'), 'JavaScript')) problem('6.5.1', 'the document has JavaScript (/JavaScript in the name dictionary)');
  const action = (a: PDFObject | undefined, where: string) => {
    for (let x = lookup(ctx, a), depth = 0; x instanceof PDFDict && depth < 16; x = lookup(ctx, x.get(PDFName.of('Next'))), depth++) {
      const s = str(x.get(PDFName.of('S')));
      if (s && FORBIDDEN_ACTIONS.has(s)) problem('6.5.1', `${where} has a ${s} action`);
      if (s === 'Named' && !ALLOWED_NAMED.has(str(x.get(PDFName.of('N'))) ?? '')) problem('6.5.1', `${where} has a named action other than NextPage, PrevPage, FirstPage, LastPage`);
    }
  };
  action(catalog.get(PDFName.of('OpenAction')), 'the document (/OpenAction)');
  doc.getPages().forEach((page, k) => {
    const n = k + 1;
    if (page.node.get(PDFName.of('AA'))) problem('6.5.2', `page ${n} has additional actions (/AA)`);
    if (page.node.get(PDFName.of('PresSteps'))) problem('6.10', `page ${n} has /PresSteps`);
    const annots = lookup(ctx, page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) return;
    for (const ref of annots.asArray()) {
      const annot = lookup(ctx, ref);
      if (!(annot instanceof PDFDict)) continue;
      const subtype = str(annot.get(PDFName.of('Subtype'))) ?? '?';
      const where = `page ${n}: a ${subtype} annotation (${objectName(ref)})`;
      if (!ANNOTATION_TYPES.has(subtype)) problem('6.3.1', `${where}: a type PDF/A-2 does not allow`);
      if (subtype !== 'Popup') {
        const f = lookup(ctx, annot.get(PDFName.of('F')));
        const flags = f instanceof PDFNumber ? f.asNumber() : undefined;
        if (flags === undefined) problem('6.3.2', `${where} has no flags (/F): it must be set to print`);
        else {
          if (!(flags & 4)) problem('6.3.2', `${where} is not set to print (/F Print flag)`);
          if (flags & (1 | 2 | 32 | 256)) problem('6.3.2', `${where} is hidden, invisible or not viewable (/F)`);
        }
      }
      const ap = lookup(ctx, annot.get(PDFName.of('AP')));
      if (!['Popup', 'Link'].includes(subtype) && !(ap instanceof PDFDict)) problem('6.3.3', `${where} has no appearance stream (/AP)`);
      if (ap instanceof PDFDict && ap.keys().some((key) => key.decodeText() !== 'N')) problem('6.3.3', `${where}: its appearance dictionary has more than /N`);
      action(annot.get(PDFName.of('A')), where);
      if (annot.get(PDFName.of('AA'))) problem('6.5.2', `${where} has additional actions (/AA)`);
    }
  });
}

/** 6.7 (level A): marked, a structure tree, standard types or mapped ones, languages that are language tags. */
function checkLevelA(doc: PDFDocument, problem: Problem) {
  const ctx = doc.context;
  const catalog = doc.catalog;
  if (dictGet(ctx, dictGet(ctx, catalog, 'MarkInfo'), 'Marked')?.toString() !== 'true') problem('6.7.2.2', 'level A: the catalog has no /MarkInfo /Marked true');
  const root = dictGet(ctx, catalog, 'StructTreeRoot');
  if (!(root instanceof PDFDict)) problem('6.7.3.3', 'level A: no structure tree (/StructTreeRoot)');
  const roleMap = readRoleMap(doc);
  for (const [from, to] of roleMap.entries) if (STANDARD_TYPES.has(from)) problem('6.7.3.4', `the role map remaps the standard type ${from} (to ${to})`);
  const lang = str(dictGet(ctx, catalog, 'Lang'));
  if (lang !== undefined && languageTagProblem(lang)) problem('6.7.4', `the catalog's /Lang ${languageTagProblem(lang)}`);
  // Every structure element, from the root down (an element's /Type is optional).
  const seen = new Set<PDFDict>();
  const walk = (o: PDFObject | undefined, ref: PDFObject | undefined, depth: number) => {
    const node = lookup(ctx, o);
    if (node instanceof PDFArray) return node.asArray().forEach((k) => walk(k, k, depth));
    if (!(node instanceof PDFDict) || seen.has(node) || depth > 256) return;
    seen.add(node);
    const type = str(node.get(PDFName.of('S')));
    if (!type) return; // marked-content or object reference
    const resolved = roleMap.resolve(type);
    if (resolved.problem === 'unmapped') problem('6.7.3.4', `structure type ${type} (${objectName(ref)}) is neither standard nor mapped to a standard type`);
    if (resolved.problem === 'circular') problem('6.7.3.4', `structure type ${type} is mapped in a circle`);
    const l = str(node.get(PDFName.of('Lang')));
    if (l !== undefined && languageTagProblem(l)) problem('6.7.4', `a ${type} element's /Lang (${objectName(ref)}) ${languageTagProblem(l)}`);
    walk(node.get(PDFName.of('K')), undefined, depth + 1);
  };
  if (root instanceof PDFDict) walk(root.get(PDFName.of('K')), undefined, 0);
}
