// What the studio's pages show, as JSON: the documents of the last good build with their
// state, the records as their files hold them (a record whose file cannot be read keeps the
// title it last had, and says so), the problems (errors and warnings apart), the build's
// progress, and the catalogues the forms pick from. Read through the workspace: nothing is
// parsed or validated again unless a file changed.
import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { LoadedData, LoadedFile } from '../load/index.js';
import type { Workspace } from '../pipeline/index.js';
import type { Problem } from '../problems.js';
import { DEFAULT_BODY_SIZE } from '../design/index.js';
import { LANGUAGES, nativeName, textDirection } from '../text/index.js';
import type { Builds } from './builds.js';

/** A record as its file holds it: only what the pages list (title and status per language). */
interface RecordSummary {
  id: string;
  file: string;
  kind: 'card' | 'factsheet';
  country?: string;
  cities: string[];
  langs: Record<string, { title: string; status: 'draft' | 'final' }>;
  /** The file cannot be read as it is (a YAML mistake): what is shown is what it last held. */
  broken?: boolean;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const idOf = (file: string) => file.replace(/^.*\//, '').replace(/\.ya?ml$/i, '');

function summary(f: LoadedFile, kind: RecordSummary['kind']): RecordSummary {
  const v = isMap(f.value) ? f.value : {};
  const langs: RecordSummary['langs'] = {};
  for (const [l, block] of Object.entries(v)) {
    if (!/^[a-z]{2}$/.test(l) || !isMap(block)) continue;
    langs[l] = { title: text(block.title), status: block.status === 'draft' ? 'draft' : 'final' };
  }
  const cities = Array.isArray(v.cities) ? v.cities.map(text) : [];
  return { id: idOf(f.file), file: f.file, kind, country: typeof v.country === 'string' ? v.country : undefined, cities, langs };
}

function bookletTitle(loaded: LoadedData, lang: string): string {
  const languages = isMap(loaded.booklet?.value) && isMap(loaded.booklet.value.languages) ? loaded.booklet.value.languages : {};
  const words = isMap(languages[lang]) ? languages[lang] : {};
  return [text(words.cover_title), text(words.cover_subtitle)].filter(Boolean).join(': ') || 'Booklet';
}

/** What each record file last held when it could be read, per workspace: a broken file keeps its title. */
const remembered = new WeakMap<Workspace, Map<string, RecordSummary>>();

/** The records, with those whose file cannot be read now (their last readable summary, marked broken). */
function recordsOf(ws: Workspace, loaded: LoadedData, problems: Problem[]): RecordSummary[] {
  const last = remembered.get(ws) ?? new Map<string, RecordSummary>();
  remembered.set(ws, last);
  const read = [...loaded.actions.map((f) => summary(f, 'card')), ...loaded.factsheets.records.map((f) => summary(f, 'factsheet'))];
  for (const r of read) last.set(r.file, r);
  const unread = [...new Set(problems.filter((p) => p.severity === 'error' && /^data\/(actions|factsheets)\/[^/]+\.ya?ml$/i.test(p.file)).map((p) => p.file))]
    .filter((file) => !read.some((r) => r.file === file))
    .map((file): RecordSummary => ({ ...(last.get(file) ?? { id: idOf(file), file, kind: file.includes('/factsheets/') ? 'factsheet' : 'card', cities: [], langs: {} }), broken: true }));
  return [...read, ...unread];
}

export async function studioState(ws: Workspace, builds: Builds) {
  const [loaded, checked] = await Promise.all([ws.loaded(), ws.checked()]);
  // The data as it is now (a file saved elsewhere shows at once); the build's own problems after it.
  const shown = [...checked.problems, ...builds.problems.filter((p) => !checked.problems.some((q) => q.file === p.file && q.message === p.message))];
  const records = recordsOf(ws, loaded, shown);
  const documents = (builds.lastGood?.files ?? []).map((f) => {
    const rec = f.kind === 'booklet' ? undefined : records.find((r) => r.id === f.id);
    const mtime = existsSync(f.path) ? Math.round(statSync(f.path).mtimeMs) : 0;
    const own = shown.filter((p) => rec && p.file === rec.file);
    const errors = own.filter((p) => p.severity === 'error').length;
    return {
      id: f.id,
      lang: f.lang,
      kind: f.kind === 'booklet' ? 'booklet' : (rec?.kind ?? 'card'),
      file: rec?.file,
      title: rec?.langs[f.lang]?.title || (f.kind === 'booklet' ? bookletTitle(loaded, f.lang) : f.id),
      country: rec?.country,
      cities: rec?.cities ?? [],
      status: rec?.langs[f.lang]?.status ?? 'final',
      bodySize: f.bodySize,
      // How full the card's columns are (the fitting step measured it): the overview's gauge.
      fill: f.fill,
      smaller: f.bodySize !== undefined && f.bodySize < DEFAULT_BODY_SIZE,
      pages: f.pages,
      pdf: `/files/${relative(ws.root, f.path)}?v=${mtime}`,
      thumbnail: `/thumbnails/${relative(ws.root, f.path)}.png?v=${mtime}`,
      errors,
      warnings: own.length - errors,
      // The PDF shown is the last good one: the record has changed since, and cannot be built as it is.
      outdated: !!rec?.broken || errors > 0,
      broken: !!rec?.broken,
    };
  });
  // Each language's direction is decided once, on the server (src/text); the pages follow it.
  const languages = LANGUAGES.map((code) => ({ code, name: nativeName(code), direction: textDirection(code) }));
  const progress = { building: builds.building, rendered: builds.progress.length, last: builds.progress.at(-1) };
  return { version: builds.version, building: builds.building, progress, valid: !!checked.data && !builds.problems.some((p) => p.severity === 'error'), problems: shown, documents, records, languages, defaultBodySize: DEFAULT_BODY_SIZE };
}

/** The catalogues as their files hold them, for the forms' pickers. */
export async function studioCatalogues(ws: Workspace) {
  const loaded = await ws.loaded();
  const entries = (f: LoadedFile | undefined) => Object.entries(isMap(f?.value) ? f.value : {}).map(([k, v]) => [k, isMap(v) ? (v as Record<string, string>) : {}] as const);
  const goals = isMap(loaded.catalogues['sdg-goals']?.value) ? loaded.catalogues['sdg-goals'].value : {};
  const colour = (code: string) => {
    const g = goals[code.split('.')[0]!];
    return isMap(g) && typeof g.colour === 'string' ? g.colour : undefined;
  };
  return {
    targets: entries(loaded.catalogues['sdg-targets']).map(([code, labels]) => ({ code, labels, colour: colour(code) })),
    recommendations: entries(loaded.catalogues.recommendations).map(([id, labels]) => ({ id, labels })),
    countries: entries(loaded.catalogues.countries).map(([code, labels]) => ({ code, labels })),
  };
}
