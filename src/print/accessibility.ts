// Accessibility preflight: what PAC or veraPDF would say of a PDF against PDF/UA-1
// (ISO 14289-1), limited to what a program can check (the Matterhorn Protocol's
// machine-checkable conditions). Whether an alternative text is *good*, or the reading
// order *sensible*, takes a person: this says what is missing or inconsistent.
//
// Read with pdf-lib: the catalog, the XMP metadata, the structure tree, each page's
// content stream (every painting operator must sit in marked content that the structure
// tree references, or in an artifact, never both) and annotations.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFContext, type PDFDocument, type PDFObject } from 'pdf-lib';
import { dictGet, streamBytes } from '../pdf/index.js';
import { fontUses, languageTagProblem, lookup, NS, objectName, readRoleMap, readXmp, str, toUnicode, visitContent, xmpValue, STANDARD_TYPES, type RoleMap } from './pdfFacts.js';

/** Operators that put marks on the page (text, paths, images, shadings, XObjects). */
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'Do', 'BI']);

export interface AccessibilityReport {
  tagged: boolean;
  /** pdfuaid:part from the XMP metadata (1 for PDF/UA-1). */
  pdfua?: number;
  title?: string;
  displayTitle: boolean;
  /** The document's language (catalog /Lang) and every other language its elements declare. */
  language?: string;
  languages: string[];
  elements: number;
  /** Structure types by count, e.g. { P: 40, H1: 1 }. */
  roles: Record<string, number>;
  headings: string[];
  figures: number;
  figuresWithoutAlt: number;
  links: number;
  /** Painting operators per page that are neither tagged content nor artifacts. */
  untagged: number;
  problems: string[];
}

/** Entries of a number tree (the ParentTree): key → value. */
function numberTree(ctx: PDFContext, node: PDFObject | undefined, out = new Map<number, PDFObject | undefined>()): Map<number, PDFObject | undefined> {
  const nums = dictGet(ctx, node, 'Nums');
  if (nums instanceof PDFArray) {
    for (let k = 0; k + 1 < nums.size(); k += 2) {
      const key = lookup(ctx, nums.get(k));
      if (key instanceof PDFNumber) out.set(key.asNumber(), nums.get(k + 1));
    }
  }
  const kids = dictGet(ctx, node, 'Kids');
  if (kids instanceof PDFArray) for (let k = 0; k < kids.size(); k++) numberTree(ctx, kids.get(k), out);
  return out;
}

interface Element {
  ref?: PDFRef;
  /** The type as written (/S). */
  type: string;
  /** The standard type it stands for (itself, or through the role map). */
  role: string;
  dict: PDFDict;
  parent?: Element;
}

type Problem = (clause: string, message: string) => void;

export function accessibility(doc: PDFDocument): AccessibilityReport {
  const problems: string[] = [];
  const problem: Problem = (clause, message) => problems.push(`${message} (PDF/UA-1 ${clause})`);
  // Every check is made and reported, whatever an earlier one found.
  const facts = documentFacts(doc, problem);
  checkFonts(doc, problem);
  if (!facts.tagged) {
    // A screen reader gets one undifferentiated stream of text.
    return { ...withoutRoot(facts), languages: [], elements: 0, roles: {}, headings: [], figures: 0, figuresWithoutAlt: 0, links: 0, untagged: 0, problems: [...new Set(problems)] };
  }
  const tree = structureTree(doc, facts.structRoot!, problem);
  checkHeadings(tree.headings, problem);
  const pages = checkPages(doc, facts.structRoot!, tree, problem);
  return { ...withoutRoot(facts), languages: [...tree.languages].sort(), elements: tree.elements.length, roles: tree.roles, headings: tree.headings, figures: tree.figures, figuresWithoutAlt: tree.figuresWithoutAlt, links: pages.links, untagged: pages.untagged, problems: [...new Set(problems)] };
}

function withoutRoot<T extends { structRoot?: unknown }>(facts: T): Omit<T, 'structRoot'> {
  const { structRoot: _root, ...shown } = facts;
  return shown;
}

/** Document level (ISO 14289-1, 5, 6.2, 7.1, 7.2): tagged, language, title, XMP identifier, encryption. */
function documentFacts(doc: PDFDocument, problem: Problem) {
  const ctx = doc.context;
  const catalog = doc.catalog;
  const markInfo = dictGet(ctx, catalog, 'MarkInfo');
  const marked = dictGet(ctx, markInfo, 'Marked');
  const structRoot = dictGet(ctx, catalog, 'StructTreeRoot');
  const tagged = marked?.toString() === 'true' && structRoot instanceof PDFDict;
  if (!tagged) problem('7.1', `not a tagged PDF (${marked?.toString() !== 'true' ? 'no /MarkInfo /Marked true' : 'no structure tree'}): a screen reader gets no headings, lists or alternative texts`);
  if (dictGet(ctx, markInfo, 'Suspects')?.toString() === 'true') problem('7.1', '/MarkInfo /Suspects is true');
  const language = str(dictGet(ctx, catalog, 'Lang'));
  if (language === undefined) problem('7.2', 'no document language (/Lang in the catalog)');
  else {
    const wrong = languageTagProblem(language);
    if (wrong) problem('7.2', `the document language (/Lang in the catalog) ${wrong}`);
  }
  const displayTitle = dictGet(ctx, dictGet(ctx, catalog, 'ViewerPreferences'), 'DisplayDocTitle')?.toString() === 'true';
  if (!displayTitle) problem('7.1', 'the window shows the file name, not the title (/ViewerPreferences /DisplayDocTitle true missing)');
  const xmp = readXmp(doc);
  const part = xmpValue(xmp, NS.pdfuaid, 'part');
  const pdfua = part !== undefined && /^\d+$/.test(part) ? Number(part) : undefined;
  if (!xmp.present) problem('5', 'no XMP metadata stream');
  else if (xmp.error) problem('5', `the XMP metadata is not well-formed XML (${xmp.error}): no reader can read its identifier or title`);
  else if (pdfua !== 1) problem('5', 'the XMP metadata has no PDF/UA-1 identifier (pdfuaid:part 1)');
  const title = xmpValue(xmp, NS.dc, 'title') || undefined;
  if (!title && !xmp.error) problem('7.1', 'no document title (dc:title in the XMP metadata)');
  if (dictGet(ctx, ctx.lookup(ctx.trailerInfo.Encrypt) as PDFObject | undefined, 'P')) problem('7.16', 'the file is encrypted');
  return { tagged, pdfua, title, displayTitle, language, structRoot: tagged ? (structRoot as PDFDict) : undefined };
}

type Tree = ReturnType<typeof structureTree>;

/** The structure tree: every element in reading order, what owns each marked content and annotation. */
function structureTree(doc: PDFDocument, structRoot: PDFDict, problem: Problem) {
  const ctx = doc.context;
  // Structure tree: every element, in reading order.
  const elements: Element[] = [];
  const mcidOwner = new Map<string, Element>(); // "pageRef mcid" → element holding it
  const objrOwner = new Map<string, Element>(); // annotation ref → element holding it
  const roles: Record<string, number> = {};
  const headings: string[] = [];
  const languages = new Set<string>();
  const noteIds = new Set<string>();
  const roleMap: RoleMap = readRoleMap(doc);
  const tables: Element[] = [];
  const thWithoutScope: string[] = [];
  let figures = 0;
  let figuresWithoutAlt = 0;
  const pageKey = (ref: PDFObject | undefined) => (ref instanceof PDFRef ? ref.toString() : '?');
  const seen = new Set<string>();
  const walk = (o: PDFObject | undefined, parent: Element | undefined, page: PDFObject | undefined) => {
    const ref = o instanceof PDFRef ? o : undefined;
    const node = lookup(ctx, o);
    if (node instanceof PDFNumber) {
      if (parent) mcidOwner.set(`${pageKey(page)} ${node.asNumber()}`, parent);
      return;
    }
    if (node instanceof PDFArray) {
      for (let k = 0; k < node.size(); k++) walk(node.get(k), parent, page);
      return;
    }
    if (!(node instanceof PDFDict)) return;
    const type = str(node.get(PDFName.of('Type')));
    if (type === 'MCR') {
      if (parent) mcidOwner.set(`${pageKey(node.get(PDFName.of('Pg')) ?? page)} ${(lookup(ctx, node.get(PDFName.of('MCID'))) as PDFNumber | undefined)?.asNumber()}`, parent);
      return;
    }
    if (type === 'OBJR') {
      const obj = node.get(PDFName.of('Obj'));
      if (parent && obj instanceof PDFRef) objrOwner.set(obj.toString(), parent);
      return;
    }
    if (ref) {
      if (seen.has(ref.toString())) return;
      seen.add(ref.toString());
    }
    const written = str(node.get(PDFName.of('S'))) ?? '?';
    const resolved = roleMap.resolve(written);
    if (resolved.problem === 'unmapped') problem('7.1', `structure type "${written}" (${objectName(ref)}) is not a standard type and the role map gives it none`);
    if (resolved.problem === 'circular') problem('7.1', `structure type "${written}" (${objectName(ref)}) is mapped in a circle in the role map`);
    const s = resolved.standard ?? written;
    const element: Element = { ref, type: written, role: s, dict: node, parent };
    elements.push(element);
    roles[s] = (roles[s] ?? 0) + 1;
    if (/^H[1-6]?$/.test(s)) headings.push(s);
    const lang = str(node.get(PDFName.of('Lang')));
    if (lang !== undefined) {
      languages.add(lang);
      const wrong = languageTagProblem(lang);
      if (wrong) problem('7.2', `the language of a ${s} element (${objectName(ref)}): ${wrong}`);
    }
    if (s === 'TH' && !hasScope(ctx, node)) thWithoutScope.push(objectName(ref));
    if (s === 'Figure') {
      figures++;
      if (!str(node.get(PDFName.of('Alt'))) && !str(node.get(PDFName.of('ActualText')))) figuresWithoutAlt++;
    }
    if (s === 'Note') {
      const id = str(node.get(PDFName.of('ID')));
      if (!id) problem('7.9', 'a Note has no /ID');
      else if (noteIds.has(id)) problem('7.9', `two Notes have the same /ID "${id}"`);
      else noteIds.add(id);
    }
    // Lists (7.6): L holds LI (or a caption, or a nested list); LI holds Lbl and LBody.
    const pType = parent?.role;
    if (s === 'LI' && pType !== 'L') problem('7.6', `an LI is inside ${pType ?? 'the root'}, not inside an L`);
    if ((s === 'Lbl' || s === 'LBody') && pType !== 'LI' && !(s === 'Lbl' && pType === 'Note')) problem('7.6', `a ${s} is inside ${pType ?? 'the root'}, not inside an LI`);
    if (pType === 'L' && !['LI', 'Caption', 'L'].includes(s)) problem('7.6', `an L holds a ${s}: a list holds list items (LI)`);
    if (s === 'TOCI' && pType !== 'TOC') problem('7.1', `a TOCI is inside ${pType ?? 'the root'}, not inside a TOC`);
    // Tables (7.5): rows in the table (or its head, body, foot), cells in rows.
    if (s === 'TR' && !['Table', 'THead', 'TBody', 'TFoot'].includes(pType ?? '')) problem('7.5', `a TR (${objectName(ref)}) is inside ${pType ?? 'the root'}, not inside a Table`);
    if ((s === 'TH' || s === 'TD') && pType !== 'TR') problem('7.5', `a ${s} (${objectName(ref)}) is inside ${pType ?? 'the root'}, not inside a TR`);
    if (s === 'Table') tables.push(element);
    walk(node.get(PDFName.of('K')), element, node.get(PDFName.of('Pg')) ?? page);
  };
  walk(structRoot.get(PDFName.of('K')), undefined, undefined);
  if (elements.length === 0) problem('7.1', 'the structure tree is empty');
  // The role map may give other types a standard meaning, never change a standard type's.
  for (const [from, to] of roleMap.entries) {
    if (STANDARD_TYPES.has(from)) problem('7.1', `the role map remaps the standard type ${from} to ${to}: a reader would take every ${from} for a ${to}`);
  }
  for (const table of tables) {
    const rows = elements.filter((e) => e.role === 'TR' && ancestors(e).includes(table));
    if (!rows.length) problem('7.5', `a Table (${objectName(table.ref)}) has no rows (TR): a screen reader cannot read it as a table`);
  }
  if (thWithoutScope.length) problem('7.5', `${thWithoutScope.length} table header cell${thWithoutScope.length === 1 ? '' : 's'} (TH, ${thWithoutScope.slice(0, 3).join(', ')}) without /Scope: a screen reader cannot tell which cells they head`);
  if (figuresWithoutAlt) problem('7.3', `${figuresWithoutAlt} figure${figuresWithoutAlt === 1 ? '' : 's'} without alternative text`);
  return { elements, mcidOwner, objrOwner, roles, headings, languages, figures, figuresWithoutAlt };
}

/** The subtype of the XObject a Do operation draws (Form, Image), if it can be found. */
function xobjectType(ctx: PDFContext, resources: PDFDict | undefined, op: { args: unknown[] }): string | undefined {
  const name = (op.args[0] as { name?: string } | undefined)?.name;
  const xobjects = dictGet(ctx, resources, 'XObject');
  const x = name && xobjects instanceof PDFDict ? lookup(ctx, xobjects.get(PDFName.of(name))) : undefined;
  return x instanceof PDFStream ? str(x.dict.get(PDFName.of('Subtype'))) : undefined;
}

/** A TH's /Scope: in its attributes (/A, a dictionary or an array of them, owner /Table). */
function hasScope(ctx: PDFContext, th: PDFDict): boolean {
  const a = lookup(ctx, th.get(PDFName.of('A')));
  const owners = a instanceof PDFArray ? a.asArray().map((x) => lookup(ctx, x)) : [a];
  return owners.some((o) => o instanceof PDFDict && o.get(PDFName.of('Scope')) !== undefined);
}

function ancestors(e: Element): Element[] {
  const out: Element[] = [];
  for (let p = e.parent; p; p = p.parent) out.push(p);
  return out;
}

/** Headings (7.4): numbered headings start at H1 and never skip a level going down; H and Hn are not mixed. */
function checkHeadings(headings: string[], problem: Problem) {
  const numbered = headings.filter((h) => h !== 'H');
  if (numbered.length && numbered.length !== headings.length) problem('7.4.4', 'both H and H1–H6 headings');
  if (numbered.length && numbered[0] !== 'H1') problem('7.4.2', `the first heading is ${numbered[0]}, not H1`);
  for (let k = 1; k < numbered.length; k++) {
    const [a, b] = [Number(numbered[k - 1]!.slice(1)), Number(numbered[k]!.slice(1))];
    if (b > a + 1) problem('7.4.2', `heading levels skip from ${numbered[k - 1]} to ${numbered[k]}`);
  }
}

/** Pages: marked content against the structure tree (and the parent tree back), annotations. */
function checkPages(doc: PDFDocument, structRoot: PDFDict, tree: Tree, problem: Problem) {
  const ctx = doc.context;
  const { mcidOwner, objrOwner } = tree;
  const parentTree = numberTree(ctx, dictGet(ctx, structRoot, 'ParentTree'));
  let untagged = 0;
  let links = 0;
  // Every operation of the pages and of the form XObjects they draw, with the marked content
  // around it (a form drawn inside an artifact is an artifact: no tagged content inside).
  const byPage = new Map<number, { untagged: number; mcids: Set<number>; orphans: number[] }>();
  const pageRefs = doc.getPages().map((p) => p.ref.toString());
  visitContent(doc, ({ page: n, op, marked, form, resources }) => {
    const state = byPage.get(n) ?? { untagged: 0, mcids: new Set<number>(), orphans: [] };
    byPage.set(n, state);
    const where = form ? `page ${n}, in form XObject ${form.objectNumber}` : `page ${n}`;
    if (op.op === 'BMC' || op.op === 'BDC') {
      const self = marked[marked.length - 1]!;
      const outer = marked.slice(0, -1);
      if (self.artifact && outer.some((e) => e.mcid !== undefined)) problem('7.1', `${where}: an artifact inside tagged content`);
      if (self.mcid !== undefined && outer.some((e) => e.artifact)) problem('7.1', `${where}: tagged content (marked content ${self.mcid}) inside an artifact`);
      if (self.mcid !== undefined && outer.some((e) => e.mcid !== undefined)) problem('7.1', `${where}: marked content ${self.mcid} inside other tagged content`);
      if (self.mcid !== undefined && !form) {
        if (state.mcids.has(self.mcid)) problem('7.1', `${where}: marked content ${self.mcid} appears twice`);
        state.mcids.add(self.mcid);
        if (!mcidOwner.has(`${pageRefs[n - 1]} ${self.mcid}`)) state.orphans.push(self.mcid);
      }
    } else if (PAINTING.has(op.op) && !marked.some((e) => e.artifact || e.mcid !== undefined)) {
      // A form XObject's own drawing is visited in turn; an image drawn here is drawing.
      if (op.op !== 'Do' || xobjectType(ctx, resources, op) !== 'Form') state.untagged++;
    }
  });
  // Each structure element's marked content must be on its page.
  const onPages = new Set([...byPage].flatMap(([n, st]) => [...st.mcids].map((m) => `${pageRefs[n - 1]} ${m}`)));
  const missing = [...mcidOwner].filter(([k]) => !onPages.has(k) && pageRefs.includes(k.split(' ').slice(0, 3).join(' ')));
  for (const [k, owner] of missing.slice(0, 5)) {
    const [num, gen, R, mcid] = k.split(' ');
    problem('7.1', `the structure element ${owner.role} (${objectName(owner.ref)}) refers to marked content ${mcid} on page ${pageRefs.indexOf(`${num} ${gen} ${R}`) + 1}, which that page does not have: its text is lost to a screen reader`);
  }
  doc.getPages().forEach((page, k) => {
    const n = k + 1;
    const pageRef = page.ref.toString();
    const { untagged: pageUntagged, mcids, orphans } = byPage.get(n) ?? { untagged: 0, mcids: new Set<number>(), orphans: [] };
    if (pageUntagged) problem('7.1', `page ${n}: ${pageUntagged} drawing operation${pageUntagged === 1 ? ' is' : 's are'} neither tagged content nor an artifact`);
    if (orphans.length) problem('7.1', `page ${n}: ${orphans.length} marked content sequence${orphans.length === 1 ? ' belongs' : 's belong'} to no structure element (${orphans.slice(0, 5).join(', ')}${orphans.length > 5 ? ', …' : ''})`);
    untagged += pageUntagged;

    // The parent tree must send every marked content back to the element that holds it.
    const key = (lookup(ctx, page.node.get(PDFName.of('StructParents'))) as PDFNumber | undefined)?.asNumber();
    if (mcids.size) {
      const entry = key === undefined ? undefined : lookup(ctx, parentTree.get(key));
      if (!(entry instanceof PDFArray)) problem('7.1', `page ${n}: no /StructParents entry in the parent tree`);
      else {
        for (const mcid of mcids) {
          const owner = mcidOwner.get(`${pageRef} ${mcid}`);
          const back = entry.get(mcid);
          if (owner && back instanceof PDFRef && owner.ref && back.toString() !== owner.ref.toString()) problem('7.1', `page ${n}: the parent tree sends marked content ${mcid} to the wrong element`);
        }
      }
    }

    // Annotations (7.18): in the structure, with a description; tab order follows the structure.
    const annots = dictGet(ctx, page.node, 'Annots');
    if (annots instanceof PDFArray && annots.size()) {
      if (str(dictGet(ctx, page.node, 'Tabs')) !== 'S') problem('7.18.3', `page ${n} has annotations but its tab order is not the structure order (/Tabs /S)`);
      for (let a = 0; a < annots.size(); a++) {
        const ref = annots.get(a);
        const annot = lookup(ctx, ref);
        const subtype = str(dictGet(ctx, annot, 'Subtype'));
        if (subtype === 'Link') links++;
        if (subtype === 'Popup') continue;
        const owner = ref instanceof PDFRef ? objrOwner.get(ref.toString()) : undefined;
        if (!owner) problem('7.18.1', `page ${n}: a ${subtype ?? ''} annotation is not in the structure tree`);
        else if (subtype === 'Link' && owner.role !== 'Link') problem('7.18.5', `page ${n}: a link annotation is inside a ${owner.type}, not a Link element`);
        const sp = dictGet(ctx, annot, 'StructParent');
        if (!(sp instanceof PDFNumber)) problem('7.18.1', `page ${n}: a ${subtype ?? ''} annotation has no /StructParent`);
        if (subtype === 'Link' && !str(dictGet(ctx, annot, 'Contents'))?.trim()) problem('7.18.5', `page ${n}: a link has no description (/Contents)`);
      }
    }
  });
  return { untagged, links };
}

/** Fonts (7.21): embedded, and each maps its glyphs to Unicode so text reads back. */
function checkFonts(doc: PDFDocument, problem: Problem) {
  const ctx = doc.context;
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || str(obj.get(PDFName.of('Type'))) !== 'Font') continue;
    const subtype = str(obj.get(PDFName.of('Subtype')));
    if (subtype === 'CIDFontType0' || subtype === 'CIDFontType2') continue; // checked through their Type0 font
    const name = (str(dictGet(ctx, obj, 'BaseFont')) ?? '?').replace(/^[A-Z]{6}\+/, '');
    const descendant = subtype === 'Type0' ? lookup(ctx, (dictGet(ctx, obj, 'DescendantFonts') as PDFArray | undefined)?.get(0)) : obj;
    const descriptor = dictGet(ctx, descendant, 'FontDescriptor');
    const embedded = subtype === 'Type3' || ['FontFile', 'FontFile2', 'FontFile3'].some((key) => dictGet(ctx, descriptor, key) !== undefined);
    if (!embedded) problem('7.21.4', `font ${name} is not embedded`);
    // A CIDSet, when there is one, must list every glyph of the embedded font program.
    const cidSet = dictGet(ctx, descriptor, 'CIDSet');
    const program = dictGet(ctx, descriptor, 'FontFile2');
    if (cidSet && program) {
      const bits = streamBytes(cidSet).reduce((n, byte) => n + byte.toString(2).replaceAll('0', '').length, 0);
      const glyphs = numGlyphs(streamBytes(program));
      if (glyphs !== undefined && bits < glyphs) problem('7.21.4.2', `font ${name}: its CIDSet lists ${bits} of the ${glyphs} glyphs in the font`);
    }
    if (!dictGet(ctx, obj, 'ToUnicode')) problem('7.21.7', `font ${name} has no ToUnicode map: its text cannot be read back`);
  }
  // Every character code shown must map to Unicode, or it cannot be read back, searched or spoken.
  for (const use of fontUses(doc).values()) {
    const map = toUnicode(ctx, use.dict);
    if (!map) continue; // said above
    const unmapped = [...use.codes].filter((c) => !map.get(c));
    if (unmapped.length) {
      const name = (str(dictGet(ctx, use.dict, 'BaseFont')) ?? '?').replace(/^[A-Z]{6}\+/, '');
      problem('7.21.7', `font ${name} (${objectName(use.ref)}): ${unmapped.length} character code${unmapped.length === 1 ? '' : 's'} shown on page ${[...use.pages].join(', ')} ${unmapped.length === 1 ? 'has' : 'have'} no entry in its ToUnicode map (${unmapped.slice(0, 5).map((c) => c.toString(16).padStart(4, '0')).join(', ')}): that text reads back as nothing`);
    }
  }
}

/** Glyphs in a TrueType font program: numGlyphs of its 'maxp' table. */
function numGlyphs(font: Uint8Array): number | undefined {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (font.length < 12) return undefined;
  const tables = view.getUint16(4);
  for (let k = 0; k < tables; k++) {
    const at = 12 + k * 16;
    if (at + 16 > font.length) return undefined;
    if (String.fromCharCode(...font.subarray(at, at + 4)) === 'maxp') {
      const offset = view.getUint32(at + 8);
      return offset + 6 <= font.length ? view.getUint16(offset + 4) : undefined;
    }
  }
  return undefined;
}

/** The report as lines, for `brochure preflight`. */
export function formatAccessibility(r: AccessibilityReport): string[] {
  const lines: string[] = [];
  const status = r.tagged ? `tagged${r.pdfua === 1 ? ', PDF/UA-1 identifier' : ', no PDF/UA identifier'}` : 'NOT tagged';
  lines.push(`  Accessibility: ${status}; title ${r.title ? `"${r.title}"${r.displayTitle ? ' shown in the window' : ''}` : 'missing'}; language ${r.language ?? 'missing'}${r.languages.filter((l) => l !== r.language).length ? ` (also ${r.languages.filter((l) => l !== r.language).join(', ')})` : ''}`);
  if (r.tagged) {
    const top = Object.entries(r.roles).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
    lines.push(`    structure: ${r.elements} elements (${top})`);
    const levels = [...new Set(r.headings)].sort().map((h) => `${h} ${r.headings.filter((x) => x === h).length}`);
    const skips = r.problems.some((p) => p.includes('heading'));
    lines.push(`    headings: ${r.headings.length ? `${levels.join(', ')}, ${skips ? 'with PROBLEMS (below)' : 'first H1, no level skipped'}` : 'none'}`);
    lines.push(`    figures: ${r.figures}, ${r.figuresWithoutAlt ? `${r.figuresWithoutAlt} WITHOUT alternative text` : 'all with alternative text'}; links: ${r.links}`);
    lines.push(`    content neither tagged nor artifact: ${r.untagged ? `${r.untagged} drawing operations` : 'none'}`);
  }
  return lines;
}
