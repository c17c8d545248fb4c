// Review before it goes out (issue 20): `brochure publish` records an edition, `brochure
// changes` says what differs since, word by word as a reader gets the text, a layout change is
// no text change, `--pdf` writes the review PDF, `approve` quiets publish's warning.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../src/pipeline/index.js';
import { renderCard } from '../src/render/index.js';
import { textChanges } from '../src/review/index.js';
import { brochure } from './cli.js';
import { pdfText } from './pdf.js';
import { editFile, ROOT, tempProject } from './project.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('editions and what changed since', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject();
    // The first edition: everything built, copied, listed with its digest.
    const r = brochure(['--root', dir, 'publish', '--by', 'Reviewer One']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 240_000);

  it('publish copies every document with a manifest of digests, pages, date and who', () => {
    const [edition] = editions(join(dir, 'editions'));
    const manifest = JSON.parse(readFileSync(join(dir, 'editions', edition, 'manifest.json'), 'utf8'));
    expect(manifest.by).toBe('Reviewer One');
    expect(manifest.documents.length).toBe(50);
    const rabat = manifest.documents.find((d: { path: string }) => d.path === 'fr/rabat.pdf');
    expect(rabat).toMatchObject({ id: 'rabat', lang: 'fr', kind: 'card', pages: 1, sha256: sha(join(dir, 'out', 'fr', 'rabat.pdf')) });
    expect(sha(join(dir, 'editions', edition, 'fr', 'rabat.pdf'))).toBe(rabat.sha256);
    expect(manifest.documents.find((d: { path: string }) => d.path === 'en/targeted-city-actions.pdf')?.kind).toBe('booklet');
    const none = brochure(['--root', dir, 'changes']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('0 documents changed, 0 added, 0 removed, 50 unchanged.');
  });

  it('an edited word: the card and its booklet, that word before and after, nothing else', () => {
    editFile(join(dir, 'data/actions/rabat.yaml'), (s) => s.replace('pour améliorer les actions', 'pour renforcer les actions'));
    const r = brochure(['--root', dir, 'changes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('changed  fr/rabat.pdf: 1 text change on page 1');
    expect(r.stdout).toContain('[-améliorer-] {+renforcer+} les actions');
    expect(r.stdout).toMatch(/changed {2}fr\/targeted-city-actions\.pdf: 1 text change on page \d+/);
    expect(r.stdout).toContain('2 documents changed, 0 added, 0 removed, 48 unchanged.');
    const json = JSON.parse(brochure(['--root', dir, 'changes', '--json']).stdout);
    const card = json.documents.find((d: { path: string }) => d.path === 'fr/rabat.pdf');
    expect(card.changes).toMatchObject([{ page: 1, removed: 'améliorer', added: 'renforcer' }]);
    // Where the new word is drawn (two boxes when it is broken across lines), on the page.
    for (const [x, y, w, h] of card.changes[0].boxes) expect(x > 0 && y > 0 && w > 10 && h > 5 && x + w < 596 && y + h < 842).toBe(true);
  });

  it('a reflowed paragraph is one change, not every line that moved (hyphenated words read whole)', () => {
    editFile(join(dir, 'data/actions/rabat.yaml'), (s) => s.replace("L'objectif de l'action est", "Globalement, l'objectif de l'action est"));
    const json = JSON.parse(brochure(['--root', dir, 'changes', '--json']).stdout);
    const card = json.documents.find((d: { path: string }) => d.path === 'fr/rabat.pdf');
    expect(card.changes.map((c: { removed: string; added: string }) => [c.removed, c.added])).toEqual([
      ['L’objectif', 'Globalement, l’objectif'],
      ['améliorer', 'renforcer'],
    ]);
  });

  it('--pdf writes a review PDF: a summary, then each changed page before and after', async () => {
    const target = join(dir, 'review.pdf');
    const r = brochure(['--root', dir, 'changes', '--pdf', target]);
    expect(r.code).toBe(0);
    const text = await pdfText(readFileSync(target));
    expect(text.total).toBe(3); // the summary, the card's page, the booklet's page
    expect(text.pages[0]).toContain('fr/rabat.pdf: 2 text changes on page 1');
    expect(text.pages[1]).toContain('fr/rabat.pdf: page 1, 2 changes');
    expect(text.pages[1]).toContain('renforcer');
    expect(text.pages[1]).toContain('amélio'); // as published: "amélio-" / "rer"
  });

  it('approve: publish warns about changed documents not approved as they are now, and names only those', () => {
    expect(brochure(['--root', dir, 'approve', 'fr/rabat.pdf', '--by', 'Proof Reader']).stdout).toContain('approved: fr/rabat.pdf');
    expect(brochure(['--root', dir, 'changes']).stdout).toContain('fr/rabat.pdf: 2 text changes on page 1 (approved)');
    const r = brochure(['--root', dir, 'publish', '--by', 'Reviewer One']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Warning: 1 document changed since edition \S+ and not approved as published: fr\/targeted-city-actions\.pdf\./);
    // The new edition is the one compared with now.
    expect(brochure(['--root', dir, 'changes']).stdout).toContain('0 documents changed, 0 added, 0 removed, 50 unchanged.');
    expect(brochure(['--root', dir, 'approve', 'nowhere']).stderr).toContain('nowhere: no such document');
  });

  it('a new action is added in each of its languages, a deleted one removed', () => {
    copyFileSync(join(dir, 'data/actions/rabat.yaml'), join(dir, 'data/actions/rabat-two.yaml'));
    editFile(join(dir, 'data/actions/rabat-two.yaml'), (s) => s.replace(/title: (.*)/g, 'title: $1 (II)'));
    rmSync(join(dir, 'data/actions/amman.yaml'));
    rmSync(join(dir, 'data/actions/amman.fr.yaml'), { force: true });
    const r = brochure(['--root', dir, 'changes']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/added {4}fr\/rabat-two\.pdf \(1 page\)/);
    expect(r.stdout).toContain('removed  fr/amman.pdf');
  });

  it('an edition whose copy of a document is gone: that document said changed, words not compared; no crash', () => {
    const [edition] = editions(join(dir, 'editions')).sort();
    rmSync(join(dir, 'editions', edition!, 'en', 'rabat.pdf'));
    editFile(join(dir, 'data/actions/rabat.yaml'), (s) => s.replace(/^(  title: Towards evidence-based.*)$/m, '$1 (revised)'));
    const r = brochure(['--root', dir, 'changes', '--since', edition!]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`changed  en/rabat.pdf: the edition's copy of it is missing (${edition}/en/rabat.pdf), so its words cannot be compared`);
  });

  it('an unknown edition, or none yet: a usage message naming what there is', () => {
    const r = brochure(['--root', dir, 'changes', '--since', '1999-01-01']);
    expect(r.code).toBe(2);
    // An edition goes into a new folder: one that holds files is refused, nothing copied.
    const full = join(dir, 'handed-over');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'keep me');
    const refused = brochure(['--root', dir, 'publish', '--to', full]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not an empty folder; an edition goes into a new one');
    expect(readdirSync(full)).toEqual(['notes.txt']);
    expect(r.stderr).toMatch(/--since 1999-01-01: no such edition \(the editions: \S+/);
    const fresh = tempProject();
    const first = brochure(['--root', fresh, 'changes']);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('no edition has been published yet: run `brochure publish`');
    expect(existsSync(join(fresh, 'editions'))).toBe(false);
  });
});

describe('a layout change is no text change', () => {
  it('the same card set smaller reads as the same words, though its lines and hyphens moved', async () => {
    const [sheet] = await Workspace.open(ROOT, { cache: false }).sheets({ only: ['rabat'], langs: ['fr'] });
    const [standard, smaller] = await Promise.all([renderCard(sheet!), renderCard(sheet!, 8)]);
    expect(Buffer.compare(standard, smaller)).not.toBe(0);
    expect(await textChanges(standard, smaller, 'fr')).toEqual([]);
  });
});

const editions = (dir: string) => readdirSync(dir).filter((n) => n !== 'approvals.json');
