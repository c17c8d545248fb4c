// The booklets, one per language: validate data/booklet.yaml, resolve, assemble the pages
// (page numbers by construction), render, and check that the PDF has exactly the pages
// planned: a card that spilled onto a second page would shift every page number after it.
import { join, relative } from 'node:path';
import type { ValidData } from './validate/index.js';
import { bookletLanguages, validateBooklet } from './validate/booklet.js';
import { resolveBooklet } from './resolve/booklet.js';
import type { PageSize } from './resolve/index.js';
import { assembleBooklet } from './assemble/booklet.js';
import { countPages, renderBookletPlan } from './render/booklet.js';
import { renderCard } from './render/index.js';
import { DataError, UsageError, uniqueProblems, type Problem } from './problems.js';
import type { Lang } from './schema/index.js';
import type { Booklet } from './schema/booklet.js';
import { loadForRender, renderCache, resolveAll, type BuildOptions, type BuildReport } from './build.js';
import type { PreparedImages } from './resolve/images.js';
import { fitSheets, glyphProblems } from './fit/sheets.js';
import type { FitResult } from './fit/sheets.js';
import { writeAtomic } from './write/index.js';
import { digest, type RenderCache } from './cache/index.js';
import { toolKey } from './cache/tool.js';
import { runPool, workerUrl } from './render/pool.js';

export interface BookletOptions {
  root: string;
  outDir: string;
  langs?: Lang[];
  pageSize?: PageSize;
  showDraftMark?: boolean;
  sourceDateEpoch?: string;
  /** Blank pages before the back cover to reach a multiple of 4 (default on). */
  padToFour?: boolean;
  /** Card body sizes chosen by the fitting step, by `${lang}/${id}`; the default size otherwise. */
  bodySizes?: Map<string, number>;
  cache?: RenderCache;
  threads?: number;
  images?: PreparedImages;
  /** Called as each booklet is rendered, for progress output. */
  onRendered?: (what: string) => void;
}

export interface RenderedBooklet {
  id: string;
  lang: Lang;
  path: string;
  bytes: Buffer;
  pages: number;
  /** True when it came from the render cache. */
  cached?: boolean;
}

/** data/booklet.yaml, validated; throws DataError listing every problem. */
export function loadBooklet(root: string, data: ValidData): { booklet: Booklet; warnings: Problem[] } {
  const { booklet, problems } = validateBooklet(root, data);
  if (!booklet) throw new DataError(problems);
  return { booklet, warnings: problems };
}

export async function renderBooklets(data: ValidData, booklet: Booklet, opts: BookletOptions): Promise<{ booklets: RenderedBooklet[]; warnings: Problem[] }> {
  const problems: Problem[] = [];
  const resolveOpts = { root: opts.root, pageSize: opts.pageSize, showDraftMark: opts.showDraftMark, sourceDateEpoch: opts.sourceDateEpoch, images: opts.images };
  const langs = bookletLanguages(booklet).filter((l) => !opts.langs || opts.langs.includes(l));
  const resolved = langs.map((lang) => resolveBooklet(data, booklet, lang, resolveOpts, problems));
  if (problems.some((p) => p.severity === 'error')) throw new DataError(problems);

  const plans = resolved.map((b) => {
    const bodySizes = new Map<string, number>();
    for (const c of b.countries) for (const a of c.actions) {
      const size = opts.bodySizes?.get(`${b.lang}/${a.id}`);
      if (size !== undefined) bodySizes.set(a.id, size);
    }
    return { b, plan: assembleBooklet(b, { padToFour: opts.padToFour, bodySizes }) };
  });
  // Unchanged booklets come from the cache; the others render in parallel, one per worker.
  const keys = plans.map(({ plan }) => digest({ booklet: plan, tool: toolKey() }));
  const hits = keys.map((k) => opts.cache?.get(k));
  const todo = plans.map((p, i) => ({ ...p, i })).filter(({ i }) => !hits[i]);
  const fresh = await runPool(workerUrl(), todo.map(({ plan }) => ({ task: 'booklet', input: plan })), (t) => renderBookletPlan(t.input), opts.threads, (k) => opts.onRendered?.(`${todo[k]!.b.lang}/${todo[k]!.b.file} (booklet)`));
  const freshOf = new Map(todo.map(({ i }, k) => [i, fresh[k]]));

  const booklets: RenderedBooklet[] = [];
  for (const [i, { b, plan }] of plans.entries()) {
    const bytes = hits[i] ?? freshOf.get(i)!;
    const pages = countPages(bytes);
    if (pages !== plan.pages.length) throw new DataError(await overflowProblems(plan, pages));
    if (!hits[i]) opts.cache?.put(keys[i], bytes);
    booklets.push({ id: b.file, lang: b.lang, path: join(opts.outDir, b.lang, `${b.file}.pdf`), bytes, pages, cached: !!hits[i] });
  }
  return { booklets, warnings: problems };
}

/** Say which card ran onto a second page, by rendering the booklet's cards alone. */
async function overflowProblems(plan: ReturnType<typeof assembleBooklet>, pages: number): Promise<Problem[]> {
  const b = plan.booklet;
  const found: Problem[] = [];
  for (const page of plan.pages) {
    if (page.kind !== 'card') continue;
    const n = countPages(await renderCard(page.sheet, page.bodySize));
    if (n > 1) {
      found.push({
        file: `data/actions/${page.sheet.id}.yaml`,
        field: b.lang,
        message: `the card does not fit on one page (it takes ${n}), so the ${b.lang} booklet's page numbers would be wrong: shorten its text`,
        severity: 'error',
      });
    }
  }
  if (found.length) return found;
  return [{ file: 'data/booklet.yaml', message: `the ${b.lang} booklet has ${pages} pages where ${plan.pages.length} were planned (a contents or introduction page ran over): shorten its text`, severity: 'error' }];
}

/** Body sizes the fitting step chose, by `${lang}/${id}`, for the booklet to match the single sheets. */
export function bodySizesOf(results: FitResult[]): Map<string, number> {
  return new Map(results.filter((r) => r.fitted).map((r) => [`${r.sheet.lang}/${r.sheet.id}`, r.fitted!.bodySize]));
}

/** `brochure booklet`: fit the cards (as `build` does), then render and write the booklets only. */
export async function buildBooklets(opts: BuildOptions & { padToFour?: boolean }): Promise<BuildReport & { booklets: RenderedBooklet[] }> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const outDir = opts.outDir ?? join(opts.root, 'out');
  const { data, warnings, images } = await loadForRender(opts.root);
  opts = { ...opts, images };
  const { booklet, warnings: bookletWarnings } = loadBooklet(opts.root, data);
  const langs = bookletLanguages(booklet);
  if (opts.langs && !opts.langs.some((l) => langs.includes(l))) {
    throw new UsageError(`--lang ${opts.langs.join(',')}: data/booklet.yaml has no ${opts.langs.join(' or ')} wording (its languages: ${langs.join(', ')}), so booklet --lang ${opts.langs.join(',')} builds nothing`);
  }
  warnings.push(...bookletWarnings);
  const sheets = resolveAll(data, { ...opts, only: undefined }, warnings);
  const glyphs = glyphProblems(sheets, data.actions);
  if (glyphs.length) throw new DataError([...warnings, ...glyphs]);
  const cache = renderCache(opts);
  const fit = await fitSheets(sheets, data.actions, undefined, { cache, threads: opts.threads });
  if (fit.problems.length) throw new DataError([...warnings, ...fit.problems]);
  warnings.push(...fit.warnings);
  const { booklets, warnings: more } = await renderBooklets(data, booklet, { ...opts, outDir, bodySizes: bodySizesOf(fit.results), cache, threads: opts.threads });
  const files = booklets.map((b) => {
    const result = writeAtomic(b.path, b.bytes);
    log(`  ${relative(opts.root, b.path).padEnd(44)} ${result}  (${b.pages} pages)`);
    return { path: b.path, id: b.id, lang: b.lang, result, kind: 'booklet' as const, rendered: !b.cached };
  });
  return { files, booklets, warnings: uniqueProblems([...warnings, ...more]), seconds: (performance.now() - started) / 1000 };
}
