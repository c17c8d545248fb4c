// The booklets of a build: planned per language from the resolved cards and factsheets
// (src/resolve), then bound from their own pages and the documents just rendered
// (src/render for the booklet's own pages, src/assemble for binding). A bound booklet is
// cached under the keys of everything it is made of.
import type { ValidData } from '../validate/index.js';
import type { BookletPlan, PageSize, PreparedImages, ResolvedSheet } from '../resolve/index.js';
import { readFileSync } from 'node:fs';
import { BOOKLET_FILE } from '../load/index.js';
import { fontFiles } from '../design/index.js';
import { bookletLanguages, type Lang } from '../text/index.js';
import { digest, toolKey, type RenderCache } from '../cache/index.js';
import { DataError, type Problem } from '../problems.js';
import { DOCUMENT_KINDS, type ResolvedDocument } from './documents.js';
import type { FontTrace } from '../assemble/index.js';
import { documentKey, type Rendered } from './render.js';

export interface PlannedBooklet {
  lang: Lang;
  file: string;
  plan: BookletPlan;
  /** The cards it binds, resolved as the single sheets are. */
  sheets: ResolvedSheet[];
  /** The other documents it binds (factsheets). */
  others: ResolvedDocument[];
}

export interface BookletResolveOptions {
  root: string;
  pageSize?: PageSize;
  showDraftMark?: boolean;
  sourceDateEpoch?: string;
  images?: PreparedImages;
  langs?: Lang[];
  padToFour?: boolean;
}

export async function planBooklets(data: ValidData, opts: BookletResolveOptions, problems: Problem[]): Promise<PlannedBooklet[]> {
  if (!data.booklet) {
    problems.push({ file: BOOKLET_FILE, message: 'file not found: it holds the booklet\'s cover, contents and credits wording (or build with --no-booklet)', severity: 'error' });
    return [];
  }
  const { resolveBooklet, planBooklet } = await import('../resolve/index.js');
  const booklet = data.booklet;
  return bookletLanguages(booklet)
    .filter((l) => !opts.langs || opts.langs.includes(l))
    .map((lang) => {
      const resolved = resolveBooklet(data, booklet, lang, opts, problems);
      const factsheetKind = DOCUMENT_KINDS.factsheet;
      const others = resolved.factsheets.items.map((f) => {
        const record = factsheetKind.records(data).find((r) => r.id === f.id)!;
        return { kind: factsheetKind, record, sheet: f.sheet };
      });
      return { lang, file: booklet.file, plan: planBooklet(resolved, { padToFour: opts.padToFour }), sheets: resolved.countries.flatMap((c) => c.actions.map((a) => a.sheet)), others };
    });
}

export interface BoundBooklet {
  lang: Lang;
  file: string;
  bytes: Buffer;
  pages: number;
  fresh: boolean;
}

/** A booklet: its own pages (rendered, or from the cache), bound with the rendered documents. */
export async function bindBooklet(b: PlannedBooklet, rendered: Map<string, Rendered>, cache: RenderCache | undefined, lap: (stage: string) => void): Promise<BoundBooklet> {
  const ownKey = digest({ bookletPages: b.plan, tool: toolKey() });
  const documents = new Map<string, Buffer>();
  for (const p of b.plan.pages) {
    if (p.kind === 'card' || p.kind === 'factsheet') documents.set(p.anchor, rendered.get(documentKey({ lang: b.lang, id: p.id }))!.bytes);
  }
  const boundKey = digest({ booklet: ownKey, documents: [...documents].map(([anchor, bytes]) => [anchor, digest(bytes)]), tool: toolKey() });
  const pages = b.plan.pages.length;
  const hit = cache?.get(boundKey);
  if (hit) {
    // Its own pages stay in the cache with it: the next edit binds them again without rendering them.
    cache?.markUsed(ownKey);
    return { lang: b.lang, file: b.file, bytes: hit, pages, fresh: false };
  }

  let own = cache?.get(ownKey);
  if (!own) {
    lap('bind booklets');
    const { renderBookletPages, countPages } = await import('../render/index.js');
    own = await renderBookletPages(b.plan);
    lap('render booklet pages');
    const planned = b.plan.pages.filter((p) => p.kind !== 'card' && p.kind !== 'factsheet').length + 1;
    if (countPages(own) !== planned) {
      throw new DataError([{ file: BOOKLET_FILE, message: `the ${b.lang} booklet's own pages came to ${countPages(own) - 1} where ${planned - 1} were planned (a contents or introduction page ran over): shorten its text`, severity: 'error' }]);
    }
    cache?.put(ownKey, own);
  }
  const { bindBooklet: bind } = await import('../assemble/index.js');
  const fontTraces = cache && {
    get: (k: string) => cache.getJson<FontTrace>(digest({ fontTrace: k, tool: toolKey() })),
    put: (k: string, trace: FontTrace) => cache.putJson(digest({ fontTrace: k, tool: toolKey() }), trace),
  };
  const bytes = Buffer.from(await bind({ plan: b.plan, own, documents, fonts: fontPrograms(), fontTraces }));
  cache?.put(boundKey, bytes);
  return { lang: b.lang, file: b.file, bytes, pages, fresh: true };
}

/** The font files' bytes, read once per process: the binder makes the booklet's font subsets from them. */
let programs: Uint8Array[] | undefined;
function fontPrograms(): Uint8Array[] {
  programs ??= fontFiles().map((f) => readFileSync(f.src));
  return programs;
}
