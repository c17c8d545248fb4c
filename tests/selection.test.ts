// Records that drop out of a booklet or a build: said, with the record, the language and
// the booklet; filters that select nothing are usage errors.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { brochure } from './cli.js';
import { editFile } from './project.js';
import { lastGoodBuild, lines } from './lastGood.js';

const last = lastGoodBuild();
const { copy, expectOutUnchanged } = last;
const action = (dir: string, id: string) => join(dir, 'data', 'actions', `${id}.yaml`);

function dropLanguage(file: string, lang: string) {
  editFile(file, (s) => s.replace(new RegExp(`^${lang}:\\n(?:(?: .*)?\\n)*`, 'm'), ''));
}

describe('2. records that drop out of a booklet or a build', () => {
  it('a record without a booklet language is left out of that booklet with a warning naming the record, the language and the booklet', async () => {
    const dir = copy();
    dropLanguage(action(dir, 'tanger'), 'fr');
    const r = brochure(['--root', dir, 'build', '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toContain('data/actions/tanger.yaml:16:1 warning: fr: "tanger" has no fr text (only en, ar): it is left out of the fr booklet (targeted-city-actions.pdf) and has no fr sheet; add an fr: block beside the en: block (status: draft while it is being translated)');
    expect(existsSync(join(dir, 'out', 'fr', 'tanger.pdf'))).toBe(false);
  });

  it('a build whose filters select nothing is a usage error (exit 2) naming the filter, and writes nothing', () => {
    const dir = copy();
    dropLanguage(action(dir, 'sfax'), 'ar');
    const r = brochure(['--root', dir, 'build', '--only', 'sfax', '--lang', 'ar']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['brochure: --lang ar: "sfax" has no ar text (only fr, en), so --only sfax --lang ar builds nothing']);
    expect(r.stdout).not.toMatch(/Built 0/);
    expectOutUnchanged(dir);
    const check = brochure(['--root', dir, 'check', '--only', 'sfax', '--lang', 'ar']);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('so --only sfax --lang ar builds nothing');

    // One of two records asked for: built, and the other named.
    const some = brochure(['--root', dir, 'build', '--only', 'sfax,casablanca', '--lang', 'ar']);
    expect(some.code, some.stderr).toBe(0);
    expect(lines(some.stderr)).toContain('data/actions/sfax.yaml:16:1 warning: ar: "sfax" has no ar text (only fr, en): --only sfax,casablanca --lang ar builds no sheet for it; add an ar: block beside the fr: block (status: draft while it is being translated)');
  });

  it('brochure booklet --lang with a language the booklet does not have is a usage error', () => {
    const dir = copy();
    editFile(join(dir, 'data', 'booklet.yaml'), (s) => s.replace(/^ {2}ar:\n[\s\S]*$/m, ''));
    const r = brochure(['--root', dir, 'booklet', '--lang', 'ar']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['brochure: --lang ar: data/booklet.yaml has no ar wording (its languages: fr, en), so booklet --lang ar builds nothing']);
    expectOutUnchanged(dir);
  });
});
