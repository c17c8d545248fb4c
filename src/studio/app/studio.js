// The studio's pages: overview, document view (PDF pages beside the fields), the action
// form and the new-action form. Plain modules, no build step; the server is in ../server.ts.
import { thumbnail, drawPage, openPdf } from '/app/pdf.js';
import { actionForm } from '/app/form.js';
import { $, h, api, studio, countryName, directionOf, languageCodes, languageName } from '/app/dom.js';

const KIND_NAMES = { card: 'Action card', factsheet: 'Project factsheet', booklet: 'Booklet' };
const main = $('#main');
let current; // the page shown: { key, update(state) }

async function refresh(pushed) {
  const body = pushed ?? (await api('/api/state')).body;
  if (studio.state && body.version < studio.state.version) return;
  studio.state = body;
  const status = $('#status');
  const errors = body.problems.filter((p) => p.severity === 'error').length;
  status.className = 'status' + (body.building ? ' building' : errors ? ' invalid' : '');
  status.textContent = body.building ? 'Rendering…' : errors ? `${errors} problem${errors === 1 ? '' : 's'} — last good PDFs shown` : `${body.documents.length} documents up to date`;
  document.body.dataset.version = body.version;
  current?.update?.(body);
  for (const l of studio.listeners) l(body);
}

function route() {
  const [, page, a, b] = location.hash.split('/');
  const key = location.hash;
  if (current?.key === key) return;
  current?.leave?.();
  if (page === 'doc') current = documentView(a, decodeURIComponent(b));
  else if (page === 'new') current = newAction();
  else current = overview();
  current.key = key;
  window.scrollTo(0, 0);
}

function crumbs(...parts) {
  $('#crumbs').replaceChildren(...parts.flatMap((p, i) => [i ? ' / ' : '', p]));
}

// ——— Overview ———
function overview() {
  crumbs();
  const f = studio.filters;
  const search = h('input', { class: 'search', type: 'search', placeholder: 'Search titles, cities…', value: f.q, 'aria-label': 'Search', oninput: (e) => { f.q = e.target.value; draw(); } });
  const langChips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Language' }, ...['all', ...languageCodes()].map((l) => h('button', { 'aria-pressed': String(f.lang === l), onclick: () => { f.lang = l; draw(); } }, l === 'all' ? 'All languages' : l.toUpperCase())));
  const country = h('select', { class: 'filter', 'aria-label': 'Country', onchange: (e) => { f.country = e.target.value; draw(); } });
  const kind = h('select', { class: 'filter', 'aria-label': 'Kind', onchange: (e) => { f.kind = e.target.value; draw(); } }, h('option', { value: 'all' }, 'All documents'), ...Object.entries(KIND_NAMES).map(([k, n]) => h('option', { value: k, selected: f.kind === k }, n + 's')));
  const count = h('span', { class: 'count' });
  const banner = h('div');
  const grid = h('div', { class: 'grid', id: 'grid' });
  main.replaceChildren(h('div', { class: 'toolbar' }, h('h1', {}, 'Documents'), search, langChips, country, kind, count), banner, grid);
  const tiles = new Map();

  function draw() {
    const s = studio.state;
    if (!s) return;
    for (const [i, b] of [...langChips.children].entries()) b.setAttribute('aria-pressed', String(['all', ...languageCodes()][i] === f.lang));
    const countries = [...new Set(s.documents.map((d) => d.country).filter(Boolean))].sort();
    const names = Object.fromEntries((studio.catalogues?.countries ?? []).map((c) => [c.code, c.labels.en ?? c.code]));
    country.replaceChildren(h('option', { value: 'all' }, 'All countries'), ...countries.map((c) => h('option', { value: c, selected: f.country === c }, names[c] ?? c)));
    banner.replaceChildren(...problemsBanner(s.problems));
    const q = f.q.trim().toLowerCase();
    const shown = s.documents.filter((d) => (f.lang === 'all' || d.lang === f.lang) && (f.country === 'all' || d.country === f.country) && (f.kind === 'all' || d.kind === f.kind) && (!q || [d.title, d.id, ...d.cities].join(' ').toLowerCase().includes(q)));
    count.textContent = `${shown.length} of ${s.documents.length}`;
    const keep = new Set();
    const ordered = [];
    for (const d of shown) {
      const k = `${d.lang}/${d.id}/${d.kind}`;
      keep.add(k);
      let t = tiles.get(k);
      if (!t) tiles.set(k, (t = tile(d)));
      t.update(d);
      ordered.push(t.el);
    }
    grid.replaceChildren(...(ordered.length ? ordered : [h('div', { class: 'empty' }, s.documents.length ? 'No document matches these filters.' : 'No document built yet.')]));
  }
  draw();
  return { update: draw };
}

function tile(d) {
  const canvas = h('canvas', { 'aria-hidden': 'true' });
  const title = h('div', { class: 'title' });
  const meta = h('div', { class: 'meta' });
  const badges = h('div', { class: 'badges' });
  const el = h('a', { class: 'tile', href: `#/doc/${d.lang}/${encodeURIComponent(d.id)}`, 'data-doc': `${d.lang}/${d.id}` }, h('div', { class: 'thumb' }, canvas, h('span', { class: 'lang' }, d.lang)), h('div', { class: 'body' }, title, meta, badges));
  return {
    el,
    update(d) {
      el.setAttribute('dir', 'ltr');
      title.textContent = d.title;
      title.setAttribute('dir', directionOf(d.lang));
      title.setAttribute('lang', d.lang);
      meta.textContent = [KIND_NAMES[d.kind], d.cities.join(', ') || countryName(d.country, 'en')].filter(Boolean).join(' · ');
      badges.replaceChildren(...stateBadges(d));
      thumbnail(canvas, d.pdf);
    },
  };
}

function stateBadges(d) {
  const out = [];
  if (d.problems) out.push(h('span', { class: 'badge problem' }, `${d.problems} problem${d.problems === 1 ? '' : 's'}`));
  if (d.status === 'draft') out.push(h('span', { class: 'badge draft' }, 'Draft translation'));
  if (d.smaller) out.push(h('span', { class: 'badge smaller', title: `Body text made smaller to fit (standard ${studio.state.defaultBodySize} pt)` }, `Text ${d.bodySize} pt`));
  if (d.pages) out.push(h('span', { class: 'badge' }, `${d.pages} pages`));
  if (!out.length) out.push(h('span', { class: 'badge ok' }, 'Fits'));
  return out;
}


function problemsBanner(problems, file) {
  const errors = problems.filter((p) => p.severity === 'error' && (!file || p.file === file));
  if (!errors.length) return [];
  return [h('div', { class: 'banner', role: 'alert' }, h('div', {}, h('strong', {}, file ? 'This record has problems: its PDFs were not rebuilt (the last good ones are shown).' : 'The data has problems: nothing was rebuilt, the last good PDFs are shown.'), h('ul', {}, ...errors.slice(0, 8).map((p) => h('li', {}, `${p.file}${p.line ? `:${p.line}` : ''}${p.field ? ` ${p.field}` : ''}: ${p.message}`)))))];
}

// ——— Document view ———
function documentView(lang, id) {
  const pages = h('div', { class: 'pages', id: 'pages', 'aria-label': 'PDF pages' });
  const side = h('div', { class: 'side' });
  const langs = h('nav', { class: 'langs', 'aria-label': 'Language' });
  const notice = h('div');
  const wrap = h('div', { class: 'doc' }, h('div', { class: 'view' }, langs, notice, pages), side);
  main.replaceChildren(wrap);
  let shownPdf;
  let form;

  async function drawPdf(doc) {
    if (!doc || doc.pdf === shownPdf) return;
    shownPdf = doc.pdf;
    const pdf = await openPdf(doc.pdf);
    const width = Math.min(760, pages.clientWidth - 40);
    const canvases = [...pages.querySelectorAll('canvas')];
    for (let n = 1; n <= pdf.numPages; n++) {
      const c = canvases[n - 1] ?? pages.appendChild(h('canvas', { 'aria-label': `Page ${n}` }));
      await drawPage(doc.pdf, n, c, width);
      if (shownPdf !== doc.pdf) return;
      if (n === 1) pages.dataset.pdf = doc.pdf; // the first page is on screen
    }
    for (const c of canvases.slice(pdf.numPages)) c.remove();
  }

  function update(s) {
    const doc = s.documents.find((d) => d.id === id && d.lang === lang);
    const siblings = s.documents.filter((d) => d.id === id && d.kind === (doc?.kind ?? 'card'));
    langs.replaceChildren(...siblings.map((d) => h('a', { href: `#/doc/${d.lang}/${encodeURIComponent(id)}`, 'aria-current': d.lang === lang ? 'page' : undefined }, d.lang.toUpperCase())));
    crumbs(h('a', { href: '#/' }, 'Documents'), doc ? doc.title : id);
    if (!doc) {
      side.replaceChildren(h('div', { class: 'panel' }, h('header', {}, h('h1', {}, id), h('p', {}, 'Not built yet: it appears once the data is valid.'))));
      return;
    }
    drawPdf(doc);
    notice.replaceChildren(...problemsBanner(s.problems, doc.file ?? '—'));
    if (doc.kind === 'card' && doc.file) {
      wrap.className = 'doc';
      if (!form) side.replaceChildren((form = actionForm({ file: doc.file, lang, onSaved: () => {} })).el);
      form.update(s);
    } else {
      wrap.className = 'doc wide';
      side.replaceChildren(h('div', { class: 'panel' }, h('header', {}, h('h1', { dir: directionOf(lang), lang }, doc.title), h('p', {}, KIND_NAMES[doc.kind])),
        h('dl', { class: 'facts' }, h('dt', {}, 'Language'), h('dd', {}, languageName(doc.lang)), doc.country ? [h('dt', {}, 'Country'), h('dd', {}, countryName(doc.country, 'en'))] : [], doc.pages ? [h('dt', {}, 'Pages'), h('dd', {}, doc.pages)] : [], h('dt', {}, 'State'), h('dd', {}, h('div', { class: 'badges' }, ...stateBadges(doc))), doc.file ? [h('dt', {}, 'Data file'), h('dd', {}, h('code', {}, doc.file))] : [], h('dt', {}, 'PDF'), h('dd', {}, h('a', { href: doc.pdf, target: '_blank' }, 'Open the PDF'))),
        h('p', { class: 'facts', style: 'display:block;color:var(--muted);font-size:12px;margin:0' }, doc.kind === 'booklet' ? 'A booklet is bound from the cards and factsheets: edit those, and it follows.' : 'Factsheets are edited in their YAML file for now; the page here updates when it is saved.')));
    }
  }
  if (studio.state) update(studio.state);
  return { update, leave: () => form?.leave?.() };
}

// ——— New action ———
function newAction() {
  crumbs(h('a', { href: '#/' }, 'Documents'), 'New action');
  const form = actionForm({ create: true, lang: 'fr', onSaved: (id, lang) => { location.hash = `#/doc/${lang}/${id}`; } });
  main.replaceChildren(h('div', { class: 'new' }, form.el));
  if (studio.state) form.update(studio.state);
  return { update: (s) => form.update(s) };
}

// ——— Start ———
(async () => {
  studio.catalogues = (await api('/api/catalogues')).body;
  await refresh();
  window.addEventListener('hashchange', route);
  route();
  current.update?.(studio.state);
  // Live: the server says when a build finished (a save here, or a file changed on disk).
  const events = new EventSource('/api/events');
  events.addEventListener('state', (e) => refresh(JSON.parse(e.data)));
  document.body.dataset.ready = 'true';
})();
