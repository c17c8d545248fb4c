// XLIFF 2.1 out and in (`translate export --format xliff2`), for the tools that have moved
// to 2.x. The same units as the 1.2 file: one <file> per data file, one <unit> per text,
// whose `name` is the unit's id (2.x ids are NMTOKENs, which "actions/rabat.yaml#title" is
// not); states map as initial (missing), translated (draft, with a subState when it needs
// review), final. Checked in the tests against the OASIS XLIFF 2.0 core schema that Debian's
// php-symfony-translation ships (the 2.1 core is the same namespace and elements).
import type { Element } from '@xmldom/xmldom';
import { noteOf, type Exported, type ReadFile, type ReadUnit } from './model.js';
import { stateOf } from './units.js';
import { children, indentedDocument, lineOf, parseXml, textOf, unitsByFile } from './xml.js';

export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** subState for a translation to review (its source changed, or nothing records it). */
const NEEDS_REVIEW = 'brochure:needs-review';

export function writeXliff2(e: Exported): string {
  const { root, el, close, serialize } = indentedDocument(XLIFF2_NS);
  root.setAttribute('version', '2.1');
  root.setAttribute('srcLang', e.sourceLang);
  root.setAttribute('trgLang', e.targetLang);
  let f = 0;
  let n = 0;
  for (const [file, units] of unitsByFile(e.units)) {
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
  return serialize();
}

/** The units of an XLIFF 2.x file; states read back in 1.2's words (final, translated, needs-translation). */
export function readXliff2(text: string): ReadFile {
  const { doc, problems } = parseXml(text);
  if (!doc) return { units: [], problems };
  const root = doc.documentElement!;
  const units: ReadUnit[] = [];
  for (const f of children(root, 'file')) {
    const collect = (x: Element): Element[] => [...children(x, 'unit'), ...children(x, 'group').flatMap(collect)];
    for (const unit of collect(f)) {
      // A unit of several segments (a tool may split sentences) is one text again.
      const segments = [...children(unit, 'segment'), ...children(unit, 'ignorable')];
      const source = segments.map((s) => textOf(children(s, 'source')[0])).join(' ');
      const target = segments.map((s) => textOf(children(s, 'target')[0])).join(' ').trim();
      const states = children(unit, 'segment').map((s) => s.getAttribute('state') ?? 'initial');
      const state = states.every((s) => s === 'final') ? 'final' : states.every((s) => s === 'initial') ? 'needs-translation' : 'translated';
      units.push({ id: unit.getAttribute('name') || unit.getAttribute('id') || '', source, target, state, where: lineOf(unit) });
    }
  }
  return { sourceLang: root.getAttribute('srcLang') ?? undefined, targetLang: root.getAttribute('trgLang') ?? undefined, units, problems };
}
