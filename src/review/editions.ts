// Editions: what was published. `brochure publish` copies the PDFs of an up-to-date build to
// editions/<date>/ (or a folder given) with a manifest — each document's digest, pages and
// size, the date and who — so a later review can say what changed since.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { countPages } from '../render/index.js';
import { UsageError } from '../problems.js';
import type { Lang } from '../text/index.js';
import { writeAtomic } from '../write/index.js';

export type DocumentKind = 'card' | 'factsheet' | 'booklet';

/** One document of an edition (or of the build now): `path` is its place under out/, "fr/rabat.pdf". */
export interface EditionDocument {
  path: string;
  id: string;
  lang: Lang;
  kind: DocumentKind;
  sha256: string;
  pages: number;
  bytes: number;
}

export interface Edition {
  name: string;
  /** The folder holding the manifest and the PDFs. */
  folder: string;
  /** When it was published (ISO 8601). */
  date: string;
  by: string;
  documents: EditionDocument[];
}

/** A document of the build now, and its file. */
export interface CurrentDocument extends EditionDocument {
  file: string;
}

export const EDITIONS_FOLDER = 'editions';
const MANIFEST = 'manifest.json';

/** The documents of a build (its files, each with its record's kind), digested. */
export function currentDocuments(root: string, files: { path: string; id: string; lang: Lang; kind?: 'booklet' }[], kindOf: (id: string) => DocumentKind): CurrentDocument[] {
  const outDir = join(root, 'out');
  return files
    .filter((f) => existsSync(f.path))
    .map((f) => {
      const bytes = readFileSync(f.path);
      return { path: relative(outDir, f.path).split('\\').join('/'), id: f.id, lang: f.lang, kind: f.kind ?? kindOf(f.id), sha256: createHash('sha256').update(bytes).digest('hex'), pages: countPages(bytes), bytes: bytes.length, file: f.path };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

function readManifest(folder: string): Edition | undefined {
  try {
    const m = JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')) as Partial<Edition>;
    if (typeof m.date !== 'string' || !Array.isArray(m.documents)) return undefined;
    return { name: m.name ?? folder.split(/[\\/]/).at(-1)!, folder, date: m.date, by: String(m.by ?? ''), documents: m.documents };
  } catch {
    return undefined;
  }
}

/** The editions published under editions/, oldest first. */
export function listEditions(root: string): Edition[] {
  const dir = join(root, EDITIONS_FOLDER);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => readManifest(join(dir, e.name)))
    .filter((e): e is Edition => !!e)
    .sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** The edition `since` names (a name under editions/, or a folder with a manifest), else the latest. */
export function findEdition(root: string, since?: string): Edition {
  const all = listEditions(root);
  if (since === undefined) {
    const latest = all.at(-1);
    if (!latest) throw new UsageError('no edition has been published yet: run `brochure publish` to record one, then changes are shown against it');
    return latest;
  }
  const named = all.find((e) => e.name === since) ?? readManifest(isAbsolute(since) ? since : resolve(since));
  if (!named) throw new UsageError(`--since ${since}: no such edition (the editions: ${all.map((e) => e.name).join(', ') || 'none yet'}); give a name under editions/ or a folder holding a ${MANIFEST}`);
  return named;
}

/** The edition's copy of a document. */
export function editionFile(edition: Pick<Edition, 'folder'>, path: string): string {
  return join(edition.folder, ...path.split('/'));
}

/** A new edition's folder: editions/<date>, or <date>-2, -3… when that day has one. */
function newFolder(root: string, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  let folder = join(root, EDITIONS_FOLDER, day);
  for (let n = 2; existsSync(folder); n++) folder = join(root, EDITIONS_FOLDER, `${day}-${n}`);
  return folder;
}

/** Copy the documents into a new edition folder, the manifest last (an edition without one is not listed). */
export function publishEdition(root: string, documents: CurrentDocument[], opts: { to?: string; by: string; date?: Date }): Edition {
  const date = opts.date ?? new Date();
  const folder = opts.to ? resolve(root, opts.to) : newFolder(root, date);
  if (opts.to && existsSync(folder) && (!statSync(folder).isDirectory() || readdirSync(folder).length)) throw new UsageError(`--to ${opts.to}: ${folder} is not an empty folder; an edition goes into a new one`);
  for (const d of documents) {
    const target = join(folder, ...d.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(d.file, target);
  }
  const edition: Edition = { name: folder.split(/[\\/]/).at(-1)!, folder, date: date.toISOString(), by: opts.by, documents: documents.map(({ file: _file, ...d }) => d) };
  const { folder: _folder, ...manifest } = edition;
  writeAtomic(join(folder, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return edition;
}
