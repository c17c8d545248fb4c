// What every page of the studio shares: making elements, calling the server's API (and knowing
// when the server is gone), the state the server last sent (documents, records, problems)
// with the catalogues, and the languages as the server describes them.
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

export const studio = { state: undefined, catalogues: undefined, online: true, filters: { lang: 'all', country: 'all', kind: 'all', q: '' }, listeners: new Set() };

/** Connection lost or back: every page listens (the header says so; a save waiting is retried). */
const connection = new EventTarget();
export const onConnection = (f) => connection.addEventListener('change', () => f(studio.online));
export function setOnline(online) {
  if (studio.online === online) return;
  studio.online = online;
  connection.dispatchEvent(new Event('change'));
}

/**
 * A call to the server's API. Never throws: when the server cannot be reached the status is 0
 * and the body says so in words (the connection state changes too).
 */
export async function api(path, body) {
  let res;
  try {
    res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    setOnline(false);
    return { status: 0, body: { message: 'The studio is not running (the connection to it was lost). Your edits are kept on this page.' } };
  }
  setOnline(true);
  let parsed;
  try {
    parsed = await res.json();
  } catch {
    parsed = { message: `the studio answered ${res.status} without a message` };
  }
  return { status: res.status, body: parsed };
}

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

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export { plural };

/** One problem as a line a person reads: where (file:line:column, field), then what to do. */
export function problemLine(p) {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined && x !== '').join(':');
  return `${where}${p.field ? ` ${p.field}` : ''}: ${p.message}`;
}

/**
 * The problems of a record or of the data, errors and warnings apart, each group saying what it
 * means: errors stop the PDFs from being rebuilt, warnings do not.
 */
export function problemList(problems, { title } = {}) {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity !== 'error');
  const out = [];
  if (errors.length) {
    out.push(h('div', { class: 'banner error', role: 'alert' }, h('div', {},
      h('strong', {}, title ?? `${plural(errors.length, 'error')}: the PDFs are not rebuilt until ${errors.length === 1 ? 'it is' : 'they are'} fixed (the last good ones are shown).`),
      h('ul', {}, ...errors.slice(0, 12).map((p) => h('li', {}, problemLine(p)))), errors.length > 12 ? h('p', {}, `and ${errors.length - 12} more`) : null)));
  }
  if (warnings.length) {
    out.push(h('div', { class: 'banner warning', role: 'status' }, h('div', {},
      h('strong', {}, `${plural(warnings.length, 'warning')}: the PDFs are built, but check ${warnings.length === 1 ? 'this' : 'these'}.`),
      h('ul', {}, ...warnings.slice(0, 12).map((p) => h('li', {}, problemLine(p)))))));
  }
  return out;
}

/** How full the page is, from the fitting step: a meter and its words (its body size when not the standard one). */
export function fillGauge(d) {
  const percent = Math.round(d.fill * 100);
  const words = `Page ${percent} % full`;
  return h('span', { class: 'gauge', title: `The columns fill ${percent} % of their room${d.bodySize ? `, body text ${d.bodySize} pt` : ''}` }, h('meter', { min: 0, max: 100, low: 60, high: 97, optimum: 90, value: percent, 'aria-label': words }), h('span', {}, `${percent} %`));
}
