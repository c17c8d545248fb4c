// Messages of the print and handout commands.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { lastGoodBuild } from './lastGood.js';

const last = lastGoodBuild();
const { copy, expectOutUnchanged } = last;

describe('print and handout messages', () => {
  it('preflight names fonts as a reader knows them, also inside a handout (not F3, F10)', () => {
    const dir = copy();
    expect(brochure(['--root', dir, 'handout', '2up', join(dir, 'out', 'fr', 'casablanca.pdf')]).code).toBe(0);
    const r = brochure(['--root', dir, 'preflight', join(dir, 'out', 'handouts', 'fr', 'casablanca.2up.pdf')]);
    expect(r.stdout).toMatch(/- text in [\d.]+ pt \(IBM Plex Sans Condensed Bold\) on page 1: below 6 pt/);
    expect(r.stdout).toContain('ok      IBM Plex Sans Bold (CIDFontType2, embedded subset)');
    expect(r.stdout).not.toMatch(/\(F\d+\)/);
  });

  it('handout 2up of one card: each language its own file, none overwritten', () => {
    const dir = copy();
    for (const lang of ['fr', 'en']) expect(brochure(['--root', dir, 'handout', '2up', join(dir, 'out', lang, 'casablanca.pdf')]).code).toBe(0);
    const fr = readFileSync(join(dir, 'out', 'handouts', 'fr', 'casablanca.2up.pdf'));
    const en = readFileSync(join(dir, 'out', 'handouts', 'en', 'casablanca.2up.pdf'));
    expect(fr.equals(en)).toBe(false);
  });
});
