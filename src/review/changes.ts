// What changed since an edition: each document added, removed or changed (its PDF's digest
// differs), and for a changed one the text changes, word by word, as a reader gets the text.
// The same words in another layout (a font update, the text set smaller to fit) is a layout
// change: no text change.
import { existsSync, readFileSync } from 'node:fs';
import { diffArrays } from 'diff';
import { documentWords, joinBrokenWords, type PageWord } from './text.js';
import { editionFile, type CurrentDocument, type DocumentKind, type Edition, type EditionDocument } from './editions.js';

/** One place where the words differ: what went, what came, the words around it. */
export interface TextChange {
  /** The page of the document now (for a removal: the page where the words were). */
  page: number;
  /** The page of the edition's document. */
  pageBefore: number;
  removed: string;
  added: string;
  /** A few words before and after, for a reader to find the place. */
  before: string;
  after: string;
  /** Where the new words are drawn on `page` (PDF points), for a highlight. */
  boxes: PageWord['box'][];
  /** Where the removed words were drawn on `pageBefore`. */
  boxesBefore: PageWord['box'][];
}

export interface DocumentChange {
  path: string;
  id: string;
  lang: EditionDocument['lang'];
  kind: DocumentKind;
  state: 'added' | 'removed' | 'changed';
  /** For a changed document: its words differ (false: only the layout moved). */
  textChanged: boolean;
  /** Pages of the document now where the text changed. */
  pages: number[];
  changes: TextChange[];
  before?: { sha256: string; pages: number };
  after?: { sha256: string; pages: number };
  /** The edition's copy of the PDF is gone (its folder was cleaned): changed, words unknown. */
  missingCopy?: boolean;
}

export interface Changes {
  edition: Pick<Edition, 'name' | 'date' | 'by' | 'folder'>;
  documents: DocumentChange[];
  unchanged: number;
}

/** Words of context on each side of a change. */
const CONTEXT = 5;

/** Compare the documents now with an edition's. */
export async function changesSince(edition: Edition, now: CurrentDocument[], opts: { text?: boolean } = {}): Promise<Changes> {
  const before = new Map(edition.documents.map((d) => [d.path, d]));
  const documents: DocumentChange[] = [];
  let unchanged = 0;
  for (const d of now) {
    const old = before.get(d.path);
    before.delete(d.path);
    const after = { sha256: d.sha256, pages: d.pages };
    if (!old) {
      documents.push({ ...pick(d), state: 'added', textChanged: true, pages: [], changes: [], after });
      continue;
    }
    if (old.sha256 === d.sha256) {
      unchanged++;
      continue;
    }
    // Digests only (publish's check), or the words too — when the edition still has its copy.
    const copy = editionFile(edition, d.path);
    if (opts.text !== false && !existsSync(copy)) {
      documents.push({ ...pick(d), state: 'changed', textChanged: true, pages: [], changes: [], missingCopy: true, before: { sha256: old.sha256, pages: old.pages }, after });
      continue;
    }
    const changes = opts.text === false ? [] : await textChanges(readFileSync(copy), readFileSync(d.file), d.lang);
    documents.push({ ...pick(d), state: 'changed', textChanged: opts.text === false || changes.length > 0, pages: [...new Set(changes.map((c) => c.page))], changes, before: { sha256: old.sha256, pages: old.pages }, after });
  }
  for (const old of before.values()) documents.push({ ...pick(old), state: 'removed', textChanged: true, pages: [], changes: [], before: { sha256: old.sha256, pages: old.pages } });
  documents.sort((a, b) => a.path.localeCompare(b.path));
  return { edition: { name: edition.name, date: edition.date, by: edition.by, folder: edition.folder }, documents, unchanged };
}

const boxesOf = (w: PageWord) => (w.rest ? [w.box, w.rest] : [w.box]);
const pick = (d: EditionDocument) => ({ path: d.path, id: d.id, lang: d.lang, kind: d.kind });

/** The places where two PDFs' words differ. */
export async function textChanges(beforePdf: Uint8Array, afterPdf: Uint8Array, lang: EditionDocument['lang']): Promise<TextChange[]> {
  const [oldWords, nowWords] = await Promise.all([documentWords(beforePdf, lang), documentWords(afterPdf, lang)]).then((p) => p.map((pages) => pages.flat()));
  const old = joinBrokenWords(oldWords!, nowWords!);
  const now = joinBrokenWords(nowWords!, oldWords!);
  const parts = diffArrays(old!.map((w) => w.text), now!.map((w) => w.text));
  const changes: TextChange[] = [];
  let i = 0; // position in the old words
  let j = 0; // position in the new words
  let open: { i: number; j: number; removed: PageWord[]; added: PageWord[] } | undefined;
  const close = () => {
    if (!open) return;
    const { removed, added } = open;
    const at = added[0] ?? now![Math.min(j, now!.length - 1)];
    changes.push({
      page: at?.page ?? 1,
      pageBefore: removed[0]?.page ?? old![Math.min(open.i, old!.length - 1)]?.page ?? 1,
      removed: removed.map((w) => w.text).join(' '),
      added: added.map((w) => w.text).join(' '),
      before: now!.slice(Math.max(0, open.j - CONTEXT), open.j).map((w) => w.text).join(' '),
      after: now!.slice(j, j + CONTEXT).map((w) => w.text).join(' '),
      boxes: added.filter((w) => w.page === at?.page).flatMap(boxesOf),
      boxesBefore: removed.filter((w) => w.page === removed[0]?.page).flatMap(boxesOf),
    });
    open = undefined;
  };
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      close();
      i += n;
      j += n;
      continue;
    }
    open ??= { i, j, removed: [], added: [] };
    if (part.removed) {
      open.removed.push(...old!.slice(i, i + n));
      i += n;
    } else {
      open.added.push(...now!.slice(j, j + n));
      j += n;
    }
  }
  close();
  return changes;
}
