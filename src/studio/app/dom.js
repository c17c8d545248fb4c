// What every page of the studio shares: making elements, calling the server's API, and the
// state the server last sent (documents, records, problems) with the catalogues.
export const $ = (sel, el = document) => el.querySelector(sel);
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c.nodeType ? c : String(c));
  return el;
}
export async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

export const studio = { state: undefined, catalogues: undefined, filters: { lang: 'all', country: 'all', kind: 'all', q: '' }, listeners: new Set() };

export function countryName(code, lang) {
  const c = studio.catalogues?.countries.find((c) => c.code === code);
  return c ? c.labels[lang] ?? c.labels.en ?? code : code;
}

/** The languages the documents are built in, with their names and directions (from the server). */
const languages = () => studio.state?.languages ?? [];
export const languageCodes = () => languages().map((l) => l.code);
export const languageName = (code) => languages().find((l) => l.code === code)?.name ?? code;
/** A language's writing direction, as the server decided it (src/text): never guessed here. */
export const directionOf = (code) => languages().find((l) => l.code === code)?.direction ?? 'ltr';
