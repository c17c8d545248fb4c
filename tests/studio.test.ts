// The studio's server at the HTTP level: its API round trip (edit, validate, save, build) and
// each security rule of issue 14 (Host, Origin, served folders, symbolic links, uploads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, tempProject } from './project.js';
import { containsText, pdfText } from './pdf.js';
import { post, request } from './studio-http.js';
import { startStudio } from '../src/studio/index.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;
import { loadData } from '../src/load/index.js';
import { validate } from '../src/validate/index.js';

const RABAT = 'data/actions/rabat.yaml';
let PNG: Buffer; // a real 8 × 4 image (made with sharp in beforeAll)
let root: string;
let studio: Studio;
let host: string;

beforeAll(async () => {
  PNG = await (await import('sharp')).default({ create: { width: 8, height: 4, channels: 3, background: '#17365D' } }).png().toBuffer();
  root = tempProject();
  studio = await startStudio({ root });
  host = new URL(studio.url).host;
  await studio.idle();
});
afterAll(async () => studio?.close());

const comments = (s: string) => s.split('\n').filter((l) => l.trim().startsWith('#'));

describe('brochure studio: API', () => {
  it('listens on 127.0.0.1 and lists every document of the last build', async () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { status, json } = await request(studio.url + 'api/state', { headers: { host } });
    expect(status).toBe(200);
    const pdfs = readdirSync(join(root, 'out', 'fr')).length + readdirSync(join(root, 'out', 'en')).length + readdirSync(join(root, 'out', 'ar')).length;
    expect(json.documents.length).toBe(pdfs);
    expect(json.documents.find((d: any) => d.id === 'rabat' && d.lang === 'fr').title).toContain('Rabat');
  });

  it('saves a form edit keeping the comments, and the rebuilt PDF has the new title', async () => {
    const { json: rec } = await request(studio.url + `api/record?file=${RABAT}`, { headers: { host } });
    const value = structuredClone(rec.value);
    value.fr.title = 'Des données pour les politiques migratoires de Rabat';
    value.fr.activities[1] = 'Organiser deux ateliers participatifs sur les vulnérabilités ;';
    const saved = await post(studio.url, '/api/save', { file: RABAT, before: rec.text, value });
    expect(saved.status).toBe(200);
    const after = readFileSync(join(root, RABAT), 'utf8');
    expect(comments(after)).toEqual(comments(rec.text));
    expect(parse(after).fr.title).toBe(value.fr.title);
    expect(parse(after).fr.activities[1]).toBe(value.fr.activities[1]);
    // Only the two edited lines differ.
    const diff = after.split('\n').filter((l, i) => l !== rec.text.split('\n')[i]);
    expect(diff).toHaveLength(2);
    await studio.idle();
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'fr', 'rabat.pdf')));
    expect(containsText(pages.join(' '), value.fr.title)).toBe(true);
  });

  it('refuses invalid data with the messages of brochure validate, and writes nothing', async () => {
    const { json: rec } = await request(studio.url + `api/record?file=${RABAT}`, { headers: { host } });
    const value = { ...rec.value, targets: ['10.7', '99.9'] };
    const checked = await post(studio.url, '/api/check', { file: RABAT, before: rec.text, value });
    const saved = await post(studio.url, '/api/save', { file: RABAT, before: rec.text, value });
    expect(saved.status).toBe(422);
    expect(readFileSync(join(root, RABAT), 'utf8')).toBe(rec.text);
    // The same problem `brochure validate` reports for that file on disk.
    const other = tempProject();
    writeFileSync(join(other, RABAT), rec.text.replace('targets: ["10.7", "11.1", "17.8"]', 'targets: ["10.7", "99.9"]'));
    const expected = validate(loadData(other)).problems.filter((p) => p.file === RABAT && p.severity === 'error');
    expect(expected.length).toBeGreaterThan(0);
    const errors = (list: any[]) => list.filter((p) => p.severity === 'error').map((p) => `${p.field}: ${p.message}`);
    expect(errors(checked.json.problems)).toEqual(errors(expected));
    expect(errors(saved.json.problems)).toEqual(errors(expected));
  });

  it('a file changed on disk since it was opened is a conflict, never overwritten', async () => {
    const { json: rec } = await request(studio.url + `api/record?file=${RABAT}`, { headers: { host } });
    const onDisk = rec.text.replace('order: 140', 'order: 141');
    writeFileSync(join(root, RABAT), onDisk);
    const saved = await post(studio.url, '/api/save', { file: RABAT, before: rec.text, value: { ...rec.value, acronym: 'OMM' } });
    expect(saved.status).toBe(409);
    expect(saved.json.conflict).toBe(true);
    expect(readFileSync(join(root, RABAT), 'utf8')).toBe(onDisk);
  });

  it('creates a new action file from the form', async () => {
    const value = { country: 'MA', cities: ['Fès'], targets: ['10.7'], recommendations: [], fr: { title: 'Une action à Fès', objective: 'Un objectif.', activities: ['Une activité.'], results: ['Un résultat.'] } };
    const saved = await post(studio.url, '/api/save', { file: 'data/actions/fes.yaml', create: true, value });
    expect(saved.status).toBe(200);
    // Written as given, less the empty list the form sends for a field the new file leaves out.
    const { recommendations: _empty, ...written } = value;
    expect(parse(readFileSync(join(root, 'data/actions/fes.yaml'), 'utf8'))).toEqual(written);
    const again = await post(studio.url, '/api/save', { file: 'data/actions/fes.yaml', create: true, value });
    expect(again.status).toBe(409);
    await studio.idle();
    expect(existsSync(join(root, 'out', 'fr', 'fes.pdf'))).toBe(true);
  });
});

describe('brochure studio: security', () => {
  it('refuses a request whose Host is not its own (DNS rebinding)', async () => {
    const port = new URL(studio.url).port;
    expect((await request(studio.url + 'api/state', { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await request(studio.url + 'api/state', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await request(studio.url, { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('refuses a cross-site POST, and a POST without Origin', async () => {
    const before = readFileSync(join(root, RABAT), 'utf8');
    const { json: rec } = await request(studio.url + `api/record?file=${RABAT}`, { headers: { host } });
    const value = { ...rec.value, acronym: 'EVIL' };
    const cross = await post(studio.url, '/api/save', { file: RABAT, before, value }, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const site = await post(studio.url, '/api/save', { file: RABAT, before, value }, { 'sec-fetch-site': 'cross-site' });
    expect(site.status).toBe(403);
    const bare = await request(studio.url, { method: 'POST', path: '/api/save', headers: { host, 'content-type': 'application/json' }, body: JSON.stringify({ file: RABAT, before, value }) });
    expect(bare.status).toBe(403);
    // A plain form post (text/plain, the one a cross-site <form> can send) is not JSON: refused.
    const form = await request(studio.url, { method: 'POST', path: '/api/save', headers: { host, origin: `http://${host}`, 'content-type': 'text/plain' }, body: JSON.stringify({ file: RABAT, before, value }) });
    expect(form.status).toBe(415);
    expect(readFileSync(join(root, RABAT), 'utf8')).toBe(before);
  });

  it('serves files from data/, assets/ and out/ only: no "..", no other folder', async () => {
    const get = (path: string) => request(studio.url, { path, headers: { host } });
    expect((await get('/files/data/actions/rabat.yaml')).status).toBe(200);
    expect((await get('/files/out/fr/rabat.pdf')).status).toBe(200);
    writeFileSync(join(root, 'secret.txt'), 'secret');
    for (const path of ['/files/../secret.txt', '/files/data/../secret.txt', '/files/data/..%2fsecret.txt', '/files/data%2f..%2fsecret.txt', '/files/secret.txt', '/files//etc/passwd', '/files/data/%2e%2e/secret.txt', '/app/../../../package.json', '/pdfjs/../package.json']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('secret');
    }
    // Record reads are confined to data/ too.
    expect((await get('/api/record?file=../secret.txt')).status).toBe(404);
  });

  it('does not follow a symbolic link out of the served folders', async () => {
    writeFileSync(join(root, 'outside.yaml'), 'secret: yes');
    symlinkSync(join(root, 'outside.yaml'), join(root, 'data', 'link.yaml'));
    mkdirSync(join(root, 'assets', 'logos'), { recursive: true });
    symlinkSync(root, join(root, 'assets', 'logos', 'up'));
    expect((await request(studio.url, { path: '/files/data/link.yaml', headers: { host } })).status).toBe(404);
    expect((await request(studio.url, { path: '/files/assets/logos/up/outside.yaml', headers: { host } })).status).toBe(404);
  });

  it('takes logos by their content (PNG, JPEG, SVG without scripts) and size', async () => {
    const upload = (name: string, body: Buffer | string) => request(studio.url, { method: 'POST', path: `/api/upload?name=${encodeURIComponent(name)}`, headers: { host, origin: `http://${host}`, 'content-type': 'application/octet-stream' }, body });
    const ok = await upload('Ville de Rabat.png', PNG);
    expect(ok.status).toBe(200);
    expect(ok.json.logo).toBe('logos/ville-de-rabat.png');
    expect(readFileSync(join(root, 'assets', ok.json.logo))).toEqual(PNG);
    expect((await upload('logo.png', 'not an image at all')).status).toBe(415);
    expect((await upload('logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')).status).toBe(415);
    expect((await upload('logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')).status).toBe(415);
    expect((await upload('../../evil.png', PNG)).json.logo).toBe('logos/evil.png');
    const big = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]);
    expect((await upload('big.png', big)).status).toBe(413);
    expect(existsSync(join(root, 'assets', 'logos', 'big.png'))).toBe(false);
  });

  it('runs no command but git, with fixed arguments and no shell: nothing in the server can start a process', () => {
    for (const f of readdirSync(join(ROOT, 'src', 'studio')).filter((f) => f.endsWith('.ts'))) {
      expect(readFileSync(join(ROOT, 'src', 'studio', f), 'utf8'), f).not.toMatch(/child_process|\bspawn\(|execFile|execSync/);
    }
    // The history commits a save (src/history/git.ts): the program is git, never a shell; a path comes after "--".
    const git = readFileSync(join(ROOT, 'src', 'history', 'git.ts'), 'utf8');
    expect(git.match(/execFileSync\(([^,]+),/g)).toEqual(["execFileSync('git',"]);
    expect(git).not.toMatch(/shell:\s*true|\bexecSync\(|\bspawn\(|\bexec\(/);
    expect(git).toMatch(/'--only', '--', \.\.\.files\]/);
  });
});

describe('form edits as YAML edits', () => {
  it('moving, changing and removing bullets keeps every comment of the file', async () => {
    const { editsBetween, editYamlText } = await import('../src/edit/index.js');
    const text = readFileSync(join(ROOT, RABAT), 'utf8');
    const before = parse(text);
    const after = structuredClone(before);
    after.fr.results.reverse();
    after.en.activities.splice(1, 1);
    after.acronym = 'OMM';
    delete after.ar.status;
    const edited = editYamlText(text, editsBetween(before, after));
    expect(parse(edited)).toEqual(after);
    expect(comments(edited)).toEqual(comments(text));
    expect(editsBetween(before, structuredClone(before))).toEqual([]);
  });
});
