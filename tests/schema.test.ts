// The JSON Schemas for editors (VS Code's YAML language server): current with the zod schemas
// and the catalogues, with descriptions, and mapped to every data file in .vscode/settings.json.
import { Workspace } from '../src/pipeline/index.js';
import { describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, tempProject } from './project.js';
import { brochure } from './cli.js';
import { catalogueIds, jsonSchemas, SCHEMA_FILES, vscodeSettings } from '../src/schema/index.js';

const committed = (name: string) => JSON.parse(readFileSync(join(ROOT, 'data', 'schemas', name), 'utf8'));
const keys = (file: string) => Object.keys(parse(readFileSync(join(ROOT, 'data', 'catalogues', file), 'utf8')));

describe('JSON Schemas for editors', () => {
  it('are current: every committed schema is what brochure schema writes (else run npm run schema)', async () => {
    const generated = jsonSchemas(catalogueIds((await Workspace.open(ROOT, { cache: false }).loaded()).catalogues));
    for (const name of Object.keys(SCHEMA_FILES)) expect(committed(name), `${name} is stale: run npm run schema`).toEqual(generated[name]);
    expect(Object.keys(generated).sort()).toEqual(Object.keys(SCHEMA_FILES).sort());
  });

  it('offer the catalogue ids as enums, and describe every field of an action', () => {
    const action = committed('action.schema.json');
    expect([...action.properties.targets.items.enum].sort()).toEqual(keys('sdg-targets.yaml').sort());
    expect(action.properties.recommendations.items.enum).toEqual(keys('recommendations.yaml'));
    expect(action.properties.country.enum).toEqual(keys('countries.yaml'));
    for (const field of ['country', 'cities', 'acronym', 'targets', 'recommendations', 'partners', 'order', 'fr', 'en', 'ar']) expect(action.properties[field].description, field).toBeTruthy();
    const fr = action.properties.fr;
    const language = fr.properties ?? action.$defs?.[fr.$ref?.split('/').at(-1)]?.properties;
    for (const field of ['title', 'objective', 'activities', 'results']) expect(language[field].description, `fr.${field}`).toBeTruthy();
  });

  it('are mapped to every data file in .vscode/settings.json', () => {
    const settings = JSON.parse(readFileSync(join(ROOT, '.vscode', 'settings.json'), 'utf8'));
    expect(settings).toEqual(vscodeSettings(settings));
    const globs = Object.values<string[]>(settings['yaml.schemas']).flat();
    const matches = (file: string) => globs.some((g) => new RegExp('^' + g.replace(/\./g, '\\.').replace('*', '[^/]+') + '$').test(file));
    const files = ['data/programme.yaml', 'data/booklet.yaml', 'data/factsheet.yaml', ...['actions', 'factsheets', 'catalogues'].flatMap((d) => readdirSync(join(ROOT, 'data', d)).filter((f) => f.endsWith('.yaml')).map((f) => `data/${d}/${f}`))];
    for (const f of files) expect(matches(f), `${f} has no schema in .vscode/settings.json`).toBe(true);
  });

  it('brochure schema follows the catalogue: a new recommendation id becomes a choice', () => {
    const dir = tempProject();
    const path = join(dir, 'data', 'catalogues', 'recommendations.yaml');
    appendFileSync(path, 'new-area:\n  fr: Un nouveau domaine\n  en: A new area\n  ar: مجال جديد\n');
    const r = brochure(['schema', '--root', dir]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(readFileSync(join(dir, 'data', 'schemas', 'action.schema.json'), 'utf8'));
    expect(schema.properties.recommendations.items.enum).toContain('new-area');
    expect(JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8'))['yaml.schemas']).toBeTruthy();
  });
});
