// The programme's terminology and its translation memory, for translators' tools:
// - `translate glossary`: the SDG goal titles and target labels, the recommendation areas, the
//   country names and the programme's fixed wording (name, series, headings, funding
//   statement), in every language the data has, as TBX (ISO 30042, the "martif" form every
//   CAT tool imports) and CSV; at import, a translation whose source uses a term without the
//   term's translation gets a warning naming both.
// - `translate export --tmx`: every current source–target pair (TMX 1.4b), so a tool reuses
//   past work on a new record.
import { DOMImplementation, XMLSerializer, type Element } from '@xmldom/xmldom';
import type { LoadedData } from '../load/index.js';
import { collectUnits, stateOf, type Recorded, type Unit } from './units.js';

/** Where the programme's terms are: whole catalogues, and these fields of programme.yaml's wording. */
const TERM_FILES = ['data/catalogues/sdg-goals.yaml', 'data/catalogues/sdg-targets.yaml', 'data/catalogues/recommendations.yaml', 'data/catalogues/countries.yaml'];
const PROGRAMME_TERMS = ['programme', 'series', 'sdg_heading', 'recommendations_heading', 'funding_statement'];

export interface Term {
  /** The unit it comes from (catalogues/countries.yaml#MA). */
  id: string;
  /** What it is: "SDG goal", "SDG target", "recommendation area", "country", "programme wording". */
  kind: string;
  /** By language: the source language's form and every translation. */
  forms: Record<string, string>;
}

const kindOf = (u: Unit) =>
  u.file.endsWith('sdg-goals.yaml') ? 'SDG goal' : u.file.endsWith('sdg-targets.yaml') ? 'SDG target' : u.file.endsWith('recommendations.yaml') ? 'recommendation area' : u.file.endsWith('countries.yaml') ? 'country' : 'programme wording';

const isTerm = (u: Unit) => TERM_FILES.includes(u.file) || (u.file === 'data/programme.yaml' && PROGRAMME_TERMS.includes(String(u.sub[u.sub.length - 1])));

/** Every term, with its form in the source language and in each of `langs` that has one. */
export function glossaryTerms(loaded: LoadedData, source: string, langs: string[], recorded: Recorded = {}): Term[] {
  const terms = new Map<string, Term>();
  for (const lang of langs) {
    for (const u of collectUnits(loaded, lang, recorded, source).filter(isTerm)) {
      const t = terms.get(u.id) ?? { id: u.id, kind: kindOf(u), forms: { [source]: u.source } };
      if (u.target !== undefined && stateOf(u) !== 'stale') t.forms[lang] = u.target;
      terms.set(u.id, t);
    }
  }
  return [...terms.values()];
}

function xml(root: string, build: (doc: ReturnType<DOMImplementation['createDocument']>, el: (parent: Element, name: string, attrs?: Record<string, string>, text?: string) => Element) => void, ns: string | null = null): string {
  const doc = new DOMImplementation().createDocument(ns, root, null);
  const el = (parent: Element, name: string, attrs: Record<string, string> = {}, text?: string) => {
    parent.appendChild(doc.createTextNode('\n' + '  '.repeat(depthOf(parent) + 1)));
    const x = ns ? doc.createElementNS(ns, name) : doc.createElement(name);
    for (const [k, v] of Object.entries(attrs)) x.setAttribute(k, v);
    if (text !== undefined) x.appendChild(doc.createTextNode(text));
    parent.appendChild(x);
    return x;
  };
  build(doc, el);
  // Closing tags on their own lines.
  const close = (x: Element) => {
    const kids = Array.from(x.childNodes as unknown as ArrayLike<Element>).filter((c) => c.nodeType === 1);
    kids.forEach(close);
    if (kids.length) x.appendChild(doc.createTextNode('\n' + '  '.repeat(depthOf(x))));
  };
  close(doc.documentElement!);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc) + '\n';
}

function depthOf(x: Element): number {
  let d = 0;
  for (let p = x.parentNode; p && p.nodeType === 1; p = p.parentNode) d++;
  return d;
}

/** TBX (ISO 30042:2008, "martif"): one termEntry per term, one langSet per language. */
export function writeTbx(terms: Term[], source: string): string {
  return xml('martif', (doc, el) => {
    const root = doc.documentElement!;
    root.setAttribute('type', 'TBX');
    root.setAttribute('xml:lang', source);
    const header = el(root, 'martifHeader');
    const desc = el(header, 'fileDesc');
    const src = el(desc, 'sourceDesc');
    el(src, 'p', {}, 'MC2CM programme terminology, from the data (brochure translate glossary)');
    const body = el(el(root, 'text'), 'body');
    for (const t of terms) {
      const entry = el(body, 'termEntry', { id: t.id.replace(/[^A-Za-z0-9_.-]/g, '_') });
      el(entry, 'descrip', { type: 'subjectField' }, t.kind);
      el(entry, 'note', {}, t.id);
      for (const [lang, form] of Object.entries(t.forms)) el(el(el(entry, 'langSet', { 'xml:lang': lang }), 'tig'), 'term', {}, form);
    }
  });
}

/** CSV (RFC 4180): id, kind, then one column per language. */
export function writeGlossaryCsv(terms: Term[], langs: string[]): string {
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [['id', 'kind', ...langs], ...terms.map((t) => [t.id, t.kind, ...langs.map((l) => t.forms[l] ?? '')])];
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** TMX 1.4b: every current pair (translated, not stale) of the units, one <tu> each. */
export function writeTmx(units: Unit[], source: string, lang: string): string {
  return xml('tmx', (doc, el) => {
    const root = doc.documentElement!;
    root.setAttribute('version', '1.4');
    el(root, 'header', { creationtool: 'brochure', creationtoolversion: '1', segtype: 'paragraph', 'o-tmf': 'brochure', adminlang: 'en', srclang: source, datatype: 'plaintext' });
    const body = el(root, 'body');
    for (const u of units) {
      const state = stateOf(u);
      if (state === 'missing' || state === 'stale' || u.target === undefined) continue;
      const tu = el(body, 'tu', { tuid: u.id });
      el(tu, 'prop', { type: 'x-state' }, state);
      el(el(tu, 'tuv', { 'xml:lang': source }), 'seg', {}, u.source);
      el(el(tu, 'tuv', { 'xml:lang': lang }), 'seg', {}, u.target);
    }
  });
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Terms a translation leaves out: the source names a term (as a whole word, whatever its
 * case) that has a translation in `lang`, and the translation does not use it.
 */
export function missingTerms(terms: Term[], source: string, lang: string, unit: { id: string; source: string }, target: string): { term: Term; from: string; to: string }[] {
  const out: { term: Term; from: string; to: string }[] = [];
  const s = fold(unit.source);
  const t = fold(target);
  for (const term of terms) {
    const from = term.forms[source];
    const to = term.forms[lang];
    if (!from || !to || term.id === unit.id || from.length < 4) continue;
    if (!new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(fold(from))}(?![\\p{L}\\p{N}])`, 'u').test(s)) continue;
    if (!t.includes(fold(to))) out.push({ term, from, to });
  }
  return out;
}
