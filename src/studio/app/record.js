// A record's tools beside its pages — open or download its PDF, its history, rename, delete —
// and its history page: each change (who, when, the fields, word by word), restore a version
// or undo a change (a delete too). The server side is ../records.ts.
import { h, api, studio, directionOf, fillGauge, languageName, plural, problemList } from '/app/dom.js';

const KIND_WORDS = { save: 'Edited', create: 'Created', delete: 'Deleted', rename: 'Renamed', restore: 'Restored', import: 'Translations imported', commit: 'Committed' };
const when = (iso) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** What can be done with a document and its record, under its form or facts. */
export function recordTools(doc) {
  const say = h('p', { class: 'tool-note', role: 'status', 'aria-live': 'polite' });
  const problems = h('div');
  const file = doc.file;
  const name = doc.pdf.replace(/\?.*$/, '').split('/').pop();
  const buttons = [
    h('a', { class: 'button secondary small', href: doc.pdf, target: '_blank', rel: 'noopener' }, 'Open the PDF'),
    h('a', { class: 'button secondary small', href: doc.pdf, download: `${doc.lang}-${name}` }, 'Download the PDF'),
  ];
  if (file && doc.kind !== 'booklet') {
    buttons.push(
      h('a', { class: 'button secondary small', href: `#/history/${encodeURIComponent(file)}` }, 'History'),
      h('button', { type: 'button', class: 'button secondary small', onclick: () => rename() }, 'Rename…'),
      h('button', { type: 'button', class: 'button secondary small danger', onclick: () => remove() }, 'Delete…'),
    );
  }
  const what = doc.kind === 'factsheet' ? 'factsheet' : 'action';

  async function rename() {
    const id = window.prompt(`New id for this ${what} (it names its file and its PDFs: lower-case letters, digits and "-"). The booklet's lists and the translations' bookkeeping follow.`, doc.id);
    if (!id || id === doc.id) return;
    say.className = 'tool-note';
    say.textContent = `Renaming to ${id}…`;
    const { status, body } = await api('/api/rename', { file, id });
    if (status !== 200) return refused(body, 'Not renamed');
    location.hash = `#/doc/${doc.lang}/${encodeURIComponent(id)}`;
  }

  async function remove() {
    const langs = studio.state.documents.filter((d) => d.id === doc.id && d.kind !== 'booklet').map((d) => d.lang.toUpperCase());
    const question = `Delete the ${what} "${doc.title}"?\n\nWhat goes: its data file ${file}, its PDFs in out/ (${langs.join(', ')}), and its pages in the booklets.\n\nYou can undo this from its history or from the message shown after.`;
    if (!window.confirm(question)) return;
    say.className = 'tool-note';
    say.textContent = 'Deleting…';
    const { status, body } = await api('/api/delete', { file });
    if (status !== 200) return refused(body, 'Not deleted');
    studio.lastDeleted = { file, title: doc.title, group: body.group };
    location.hash = '#/';
  }

  function refused(body, what) {
    say.className = 'tool-note bad';
    say.textContent = `${what}: ${body.message}`;
    problems.replaceChildren(...problemList(body.problems ?? []));
  }

  const fit = doc.fill !== undefined ? h('p', { class: 'fit' }, fillGauge(doc), ` of the columns' room used, body text ${doc.bodySize ?? studio.state.defaultBodySize} pt${doc.bodySize && doc.bodySize !== studio.state.defaultBodySize ? ` (standard ${studio.state.defaultBodySize} pt)` : ''}`) : null;
  return h('div', { class: 'panel record-tools' }, h('h2', {}, doc.kind === 'booklet' ? 'This booklet' : `This ${what}`), fit, h('div', { class: 'tool-buttons' }, ...buttons), say, problems, printTools(doc));
}

/** Print-shop file, handouts and preflight of this document (made on the server into out/print/ and out/handouts/). */
function printTools(doc) {
  const path = doc.pdf.replace(/^\/files\/out\//, '').replace(/\?.*$/, '');
  const result = h('div', { class: 'print-result', role: 'status', 'aria-live': 'polite' });
  const others = (studio.state?.documents ?? []).filter((d) => d.id === doc.id && d.kind === doc.kind && d.lang !== doc.lang).map((d) => d.lang);
  const back = others.length ? h('select', { id: `back-${doc.lang}`, 'aria-label': 'Language on the back' }, ...others.map((l) => h('option', { value: l }, languageName(l)))) : null;
  // The booklet's language: every action sheet of it, in its order (the handouts of all actions).
  const allBack = doc.kind === 'booklet' ? h('select', { id: `all-back-${doc.lang}`, 'aria-label': 'Language on the back of every sheet' }, ...(studio.state?.languages ?? []).filter((l) => l.code !== doc.lang).map((l) => h('option', { value: l.code }, l.name))) : null;
  const job = (kind, label, extra = {}, route = '/api/print') => h('button', { type: 'button', class: 'button secondary small', onclick: async (e) => {
    const button = e.currentTarget;
    button.disabled = true;
    result.className = 'print-result';
    result.replaceChildren(kind === 'preflight' ? 'Checking the PDF…' : 'Making the file…');
    const request = route === '/api/print' ? { path, kind, ...extra, ...(kind === 'duplex' ? { back: back.value } : {}) } : { lang: doc.lang, kind, ...(kind === 'duplex' ? { back: allBack.value } : {}) };
    const { status, body } = await api(route, request);
    button.disabled = false;
    if (status !== 200 && !body.lines) {
      result.className = 'print-result bad';
      result.replaceChildren(`Not made: ${body.message}`);
      return;
    }
    if (body.lines) {
      result.className = body.problems ? 'print-result bad' : 'print-result good';
      result.replaceChildren(h('strong', {}, body.problems ? `Preflight: ${plural(body.problems, 'problem')}` : 'Preflight: no problem found'), h('ul', { class: 'preflight-lines' }, ...body.lines.map((l) => h('li', {}, l))));
      return;
    }
    result.className = 'print-result good';
    result.replaceChildren(h('ul', {}, ...body.made.map((f) => h('li', {}, h('a', { href: f.url, download: f.file.split('/').pop() }, `Download ${f.file.split('/').pop()}`), ` (${f.detail})`))),
      ...body.notes.map((n) => h('p', { class: 'note' }, `Note: ${n}`)), ...body.failures.map((n) => h('p', { class: 'note bad' }, n)));
  } }, label);
  const buttons = [job('print', 'Print-shop file (bleed, crop marks, PDF/X)')];
  if (doc.kind === 'booklet') {
    buttons.push(job('booklet-a5', 'Folded A5 booklet for the office printer'));
    buttons.push(job('2up', 'Every action sheet, two per A4 sheet', {}, '/api/print/all'));
    if (allBack.options.length) buttons.push(h('span', { class: 'duplex' }, job('duplex', 'Every action, two-language handout, back in', {}, '/api/print/all'), allBack));
  }
  else {
    buttons.push(job('2up', 'Two copies per A4 sheet'));
    if (back) buttons.push(h('span', { class: 'duplex' }, job('duplex', 'Two-language handout, back in'), back));
  }
  buttons.push(job('preflight', 'Preflight'));
  return h('details', { class: 'print-tools' }, h('summary', {}, 'Print, handouts, preflight'), h('div', { class: 'tool-buttons' }, ...buttons), result);
}

/** After a delete, on the overview: what went, and Undo. */
export function deletedBanner(onUndone) {
  const d = studio.lastDeleted;
  if (!d) return null;
  const say = h('span', { role: 'status' });
  const banner = h('div', { class: 'banner info', role: 'status' }, h('div', {}, h('strong', {}, `Deleted: ${d.title}`), ` (${d.file}). `, say),
    h('button', { type: 'button', class: 'button secondary small', onclick: async () => {
      const { status, body } = await api('/api/history/undo', { group: d.group });
      if (status !== 200) {
        say.textContent = `Not undone: ${body.message}`;
        return;
      }
      studio.lastDeleted = undefined;
      banner.remove();
      onUndone?.();
    } }, 'Undo'),
    h('button', { type: 'button', class: 'button secondary small', onclick: () => { studio.lastDeleted = undefined; banner.remove(); } }, 'Dismiss'));
  return banner;
}

/** A record's history: its versions, newest first; each opens to its changes, and can be restored or undone. */
export function historyView(main, file) {
  const say = h('p', { class: 'say', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'versions' });
  const heading = h('h1', {}, 'History');
  main.replaceChildren(h('div', { class: 'history' }, h('div', { class: 'panel' }, h('header', {}, heading, h('p', {}, h('code', {}, file))), say, list)));

  /** The versions again; `done`: what was just done, said above them (the version's own panel is redrawn). */
  async function load(done) {
    const { status, body } = await api(`/api/history?file=${encodeURIComponent(file)}`);
    if (status !== 200) {
      say.className = 'say bad';
      say.textContent = body.message;
      return;
    }
    const record = studio.state?.records.find((r) => r.file === file);
    heading.textContent = `History of ${record ? Object.values(record.langs)[0]?.title || record.id : file.split('/').pop()}`;
    say.className = done ? 'say good' : 'say';
    say.textContent = `${done ? `${done} ` : ''}${body.versions.length ? `${plural(body.versions.length, 'change')}, newest first.${body.exists ? '' : ' The record is deleted: restore a version to bring it back.'}` : 'No change recorded yet: each save in the studio is recorded here (in a git repository, its commits too).'}`;
    list.replaceChildren(...body.versions.map((v, i) => version(v, i === 0)));
  }

  function version(v, newest) {
    const changes = h('div', { class: 'version-changes' });
    const details = h('details', { ontoggle: () => details.open && !changes.dataset.loaded && show() },
      h('summary', {}, h('span', { class: 'when' }, when(v.at)), ' ', h('span', { class: 'who' }, v.by), ' · ', h('strong', {}, KIND_WORDS[v.kind] ?? v.kind), v.kind === 'commit' && v.message ? ` “${v.message}”` : '', v.from ? ` from ${v.from}` : '', v.fields.length ? `: ${v.fields.slice(0, 6).join(', ')}${v.fields.length > 6 ? `, ${v.fields.length - 6} more` : ''}` : '', v.commit ? h('span', { class: 'commit' }, ` · commit ${v.commit.slice(0, 8)}`) : ''),
      changes);
    async function show() {
      changes.dataset.loaded = 'true';
      const { status, body } = await api(`/api/history/version?file=${encodeURIComponent(file)}&id=${encodeURIComponent(v.id)}`);
      if (status !== 200) return changes.replaceChildren(h('p', { class: 'say bad' }, body.message));
      const actions = h('div', { class: 'version-actions' });
      const result = h('p', { class: 'say', role: 'status', 'aria-live': 'polite' });
      if (body.exists && !newest) actions.append(h('button', { type: 'button', class: 'button secondary small', onclick: () => act('/api/history/restore', { file, id: v.id }, 'Restore the record as it was after this change? It is saved as a new change (nothing in the history is lost).', result) }, 'Restore this version'));
      if (v.group) actions.append(h('button', { type: 'button', class: 'button secondary small', onclick: () => act('/api/history/undo', { group: v.group }, 'Undo this change? The record goes back to what it was before it, as a new change.', result) }, 'Undo this change'));
      changes.replaceChildren(fieldList(body.fields), actions, result);
    }
    return h('li', {}, details);
  }

  async function act(path, request, question, result) {
    if (!window.confirm(question)) return;
    result.className = 'say';
    result.textContent = 'Checking and saving…';
    const { status, body } = await api(path, request);
    if (status !== 200) {
      result.className = 'say bad';
      result.replaceChildren(`Not done: ${body.message}`, ...problemList(body.problems ?? []));
      return;
    }
    await load(body.unchanged ? 'The record is already as in that version.' : 'Done: saved as a new change. The documents are being made again.');
  }

  load();
  return { update() {} };
}

/** A change's fields: the words removed struck, the words added marked. */
function fieldList(fields) {
  if (!fields.length) return h('p', { class: 'explain' }, 'No field changed (only the layout of the file: comments, order or spacing).');
  return h('dl', { class: 'changed-texts' }, ...fields.flatMap((f) => {
    const lang = /^([a-z]{2})\./.exec(f.field)?.[1];
    // Words removed then added side by side get a space between them, as the reader expects.
    const parts = f.words.flatMap((w, i) => [i && w.added && f.words[i - 1].removed ? ' ' : null, w.added ? h('ins', {}, h('span', { class: 'visually-hidden' }, 'added: '), w.text) : w.removed ? h('del', {}, h('span', { class: 'visually-hidden' }, 'removed: '), w.text) : w.text]);
    return [h('dt', {}, f.field), h('dd', lang ? { lang, dir: directionOf(lang) } : {}, ...parts)];
  }));
}
