// A record's history in the studio (issue 20): every save recorded with who and when — a
// commit of just that file when the project is a git repository, the local history otherwise —
// its changes field by field and word by word, a version restored and a change undone as new
// changes; delete (its PDFs and references go, undo brings them back) and rename (references
// follow, the history too); `brochure history`. Then the pages in chromium, with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { brochure } from './cli.js';
import { tempProject } from './project.js';
import { axeViolations, hasChromium, openBrowser } from './browser.js';
import { post, request } from './studio-http.js';
import { startStudio } from '../src/studio/index.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;
const RABAT = 'data/actions/rabat.yaml';
const SOURCES = 'data/translated-sources.yaml';

/** git on this machine (a clone always has it; without it the git parts are skipped, saying so). */
const hasGit = (() => {
  try {
    execFileSync('git', ['--version']);
    return true;
  } catch {
    console.warn('studio history tests with git skipped: no git on this machine');
    return false;
  }
})();
let root: string;
let studio: Studio;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const get = async (path: string) => (await request(studio.url + path.slice(1), { headers: { host: new URL(studio.url).host } })).json;

/** A save as the form makes it: the record's value with one edit. */
async function saveEdit(edit: (value: any) => void) {
  const rec = await get(`/api/record?file=${RABAT}`);
  edit(rec.value);
  return post(studio.url, '/api/save', { file: RABAT, before: rec.text, value: rec.value, lang: 'fr' });
}

beforeAll(async () => {
  root = tempProject();
  if (!hasGit) return;
  git('init', '--quiet');
  git('config', 'user.name', 'Dana Editor');
  git('config', 'user.email', 'dana@example.org');
  git('add', '.');
  git('commit', '--quiet', '-m', 'The data as received');
  studio = await startStudio({ root });
  await studio.idle();
}, 180_000);
afterAll(async () => studio?.close());

describe.skipIf(!hasGit)('history of a record', () => {
  let original: string;

  it('a save is a commit of just that file, by the git identity, naming the fields; the history shows its words', async () => {
    original = read(RABAT);
    const saved = await saveEdit((v) => (v.fr.objective = v.fr.objective.replace('pour améliorer les actions', 'pour renforcer les actions')));
    expect(saved.status, saved.body).toBe(200);
    await studio.idle(); // the commit is made after the answer
    expect(git('log', '-1', '--format=%an <%ae>|%s')).toBe('Dana Editor <dana@example.org>|Edit data/actions/rabat.yaml (fr.objective)');
    expect(git('show', '--name-only', '--format=', 'HEAD')).toBe(RABAT);
    const { versions } = await get(`/api/history?file=${RABAT}`);
    expect(versions[0]).toMatchObject({ kind: 'save', by: 'Dana Editor <dana@example.org>', fields: ['fr.objective'] });
    // The commit the project started from is in the history too (made outside the studio).
    expect(versions.at(-1)).toMatchObject({ kind: 'commit', message: 'The data as received' });
    const { fields } = await get(`/api/history/version?file=${RABAT}&id=${versions[0].id}`);
    expect(fields).toHaveLength(1);
    expect(fields[0].words.filter((w: any) => w.removed || w.added)).toEqual([{ text: 'améliorer', removed: true }, { text: 'renforcer', added: true }]);
    const cli = brochure(['--root', root, 'history', 'rabat']);
    expect(cli.stdout).toMatch(/edited: fr\.objective {2}\[[0-9a-f]{8}\]/);
    expect(cli.stdout).toContain('fr.objective: ');
    expect(cli.stdout).toContain('[-améliorer-] {+renforcer+}');
  });

  it('undo: the record back byte for byte, as a new change (nothing in the history lost)', async () => {
    const { versions } = await get(`/api/history?file=${RABAT}`);
    const undone = await post(studio.url, '/api/history/undo', { group: versions[0].group });
    expect(undone.status, undone.body).toBe(200);
    expect(read(RABAT)).toBe(original);
    await studio.idle();
    expect(git('log', '-1', '--format=%s')).toBe('Restore an earlier version of data/actions/rabat.yaml (fr.objective)');
    const after = await get(`/api/history?file=${RABAT}`);
    expect(after.versions.map((v: any) => v.kind).slice(0, 2)).toEqual(['restore', 'save']);
    // Restoring the edited version brings the edit back.
    const restored = await post(studio.url, '/api/history/restore', { file: RABAT, id: versions[0].id });
    expect(restored.status, restored.body).toBe(200);
    expect(read(RABAT)).toMatch(/pour\s+renforcer\s+les\s+actions/);
  });

  it('delete: the file, its PDFs and its translation bookkeeping go in one commit; undo brings all back', async () => {
    await studio.idle();
    const file = 'data/actions/nador-sociale.yaml';
    const [text, sources] = [read(file), read(SOURCES)];
    expect(sources).toContain('actions/nador-sociale.yaml#');
    const deleted = await post(studio.url, '/api/delete', { file });
    expect(deleted.status, deleted.body).toBe(200);
    expect(deleted.json.also).toEqual([SOURCES]);
    expect(existsSync(join(root, file))).toBe(false);
    expect(existsSync(join(root, 'out/fr/nador-sociale.pdf'))).toBe(false);
    expect(read(SOURCES)).not.toContain('actions/nador-sociale.yaml#');
    await studio.idle();
    expect(git('show', '--name-only', '--format=%s', 'HEAD').split('\n').filter(Boolean)).toEqual(['Delete data/actions/nador-sociale.yaml', file, SOURCES]);
    await studio.idle();
    expect((await get('/api/state')).documents.some((d: any) => d.id === 'nador-sociale')).toBe(false);
    const undone = await post(studio.url, '/api/history/undo', { group: deleted.json.group });
    expect(undone.status, undone.body).toBe(200);
    expect(read(file)).toBe(text);
    expect(read(SOURCES)).toBe(sources);
    await studio.idle();
    expect(existsSync(join(root, 'out/fr/nador-sociale.pdf'))).toBe(true);
  }, 120_000);

  it('rename: a new file and PDFs, the bookkeeping follows, the history carries on under the new name', async () => {
    const renamed = await post(studio.url, '/api/rename', { file: RABAT, id: 'rabat-observatoire' });
    expect(renamed.status, renamed.body).toBe(200);
    const file = 'data/actions/rabat-observatoire.yaml';
    expect(existsSync(join(root, RABAT))).toBe(false);
    expect(read(file)).toMatch(/pour\s+renforcer\s+les\s+actions/);
    expect(read(SOURCES)).toContain('actions/rabat-observatoire.yaml#title');
    expect(read(SOURCES)).not.toContain('actions/rabat.yaml#');
    await studio.idle();
    expect(git('log', '-1', '--format=%s')).toBe(`Rename ${RABAT} → ${file}`);
    const { versions } = await get(`/api/history?file=${file}`);
    expect(versions.map((v: any) => v.kind).slice(0, 4)).toEqual(['rename', 'restore', 'restore', 'save']);
    // Each studio change once: its commit is tied to it (Studio-Change trailer), not listed again.
    expect(versions.filter((v: any) => v.kind === 'commit').map((v: any) => v.message)).toEqual(['The data as received']);
    await studio.idle();
    expect(existsSync(join(root, 'out/fr/rabat-observatoire.pdf'))).toBe(true);
    expect(existsSync(join(root, 'out/fr/rabat.pdf'))).toBe(false);
  }, 120_000);

  it('refuses what it must, writing nothing: an existing id, a bad id, a file outside the records, a prototype key', async () => {
    await studio.idle();
    const head = git('rev-parse', 'HEAD');
    const file = 'data/actions/rabat-observatoire.yaml';
    expect((await post(studio.url, '/api/rename', { file, id: 'amman' })).status).toBe(409);
    expect((await post(studio.url, '/api/rename', { file, id: '../x' })).status).toBe(400);
    expect((await post(studio.url, '/api/delete', { file: 'data/programme.yaml' })).status).toBe(400);
    expect((await post(studio.url, '/api/delete', { file: 'data/actions/../../package.json' })).status).toBe(400);
    expect((await post(studio.url, '/api/history/undo', { group: 'no-such-change' })).status).toBe(404);
    const polluted = await request(studio.url, { method: 'POST', path: '/api/delete', body: '{"file":"data/actions/amman.yaml","__proto__":{"x":1}}', headers: { host: new URL(studio.url).host, origin: studio.url.slice(0, -1), 'content-type': 'application/json' } });
    expect(polluted.status).toBe(400);
    expect(existsSync(join(root, 'data/actions/amman.yaml'))).toBe(true);
    await studio.idle();
    expect(git('rev-parse', 'HEAD')).toBe(head);
  });
});

describe('without git', () => {
  it('each save is kept in the local history, with no commit and nothing asked of git', async () => {
    const plain = tempProject();
    const other = await startStudio({ root: plain });
    try {
      await other.idle();
      const host = new URL(other.url).host;
      const rec = (await request(other.url + `api/record?file=${RABAT}`, { headers: { host } })).json;
      rec.value.fr.title = `${rec.value.fr.title} (2)`;
      const saved = await post(other.url, '/api/save', { file: RABAT, before: rec.text, value: rec.value });
      expect(saved.status, saved.body).toBe(200);
      expect(existsSync(join(plain, '.git'))).toBe(false);
      const { versions } = (await request(other.url + `api/history?file=${RABAT}`, { headers: { host } })).json;
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ kind: 'save', fields: ['fr.title'] });
      expect(versions[0].commit).toBeUndefined();
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe.skipIf(!hasChromium || !hasGit)('the history page and the changes page in the browser', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ browser, page } = await openBrowser(1440));
  });
  afterAll(async () => browser?.close());

  const violations = () => axeViolations(page);

  it('a version opens from the keyboard to its words, and Undo works from there', async () => {
    const file = 'data/actions/rabat-observatoire.yaml';
    await page.goto(`${studio.url}#/history/${encodeURIComponent(file)}`);
    // The save that edited the objective (not one of the restores that followed it).
    const summary = page.locator('.versions summary').filter({ hasText: 'Edited' }).filter({ hasText: 'fr.objective' }).first();
    await summary.waitFor({ timeout: 60_000 });
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.locator('.version-changes del').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.version-changes del').first().textContent()).toContain('améliorer');
    expect(await page.locator('.version-changes ins').first().textContent()).toContain('renforcer');
    expect(await violations()).toEqual([]);
    page.once('dialog', (d) => void d.accept());
    await page.locator('.version-actions button', { hasText: 'Undo this change' }).click();
    // The undo is checked as a save is (its layout on the build thread, which may be busy building).
    // What was done is said above the list (the versions are drawn again, the new change first).
    await page.locator('.history .panel > .say.good, .version-actions ~ .say.bad').first().waitFor({ timeout: 120_000 });
    expect(await page.locator('.history .panel > .say').textContent()).toMatch(/^Done: saved as a new change/);
    expect(read(file)).toMatch(/pour\s+améliorer\s+les\s+actions/);
  }, 240_000);

  it('the Changes page: the words and both pages of a changed card, Approve recorded, axe clean', async () => {
    await studio.idle();
    expect(brochure(['--root', root, 'publish', '--by', 'Dana Editor']).code).toBe(0);
    const value = parse(read('data/actions/amman.yaml'));
    value.fr.title = 'Amman, un jardin pour tous';
    const saved = await post(studio.url, '/api/save', { file: 'data/actions/amman.yaml', before: read('data/actions/amman.yaml'), value, lang: 'fr' });
    expect(saved.status, saved.body).toBe(200);
    await studio.idle();
    await page.goto(`${studio.url}#/changes`);
    const card = page.locator('section[data-doc="fr/amman.pdf"]');
    await card.locator('.page-wrap[data-drawn]').nth(1).waitFor({ timeout: 60_000 });
    expect(await card.locator('.text-changes ins').first().textContent()).toContain('un jardin pour tous');
    expect(await card.locator('.word-mark.added').count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.locator('button[aria-pressed="true"]').waitFor();
    const approvals = JSON.parse(read('editions/approvals.json')).approvals;
    expect(approvals['fr/amman.pdf'].by).toBe('Dana Editor <dana@example.org>');
  }, 120_000);
});
