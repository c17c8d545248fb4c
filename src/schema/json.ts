// The JSON Schemas of the data files, for editors (VS Code's YAML language server and others):
// generated from the zod schemas (one definition), with the fields' descriptions, and the
// catalogues' ids as enums so an editor completes them and flags an unknown one as it is typed.
// `brochure schema` writes them to data/schemas/ and maps them in .vscode/settings.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PUBLISHED_SCHEMAS } from './index.js';
import { FACTSHEET_SCHEMAS } from './factsheet.js';

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
  for (const [name, schema] of Object.entries({ ...PUBLISHED_SCHEMAS, ...FACTSHEET_SCHEMAS })) {
    out[name] = z.toJSONSchema(schema, { io: 'input' }) as Json;
  }
  const action = out['action.schema.json']!;
  const p = action.properties;
  // The pattern stays: an editor explains a malformed code; the enum lists the codes there are.
  p.country.enum = ids.countries;
  p.targets.items.enum = ids.targets;
  p.recommendations.items.enum = ids.recommendations;
  const factsheet = out['factsheet.schema.json']!;
  if (factsheet.properties?.targets?.items) factsheet.properties.targets.items.enum = ids.targets;
  if (factsheet.properties?.country) factsheet.properties.country.enum = ids.countries;
  return out;
}

/** The workspace settings that point VS Code's YAML extension at the schemas (merged into existing settings). */
export function vscodeSettings(existing: Json = {}): Json {
  return { ...existing, 'yaml.schemas': Object.fromEntries(Object.entries(SCHEMA_FILES).map(([name, files]) => [`./data/schemas/${name}`, files])) };
}

/** The catalogue ids of a project, sorted as an editor lists them (codes in goal order). */
export function catalogueIds(root: string): CatalogueIds {
  const keys = (name: string) => {
    const path = join(root, 'data', 'catalogues', `${name}.yaml`);
    return existsSync(path) ? Object.keys(parse(readFileSync(path, 'utf8')) ?? {}) : [];
  };
  const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return { targets: keys('sdg-targets').sort(byCode), recommendations: keys('recommendations'), countries: keys('countries') };
}
