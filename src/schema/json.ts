// The JSON Schemas of the data files, for editors (VS Code's YAML language server and others):
// generated from the zod schemas (one definition), with the fields' descriptions, and the
// catalogues' ids as enums so an editor completes them and flags an unknown one as it is typed.
// `brochure schema` writes them to data/schemas/ and maps them in .vscode/settings.json.
import { z } from 'zod';
import { ActionRecord, LabelCatalogue, Programme, SdgGoals } from './records.js';
import { Booklet } from './booklet.js';
import { FactsheetRecord, FactsheetWording } from './factsheet.js';

/**
 * How they are published: a schema used in several places (a language block, under each of
 * the ISO 639-1 codes) is written once under $defs and referred to.
 */
const JSON_SCHEMA_OPTIONS = { io: 'input', reused: 'ref' } as const;

/** Schemas published as JSON Schema for editors, by file name. */
const PUBLISHED_SCHEMAS = {
  'action.schema.json': ActionRecord,
  'programme.schema.json': Programme,
  'sdg-goals.schema.json': SdgGoals,
  'labels.schema.json': LabelCatalogue,
  'booklet.schema.json': Booklet,
  'factsheet.schema.json': FactsheetRecord,
  'factsheet-wording.schema.json': FactsheetWording,
} as const;

/** Which data files each schema describes (globs relative to the project, as yaml.schemas takes them). */
export const SCHEMA_FILES: Record<string, string[]> = {
  'action.schema.json': ['data/actions/*.yaml'],
  'programme.schema.json': ['data/programme.yaml'],
  'sdg-goals.schema.json': ['data/catalogues/sdg-goals.yaml'],
  'labels.schema.json': ['data/catalogues/sdg-targets.yaml', 'data/catalogues/recommendations.yaml', 'data/catalogues/countries.yaml', 'data/catalogues/gcm-objectives.yaml'],
  'booklet.schema.json': ['data/booklet.yaml'],
  'factsheet.schema.json': ['data/factsheets/*.yaml'],
  'factsheet-wording.schema.json': ['data/factsheet.yaml'],
};

/** The ids the catalogues hold (read from data/catalogues/), to offer as enums. */
export interface CatalogueIds {
  targets: string[];
  recommendations: string[];
  countries: string[];
}

type Json = Record<string, any>;

export function jsonSchemas(ids: CatalogueIds): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
    out[name] = z.toJSONSchema(schema, JSON_SCHEMA_OPTIONS) as Json;
  }
  // The pattern stays: an editor explains a malformed code; the enum lists the codes there are.
  for (const name of ['action.schema.json', 'factsheet.schema.json']) {
    const schema = out[name]!;
    const p = schema.properties ?? {};
    if (p.country) p.country = { ...own(schema, p.country), enum: ids.countries };
    for (const [field, values] of [['targets', ids.targets], ['recommendations', ids.recommendations]] as const) {
      if (!p[field]) continue;
      const list = (p[field] = own(schema, p[field]));
      list.items = { ...own(schema, list.items ?? {}), enum: values };
    }
  }
  return out;
}

/** A field's own copy of its schema: a shared definition ($ref) is copied in before an enum is added to it. */
function own(root: Json, node: Json): Json {
  if (!node.$ref) return { ...node };
  const { $ref, ...rest } = node;
  const def = root.$defs?.[String($ref).split('/').at(-1)!];
  return { ...structuredClone(def ?? {}), ...rest };
}

/** The workspace settings that point VS Code's YAML extension at the schemas (merged into existing settings). */
export function vscodeSettings(existing: Json = {}): Json {
  return { ...existing, 'yaml.schemas': Object.fromEntries(Object.entries(SCHEMA_FILES).map(([name, files]) => [`./data/schemas/${name}`, files])) };
}

/** The catalogue ids of a project (the catalogues as read, valid or not), sorted as an editor lists them (codes in goal order). */
export function catalogueIds(catalogues: Partial<Record<'sdg-targets' | 'recommendations' | 'countries', { value: unknown }>>): CatalogueIds {
  const keys = (name: keyof typeof catalogues) => {
    const v = catalogues[name]?.value;
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
  };
  const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return { targets: keys('sdg-targets').sort(byCode), recommendations: keys('recommendations'), countries: keys('countries') };
}
