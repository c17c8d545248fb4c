// The command as the comms team uses it: exit codes, progress lines, nothing half-written.
import { Workspace } from '../src/pipeline/index.js';
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { editFile, ROOT, tempProject } from './project.js';
import { catalogueIds, jsonSchemas, SCHEMA_FILES } from '../src/schema/index.js';

describe('brochure CLI', () => {
  it('build writes one PDF per action and language, with a line per file and a summary', () => {
    const root = tempProject();
    const r = brochure(['--root', root, 'build', '--only', 'casablanca,rabat']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/out\/fr\/casablanca\.pdf\s+written/);
    expect(r.stdout).toMatch(/out\/en\/casablanca\.pdf\s+written/);
    expect(r.stdout).toMatch(/out\/fr\/rabat\.pdf\s+written/);
    expect(r.stdout).toMatch(/^Built \d+ sheets in 3 languages in [\d.]+ s/m);
    expect(readdirSync(join(root, 'out', 'fr')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // A second build rewrites nothing.
    const again = brochure(['--root', root, 'build', '--only', 'casablanca,rabat']);
    expect(again.stdout).toMatch(/\(0 rendered, \d+ from cache; 0 written, \d+ unchanged\)/);
  });

  it('--lang and --out choose what and where', () => {
    const root = tempProject();
    const r = brochure(['--root', root, 'build', '--lang', 'en', '--only', 'casablanca', '--out', 'elsewhere']);
    expect(r.code).toBe(0);
    expect(existsSync(join(root, 'elsewhere', 'en', 'casablanca.pdf'))).toBe(true);
    expect(existsSync(join(root, 'elsewhere', 'fr'))).toBe(false);
  });

  it('invalid data: exit 1, one line per problem, and the earlier PDFs untouched', () => {
    const root = tempProject();
    expect(brochure(['--root', root, 'build', '--only', 'rabat']).code).toBe(0);
    const before = readFileSync(join(root, 'out', 'fr', 'rabat.pdf'));
    editFile(join(root, 'data', 'actions', 'rabat.yaml'), (s) => s.replace('country: MA', 'country: 12'));
    const r = brochure(['--root', root, 'build', '--only', 'rabat']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^data\/actions\/rabat\.yaml:\d+:10 country: expected a country code, found the number 12$/m);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(readFileSync(join(root, 'out', 'fr', 'rabat.pdf')).equals(before)).toBe(true);
    expect(brochure(['--root', root, 'validate']).code).toBe(1);
  });

  it('A4 landscape and US Letter: every card of the longest record still holds on one page of that size', async () => {
    const root = tempProject();
    for (const [size, w, h] of [['A4-landscape', 841.89, 595.28], ['LETTER', 612, 792]] as const) {
      const r = brochure(['--root', root, 'build', '--page-size', size, '--only', 'amman,zarqa', '--out', size]);
      expect(r.code, r.stderr).toBe(0);
      for (const lang of ['fr', 'en', 'ar']) {
        const pdf = readFileSync(join(root, size, lang, 'amman.pdf')).toString('latin1');
        expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(1);
        const box = /\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!.slice(1).map(Number);
        expect(box[0]).toBeCloseTo(w, 1);
        expect(box[1]).toBeCloseTo(h, 1);
      }
    }
  });

  it('usage errors exit 2', () => {
    expect(brochure(['build', '--lang', 'de']).code).toBe(2);
    expect(brochure(['build', '--only', 'atlantis']).code).toBe(2);
    expect(brochure(['frobnicate']).code).toBe(2);
  });

  it('validate and list', () => {
    const v = brochure(['validate']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^Data is valid: \d+ actions/m);
    const l = brochure(['list']);
    expect(l.code).toBe(0);
    expect(l.stdout).toMatch(/^casablanca\s+MA\s+Casablanca\s+fr, en, ar \(draft\)$/m);
    expect(l.stdout).toMatch(/^rabat\s+MA\s+Rabat\s+fr, en \(draft\), ar \(draft\)$/m);
  });

  it('the committed JSON Schemas match the zod schemas', async () => {
    const generated = jsonSchemas(catalogueIds((await Workspace.open(ROOT, { cache: false }).loaded()).catalogues));
    for (const name of Object.keys(SCHEMA_FILES)) {
      const committed = JSON.parse(readFileSync(join(ROOT, 'data', 'schemas', name), 'utf8'));
      expect(committed, `${name} is stale: run npm run schema`).toEqual(generated[name]);
    }
  });
});
