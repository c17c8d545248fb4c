// `brochure check` (and the studio's check before a save): everything a build would find —
// the data, the characters the fonts lack, whether each card fits its page and at what size,
// whether each factsheet holds on its pages — one line per document, nothing written.
import { DEFAULT_BODY_SIZE } from '../design/index.js';
import type { PageSize, ResolvedSheet } from '../resolve/index.js';
import type { ValidData } from '../validate/index.js';
import type { Lang } from '../text/index.js';
import type { Problem } from '../problems.js';
import { checkSelection, DOCUMENT_KINDS, resolveDocuments, type ResolvedDocument } from './documents.js';
import { renderDocuments } from './render.js';
import type { Project } from './project.js';

export interface CheckOptions {
  langs?: Lang[];
  only?: string[];
  pageSize?: PageSize;
  /**
   * Lay the documents out (default): fitting, pages, every part of the page. Off: only what is
   * known without a layout — the data and the characters the fonts lack (a check as one types).
   */
  layout?: boolean;
  /** One line per document as it is checked. */
  log?: (line: string) => void;
}

/** How one document came out. */
export interface CheckedDocument {
  id: string;
  lang: Lang;
  template: string;
  ok: boolean;
  /** A card's body size when it fits. */
  bodySize?: number;
}

export interface CheckReport {
  documents: CheckedDocument[];
  /** Cards whose body text had to be made smaller to fit. */
  stepped: number;
  /** Documents that do not hold on their pages (or cannot be printed). */
  failed: number;
  /** Every problem found, errors and warnings. */
  problems: Problem[];
}

/** Throws DataError when the data itself is invalid; otherwise reports every document. */
export async function check(ws: Project, opts: CheckOptions): Promise<CheckReport> {
  const log = opts.log ?? (() => {});
  const { data, warnings } = await ws.valid();
  warnings.push(...checkSelection(data, opts));
  const images = await ws.images(data);
  const resolveOpts = { root: ws.root, pageSize: opts.pageSize, images, langs: opts.langs, only: opts.only };
  const docs = Object.values(DOCUMENT_KINDS).flatMap((k) => resolveDocuments(data, k, resolveOpts, warnings));
  if (opts.layout === false) return glyphsOnly(data, docs, warnings);
  const documents: CheckedDocument[] = [];
  const { problems } = await renderDocuments(data, docs, {
    cache: ws.renderCache,
    onEach: (doc, { rendered, problems: found }) => {
      const ok = !!rendered && !found.some((p) => p.severity === 'error');
      const { id, lang } = doc.sheet;
      documents.push({ id, lang, template: doc.kind.template, ok, bodySize: rendered?.bodySize });
      const name = `${lang}/${id}`.padEnd(40);
      const noun = doc.kind.template === 'card' ? '' : ` (${doc.kind.noun})`;
      if (!ok) return log(`  ${name} does not fit${noun}`);
      const size = rendered.bodySize ?? DEFAULT_BODY_SIZE;
      const how = size < DEFAULT_BODY_SIZE ? 'stepped down' : size > DEFAULT_BODY_SIZE ? 'set larger, the card being short,' : undefined;
      log(`  ${name} fits${noun}${how ? ` at ${size} pt (body text ${how} from ${DEFAULT_BODY_SIZE} pt)` : ''}`);
    },
  });
  const stepped = documents.filter((d) => d.ok && d.bodySize !== undefined && d.bodySize < DEFAULT_BODY_SIZE).length;
  return { documents, stepped, failed: documents.filter((d) => !d.ok).length, problems: [...warnings, ...problems] };
}

/** The characters the fonts lack, for every document: what is known without laying anything out. */
async function glyphsOnly(data: ValidData, docs: ResolvedDocument[], warnings: Problem[]): Promise<CheckReport> {
  const { documentGlyphProblems, glyphProblems } = await import('../fit/index.js');
  const problems: Problem[] = [];
  const documents: CheckedDocument[] = [];
  for (const d of docs) {
    const found = d.kind.template === 'card' ? await glyphProblems([d.sheet as ResolvedSheet], data.actions) : await documentGlyphProblems(d.sheet, d.record.file);
    problems.push(...found);
    documents.push({ id: d.sheet.id, lang: d.sheet.lang, template: d.kind.template, ok: !found.length });
  }
  return { documents, stepped: 0, failed: documents.filter((d) => !d.ok).length, problems: [...warnings, ...problems] };
}
