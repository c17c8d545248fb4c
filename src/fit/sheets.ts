// The checks a set of resolved sheets goes through before anything is written: characters
// the fonts lack, then fitting each card on its page. Shared by `brochure build` and
// `brochure check`; problems point at the action's file and field.
import type { ValidAction } from '../validate/index.js';
import type { ResolvedSheet } from '../resolve/index.js';
import { fieldPath, type Problem } from '../problems.js';
import { missingGlyphMessage, missingGlyphs, missingGlyphsInDocument, type MissingGlyph } from '../render/index.js';
import { MAX_TITLE_LINES, OverflowError, TextFaultError, type FittedCard } from './errors.js';
import { fromOutcome } from './outcome.js';
import { digest, toolKey, type RenderCache } from '../cache/index.js';
import { runPool, workerUrl } from './pool.js';
import { surelyTooLong } from './estimate.js';

function problemAt(action: ValidAction | undefined, file: string, path: PropertyKey[], message: string): Problem {
  return { file, ...action?.positionOf?.(path), field: fieldPath(path), message, severity: 'error' };
}

const fileOf = (actions: ValidAction[], id: string) => actions.find((a) => a.id === id);

/** Every character of the sheets' text that the fonts cannot draw, once per field. */
export async function glyphProblems(sheets: ResolvedSheet[], actions: ValidAction[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const sheet of sheets) {
    const action = fileOf(actions, sheet.id);
    const file = action?.file ?? `data/actions/${sheet.id}.yaml`;
    // One line per field (and source file), listing every character missing there.
    const byField = new Map<string, MissingGlyph[]>();
    for (const m of await missingGlyphs(sheet)) {
      const key = `${fieldPath(m.path)} ${m.source ?? ''}`;
      byField.set(key, [...(byField.get(key) ?? []), m]);
    }
    for (const list of byField.values()) problems.push(problemAt(action, file, list[0].path, missingGlyphMessage(list, sheet)));
  }
  return problems;
}

/** The same for another kind of document (factsheet, …), at its record's file. */
export async function documentGlyphProblems(doc: { id: string; lang: string; direction?: 'ltr' | 'rtl' }, file: string): Promise<Problem[]> {
  const byField = new Map<string, MissingGlyph[]>();
  for (const m of await missingGlyphsInDocument(doc)) {
    const key = fieldPath(m.path);
    byField.set(key, [...(byField.get(key) ?? []), m]);
  }
  return [...byField].map(([field, list]) => ({ file, field, message: missingGlyphMessage(list, doc), severity: 'error' as const }));
}

/**
 * The problems for a card that does not fit: at the longest column of its language, then one
 * for each other column that would still be too long once the longest is cut.
 */
function overflowProblems(e: OverflowError, actions: ValidAction[]): Problem[] {
  const action = fileOf(actions, e.id);
  const file = action?.file ?? `data/actions/${e.id}.yaml`;
  const count = (n: number) => `${n} line${n === 1 ? '' : 's'}`;
  const lines = count(e.overLines);
  const column = e.column ? `the ${e.columnHeading ?? e.column} column is the longest; ` : '';
  const others = (e.columns ?? []).filter((c) => c.column !== e.column);
  const also = others.length ? ` (and the ${others.map((c) => c.heading).join(' and ')} column${others.length > 1 ? 's' : ''} too)` : '';
  return [
    problemAt(action, file, e.column ? [e.lang, e.column] : [e.lang],
      `the ${e.lang} card does not fit on one page even with ${e.floor} pt body text: about ${Math.ceil(e.overPoints)} pt (${lines}) too long; ${column}shorten the text by about ${lines}${also}`),
    ...others.map((c) => problemAt(action, file, [e.lang, c.column],
      `the ${e.lang} card does not fit on one page: the ${c.heading} column is too long as well; shorten it by about ${count(c.overLines)}`)),
  ];
}

/** One problem per text React-PDF could not place, at its field when it is known. */
function textFaultProblems(e: TextFaultError, actions: ValidAction[]): Problem[] {
  const action = fileOf(actions, e.id);
  const file = action?.file ?? `data/actions/${e.id}.yaml`;
  // A text of the record itself that is too long squeezes its neighbours (the wording of
  // programme.yaml, …): the record's own text is the one to shorten.
  const own = e.faults.filter((f) => f.field && !f.field.source);
  // One line per field: its first fault (a text drawn over three others is one thing to fix).
  const seen = new Set<string>();
  const faults = (own.length ? own : e.faults).filter((f) => {
    const key = f.field ? fieldPath(f.field.path) : f.text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return faults.map((f) => {
    const what = f.fault === 'cut' ? 'is cut off: its box on the card is too small for it'
      : f.fault === 'outside' ? `runs ${Math.ceil(f.by)} pt past the edge of the page`
      : f.fault === 'margin' ? `runs ${Math.ceil(f.by)} pt past the page margin`
      : `is drawn over ${f.over?.field && !f.over.field.source ? `${fieldPath(f.over.field.path)} ` : ''}${quote(f.over?.text ?? '')}${f.over?.field?.source ? ` (text from ${f.over.field.source})` : ''}`;
    const source = f.field?.source ? ` (text from ${f.field.source})` : '';
    const picture = f.field && f.field.text !== undefined && /^the (logo|icon) of /.test(f.field.text) && !f.field.source;
    const snippet = f.field ? '' : ` ${quote(f.text)}`;
    return problemAt(action, file, f.field?.path ?? [e.lang], `on the ${e.lang} card, ${picture ? f.text : `the text${snippet}`} ${what}${source}: ${picture ? 'make room for it (fewer or shorter partner names)' : 'shorten it'}`);
  });
}

export interface FitResult {
  sheet: ResolvedSheet;
  fitted?: FittedCard;
  /** True when the card came from the render cache (nothing was rendered). */
  cached?: boolean;
}

export interface FitOptions {
  /** Where fitted cards are kept between builds; none: render everything. */
  cache?: RenderCache;
  /** Worker threads for the cards to render (default: the machine's cores). */
  threads?: number;
  /** Called as each card is rendered (not for cards from the cache), for progress output. */
  onRendered?: (sheet: ResolvedSheet) => void;
}

/** A card's key in the render cache: everything that decides its PDF (computed once per resolved sheet). */
export function cardCacheKey(sheet: ResolvedSheet): string {
  let key = cardKeys.get(sheet);
  if (!key) cardKeys.set(sheet, (key = digest({ card: sheet, tool: toolKey() })));
  return key;
}
const cardKeys = new WeakMap<ResolvedSheet, string>();

/** Fit every sheet; cards that do not fit become problems, the others keep their rendered bytes. */
export async function fitSheets(sheets: ResolvedSheet[], actions: ValidAction[], onEach?: (r: FitResult, problem?: Problem) => void, opts: FitOptions = {}): Promise<{ results: FitResult[]; problems: Problem[]; warnings: Problem[] }> {
  const results: FitResult[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  // Cards whose inputs are unchanged come from the cache; the others are fitted on all cores.
  const keys = sheets.map(cardCacheKey);
  const cached = sheets.map((_, i) => {
    const meta = opts.cache?.getJson<{ bodySize: number; renders: number; titleLines?: number; fill?: number }>(keys[i]);
    const bytes = meta && opts.cache?.get(keys[i]);
    return meta && bytes ? { ...meta, bytes } : undefined;
  });
  // A card with far more text than any page holds is refused before it is laid out.
  const hopeless = new Map(sheets.map((sheet, i) => [i, cached[i] ? undefined : surelyTooLong(sheet)]));
  const todo = sheets.map((sheet, i) => ({ sheet, i })).filter(({ i }) => !cached[i] && !hopeless.get(i));
  // The renderer is loaded only when a card is not in the cache.
  const fitHere = todo.length ? (await import('./worker.js')).fitOutcome : undefined;
  const outcomes = await runPool(workerUrl(), todo.map(({ sheet }) => ({ task: 'fitCard', input: sheet })), (t) => fitHere!(t.input), opts.threads, (k) => opts.onRendered?.(todo[k]!.sheet));
  const outcomeOf = new Map(todo.map(({ i }, k) => [i, outcomes[k]]));
  for (const [i, sheet] of sheets.entries()) {
    const over = hopeless.get(i);
    if (over) {
      const p = tooLongProblem(sheet, over, actions);
      problems.push(p);
      results.push({ sheet });
      onEach?.({ sheet }, p);
      continue;
    }
    try {
      const hit = cached[i];
      const fitted = hit ?? (fromOutcome(outcomeOf.get(i)!) as FittedCard);
      if (!hit && opts.cache) {
        opts.cache.put(keys[i], fitted.bytes);
        opts.cache.putJson(keys[i], { bodySize: fitted.bodySize, renders: fitted.renders, titleLines: fitted.titleLines, fill: fitted.fill });
      }
      if ((fitted.titleLines ?? 0) > MAX_TITLE_LINES) warnings.push(longTitle(sheet, fitted.titleLines!, actions));
      const r = { sheet, fitted, cached: !!hit };
      results.push(r);
      onEach?.(r);
    } catch (e) {
      if (!(e instanceof OverflowError) && !(e instanceof TextFaultError)) throw e;
      const p = e instanceof OverflowError ? overflowProblems(e, actions) : textFaultProblems(e, actions);
      problems.push(...p);
      results.push({ sheet });
      onEach?.({ sheet }, p[0]);
    }
  }
  return { results, problems, warnings };
}

/** Far more text than the page holds: said at the longest column, with how much to cut. */
function tooLongProblem(sheet: ResolvedSheet, over: { characters: number; capacity: number; longest: string }, actions: ValidAction[]): Problem {
  const action = fileOf(actions, sheet.id);
  const n = (x: number) => x.toLocaleString('en');
  return problemAt(action, action?.file ?? `data/actions/${sheet.id}.yaml`, [sheet.lang, over.longest],
    `the ${sheet.lang} card has ${n(over.characters)} characters of text in its columns, and no page holds more than about ${n(over.capacity)} even at the smallest body text: shorten the text by at least ${n(over.characters - over.capacity)} characters (the ${sheet[over.longest as 'objective'].heading} column is the longest)`);
}

/** A title set in more lines than a title reads in: measured on the card as rendered. */
function longTitle(sheet: ResolvedSheet, lines: number, actions: ValidAction[]): Problem {
  const action = fileOf(actions, sheet.id);
  return {
    ...problemAt(action, action?.file ?? `data/actions/${sheet.id}.yaml`, [sheet.lang, 'title'],
      `the title takes ${lines} lines on the ${sheet.lang} card (${sheet.title.length} characters), more than the ${MAX_TITLE_LINES} a title reads well in: shorten it, and put the detail in the subtitle or the objective`),
    severity: 'warning',
  };
}

const quote = (t: string) => `"${t.length > 40 ? t.slice(0, 40) + '…' : t}"`;
