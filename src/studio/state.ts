// What the studio's pages show, as JSON: the documents of the last good build with their
// state, the records as their files hold them (also a record whose data is invalid), the
// problems, and the catalogues the forms pick from. Read through the workspace: nothing is
// parsed or validated again unless a file changed.
import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { LoadedData, LoadedFile } from '../load/index.js';
import type { Workspace } from '../pipeline/index.js';
import { DEFAULT_BODY_SIZE } from '../design/index.js';
import { LANGUAGES, nativeName, textDirection } from '../text/index.js';
import type { Builds } from './builds.js';

/** A record as its file holds it: only what the pages list (title and status per language). */
export interface RecordSummary {
  id: string;
  file: string;
  kind: 'card' | 'factsheet';
  country?: string;
  cities: string[];
  langs: Record<string, { title: string; status: 'draft' | 'final' }>;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

function summary(f: LoadedFile, kind: RecordSummary['kind']): RecordSummary {
  const v = isMap(f.value) ? f.value : {};
  const langs: RecordSummary['langs'] = {};
  for (const [l, block] of Object.entries(v)) {
    if (!/^[a-z]{2}$/.test(l) || !isMap(block)) continue;
    langs[l] = { title: text(block.title), status: block.status === 'draft' ? 'draft' : 'final' };
  }
  const cities = Array.isArray(v.cities) ? v.cities.map(text) : [];
  return { id: f.file.replace(/^.*\//, '').replace(/\.ya?ml$/i, ''), file: f.file, kind, country: typeof v.country === 'string' ? v.country : undefined, cities, langs };
}

function bookletTitle(loaded: LoadedData, lang: string): string {
  const languages = isMap(loaded.booklet?.value) && isMap(loaded.booklet.value.languages) ? loaded.booklet.value.languages : {};
  const words = isMap(languages[lang]) ? languages[lang] : {};
  return [text(words.cover_title), text(words.cover_subtitle)].filter(Boolean).join(': ') || 'Booklet';
}

export async function studioState(ws: Workspace, builds: Builds) {
  const [loaded, checked] = await Promise.all([ws.loaded(), ws.checked()]);
  const shown = builds.problems.length || !checked.problems.length ? builds.problems : checked.problems;
  const records = [...loaded.actions.map((f) => summary(f, 'card')), ...loaded.factsheets.records.map((f) => summary(f, 'factsheet'))];
  const documents = (builds.lastGood?.files ?? []).map((f) => {
    const rec = f.kind === 'booklet' ? undefined : records.find((r) => r.id === f.id);
    const mtime = existsSync(f.path) ? Math.round(statSync(f.path).mtimeMs) : 0;
    return {
      id: f.id,
      lang: f.lang,
      kind: f.kind === 'booklet' ? 'booklet' : (rec?.kind ?? 'card'),
      file: rec?.file,
      title: rec?.langs[f.lang]?.title ?? bookletTitle(loaded, f.lang),
      country: rec?.country,
      cities: rec?.cities ?? [],
      status: rec?.langs[f.lang]?.status ?? 'final',
      bodySize: f.bodySize,
      smaller: f.bodySize !== undefined && f.bodySize < DEFAULT_BODY_SIZE,
      pages: f.pages,
      pdf: `/files/${relative(ws.root, f.path)}?v=${mtime}`,
      problems: shown.filter((p) => rec && p.file === rec.file).length,
    };
  });
  // Each language's direction is decided once, on the server (src/text); the pages follow it.
  const languages = LANGUAGES.map((code) => ({ code, name: nativeName(code), direction: textDirection(code) }));
  return { version: builds.version, building: builds.building, valid: !!checked.data && !builds.problems.some((p) => p.severity === 'error'), problems: shown, documents, records, languages, defaultBodySize: DEFAULT_BODY_SIZE };
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
