// Test helpers: a translation file as a translation tool reads and writes it (an XML library),
// and the data's bytes, to prove a refused import wrote nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';

export const NS = 'urn:oasis:names:tc:xliff:document:1.2';

/** Every file under data/, with its bytes: an import that is refused must leave all of them as they were. */
export function dataBytes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p).toString('base64'));
    }
  };
  walk(join(root, 'data'));
  return out;
}

export function parseXliff(path: string) {
  return new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/xml');
}

export function unitsOf(doc: ReturnType<typeof parseXliff>): Element[] {
  return Array.from(doc.getElementsByTagNameNS(NS, 'trans-unit') as unknown as ArrayLike<Element>);
}

export function unit(doc: ReturnType<typeof parseXliff>, id: string): Element {
  const u = unitsOf(doc).find((x) => x.getAttribute('id') === id);
  if (!u) throw new Error(`no unit ${id}`);
  return u;
}

export const child = (x: Element, name: string) => Array.from(x.childNodes as unknown as ArrayLike<Element>).find((c) => c.nodeType === 1 && c.localName === name)!;

/** Set a unit's translation and state, as a translation tool saves it. */
export function translate(doc: ReturnType<typeof parseXliff>, id: string, text: string, state = 'translated') {
  const target = child(unit(doc, id), 'target');
  while (target.firstChild) target.removeChild(target.firstChild);
  target.appendChild(doc.createTextNode(text));
  target.setAttribute('state', state);
}

export const save = (doc: ReturnType<typeof parseXliff>, path: string) => writeFileSync(path, new XMLSerializer().serializeToString(doc));

/** Lines of `after` not in `before` and the reverse: what an edit changed. */
export function changedLines(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
}
