// Document kinds: which template renders a record, and how. A record names its template
// (`template: card` in data/actions/, `template: factsheet` in data/factsheets/); each kind
// brings its records, its resolve step and its render step, and the build, the CLI's
// list and validate, and the booklet go through this table.
//
// Cards are the one kind with an extra step: ./render.ts fits each card onto its single
// page (src/fit) before writing it. Every other kind is rendered by its `render` as is.
//
// Adding a third template, e.g. a city profile:
//   1. src/schema/profile.ts: its zod record with `template: z.literal('profile')`;
//   2. load its folder (src/load) and validate it (src/validate/profile.ts) into ValidData;
//   3. src/resolve/profile.ts: resolveProfile() → a resolved sheet with `id` and `lang`;
//   4. templates/Profile.tsx built from templates/parts.tsx, and renderProfile();
//   5. one entry in DOCUMENT_KINDS below: `brochure build`, `list` and `validate` pick it up.
import type { ValidData } from '../validate/index.js';
import type { Lang } from '../text/index.js';
import { UsageError, type Problem } from '../problems.js';
import type { LoadedFile } from '../load/index.js';
import { missingLanguage, resolveFactsheet, resolveSheet, type ResolveOptions } from '../resolve/index.js';
import { countPages } from '../render/index.js';
import { isStale, isUnverified } from '../text/index.js';

/** What every kind's records have in common after validation. */
export interface DocumentRecord {
  id: string;
  file: string;
  languages: Lang[];
  record: { order?: number; country: string; cities: string[] } & Partial<Record<Lang, { status: 'final' | 'draft'; title: string } | undefined>>;
  positionOf?: LoadedFile['positionOf'];
}

export interface DocumentKind<R extends DocumentRecord = DocumentRecord, S extends { id: string; lang: Lang } = { id: string; lang: Lang }> {
  /** The value of the records' `template:` field. */
  template: string;
  /** Where its records live: data/<folder>/<id>.yaml */
  folder: string;
  /** What `brochure list` calls one of them. */
  noun: string;
  records(data: ValidData): R[];
  resolve(data: ValidData, record: R, lang: Lang, opts: ResolveOptions, problems: Problem[]): S;
  /** PDF bytes, and the problems when the document does not fit its pages. */
  render(sheet: S, record: R): Promise<{ bytes: Buffer; problems: Problem[] }>;
}

function kind<R extends DocumentRecord, S extends { id: string; lang: Lang }>(k: DocumentKind<R, S>): DocumentKind {
  return k as unknown as DocumentKind;
}

/** A factsheet is two pages; more means its text ran over (React-PDF adds pages silently). */
const FACTSHEET_PAGES = 2;

export const DOCUMENT_KINDS: Record<'card' | 'factsheet', DocumentKind> = {
  card: kind({
    template: 'card',
    folder: 'actions',
    noun: 'action',
    records: (data) => data.actions,
    resolve: resolveSheet,
    // React-PDF is loaded only when something is rendered (a cached build never loads it).
    render: async (sheet) => ({ bytes: await (await import('../render/index.js')).renderCard(sheet), problems: [] }),
  }),
  factsheet: kind({
    template: 'factsheet',
    folder: 'factsheets',
    noun: 'factsheet',
    records: (data) => data.factsheets.records,
    resolve: resolveFactsheet,
    render: async (sheet, record) => {
      const [{ renderFactsheetLayout }, { factsheetFaults }] = await Promise.all([import('../render/index.js'), import('../fit/index.js')]);
      const { bytes, root } = await renderFactsheetLayout(sheet);
      const pages = countPages(bytes);
      if (pages > FACTSHEET_PAGES) {
        return { bytes, problems: [{ file: record.file, field: sheet.lang, message: `the ${sheet.lang} factsheet runs over its ${FACTSHEET_PAGES} pages (${pages} pages): shorten its text`, severity: 'error' }] };
      }
      return { bytes, problems: factsheetFaults(sheet, record, root) };
    },
  }),
};

export interface ResolvedDocument {
  kind: DocumentKind;
  record: DocumentRecord;
  sheet: { id: string; lang: Lang };
}

/** Every record of a kind in every language it has (or those asked for), resolved. */
export function resolveDocuments(data: ValidData, k: DocumentKind, opts: ResolveOptions & { langs?: Lang[]; only?: string[] }, problems: Problem[]): ResolvedDocument[] {
  const out: ResolvedDocument[] = [];
  for (const record of k.records(data)) {
    if (opts.only && !opts.only.includes(record.id)) continue;
    for (const lang of record.languages) {
      if (opts.langs && !opts.langs.includes(lang)) continue;
      out.push({ kind: k, record, sheet: k.resolve(data, record, lang, opts, problems) });
    }
  }
  return out;
}

/** "15 actions, 1 factsheet": what the data holds, for the CLI. */
export function documentCount(data: ValidData): string {
  return Object.values(DOCUMENT_KINDS)
    .map((k) => ({ k, n: k.records(data).length }))
    .filter(({ k, n }) => n > 0 || k.template === 'card')
    .map(({ k, n }) => `${n} ${k.noun}${n === 1 ? '' : 's'}`)
    .join(', ');
}

/** One line per record for `brochure list`: id, country, cities, languages (drafts marked). */
export function listLines(data: ValidData): string[] {
  return Object.values(DOCUMENT_KINDS).flatMap((k) =>
    k.records(data).map((d) => {
      // A translation whose source text changed since is stale: it needs review (brochure translate status).
      const source = d.record[data.programme.source_language];
      const langs = d.languages.map((l) => {
        const translated = l !== data.programme.source_language;
        const marks = [d.record[l]?.status === 'draft' ? 'draft' : '', translated && isStale(source, d.record[l]) ? 'stale: source changed' : '', translated && isUnverified(d.record[l]) ? 'unverified: translate confirm' : ''].filter(Boolean);
        return marks.length ? `${l} (${marks.join(', ')})` : l;
      }).join(', ');
      const what = k.template === 'card' ? '' : `  (${k.noun})`;
      return `${d.id.padEnd(34)} ${d.record.country}  ${d.record.cities.join(', ').padEnd(36)} ${langs}${what}`;
    }),
  );
}

/**
 * What --only and --lang leave to build. Nothing at all is a usage error naming the filter
 * (exit 2); a record asked for by --only that has none of the --lang languages is a warning.
 */
export function checkSelection(data: ValidData, opts: { langs?: Lang[]; only?: string[] }): Problem[] {
  if (!opts.langs) return [];
  const langs = opts.langs;
  const records = Object.values(DOCUMENT_KINDS).flatMap((k) => k.records(data)).filter((r) => !opts.only || opts.only.includes(r.id));
  const without = records.filter((r) => !r.languages.some((l) => langs.includes(l)));
  const filter = `${opts.only ? `--only ${opts.only.join(',')} ` : ''}--lang ${langs.join(',')}`;
  if (records.length && without.length === records.length) {
    const who = !opts.only ? `no record in data/ has ${langs.join(' or ')} text`
      : without.length === 1 ? `"${without[0].id}" has no ${langs.join(' or ')} text (only ${without[0].languages.join(', ')})`
      : `none of ${without.map((r) => `"${r.id}"`).join(', ')} has ${langs.join(' or ')} text`;
    throw new UsageError(`--lang ${langs.join(',')}: ${who}, so ${filter} builds nothing`);
  }
  if (!opts.only) return []; // the booklet of each language names the records it leaves out
  return without.map((r) => missingLanguage(r, langs, `${filter} builds no sheet for it`));
}
