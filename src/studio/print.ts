// Print-shop files, handouts and preflight from the studio, for one document of out/: made on
// the build thread (pdf-lib, Ghostscript for PDF/X) into out/print/ and out/handouts/ — the
// places `brochure print` and `brochure handout` write — and offered for download. Every
// path goes through `confine`; the document is named by its path under out/, checked first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Workspace } from '../pipeline/index.js';
import { LANGUAGES } from '../text/index.js';
import { confine, HttpError, jsonBody, type Json, type RouteGroup } from './guard.js';
import type { Builds } from './builds.js';
import type { PrintJob } from './buildThread.js';

const DOCUMENT = /^([a-z]{2})\/([a-z0-9][a-z0-9-]*)\.pdf$/;
const KINDS = new Set(['print', 'duplex', '2up', 'booklet-a5', 'preflight']);

export function printRoutes(ws: Workspace, builds: Builds): RouteGroup {
  const root = ws.root;
  /** A file the job writes under out/, confined. */
  const target = (rel: string) => {
    const abs = confine(root, `out/${rel}`, { folders: ['out'], mayBeNew: true });
    if (!abs) throw new HttpError(400, `out/${rel} is not a file the studio may write`);
    return abs;
  };
  const input = (rel: string) => {
    const abs = confine(root, `out/${rel}`, { folders: ['out'] });
    if (!abs || !existsSync(abs)) throw new HttpError(404, `out/${rel} is not built yet: wait for the build, or fix its record's problems`);
    return abs;
  };

  async function run(req: IncomingMessage, res: ServerResponse, json: Json) {
    const body = await jsonBody(req);
    const path = typeof body.path === 'string' ? body.path : '';
    const m = DOCUMENT.exec(path);
    const kind = String(body.kind ?? '');
    if (!m || !(LANGUAGES as readonly string[]).includes(m[1]!)) throw new HttpError(400, 'expected the path of a document under out/, such as fr/rabat.pdf');
    if (!KINDS.has(kind)) throw new HttpError(400, `expected one of ${[...KINDS].join(', ')}`);
    const [, lang, id] = m as unknown as [string, string, string];
    let job: PrintJob;
    if (kind === 'preflight') job = { kind, input: input(path) };
    else if (kind === 'print') job = { kind, input: input(path), target: target(`print/${path}`) };
    else if (kind === '2up') job = { kind, inputs: [input(path)], target: target(`handouts/${lang}/${id}.2up-repeat.pdf`), repeat: true };
    else if (kind === 'booklet-a5') job = { kind, input: input(path), target: target(`handouts/${lang}/${id}.booklet-a5.pdf`) };
    else {
      const back = String(body.back ?? '');
      if (!(LANGUAGES as readonly string[]).includes(back) || back === lang) throw new HttpError(400, `expected the language of the back, other than ${lang}`);
      job = { kind: 'duplex', pairs: [{ front: input(path), back: input(`${back}/${id}.pdf`) }], target: target(`handouts/${lang}-${back}/${id}.pdf`) };
    }
    return answer(res, json, await builds.print(job));
  }

  /**
   * Handouts of every action of a language, in the booklet's order (as `brochure handout duplex`
   * and `2up` make them): one double-sided file of all the cards with another language on the
   * back, or all the cards two per A4 sheet.
   */
  async function runAll(req: IncomingMessage, res: ServerResponse, json: Json) {
    const body = await jsonBody(req);
    const lang = String(body.lang ?? '');
    const kind = String(body.kind ?? '');
    if (!(LANGUAGES as readonly string[]).includes(lang)) throw new HttpError(400, `expected a language: ${LANGUAGES.join(', ')}`);
    const built = (l: string, id: string) => confine(root, `out/${l}/${id}.pdf`, { folders: ['out'] });
    const actions = (await ws.bookletOrder(lang as (typeof LANGUAGES)[number])).map((a) => a.id);
    if (kind === '2up') {
      const inputs = actions.map((id) => built(lang, id)).filter((f): f is string => !!f && existsSync(f));
      if (!inputs.length) throw new HttpError(404, `no ${lang} action sheet is built yet`);
      return answer(res, json, await builds.print({ kind: '2up', inputs, target: target(`handouts/${lang}/all-actions.2up.pdf`), repeat: false }));
    }
    if (kind !== 'duplex') throw new HttpError(400, 'expected duplex or 2up');
    const back = String(body.back ?? '');
    if (!(LANGUAGES as readonly string[]).includes(back) || back === lang) throw new HttpError(400, `expected the language of the back, other than ${lang}`);
    const pairs = actions.map((id) => ({ front: built(lang, id), back: built(back, id) })).filter((p): p is { front: string; back: string } => !!p.front && !!p.back && existsSync(p.front) && existsSync(p.back));
    if (!pairs.length) throw new HttpError(404, `no action has both its ${lang} and ${back} sheets built`);
    return answer(res, json, await builds.print({ kind: 'duplex', pairs, target: target(`handouts/${lang}-${back}/all-actions.pdf`) }));
  }

  function answer(res: ServerResponse, json: Json, result: Awaited<ReturnType<Builds['print']>>) {
    if ('lines' in result) return json(res, 200, result);
    const made = result.made.map((f) => {
      const rel = relative(root, f.target).split('\\').join('/');
      return { file: rel, url: `/files/${rel}`, detail: f.detail };
    });
    return json(res, result.made.length ? 200 : 422, { made, notes: result.notes, failures: result.failures, message: result.made.length ? undefined : result.failures.join(' ') });
  }

  return {
    async handle(req, res, path, _query, json) {
      if (req.method !== 'POST') return false;
      if (path === '/api/print') await run(req, res, json);
      else if (path === '/api/print/all') await runAll(req, res, json);
      else return false;
      return true;
    },
  };
}
