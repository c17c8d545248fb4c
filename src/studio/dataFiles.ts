// The data files the studio edits besides the actions — the programme, the booklet's wording
// and contents, the factsheets and their shared wording, the catalogues — and each one's JSON
// Schema (the one `brochure schema` publishes, from the zod schemas), with its references
// resolved and its languages cut to the ones the documents are built in, for the page's
// schema-driven form (app/dataForm.js).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../pipeline/index.js';
import { LANGUAGES } from '../text/index.js';
import { HttpError } from './guard.js';

type Json = Record<string, any>;

export interface DataFile {
  file: string;
  group: 'Programme' | 'Booklet' | 'Factsheets' | 'Catalogues';
  name: string;
}

const FIXED: DataFile[] = [
  { file: 'data/programme.yaml', group: 'Programme', name: 'Programme: name, edition date, funding statement, source language' },
  { file: 'data/booklet.yaml', group: 'Booklet', name: 'Booklet: cover, introduction, contents, back cover; what it holds and the countries’ order' },
  { file: 'data/factsheet.yaml', group: 'Factsheets', name: 'Factsheets’ shared wording (headings, labels)' },
  { file: 'data/catalogues/sdg-goals.yaml', group: 'Catalogues', name: 'SDG goals (names and colours)' },
  { file: 'data/catalogues/sdg-targets.yaml', group: 'Catalogues', name: 'SDG targets' },
  { file: 'data/catalogues/recommendations.yaml', group: 'Catalogues', name: 'MC2CM policy recommendations' },
  { file: 'data/catalogues/countries.yaml', group: 'Catalogues', name: 'Countries' },
  { file: 'data/catalogues/gcm-objectives.yaml', group: 'Catalogues', name: 'Global Compact for Migration objectives' },
];
const FACTSHEET = /^data\/factsheets\/[a-z0-9][a-z0-9-]*\.yaml$/;

/** Whether the studio edits this file with the schema-driven form. */
export function isEditable(root: string, file: string): boolean {
  return (FIXED.some((f) => f.file === file) || FACTSHEET.test(file)) && existsSync(join(root, file));
}

/** The editable files that exist in this project, in the order the page lists them. */
export async function dataFiles(ws: Workspace): Promise<DataFile[]> {
  const dir = join(ws.root, 'data', 'factsheets');
  const factsheets = existsSync(dir) ? readdirSync(dir).filter((n) => /^[a-z0-9][a-z0-9-]*\.yaml$/.test(n)).sort() : [];
  const loaded = await ws.loaded();
  const title = (file: string) => {
    const f = loaded.factsheets.records.find((r) => r.file === file)?.value as Json | undefined;
    return f?.fr?.title ?? f?.en?.title ?? file;
  };
  return [...FIXED, ...factsheets.map((n) => ({ file: `data/factsheets/${n}`, group: 'Factsheets' as const, name: `Factsheet: ${title(`data/factsheets/${n}`)}` }))].filter((f) => existsSync(join(ws.root, f.file)));
}

/** The schema of a file, self-contained (no $ref) and with only the languages the documents are built in. */
export async function schemaOfFile(ws: Workspace, file: string): Promise<{ file: string; schema: Json }> {
  if (!isEditable(ws.root, file)) throw new HttpError(404, `${file}: not a data file the studio edits`);
  const { jsonSchemas, catalogueIds, SCHEMA_FILES } = await import('../schema/index.js');
  const name = Object.entries(SCHEMA_FILES).find(([, globs]) => globs.some((g) => g === file || (g.endsWith('/*.yaml') && file.startsWith(g.slice(0, -'*.yaml'.length)))))?.[0];
  if (!name) throw new HttpError(404, `${file}: no schema describes it`);
  const loaded = await ws.loaded();
  const ids = catalogueIds(loaded.catalogues);
  const schema = jsonSchemas(ids)[name]!;
  const resolved = trimLanguages(resolveRefs(schema, schema));
  if (file === 'data/booklet.yaml') {
    // The booklet names countries, actions and factsheets by id: offered as choices.
    const idOf = (f: { file: string }) => f.file.replace(/^.*\//, '').replace(/\.ya?ml$/i, '');
    const p = resolved.properties ?? {};
    if (p.countries?.items) p.countries.items.enum = ids.countries;
    const include = p.include?.items?.properties ?? {};
    for (const alt of include.actions?.anyOf ?? []) if (alt.items) alt.items.enum = loaded.actions.map(idOf);
    if (include.factsheets?.items) include.factsheets.items.enum = loaded.factsheets.records.map(idOf);
  }
  return { file, schema: resolved };
}

function resolveRefs(node: unknown, root: Json, depth = 0): any {
  if (depth > 40 || !node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => resolveRefs(n, root, depth + 1));
  const n = node as Json;
  if (typeof n.$ref === 'string') {
    const { $ref, ...rest } = n;
    const target = String($ref).split('/').slice(1).reduce((o: Json | undefined, k) => o?.[k], root);
    return resolveRefs({ ...target, ...rest }, root, depth + 1);
  }
  return Object.fromEntries(Object.entries(n).filter(([k]) => k !== '$defs' && k !== '$schema').map(([k, v]) => [k, resolveRefs(v, root, depth + 1)]));
}

/** Language blocks: the schema allows every ISO 639-1 code; the form offers the built ones. */
function trimLanguages(node: any): any {
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(trimLanguages);
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    // A map of every ISO 639-1 code (not a map with a key such as "to" or "id").
    const everyLanguage = k === 'properties' && v && typeof v === 'object' && Object.keys(v).filter((p) => /^[a-z]{2}$/.test(p)).length > 20;
    if (everyLanguage) {
      out[k] = Object.fromEntries(Object.entries(v as Json).filter(([p]) => !/^[a-z]{2}$/.test(p) || (LANGUAGES as readonly string[]).includes(p)).map(([p, s]) => [p, trimLanguages(s)]));
    } else out[k] = trimLanguages(v);
  }
  return out;
}
