// The order of the action sheets in the booklet, from the studio: the actions as the booklet
// orders them (country, then `order:`, then city), and a new order saved as each moved
// action's `order:` (10, 20, 30…) — one change of several files, checked, recorded, committed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Workspace } from '../pipeline/index.js';
import { changeFile } from '../edit/index.js';
import { LANGUAGES, type Lang } from '../text/index.js';
import { HttpError, jsonBody, type Json, type RouteGroup } from './guard.js';
import type { Apply } from './records.js';

export function orderRoutes(ws: Workspace, apply: Apply): RouteGroup {
  const root = ws.root;
  return {
    async handle(req, res, path, query, json) {
      if (path !== '/api/booklet-order') return false;
      if (req.method === 'GET') await bookletOrder(ws, res, query, json);
      else if (req.method === 'POST') await reorder(ws, root, apply, req, res, json);
      else return false;
      return true;
    },
  };
}

/** The actions in the booklet's order, as the booklet of a language sets it. */
async function bookletOrder(ws: Workspace, res: ServerResponse, query: URLSearchParams, json: Json) {
  const lang = (LANGUAGES as readonly string[]).includes(query.get('lang') ?? '') ? (query.get('lang') as Lang) : LANGUAGES[0];
  return json(res, 200, { lang, actions: await ws.bookletOrder(lang) });
}

/** A new order of the actions: each action's `order:` set to its place (10, 20, 30…), only where it changes. */
async function reorder(ws: Workspace, root: string, apply: Apply, req: IncomingMessage, res: ServerResponse, json: Json) {
  const body = await jsonBody(req);
  const now = await ws.bookletOrder(LANGUAGES[0]);
  const ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
  if (ids.length !== now.length || new Set(ids).size !== ids.length || ids.some((id) => !now.some((a) => a.id === id))) throw new HttpError(400, 'expected every action of the booklet once, in the new order');
  const changes = ids.flatMap((id, i) => {
    const a = now.find((x) => x.id === id)!;
    return a.order === (i + 1) * 10 ? [] : [changeFile(root, a.file, [{ path: ['order'], value: (i + 1) * 10 }])];
  });
  if (!changes.length) return json(res, 200, { changed: [] });
  return apply(res, json, 'save', changes, [], () => ({ changed: changes.map((c) => c.file) }));
}

