// Every text of every record is on its sheet: render, read back with pdf-parse, find each field.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../src/pipeline/index.js';
import { Workspace } from '../src/pipeline/index.js';
import { pdfText, containsText } from './pdf.js';
import { ROOT, tempProject } from './project.js';
import type { ResolvedSheet } from '../src/resolve/index.js';

const { data } = (await Workspace.open(ROOT, { cache: false }).valid());
const sheets = (await Workspace.open(ROOT, { cache: false }).sheets());
const out = join(tempProject(), 'out');

beforeAll(async () => {
  await build({ root: ROOT, outDir: out, cache: false });
}, 300_000);

function fieldsOf(s: ResolvedSheet): [string, string][] {
  return [
    ['programme', s.programme], ['series', s.series], ['title', s.title], ['place', s.place],
    ...(s.subtitle ? [['subtitle', s.subtitle] as [string, string]] : []),
    ...(s.acronym ? [['acronym', s.acronym] as [string, string]] : []),
    ...s.objective.paragraphs.map((p, i): [string, string] => [`objective ${i + 1}`, p]),
    ...s.activities.items.map((p, i): [string, string] => [`activity ${i + 1}`, p]),
    ...s.results.items.map((p, i): [string, string] => [`result ${i + 1}`, p]),
    ...s.recommendations.items.map((p, i): [string, string] => [`recommendation ${i + 1}`, p]),
    ...s.targets.map((t): [string, string] => [`target ${t.code}`, `${t.code} ${t.label}`]),
    ['columns', `${s.objective.heading}`], ['columns', s.activities.heading], ['columns', s.results.heading],
    ['recommendations heading', s.recommendations.heading],
    ['funding statement', s.fundingStatement],
    ...s.partners.items.map((p): [string, string] => ['partner', p.name]),
  ];
}

describe('every record round-trips through its PDF sheet', () => {
  it('has sheets to check', () => {
    expect(sheets.length).toBeGreaterThanOrEqual(3);
  });
  for (const sheet of sheets) {
    it(`${sheet.lang}/${sheet.id}: one page holding every field`, async () => {
      const bytes = readFileSync(join(out, sheet.lang, `${sheet.id}.pdf`));
      const { pages, total } = await pdfText(bytes);
      expect(total).toBe(1);
      const missing = fieldsOf(sheet).filter(([, text]) => !containsText(pages[0], text));
      expect(missing).toEqual([]);
      // Every font embedded: nothing falls back to the standard Helvetica.
      expect(bytes.includes('/Helvetica')).toBe(false);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    });
  }
});
