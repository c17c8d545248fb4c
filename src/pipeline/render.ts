// Render and fit the resolved documents: cards fitted on their one page (src/fit, on the
// worker threads when there are many), the other kinds rendered and checked page by page.
// Each document comes from the render cache when nothing it depends on changed. Nothing is
// thrown for what the data must fix: every problem of every document is returned, so one run
// reports them all (the build then writes nothing; `check` lists them).
import type { ValidData } from '../validate/index.js';
import type { ResolvedSheet } from '../resolve/index.js';
import type { Lang } from '../text/index.js';
import { digest, toolKey, type RenderCache } from '../cache/index.js';
import type { Problem } from '../problems.js';
import type { ResolvedDocument } from './documents.js';

/** A document ready to write or bind: its PDF and whether it had to be rendered. */
export interface Rendered {
  lang: Lang;
  id: string;
  template: string;
  bytes: Buffer;
  /** False when it came from the render cache: nothing was laid out again. */
  fresh: boolean;
  /** A card's body size, and the renders it took to fit it (0 from the cache). */
  bodySize?: number;
  renders?: number;
  /** A card's columns, how full (0 to 1). */
  fill?: number;
}

export interface RenderOptions {
  cache?: RenderCache;
  threads?: number;
  /** As each document is rendered (not when it comes from the cache): "fr/rabat". */
  onRendered?: (what: string) => void;
  /** As each document is done, rendered or not (for `check`'s one line per document). */
  onEach?: (doc: ResolvedDocument, outcome: { rendered?: Rendered; problems: Problem[] }) => void;
}

export interface RenderOutcome {
  rendered: Map<string, Rendered>;
  /** Errors, and warnings found while laying out (long titles, …). */
  problems: Problem[];
}

export const documentKey = (d: { lang: string; id: string }) => `${d.lang}/${d.id}`;

export async function renderDocuments(data: ValidData, docs: ResolvedDocument[], opts: RenderOptions): Promise<RenderOutcome> {
  const rendered = new Map<string, Rendered>();
  const problems: Problem[] = [];
  const cards = docs.filter((d) => d.kind.template === 'card');
  await fitCards(data, cards, opts, rendered, problems);
  for (const doc of docs.filter((d) => d.kind.template !== 'card')) {
    const own = await renderOther(doc, opts, rendered);
    problems.push(...own);
    opts.onEach?.(doc, { rendered: rendered.get(documentKey(doc.sheet)), problems: own });
  }
  return { rendered, problems };
}

/** Cards: characters the fonts lack (for what is not in the cache), then each fitted on its page. */
async function fitCards(data: ValidData, cards: ResolvedDocument[], opts: RenderOptions, rendered: Map<string, Rendered>, problems: Problem[]) {
  if (!cards.length) return;
  const { fitSheets, glyphProblems, cardCacheKey: cardKey } = await import('../fit/index.js');
  const sheets = cards.map((d) => d.sheet as ResolvedSheet);
  const glyphs = new Map<ResolvedSheet, Problem[]>();
  for (const s of sheets) if (!opts.cache?.has(cardKey(s))) glyphs.set(s, await glyphProblems([s], data.actions));
  const fittable = sheets.filter((s) => !glyphs.get(s)?.length);
  const byId = new Map(cards.map((d) => [d.sheet, d]));
  for (const [sheet, found] of glyphs) {
    if (!found.length) continue;
    problems.push(...found); // not rendered: it would print blank boxes
    opts.onEach?.(byId.get(sheet)!, { problems: found });
  }
  const fit = await fitSheets(fittable, data.actions, (r, problem) => {
    if (!opts.onEach) return;
    const doc = byId.get(r.sheet)!;
    opts.onEach(doc, { rendered: r.fitted && { ...card(r.sheet, r.fitted, !!r.cached) }, problems: problem ? [problem] : [] });
  }, { cache: opts.cache, threads: opts.threads, onRendered: (s) => opts.onRendered?.(documentKey(s)) });
  problems.push(...fit.problems, ...fit.warnings);
  for (const r of fit.results) if (r.fitted) rendered.set(documentKey(r.sheet), card(r.sheet, r.fitted, !!r.cached));
}

function card(sheet: ResolvedSheet, fitted: { bytes: Buffer; bodySize: number; renders: number; fill?: number }, cached: boolean): Rendered {
  return { lang: sheet.lang, id: sheet.id, template: 'card', bytes: fitted.bytes, fresh: !cached, bodySize: fitted.bodySize, renders: cached ? 0 : fitted.renders, fill: fitted.fill };
}

/** Another kind (a factsheet, …): from the cache, or its glyphs checked, rendered and its pages checked. */
async function renderOther(doc: ResolvedDocument, opts: RenderOptions, rendered: Map<string, Rendered>): Promise<Problem[]> {
  const key = digest({ [doc.kind.template]: doc.sheet, tool: toolKey() });
  const hit = opts.cache?.get(key);
  if (hit) {
    rendered.set(documentKey(doc.sheet), { lang: doc.sheet.lang, id: doc.sheet.id, template: doc.kind.template, bytes: hit, fresh: false });
    return [];
  }
  const { documentGlyphProblems } = await import('../fit/index.js');
  const glyphs = await documentGlyphProblems(doc.sheet, doc.record.file);
  if (glyphs.length) return glyphs; // not rendered: it would print blank boxes
  const { bytes, problems } = await doc.kind.render(doc.sheet, doc.record);
  opts.onRendered?.(documentKey(doc.sheet));
  if (!problems.length) opts.cache?.put(key, bytes);
  rendered.set(documentKey(doc.sheet), { lang: doc.sheet.lang, id: doc.sheet.id, template: doc.kind.template, bytes, fresh: true });
  return problems;
}
