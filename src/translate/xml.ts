// What the XLIFF 1.2 and 2.x files share: writing an indented document with @xmldom/xmldom,
// units grouped by data file, and reading one back (well-formedness problems as messages,
// elements by local name, text in NFC).
import { DOMImplementation, DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import type { Exported, ReadFile } from './model.js';

/** A new document in namespace `ns` whose elements are written one per line, indented by depth. */
export function indentedDocument(ns: string) {
  const doc = new DOMImplementation().createDocument(ns, 'xliff', null);
  const root = doc.documentElement!;
  const el = (parent: Element, name: string, attrs: Record<string, string> = {}, text?: string, depth = 0) => {
    parent.appendChild(doc.createTextNode('\n' + '  '.repeat(depth)));
    const x = doc.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) x.setAttribute(k, v);
    if (text !== undefined) x.appendChild(doc.createTextNode(text));
    parent.appendChild(x);
    return x;
  };
  const close = (x: Element, depth: number) => x.appendChild(doc.createTextNode('\n' + '  '.repeat(depth)));
  const serialize = () => {
    close(root, 0);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc) + '\n';
  };
  return { root, el, close, serialize };
}

/** The units to write, by the data file they come from (one <file> each). */
export function unitsByFile(units: Exported['units']): Map<string, Exported['units']> {
  const byFile = new Map<string, Exported['units']>();
  for (const u of units) byFile.set(u.file, [...(byFile.get(u.file) ?? []), u]);
  return byFile;
}

/** A file's XML, or the reason it is not well-formed. */
export function parseXml(text: string): { doc?: Document; problems: ReadFile['problems'] } {
  const problems: ReadFile['problems'] = [];
  let doc: Document | undefined;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') problems.push({ message: `not well-formed XML: ${msg.split('\n')[0]}` });
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    problems.push({ message: `not well-formed XML: ${(e as Error).message.split('\n')[0]}` });
  }
  return { doc: problems.length ? undefined : doc, problems };
}

export const children = (x: Element, name: string): Element[] =>
  Array.from(x.childNodes as unknown as ArrayLike<Element>).filter((c) => c.nodeType === 1 && c.localName === name);

/** Text of an element; inline markup a tool may add (<g>, <mrk>) keeps its text. */
export const textOf = (x: Element | undefined) => (x?.textContent ?? '').normalize('NFC');

/** Where an element is, for a message. */
export const lineOf = (x: Element) => `line ${(x as unknown as { lineNumber?: number }).lineNumber ?? '?'}`;
