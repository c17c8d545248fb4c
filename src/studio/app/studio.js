// The studio's pages: overview, document view (PDF pages beside the fields), the action
// form, the new-action form, a translation's preview (./translations.js) and the changes
// since an edition (./changes.js). Plain modules, no build step; the server is in ../server.ts.
import { drawPage, openPdf } from '/app/pdf.js';
import { actionForm } from '/app/form.js';
import { translationPreview } from '/app/translations.js';
import { changesView } from '/app/changes.js';
import { deletedBanner, historyView, recordTools } from '/app/record.js';
import { dataForm } from '/app/dataForm.js';
import { $, h, api, studio, fillGauge, countryName, directionOf, languageCodes, languageName, onConnection, plural, problemList, setOnline } from '/app/dom.js';

const KIND_NAMES = { card: 'Action card', factsheet: 'Project factsheet', booklet: 'Booklet' };
const main = $('#main');
let current; // the page shown: { key, update(state) }

/** The header's status: connection, build progress, errors, or all up to date. */
function showStatus() {
  const s = studio.state;
  const status = $('#status');
  if (!studio.online) {
    status.className = 'status offline';
    status.textContent = 'Connection lost — reconnecting… (your edits are kept)';
    return;
  }
  if (!s) return;
  const errors = s.problems.filter((p) => p.severity === 'error').length;
  status.className = 'status' + (s.building ? ' building' : errors ? ' invalid' : '');
  status.textContent = s.building
    ? `Rendering…${s.progress?.rendered ? ` ${plural(s.progress.rendered, 'document')} done, last ${s.progress.last}` : ''}`
    : errors ? `${plural(errors, 'error')} — last good PDFs shown` : `${plural(s.documents.length, 'document')} up to date`;
}

async function refresh(pushed) {
  const body = pushed ?? (await api('/api/state')).body;
  if (!body?.documents) return;
  if (studio.state && body.version < studio.state.version) return;
  studio.state = body;
  showStatus();
  document.body.dataset.version = body.version;
  document.body.dataset.building = String(body.building);
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
  else if (page === 'translations') current = translations();
  else if (page === 'changes') current = changes();
  else if (page === 'history') current = history(decodeURIComponent(a));
  else if (page === 'data') current = dataList();
  else if (page === 'edit') current = editData(decodeURIComponent(a));
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
  const search = h('input', { class: 'search', type: 'search', placeholder: 'Search titles, cities…', value: f.q, 'aria-label': 'Search titles and cities', oninput: (e) => { f.q = e.target.value; draw(); } });
  const langChips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Language' }, ...['all', ...languageCodes()].map((l) => h('button', { type: 'button', 'aria-pressed': String(f.lang === l), onclick: () => { f.lang = l; draw(); } }, l === 'all' ? 'All languages' : l.toUpperCase())));
  const country = h('select', { class: 'filter', 'aria-label': 'Country', onchange: (e) => { f.country = e.target.value; draw(); } });
  const kind = h('select', { class: 'filter', 'aria-label': 'Kind of document', onchange: (e) => { f.kind = e.target.value; draw(); } }, h('option', { value: 'all' }, 'All documents'), ...Object.entries(KIND_NAMES).map(([k, n]) => h('option', { value: k, selected: f.kind === k }, n + 's')));
  const count = h('span', { class: 'count', role: 'status' });
  const banner = h('div');
  const grid = h('div', { class: 'grid', id: 'grid' });
  main.replaceChildren(h('div', { class: 'toolbar' }, h('h1', {}, 'Documents'), search, langChips, country, kind, count), ...[deletedBanner()].filter(Boolean), banner, grid);
  const tiles = new Map();

  function draw() {
    const s = studio.state;
    if (!s) return;
    for (const [i, b] of [...langChips.children].entries()) b.setAttribute('aria-pressed', String(['all', ...languageCodes()][i] === f.lang));
    const countries = [...new Set(s.documents.map((d) => d.country).filter(Boolean))].sort();
    const names = Object.fromEntries((studio.catalogues?.countries ?? []).map((c) => [c.code, c.labels.en ?? c.code]));
    country.replaceChildren(h('option', { value: 'all' }, 'All countries'), ...countries.map((c) => h('option', { value: c, selected: f.country === c }, names[c] ?? c)));
    banner.replaceChildren(...problemList(s.problems.filter((p) => p.severity === 'error')));
    const q = f.q.trim().toLowerCase();
    const shown = s.documents.filter((d) => (f.lang === 'all' || d.lang === f.lang) && (f.country === 'all' || d.country === f.country) && (f.kind === 'all' || d.kind === f.kind) && (!q || [d.title, d.id, ...d.cities].join(' ').toLowerCase().includes(q)));
    count.textContent = `${shown.length} of ${s.documents.length}`;
    const ordered = [];
    for (const d of shown) {
      const k = `${d.lang}/${d.id}/${d.kind}`;
      let t = tiles.get(k);
      if (!t) tiles.set(k, (t = tile(d)));
      t.update(d);
      ordered.push(t.el);
    }
    const empty = s.documents.length ? 'No document matches these filters.' : s.building ? 'The documents are being made: each appears here as soon as it is ready.' : 'No document built yet.';
    grid.replaceChildren(...(ordered.length ? ordered : [h('div', { class: 'empty' }, empty)]));
  }
  draw();
  return { update: draw };
}

function tile(d) {
  // The first page, as the server drew it once (kept in .cache/thumbnails/): decorative, the title says what it is.
  const image = h('img', { alt: '', width: 200, height: 283, decoding: 'async', onload: () => (image.dataset.drawn = image.getAttribute('src')) });
  const title = h('span', { class: 'title' });
  const meta = h('span', { class: 'meta' });
  const badges = h('span', { class: 'badges' });
  const el = h('a', { class: 'tile', href: `#/doc/${d.lang}/${encodeURIComponent(d.id)}`, 'data-doc': `${d.lang}/${d.id}` }, h('span', { class: 'thumb' }, image, h('span', { class: 'lang' }, d.lang)), h('span', { class: 'body' }, title, meta, badges));
  return {
    el,
    update(d) {
      el.setAttribute('dir', 'ltr');
      title.textContent = d.title;
      title.setAttribute('dir', directionOf(d.lang));
      title.setAttribute('lang', d.lang);
      meta.textContent = [KIND_NAMES[d.kind], d.cities.join(', ') || countryName(d.country, 'en')].filter(Boolean).join(' · ');
      badges.replaceChildren(...stateBadges(d));
      if (image.getAttribute('src') !== d.thumbnail) image.setAttribute('src', d.thumbnail);
    },
  };
}

/** A document's state in a few words; errors and warnings apart, each saying what it means. */
function stateBadges(d) {
  const out = [];
  if (d.broken) out.push(h('span', { class: 'badge problem', title: 'The record\'s file cannot be read: the pages shown are the last good ones' }, 'File has a mistake'));
  else if (d.errors) out.push(h('span', { class: 'badge problem', title: 'Errors stop this document from being rebuilt: the pages shown are the last good ones' }, plural(d.errors, 'error')));
  if (d.outdated) out.push(h('span', { class: 'badge outdated', title: 'These are the last good pages, made before the record changed' }, 'Out of date'));
  if (d.warnings) out.push(h('span', { class: 'badge warning', title: 'Warnings do not stop the build: open the document to read them' }, plural(d.warnings, 'warning')));
  if (d.status === 'draft') out.push(h('span', { class: 'badge draft' }, 'Draft translation'));
  if (d.smaller) out.push(h('span', { class: 'badge smaller', title: `Body text made smaller to fit (standard ${studio.state.defaultBodySize} pt)` }, `Text ${d.bodySize} pt`));
  if (d.pages) out.push(h('span', { class: 'badge' }, `${d.pages} pages`));
  if (!out.length) out.push(h('span', { class: 'badge ok' }, 'Fits'));
  if (d.fill !== undefined) out.push(fillGauge(d));
  return out;
}


// ——— Document view ———
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];

function documentView(lang, id) {
  const pages = h('div', { class: 'pages', id: 'pages', role: 'region', 'aria-label': 'Pages of the PDF', tabindex: '0' });
  const side = h('div', { class: 'side' });
  const langs = h('nav', { class: 'langs', 'aria-label': 'Language of the document' });
  let zoom = 1;
  const zoomLabel = h('span', { class: 'zoom-level', 'aria-live': 'polite' }, 'Fit width');
  const setZoom = (z) => { zoom = z; zoomLabel.textContent = z === 1 ? 'Fit width' : `${Math.round(z * 100)} %`; shownPdf = undefined; update(studio.state); };
  const zoomBar = h('div', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' },
    h('button', { type: 'button', class: 'icon', 'aria-label': 'Zoom out', onclick: () => setZoom(ZOOMS[Math.max(0, ZOOMS.indexOf(zoom) - 1)]) }, '−'),
    zoomLabel,
    h('button', { type: 'button', class: 'icon', 'aria-label': 'Zoom in', onclick: () => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + 1)]) }, '+'));
  const notice = h('div');
  const strip = h('nav', { class: 'page-strip', 'aria-label': 'Pages' });
  const wrap = h('div', { class: 'doc' }, h('div', { class: 'view' }, h('div', { class: 'viewbar' }, langs, zoomBar), notice, strip, pages), side);
  main.replaceChildren(wrap);
  let shownPdf;
  let form;
  let tools;
  let dataPanel;

  async function drawPdf(doc) {
    if (!doc || doc.pdf === shownPdf) return;
    shownPdf = doc.pdf;
    const pdf = await openPdf(doc.pdf);
    const width = Math.round(Math.min(760, pages.clientWidth - 40) * zoom);
    const canvases = [...pages.querySelectorAll('canvas')];
    for (let n = 1; n <= pdf.numPages; n++) {
      const c = canvases[n - 1] ?? pages.appendChild(h('canvas', { role: 'img', tabindex: '-1', 'aria-label': `Page ${n} of ${pdf.numPages}` }));
      c.style.width = `${width}px`;
      c.style.maxWidth = 'none';
      await drawPage(doc.pdf, n, c, width);
      if (shownPdf !== doc.pdf) return;
      if (n === 1) pages.dataset.pdf = doc.pdf; // the first page is on screen
    }
    for (const c of canvases.slice(pdf.numPages)) c.remove();
    drawStrip(doc, pdf.numPages);
  }

  /** Every page as a thumbnail (from the server's cache), each a link to its page above: a booklet's 50 pages at a glance. */
  function drawStrip(doc, count) {
    if (count < 2) return strip.replaceChildren();
    strip.replaceChildren(...Array.from({ length: count }, (_, i) => h('a', { href: `#page-${i + 1}`, class: 'strip-page', onclick: (e) => {
      e.preventDefault();
      const c = pages.querySelectorAll('canvas')[i];
      c?.scrollIntoView({ block: 'start' });
      c?.focus();
    } }, h('img', { src: `${doc.thumbnail}&page=${i + 1}`, alt: '', loading: 'lazy', width: 60, height: 85 }), h('span', {}, `Page ${i + 1}`))));
  }

  function update(s) {
    const doc = s.documents.find((d) => d.id === id && d.lang === lang);
    const siblings = s.documents.filter((d) => d.id === id && d.kind === (doc?.kind ?? 'card'));
    langs.replaceChildren(...siblings.map((d) => h('a', { href: `#/doc/${d.lang}/${encodeURIComponent(id)}`, 'aria-current': d.lang === lang ? 'page' : undefined }, d.lang.toUpperCase(), h('span', { class: 'visually-hidden' }, ` (${languageName(d.lang)})`))));
    crumbs(h('a', { href: '#/' }, 'Documents'), doc ? doc.title : id);
    if (!doc) {
      side.replaceChildren(h('div', { class: 'panel' }, h('header', {}, h('h1', {}, id), h('p', {}, 'Not built yet: it appears once the data is valid.'))));
      return;
    }
    drawPdf(doc);
    const own = s.problems.filter((p) => p.file === doc.file);
    notice.replaceChildren(...(doc.outdated ? [h('div', { class: 'banner outdated', role: 'status' }, h('div', {}, h('strong', {}, 'Out of date: these are the last good pages.'), doc.broken ? 'The record\'s file cannot be read as it is now (see below); the pages will be made again once it is fixed.' : 'The record has errors now (see the form); the pages will be made again once they are fixed.'))] : []));
    if (doc.kind === 'card' && doc.file && !doc.broken) {
      wrap.className = 'doc';
      if (!form) side.replaceChildren((tools = recordTools(doc)), (form = actionForm({ file: doc.file, lang, onSaved: () => {} })).el);
      else if (tools.dataset.pdf !== doc.pdf) tools.replaceWith((tools = recordTools(doc)));
      tools.dataset.pdf = doc.pdf;
      form.update(s);
      return;
    }
    form = undefined;
    // A factsheet, or the booklet: its data file's form beside its pages (the pages update on save).
    const editable = doc.kind === 'factsheet' ? doc.file : doc.kind === 'booklet' ? 'data/booklet.yaml' : undefined;
    if (editable && !doc.broken) {
      wrap.className = 'doc';
      if (dataPanel?.dataset.file !== editable) {
        dataPanel = h('div', { class: 'side-form', 'data-file': editable });
        dataForm(dataPanel, editable);
        side.replaceChildren((tools = recordTools(doc)), dataPanel);
      } else if (tools.dataset.pdf !== doc.pdf) tools.replaceWith((tools = recordTools(doc)));
      tools.dataset.pdf = doc.pdf;
      return;
    }
    wrap.className = 'doc wide';
    const explain = doc.broken ? 'Fix the mistake in the file (its line and column are given above), or ask whoever edits the YAML; the form comes back once the file can be read.'
      : doc.kind === 'booklet' ? h('span', {}, 'A booklet is bound from the cards and factsheets: edit those, and it follows. Its own wording (cover, introduction, contents, back cover), what it holds and the countries’ order: ', h('a', { href: `#/edit/${encodeURIComponent('data/booklet.yaml')}` }, 'edit the booklet'), '.')
        : h('span', {}, h('a', { href: `#/edit/${encodeURIComponent(doc.file)}` }, 'Edit this factsheet'), ' (every language, its partners, footnotes and contributions); the pages here update when it is saved.');
    side.replaceChildren(h('div', { class: 'panel' }, h('header', {}, h('h1', { dir: directionOf(lang), lang }, doc.title), h('p', {}, KIND_NAMES[doc.kind])),
      h('div', { class: 'panel-problems' }, ...problemList(own, { title: doc.broken ? 'This record\'s file cannot be read, so nothing of it is built:' : undefined })),
      h('dl', { class: 'facts' }, h('dt', {}, 'Language'), h('dd', {}, languageName(doc.lang)), doc.country ? [h('dt', {}, 'Country'), h('dd', {}, countryName(doc.country, 'en'))] : [], doc.pages ? [h('dt', {}, 'Pages'), h('dd', {}, doc.pages)] : [], h('dt', {}, 'State'), h('dd', {}, h('span', { class: 'badges' }, ...stateBadges(doc))), doc.file ? [h('dt', {}, 'Data file'), h('dd', {}, h('code', {}, doc.file))] : []),
      h('p', { class: 'explain' }, explain)));
    side.prepend(recordTools(doc));
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

// ——— A translator's file, previewed before it is imported ———
function translations() {
  crumbs(h('a', { href: '#/' }, 'Documents'), 'Preview a translation');
  return translationPreview(main);
}

// ——— A record's history: restore a version, undo a change ———
function history(file) {
  const record = studio.state?.records.find((r) => r.file === file);
  const lang = record ? Object.keys(record.langs)[0] : undefined;
  crumbs(h('a', { href: '#/' }, 'Documents'), record && lang ? h('a', { href: `#/doc/${lang}/${encodeURIComponent(record.id)}` }, record.langs[lang].title || record.id) : file, 'History');
  return historyView(main, file);
}

// ——— The programme, the booklet, the factsheets, the catalogues: each a form from its schema ———
function dataList() {
  crumbs(h('a', { href: '#/' }, 'Documents'), 'Programme, booklet, factsheets, catalogues');
  const list = h('div', { class: 'data-groups' });
  main.replaceChildren(h('div', { class: 'panel data-list' }, h('header', {}, h('h1', {}, 'Programme, booklet, factsheets and catalogues'), h('p', {}, 'Everything the documents are made of besides the action cards')), list));
  api('/api/data-files').then(({ body }) => {
    studio.dataFiles = body.files;
    const groups = [...new Set(body.files.map((f) => f.group))];
    list.replaceChildren(...groups.map((g) => h('section', {}, h('h2', {}, g), h('ul', {}, ...body.files.filter((f) => f.group === g).map((f) => h('li', {}, h('a', { href: `#/edit/${encodeURIComponent(f.file)}` }, f.name), ' ', h('code', {}, f.file)))))));
  });
  return { update() {} };
}

function editData(file) {
  crumbs(h('a', { href: '#/' }, 'Documents'), h('a', { href: '#/data' }, 'Programme, booklet, factsheets, catalogues'), file.split('/').pop());
  const shown = dataForm(main, file);
  if (!studio.dataFiles) api('/api/data-files').then(({ body }) => (studio.dataFiles = body.files));
  return shown;
}

// ——— What changed since an edition, approvals, publishing ———
function changes() {
  crumbs(h('a', { href: '#/' }, 'Documents'), 'Changes');
  return changesView(main);
}

// ——— Start ———
(async () => {
  studio.catalogues = (await api('/api/catalogues')).body;
  await refresh();
  window.addEventListener('hashchange', route);
  route();
  current.update?.(studio.state);
  onConnection(showStatus);
  // Live: the server says when a build finished (a save here, or a file changed on disk). When
  // it goes away the page says so, and takes the state again when it is back.
  const events = new EventSource('/api/events');
  events.addEventListener('state', (e) => {
    setOnline(true);
    refresh(JSON.parse(e.data));
  });
  events.addEventListener('error', () => setOnline(false));
  document.body.dataset.ready = 'true';
})();
