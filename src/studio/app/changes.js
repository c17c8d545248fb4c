// What changed since an edition, for a proofreader: each document added, removed or changed,
// the words that changed (struck and inserted), the page as published beside the page now with
// the changed words marked, and an Approve button per document; then Publish an edition.
// The server side is ../review.ts.
import { drawPage, openPdf } from '/app/pdf.js';
import { h, api, studio, directionOf, languageName, plural } from '/app/dom.js';

const KINDS = { card: 'Action card', factsheet: 'Project factsheet', booklet: 'Booklet' };
/** Pairs of pages shown per document (a booklet's other changes are listed in words). */
const SHOWN_PAIRS = 3;

export function changesView(main) {
  const say = h('p', { class: 'say', role: 'status', 'aria-live': 'polite' });
  const head = h('div');
  const list = h('div', { class: 'review-list' });
  const publishSay = h('p', { class: 'say', role: 'status', 'aria-live': 'polite' });
  const publishButton = h('button', { type: 'button', class: 'button', id: 'publish', onclick: () => publishNow() }, 'Publish an edition');
  main.replaceChildren(h('div', { class: 'changes' }, h('div', { class: 'panel' }, h('header', {}, h('h1', {}, 'Changes since the last edition'), h('p', {}, 'What a proofreader needs to read: every document whose PDF differs from the edition, and the words that changed')), head, say, h('div', { class: 'publish' }, publishButton, publishSay)), list));
  let since;
  let shown;

  async function load() {
    say.className = 'say';
    say.textContent = 'Comparing the documents with the edition…';
    const { status, body } = await api(`/api/changes${since ? `?since=${encodeURIComponent(since)}` : ''}`);
    if (status !== 200) {
      say.className = 'say bad';
      say.textContent = body.message;
      return;
    }
    shown = body;
    draw(body);
  }

  function draw(body) {
    if (!body.editions.length) {
      head.replaceChildren(h('p', {}, 'No edition has been published yet. Publish one when the documents are ready: later changes are shown against it.'));
      say.textContent = '';
      list.replaceChildren();
      return;
    }
    const pick = h('select', { id: 'edition', onchange: (e) => { since = e.target.value; load(); } }, ...body.editions.map((e) => h('option', { value: e.name, selected: e.name === body.edition.name }, `${e.name} (${e.documents} documents, by ${e.by || 'someone'})`)));
    head.replaceChildren(h('div', { class: 'field' }, h('label', { for: 'edition' }, 'Compare with the edition'), pick), h('p', { class: 'explain' }, `Published ${when(body.edition.date)}${body.edition.by ? ` by ${body.edition.by}` : ''}.`));
    const count = (s) => body.documents.filter((d) => d.state === s).length;
    const approved = body.documents.filter((d) => d.approved).length;
    say.className = 'say good';
    say.textContent = body.documents.length
      ? `${plural(count('changed'), 'document')} changed, ${count('added')} added, ${count('removed')} removed, ${body.unchanged} unchanged; ${approved} of ${body.documents.filter((d) => d.state !== 'removed').length} approved.${body.building ? ' (The documents are being made again: reload this page when they are done.)' : ''}`
      : `Nothing changed: all ${body.unchanged} documents are as published.`;
    list.replaceChildren(...body.documents.map((d) => documentReview(d, load)));
  }

  async function publishNow() {
    const waiting = shown?.documents?.filter((d) => d.state !== 'removed' && !d.approved).map((d) => d.path) ?? [];
    const question = waiting.length ? `${plural(waiting.length, 'changed document')} not approved yet: ${waiting.slice(0, 8).join(', ')}${waiting.length > 8 ? ', …' : ''}.\n\nPublish an edition all the same?` : 'Publish an edition of the documents as they are now? Their PDFs are copied to editions/ with a manifest.';
    if (!confirm(question)) return;
    publishButton.disabled = true;
    publishSay.className = 'say';
    publishSay.textContent = 'Publishing: waiting for the documents to be up to date, then copying them…';
    const { status, body } = await api('/api/publish', {});
    publishButton.disabled = false;
    if (status !== 200) {
      publishSay.className = 'say bad';
      publishSay.textContent = `Not published: ${body.message}`;
      return;
    }
    publishSay.className = 'say good';
    publishSay.textContent = `Edition ${body.edition.name} published: ${plural(body.edition.documents, 'document')} in editions/${body.edition.name}/.${body.unapproved.length ? ` ${plural(body.unapproved.length, 'document')} had not been approved.` : ''}`;
    since = undefined;
    await load();
  }

  load();
  return { update() {} };
}

const when = (iso) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function documentReview(d, reload) {
  const state = studio.state?.documents.find((x) => x.id === d.id && x.lang === d.lang && (x.kind === 'booklet') === (d.kind === 'booklet'));
  const title = state?.title ?? d.id;
  const what = d.state === 'added' ? 'new since the edition' : d.state === 'removed' ? 'no longer made' : d.textChanged ? `${plural(d.changes.length, 'text change')} on page ${d.pages.join(', ')}` : 'layout only: no text changed';
  const note = h('span', { class: 'approval', role: 'status' }, d.approval && d.approved ? `Approved by ${d.approval.by}, ${when(d.approval.at)}` : '');
  const approve = d.state === 'removed' ? null : h('button', { type: 'button', class: 'button secondary', 'aria-pressed': String(d.approved), onclick: async () => {
    approve.disabled = true;
    const { status, body } = await api('/api/approve', { path: d.path, approved: !d.approved });
    approve.disabled = false;
    if (status !== 200) {
      note.textContent = `Not recorded: ${body.message}`;
      return;
    }
    d.approved = body.approved;
    d.approval = body.approval;
    approve.setAttribute('aria-pressed', String(d.approved));
    approve.textContent = d.approved ? 'Approved' : 'Approve';
    note.textContent = d.approved ? `Approved by ${body.approval.by}, ${when(body.approval.at)}` : 'Approval taken back';
  } }, d.approved ? 'Approved' : 'Approve');
  return h('section', { class: `panel review-doc ${d.state}`, 'data-doc': d.path, 'aria-labelledby': `title-${d.path.replace(/\W/g, '-')}` },
    h('header', {}, h('h2', { id: `title-${d.path.replace(/\W/g, '-')}` }, h('bdi', { dir: directionOf(d.lang), lang: d.lang }, title)),
      h('p', {}, `${KINDS[d.kind]} · `, h('bdi', { lang: d.lang }, languageName(d.lang)), ` · ${d.path} · `, h('strong', {}, what)),
      h('div', { class: 'approve' }, approve, note)),
    textChanges(d),
    pagesCompared(d, title));
}

/** The changes in words: a few words of context, the words that went struck, the new ones inserted. */
function textChanges(d) {
  if (!d.changes.length) return null;
  const dir = directionOf(d.lang);
  return h('ol', { class: 'text-changes' }, ...d.changes.slice(0, 40).map((c) => h('li', {},
    h('span', { class: 'where' }, `Page ${c.page}: `),
    h('span', { dir, lang: d.lang }, c.before ? `…${c.before} ` : '',
      c.removed ? h('del', {}, h('span', { class: 'visually-hidden' }, 'removed: '), c.removed) : null, c.removed && c.added ? ' ' : null,
      c.added ? h('ins', {}, h('span', { class: 'visually-hidden' }, 'added: '), c.added) : null, c.after ? ` ${c.after}…` : ''))),
  d.changes.length > 40 ? h('li', {}, `and ${d.changes.length - 40} more`) : null);
}

/** The pages to compare: each changed page as published and now; the first page otherwise. */
function pagesCompared(d, title) {
  const pairs = [];
  for (const c of d.changes) if (!pairs.some((p) => p.before === c.pageBefore && p.after === c.page)) pairs.push({ before: c.pageBefore, after: c.page });
  if (!pairs.length) pairs.push({ before: 1, after: 1 });
  return h('div', { class: 'review-pages' }, ...pairs.slice(0, SHOWN_PAIRS).map((p) => h('div', { class: 'compare' },
    column('As published', d.pdfBefore, p.before, d.changes.filter((c) => c.pageBefore === p.before).flatMap((c) => c.boxesBefore), 'removed', title),
    column('Now', d.pdfAfter, p.after, d.changes.filter((c) => c.page === p.after).flatMap((c) => c.boxes), 'added', title))));
}

function column(label, url, page, boxes, kind, title) {
  const wrap = h('div', { class: 'page-wrap' });
  const fig = h('figure', { class: 'compare-column' }, h('figcaption', {}, h('span', {}, h('strong', {}, label), url ? `, page ${page}` : ''), url ? h('a', { href: url, target: '_blank' }, 'Open the PDF') : null), wrap);
  if (!url) wrap.append(h('p', { class: 'note' }, label === 'Now' ? 'No longer made.' : 'Not in the edition.'));
  else drawWithMarks(url, page, wrap, boxes, kind, `${title}, ${label.toLowerCase()}: page ${page}`);
  return fig;
}

async function drawWithMarks(url, n, wrap, boxes, kind, label) {
  const pdf = await openPdf(url);
  if (n > pdf.numPages) return;
  const canvas = wrap.appendChild(h('canvas', { role: 'img', 'aria-label': label }));
  await drawPage(url, n, canvas, Math.max(220, wrap.clientWidth));
  const { width, height } = (await pdf.getPage(n)).getViewport({ scale: 1 });
  // Where the words are: decorative (the list above says what changed).
  for (const [x, y, w, hgt] of boxes) {
    wrap.append(h('span', { class: `word-mark ${kind}`, 'aria-hidden': 'true', style: `left:${((x - 1) / width) * 100}%;top:${((height - y - hgt) / height) * 100}%;width:${((w + 2) / width) * 100}%;height:${((hgt * 1.25) / height) * 100}%` }));
  }
  wrap.dataset.drawn = 'true';
}
