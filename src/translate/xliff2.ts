// XLIFF 2.1 out and in (`translate export --format xliff2`), for the tools that have moved
// to 2.x. The same units as the 1.2 file: one <file> per data file, one <unit> per text,
// whose `name` is the unit's id (2.x ids are NMTOKENs, which "actions/rabat.yaml#title" is
// not); states map as initial (missing), translated (draft, with a subState when it needs
// review), final. Checked in the tests against the OASIS XLIFF 2.0 core schema that Debian's
// php-symfony-translation ships (the 2.1 core is the same namespace and elements).
import { DOMImplementation, DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { noteOf, type Exported, type ReadFile, type ReadUnit } from './model.js';
import { stateOf } from './units.js';

export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** subState for a translation to review (its source changed, or nothing records it). */
const NEEDS_REVIEW = 'brochure:needs-review';

export function writeXliff2(e: Exported): string {
  const doc = new DOMImplementation().createDocument(XLIFF2_NS, 'xliff', null);
  const root = doc.documentElement!;
  root.setAttribute('version', '2.1');
  root.setAttribute('srcLang', e.sourceLang);
  root.setAttribute('trgLang', e.targetLang);
  const el = (parent: Element, name: string, attrs: Record<string, string> = {}, text?: string, depth = 0) => {
    parent.appendChild(doc.createTextNode('\n' + '  '.repeat(depth)));
    const x = doc.createElementNS(XLIFF2_NS, name);
    for (const [k, v] of Object.entries(attrs)) x.setAttribute(k, v);
    if (text !== undefined) x.appendChild(doc.createTextNode(text));
    parent.appendChild(x);
    return x;
  };
  const close = (x: Element, depth: number) => x.appendChild(doc.createTextNode('\n' + '  '.repeat(depth)));
  const byFile = new Map<string, Exported['units']>();
  for (const u of e.units) byFile.set(u.file, [...(byFile.get(u.file) ?? []), u]);
  let f = 0;
  let n = 0;
  for (const [file, units] of byFile) {
    const fe = el(root, 'file', { id: `f${++f}`, original: file }, undefined, 1);
    for (const u of units) {
      const unit = el(fe, 'unit', { id: `u${++n}`, name: u.id }, undefined, 2);
      const notes = el(unit, 'notes', {}, undefined, 3);
      el(notes, 'note', { category: 'context' }, noteOf(u), 4);
      close(notes, 3);
      const state = stateOf(u);
      const attrs: Record<string, string> = { state: state === 'missing' ? 'initial' : state === 'final' ? 'final' : 'translated' };
      if (state === 'stale' || state === 'unverified') attrs.subState = NEEDS_REVIEW;
      const seg = el(unit, 'segment', attrs, undefined, 3);
      el(seg, 'source', {}, u.source, 4);
      if (u.target !== undefined) el(seg, 'target', {}, u.target, 4);
      close(seg, 3);
      close(unit, 2);
    }
    close(fe, 1);
  }
  close(root, 0);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc) + '\n';
}

const children = (x: Element, name: string): Element[] =>
  Array.from(x.childNodes as unknown as ArrayLike<Element>).filter((c) => c.nodeType === 1 && c.localName === name);
const textOf = (x: Element | undefined) => (x?.textContent ?? '').normalize('NFC');

/** The units of an XLIFF 2.x file; states read back in 1.2's words (final, translated, needs-translation). */
export function readXliff2(text: string): ReadFile {
  const problems: ReadFile['problems'] = [];
  let doc: Document | undefined;
  try {
    doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') problems.push({ message: `not well-formed XML: ${msg.split('\n')[0]}` }); } }).parseFromString(text, 'text/xml');
  } catch (e) {
    problems.push({ message: `not well-formed XML: ${(e as Error).message.split('\n')[0]}` });
  }
  if (!doc || problems.length) return { units: [], problems };
  const root = doc.documentElement!;
  const units: ReadUnit[] = [];
  const line = (x: Element) => `line ${(x as unknown as { lineNumber?: number }).lineNumber ?? '?'}`;
  for (const f of children(root, 'file')) {
    const collect = (x: Element): Element[] => [...children(x, 'unit'), ...children(x, 'group').flatMap(collect)];
    for (const unit of collect(f)) {
      // A unit of several segments (a tool may split sentences) is one text again.
      const segments = [...children(unit, 'segment'), ...children(unit, 'ignorable')];
      const source = segments.map((s) => textOf(children(s, 'source')[0])).join(' ');
      const target = segments.map((s) => textOf(children(s, 'target')[0])).join(' ').trim();
      const states = children(unit, 'segment').map((s) => s.getAttribute('state') ?? 'initial');
      const state = states.every((s) => s === 'final') ? 'final' : states.every((s) => s === 'initial') ? 'needs-translation' : 'translated';
      units.push({ id: unit.getAttribute('name') || unit.getAttribute('id') || '', source, target, state, where: line(unit) });
    }
  }
  return { sourceLang: root.getAttribute('srcLang') ?? undefined, targetLang: root.getAttribute('trgLang') ?? undefined, units, problems };
}
