// Review in the studio: what changed since an edition (documents added, removed, changed; the
// words that changed; the pages before and after, drawn by the page from /files/editions/ and
// /files/out/), approvals, and publishing an edition. The comparison is src/review's, over the
// last good build; who approves or publishes is the git identity (src/history).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Workspace } from '../pipeline/index.js';
import { changesSince, documentsNow, DOCUMENT_PATH, isApproved, listEditions, publish, readApprovals, setApproval } from '../review/index.js';
import { person } from '../history/index.js';
import { confine, HttpError, jsonBody, type Json, type RouteGroup } from './guard.js';
import type { Builds } from './builds.js';


export function reviewRoutes(ws: Workspace, builds: Builds): RouteGroup {
  const root = ws.root;

  async function changes(res: ServerResponse, query: URLSearchParams, json: Json) {
    const editions = listEditions(root).filter((e) => confine(root, `editions/${e.name}/manifest.json`, { folders: ['editions'] }));
    const shownEditions = editions.map((e) => ({ name: e.name, date: e.date, by: e.by, documents: e.documents.length })).reverse();
    const since = query.get('since');
    const edition = since ? editions.find((e) => e.name === since) : editions.at(-1);
    if (since && !edition) throw new HttpError(404, `no edition named ${since} in editions/`);
    if (!edition) return json(res, 200, { editions: [], building: builds.building });
    const found = await changesSince(edition, await documentsNow(ws, builds.lastGood?.files ?? []));
    const approvals = readApprovals(root);
    const documents = found.documents.map((d) => ({
      ...d,
      approved: isApproved(approvals, d.path, d.after?.sha256),
      approval: approvals.get(d.path),
      pdfBefore: d.before ? `/files/editions/${encodeURIComponent(edition.name)}/${d.path}` : undefined,
      pdfAfter: d.after ? `/files/out/${d.path}?v=${d.after.sha256.slice(0, 12)}` : undefined,
    }));
    return json(res, 200, { editions: shownEditions, edition: { name: edition.name, date: edition.date, by: edition.by }, documents, unchanged: found.unchanged, building: builds.building });
  }

  async function approve(req: IncomingMessage, res: ServerResponse, json: Json) {
    const body = await jsonBody(req);
    const path = body.path;
    if (typeof path !== 'string' || !DOCUMENT_PATH.test(path)) throw new HttpError(400, 'expected the path of a document under out/, such as fr/rabat.pdf');
    const file = confine(root, `out/${path}`, { folders: ['out'] });
    if (!file) throw new HttpError(404, `${path}: no such document in out/`);
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    const approved = body.approved !== false;
    const all = setApproval(root, path, approved ? sha256 : undefined, person(root));
    return json(res, 200, { path, approved, approval: all.get(path) });
  }

  async function publishNow(req: IncomingMessage, res: ServerResponse, json: Json) {
    await jsonBody(req);
    await builds.idle();
    if (!builds.lastGood || builds.problems.some((p) => p.severity === 'error')) throw new HttpError(409, 'the data has errors, so the documents are not up to date: fix them (see Documents), then publish');
    const r = await publish(ws, { by: person(root), files: builds.lastGood.files });
    return json(res, 200, { edition: { name: r.edition.name, date: r.edition.date, by: r.edition.by, documents: r.edition.documents.length }, unapproved: r.unapproved, previous: r.previous });
  }

  return {
    async handle(req, res, path, query, json) {
      if (req.method === 'GET' && path === '/api/changes') await changes(res, query, json);
      else if (req.method === 'POST' && path === '/api/approve') await approve(req, res, json);
      else if (req.method === 'POST' && path === '/api/publish') await publishNow(req, res, json);
      else return false;
      return true;
    },
  };
}
