// XLIFF 1.2 out and in. Version 1.2 (OASIS, 2008) is the one every tool the comms team's
// translators use opens and saves — Trados, memoQ, Phrase, Crowdin, Weblate, OmegaT — while
// support for XLIFF 2.x is still partial or missing in several of them. Written and read with @xmldom/xmldom (a DOM: escaping, namespaces and
// encodings are the library's business), one <file> per data file, one <trans-unit> per text.
import type { Element } from '@xmldom/xmldom';
import { noteOf, xliffState, type Exported, type ReadFile, type ReadUnit } from './model.js';
import { stateOf } from './units.js';
import { children, indentedDocument, lineOf, parseXml, textOf, unitsByFile } from './xml.js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:1.2';

export function writeXliff(e: Exported): string {
  const { root, el, close, serialize } = indentedDocument(XLIFF_NS);
  root.setAttribute('version', '1.2');
  for (const [file, units] of unitsByFile(e.units)) {
    const f = el(root, 'file', { original: file, 'source-language': e.sourceLang, 'target-language': e.targetLang, datatype: 'plaintext' }, undefined, 1);
    const header = el(f, 'header', {}, undefined, 2);
    el(header, 'tool', { 'tool-id': 'brochure', 'tool-name': 'brochure translate export' }, undefined, 3);
    close(header, 2);
    const body = el(f, 'body', {}, undefined, 2);
    for (const u of units) {
      const state = xliffState(stateOf(u));
      // approved="yes" on final work: tools that do not read states (translate-toolkit's PO
      // conversion) would otherwise send approved translations back as fuzzy.
      const tu = el(body, 'trans-unit', { id: u.id, resname: u.id, ...(state === 'final' ? { approved: 'yes' } : {}) }, undefined, 3);
      el(tu, 'source', {}, u.source, 4);
      el(tu, 'target', { state }, u.target ?? '', 4);
      if (u.previousSource !== undefined) {
        // The old source with the translation made from it: tools show it as a match to compare.
        const alt = el(tu, 'alt-trans', { origin: 'previous-source' }, undefined, 4);
        el(alt, 'source', {}, u.previousSource, 5);
        el(alt, 'target', {}, u.target ?? '', 5);
        close(alt, 4);
      }
      // from="developer": the note tools keep (translate-toolkit drops the others).
      el(tu, 'note', { from: 'developer' }, noteOf(u), 4);
      close(tu, 3);
    }
    close(body, 2);
    close(f, 1);
  }
  return serialize();
}

export function readXliff(text: string): ReadFile {
  const { doc, problems } = parseXml(text);
  if (!doc) return { units: [], problems };
  const root = doc.documentElement!;
  if (root.localName !== 'xliff' || !(root.getAttribute('version') ?? '').startsWith('1.')) {
    return { units: [], problems: [{ where: 'line 1', message: `not an XLIFF 1.2 file (found <${root.localName}${root.getAttribute('version') ? ` version="${root.getAttribute('version')}"` : ''}>): export again with brochure translate export, and save as XLIFF 1.2 in the translation tool` }] };
  }
  const units: ReadUnit[] = [];
  let sourceLang: string | undefined;
  let targetLang: string | undefined;
  for (const f of children(root, 'file')) {
    const where = lineOf(f);
    const s = f.getAttribute('source-language') ?? undefined;
    const t = f.getAttribute('target-language') ?? undefined;
    if (sourceLang !== undefined && s !== sourceLang) problems.push({ where, message: `this <file> is from ${s ?? 'no'} source language, the ones before from ${sourceLang}` });
    if (targetLang !== undefined && t !== targetLang) problems.push({ where, message: `this <file> is in ${t ?? 'no'} target language, the ones before in ${targetLang}: one language per file` });
    sourceLang ??= s;
    targetLang ??= t;
    for (const body of children(f, 'body')) {
      // Groups are allowed around units (some tools add them).
      const tus: Element[] = [];
      const collect = (x: Element) => {
        for (const c of children(x, 'trans-unit')) tus.push(c);
        for (const g of children(x, 'group')) collect(g);
      };
      collect(body);
      for (const tu of tus) {
        const target = children(tu, 'target')[0];
        units.push({
          id: tu.getAttribute('id') ?? '',
          source: textOf(children(tu, 'source')[0]),
          target: textOf(target),
          state: target?.getAttribute('state')?.toLowerCase() || undefined,
          approved: tu.getAttribute('approved')?.toLowerCase() === 'yes',
          where: lineOf(tu),
        });
      }
    }
  }
  // po2xliff writes the PO file's name as the original, and gettext's header as a unit.
  const fromPo = children(root, 'file').some((f) => /\.pot?$/i.test(f.getAttribute('original') ?? '')) || Array.from(doc.getElementsByTagName('trans-unit') as unknown as ArrayLike<Element>).some((tu) => tu.getAttribute('restype') === 'x-gettext-domain-header');
  return { sourceLang, targetLang, units, problems, fromPo };
}
