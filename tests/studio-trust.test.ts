// The studio trusted by people who never open the YAML (issue 19), at the HTTP level: a save
// runs every check a build runs, writes only what changed, and the server refuses what it
// must — prototype keys, links out, bodies past their cap (closing the connection), uploads
// that are not plain images, nonsense bodies — each with a 4xx answer and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { tempProject } from './project.js';
import { post, request } from './studio-http.js';
import { startStudio } from '../src/studio/index.js';
import { sanitiseSvg } from '../src/studio/upload.js';

type Studio = Awaited<ReturnType<typeof startStudio>>;
const RABAT = 'data/actions/rabat.yaml';
let root: string;
let studio: Studio;
let host: string;

beforeAll(async () => {
  root = tempProject();
  studio = await startStudio({ root });
  host = new URL(studio.url).host;
  await studio.idle();
});
afterAll(async () => studio?.close());

const record = async (file = RABAT) => (await request(studio.url + `api/record?file=${file}`, { headers: { host } })).json;
const state = async () => (await request(studio.url + 'api/state', { headers: { host } })).json;

describe('1. a save runs every check the build runs for the record', () => {
  it('an objective too long for the card is refused at the field, with the build\'s message; nothing is written', async () => {
    const rec = await record();
    const value = structuredClone(rec.value);
    value.fr.objective = `${'Renforcer les capacités des acteurs locaux et des associations de la ville. '.repeat(90)}`.trim();
    expect(value.fr.objective.length).toBeGreaterThan(6000);
    const saved = await post(studio.url, '/api/save', { file: RABAT, before: rec.text, value, lang: 'fr' });
    expect(saved.status).toBe(422);
    const fit = saved.json.problems.find((p: any) => p.field === 'fr.objective');
    expect(fit.message).toMatch(/the fr card does not fit on one page even with 7\.5 pt body text/);
    expect(fit.line).toBeGreaterThan(0);
    expect(readFileSync(join(root, RABAT), 'utf8')).toBe(rec.text);
  });

  it('a character the fonts lack is refused at its field, as one types and on save; nothing is written', async () => {
    const rec = await record();
    const value = structuredClone(rec.value);
    value.fr.title = `${value.fr.title} 🙂`;
    const checked = await post(studio.url, '/api/check', { file: RABAT, before: rec.text, value });
    expect(checked.status).toBe(200);
    expect(checked.json.problems.find((p: any) => p.field === 'fr.title')?.message).toMatch(/U\+1F642.*not in the IBM Plex Sans fonts/);
    const saved = await post(studio.url, '/api/save', { file: RABAT, before: rec.text, value });
    expect(saved.status).toBe(422);
    expect(saved.json.problems.some((p: any) => p.field === 'fr.title' && /U\+1F642/.test(p.message))).toBe(true);
    expect(readFileSync(join(root, RABAT), 'utf8')).toBe(rec.text);
  });
});

describe('3. the state says when building is over', () => {
  it('after a save and its builds, the state (and the last event pushed) says not building', async () => {
    const rec = await record();
    const value = structuredClone(rec.value);
    value.fr.subtitle = 'Un observatoire des migrations pour la ville de Rabat';
    // Follow the events as the page does.
    const events: any[] = [];
    const socket = connect(Number(new URL(studio.url).port), '127.0.0.1');
    socket.write(`GET /api/events HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    let buffer = '';
    socket.on('data', (d) => {
      buffer += d.toString('utf8');
      for (const m of buffer.matchAll(/^data: (.*)$/gm)) events.push(JSON.parse(m[1]!));
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    expect((await post(studio.url, '/api/save', { file: RABAT, before: rec.text, value, lang: 'fr' })).status).toBe(200);
    await studio.idle();
    await new Promise((r) => setTimeout(r, 200));
    socket.destroy();
    expect(events.some((e) => e.building)).toBe(true);
    expect(events.at(-1).building).toBe(false);
    expect((await state()).building).toBe(false);
  });
});

describe('4. a record whose YAML is broken', () => {
  it('is listed with its problems (file:line:column), its last good pages marked out of date, its last title kept', async () => {
    const file = join(root, 'data/actions/ramallah.yaml');
    const good = readFileSync(file, 'utf8');
    const title = parse(good).fr.title;
    writeFileSync(file, good.replace(/^country: (\w+)$/m, 'country: [$1'));
    try {
      await new Promise((r) => setTimeout(r, 400));
      await studio.idle();
      const s = await state();
      const doc = s.documents.find((d: any) => d.id === 'ramallah' && d.lang === 'fr');
      expect(doc).toMatchObject({ broken: true, outdated: true, title });
      expect(doc.errors).toBeGreaterThan(0);
      const problem = s.problems.find((p: any) => p.file === 'data/actions/ramallah.yaml' && p.severity === 'error');
      expect(problem.line).toBeGreaterThan(0);
      expect(problem.column).toBeGreaterThan(0);
      expect(problem.message).toMatch(/YAML syntax/);
    } finally {
      writeFileSync(file, good);
      await new Promise((r) => setTimeout(r, 400));
      await studio.idle();
    }
  });
});

describe('6. a save changes only what the user changed', () => {
  it('adds no empty partners list, and a new key goes where the schema puts it, not after the ar: block', async () => {
    const rec = await record();
    const value = structuredClone(rec.value);
    value.partners ??= []; // what the form sends for a record with no partners
    value.acronym = 'OMM';
    const saved = await post(studio.url, '/api/save', { file: RABAT, before: rec.text, value });
    expect(saved.status).toBe(200);
    const after = readFileSync(join(root, RABAT), 'utf8');
    expect(after).not.toMatch(/^partners:/m);
    const added = after.split('\n').filter((l) => !rec.text.split('\n').includes(l));
    expect(added).toEqual(['acronym: OMM']);
    const keys = after.split('\n').filter((l) => /^[a-z]\w*:/.test(l)).map((l) => l.split(':')[0]);
    expect(keys.indexOf('acronym')).toBe(keys.indexOf('cities') + 1);
    expect(keys.indexOf('acronym')).toBeLessThan(keys.indexOf('fr'));
    await studio.idle();
  });
});

describe('security', () => {
  it('9. a key that could reach a prototype is refused (400), and nothing is polluted: the next save works', async () => {
    const rec = await record();
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = `{"file":"${RABAT}","before":${JSON.stringify(rec.text)},"value":{"${key}":{"polluted":1}}}`;
      const r = await request(studio.url, { method: 'POST', path: '/api/check', headers: { host, origin: `http://${host}`, 'content-type': 'application/json' }, body });
      expect(r.status, key).toBe(400);
      expect(r.json.message).toContain(key);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const value = structuredClone(rec.value);
    value.fr.subtitle = 'Encore un sous-titre';
    const saved = await post(studio.url, '/api/save', { file: RABAT, before: rec.text, value });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    await studio.idle();
  });

  it('10. no route follows a symbolic link out of its folder: files, record, save, upload', async () => {
    writeFileSync(join(root, 'outside.yaml'), 'secret: yes\n');
    symlinkSync(join(root, 'outside.yaml'), join(root, 'data', 'actions', 'link.yaml'));
    symlinkSync('/etc/passwd', join(root, 'data', 'passwd.yaml'));
    try {
      expect((await request(studio.url, { path: '/files/data/actions/link.yaml', headers: { host } })).status).toBe(404);
      expect((await request(studio.url, { path: '/api/record?file=data/actions/link.yaml', headers: { host } })).status).toBe(404);
      const passwd = await request(studio.url, { path: '/api/record?file=data/passwd.yaml', headers: { host } });
      expect(passwd.status).toBe(404);
      expect(passwd.body).not.toContain('root:');
      const save = await post(studio.url, '/api/save', { file: 'data/actions/link.yaml', before: 'secret: yes\n', value: { secret: 'no' } });
      expect(save.status).toBe(400);
      expect(readFileSync(join(root, 'outside.yaml'), 'utf8')).toBe('secret: yes\n');
      // The logos folder itself a link out of assets/: nothing is written through it.
      rmSync(join(root, 'assets', 'logos'), { recursive: true, force: true });
      mkdirSync(join(root, 'elsewhere'));
      symlinkSync(join(root, 'elsewhere'), join(root, 'assets', 'logos'));
      const png = await (await import('sharp')).default({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
      const up = await request(studio.url, { method: 'POST', path: '/api/upload?name=x.png', headers: { host, origin: `http://${host}`, 'content-type': 'application/octet-stream' }, body: png });
      expect(up.status).toBe(400);
      expect(readdirSync(join(root, 'elsewhere'))).toEqual([]);
    } finally {
      rmSync(join(root, 'data', 'actions', 'link.yaml'));
      rmSync(join(root, 'data', 'passwd.yaml'));
      rmSync(join(root, 'assets', 'logos'));
      mkdirSync(join(root, 'assets', 'logos'));
      await studio.idle();
    }
  });

  /** Sends `total` bytes of body after `head`, as fast as the server takes them; how many it took before closing. */
  function flood(head: string, total: number): Promise<{ status: string; sent: number }> {
    return new Promise((ok) => {
      const socket = connect(Number(new URL(studio.url).port), '127.0.0.1');
      let sent = 0;
      let status = '';
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      socket.on('data', (d) => (status ||= d.toString('utf8').split('\r\n')[0]!));
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      socket.on('error', () => {});
      socket.on('close', () => ok({ status, sent }));
      socket.write(head, pump);
    });
  }

  it('11. a refused body is not read to the end: the connection is closed with the answer', async () => {
    const GB = 1024 ** 3;
    const wrongHost = await flood(`POST /api/save HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: ${2 * GB}\r\n\r\n`, 2 * GB);
    expect(wrongHost.status).toMatch(/^HTTP\/1\.1 403/);
    expect(wrongHost.sent).toBeLessThan(64 * 1024 * 1024); // far less than the 2 GB it offered
    const declared = await flood(`POST /api/save HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nContent-Type: application/json\r\nContent-Length: ${GB}\r\n\r\n`, GB);
    expect(declared.status).toMatch(/^HTTP\/1\.1 413/);
    expect(declared.sent).toBeLessThan(64 * 1024 * 1024);
    const chunked = await flood(`POST /api/upload?name=x.png HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nTransfer-Encoding: chunked\r\n\r\n`, GB);
    expect(chunked.status).toMatch(/^HTTP\/1\.1 (413|400)/);
    expect(chunked.sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('12. uploads are parsed: active SVG content is refused however it is written, damaged images too, within a quota', async () => {
    const upload = (name: string, body: Buffer | string) => request(studio.url, { method: 'POST', path: `/api/upload?name=${encodeURIComponent(name)}`, headers: { host, origin: `http://${host}`, 'content-type': 'application/octet-stream' }, body });
    const svg = (inner: string, attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attrs}>${inner}</svg>`;
    const refused = [
      svg('<a xlink:href="jav&#x61;script:alert(1)"><rect width="5" height="5"/></a>'),
      svg('<rect width="5" height="5" fill="url(jav&#x61;script:alert(1))"/>'),
      svg('<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject>'),
      svg('<image href="http://evil.example/x.png" width="5" height="5"/>'),
      svg('<image href="file:///etc/passwd" width="5" height="5"/>'),
      svg('<use href="https://evil.example/sprite.svg#a"/>'),
      svg('<use xlink:href="#a"/>'),
      svg('<rect width="5" height="5" onclick="alert(1)"/>'),
      svg('<script>alert(1)</script>'),
      svg('<style>@import url(https://evil.example/x.css);</style>'),
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('<text>&x;</text>')}`,
    ];
    for (const body of refused) {
      const r = await upload('logo.svg', body);
      expect(r.status, body).toBe(415);
      expect(r.json.message).toMatch(/^a logo must be a PNG, JPEG or SVG image: /);
    }
    // An editor's harmless extras (metadata, its own namespaces) are dropped; the drawing is kept.
    const inkscape = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 20 10" inkscape:version="1.3"><title>Logo</title><metadata>x</metadata><sodipodi:namedview id="n"/><g style="fill:#17365D;cursor:pointer"><rect width="20" height="10" rx="2"/></g></svg>';
    const ok = await upload('Partenaire.svg', inkscape);
    expect(ok.status, ok.body).toBe(200);
    const stored = readFileSync(join(root, 'assets', ok.json.logo), 'utf8');
    expect(stored).toContain('<rect width="20" height="10" rx="2"/>');
    expect(stored).toContain('style="fill:#17365D"');
    expect(stored).not.toMatch(/metadata|namedview|inkscape:version|cursor|<title/);
    // A PNG that is cut short is refused at upload, not at the next build.
    const png = await (await import('sharp')).default({ create: { width: 64, height: 64, channels: 3, background: '#0B8A99' } }).png().toBuffer();
    const cut = await upload('cut.png', png.subarray(0, png.length - 40));
    expect(cut.status).toBe(415);
    expect(cut.json.message).toMatch(/damaged/);
    expect(existsSync(join(root, 'assets', 'logos', 'cut.png'))).toBe(false);
    // The folder's quota: 200 files at the most.
    for (let i = readdirSync(join(root, 'assets', 'logos')).length; i < 200; i++) writeFileSync(join(root, 'assets', 'logos', `filler-${i}.png`), png);
    const full = await upload('one-more.png', png);
    expect(full.status).toBe(507);
    expect(full.json.message).toMatch(/already holds 200 files/);
  });

  it('12. the SVG allow-list keeps only elements and attributes the templates draw', () => {
    const out = sanitiseSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4" data-x="1"><desc>d</desc><circle cx="2" cy="2" r="2" fill="red" data-id="7"/></svg>');
    expect(out).toContain('<circle cx="2" cy="2" r="2" fill="red"/>');
    expect(out).not.toMatch(/data-|desc/);
  });

  it('13. a null body, an unparsable text it was opened with, and deeply nested JSON are each a 400 with a message', async () => {
    const raw = (body: string) => request(studio.url, { method: 'POST', path: '/api/check', headers: { host, origin: `http://${host}`, 'content-type': 'application/json' }, body });
    const nul = await raw('null');
    expect(nul.status).toBe(400);
    expect(nul.json.message).toMatch(/JSON object/);
    const rec = await record();
    const badBefore = await post(studio.url, '/api/save', { file: RABAT, before: 'key: [unclosed', value: rec.value });
    expect(badBefore.status).toBe(400);
    expect(badBefore.json.message).toMatch(/not YAML/);
    const deep = await raw(`{"file":"${RABAT}","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.json.message).toMatch(/nested/);
    // The server is still there.
    expect((await request(studio.url + 'api/state', { headers: { host } })).status).toBe(200);
  });
});

describe('first start', () => {
  it('shows the documents as they are built, with progress, before everything is done', async () => {
    const fresh = tempProject(); // nothing built: no out/, no cache
    const events: any[] = [];
    const s = await startStudio({ root: fresh });
    try {
      const h = new URL(s.url).host;
      const socket = connect(Number(new URL(s.url).port), '127.0.0.1');
      socket.write(`GET /api/events HTTP/1.1\r\nHost: ${h}\r\n\r\n`);
      let buffer = '';
      socket.on('data', (d) => {
        buffer += d.toString('utf8');
        for (const m of buffer.matchAll(/^data: (.*)$/gm)) events.push(JSON.parse(m[1]!));
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      });
      await s.idle();
      await new Promise((r) => setTimeout(r, 200));
      socket.destroy();
      const total = events.at(-1).documents.length;
      expect(total).toBeGreaterThan(40);
      // While building: some documents already there, the progress counted.
      const partial = events.filter((e) => e.building && e.documents.length > 0 && e.documents.length < total);
      expect(partial.length).toBeGreaterThan(3);
      expect(events.some((e) => e.building && e.progress.rendered > 0 && /^[a-z]{2}\//.test(e.progress.last))).toBe(true);
      expect(events.at(-1).building).toBe(false);
    } finally {
      await s.close();
    }
  });
});
