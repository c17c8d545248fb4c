// The action form: every field of a data/actions/<id>.yaml record, checked as it is typed
// (the server runs the same validation as `brochure validate`, and the fonts' check), saved
// through src/edit after every check a build makes (fitting included). Saving is an explicit
// act: the Save button, or Ctrl/⌘-S; Enter never saves. A file changed on disk while it is
// edited here is shown, with what changed, and the choice to reload or to keep these edits.
import { h, api, studio, directionOf as dirOf, languageCodes, languageName, onConnection, problemLine } from '/app/dom.js';
import { field, languageFields, partnersEditor, recommendationsPicker, targetsPicker, text } from '/app/fields.js';

const slug = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').split('-').slice(0, 5).join('-');

const blankLanguage = (status) => ({ status, title: '', objective: '', activities: [''], results: [''] });

export function actionForm(opts) {
  const form = new ActionForm(opts);
  return { el: form.el, ready: form.ready, update: () => form.followDisk() };
}

/** One record being edited: its text as opened (a save over a changed file is a conflict), the draft, its problems. */
class ActionForm {
  constructor({ file, create = false, lang = 'fr', onSaved }) {
    Object.assign(this, { file, create, onSaved, tab: lang, id: '', idEdited: false, dirty: false, problems: [], conflict: undefined, note: '', pendingSave: false });
    this.previewLang = create ? undefined : lang; // the language of the PDF beside the form
    this.el = h('form', { class: 'panel record', novalidate: true, onsubmit: (e) => e.preventDefault(), onkeydown: (e) => this.keys(e) });
    this.say = h('span', { class: 'say', role: 'status', 'aria-live': 'polite' });
    this.saveButton = h('button', { class: 'button', type: 'button', id: 'save', onclick: () => this.save() }, create ? 'Create action' : 'Save');
    this.revertButton = h('button', { class: 'button secondary', type: 'button', onclick: () => this.revert() }, create ? 'Clear' : 'Revert');
    this.conflictBox = h('div', { class: 'conflict-banner' });
    this.ctx = this.fieldContext();
    // A save that could not reach the server is made when the connection is back.
    onConnection((online) => { if (online && this.pendingSave) this.save(); else this.sayState(); });
    this.ready = studio.catalogues ? this.load() : Promise.resolve();
  }

  /** Enter in a one-line field does nothing (it never submits); Ctrl/⌘-S saves. */
  keys(e) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      this.save();
    } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type !== 'button' && e.target.type !== 'submit') e.preventDefault();
  }

  async load() {
    if (this.create) {
      this.draft = { country: '', cities: [''], targets: [], recommendations: [], fr: blankLanguage('final') };
      this.before = undefined;
    } else {
      const { status, body } = await api(`/api/record?file=${encodeURIComponent(this.file)}`);
      if (status !== 200) return this.sayState(body.message);
      this.before = body.text;
      this.opened = body.value;
      this.draft = structuredClone(body.value);
    }
    Object.assign(this, { dirty: false, conflict: undefined, problems: [] });
    this.conflictBox.replaceChildren();
    this.draw();
    if (!this.create) this.check();
  }

  revert() {
    if (this.dirty && !window.confirm('Undo every change made here since the last save?')) return;
    this.load();
  }

  changed(structural) {
    this.dirty = true;
    this.note = '';
    if (structural) this.draw();
    else this.sayState();
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.check(), 300);
  }

  async check() {
    const target = this.create ? `data/actions/${this.id || 'new-action'}.yaml` : this.file;
    const { status, body } = await api('/api/check', { file: target, before: this.before, value: clean(this.draft), create: this.create });
    if (status === 0) return this.sayState();
    this.problems = status === 200 ? body.problems : [{ message: body.message, severity: 'error' }];
    this.showProblems();
  }

  async save() {
    clearTimeout(this.checkTimer);
    const target = this.create ? `data/actions/${this.id}.yaml` : this.file;
    if (this.create && !/^[a-z0-9][a-z0-9-]*$/.test(this.id)) {
      this.problems = [{ field: 'id', message: 'expected an id of small letters, digits and dashes, e.g. rabat-data', severity: 'error' }];
      return this.showProblems();
    }
    this.saveButton.disabled = true;
    this.say.className = 'say';
    this.say.textContent = 'Checking every page, then saving…';
    const { status, body } = await api('/api/save', { file: target, before: this.before, value: clean(this.draft), create: this.create, lang: this.previewLang ?? this.tab });
    this.saveButton.disabled = false;
    this.pendingSave = status === 0;
    if (status === 0) return this.sayState(`Not saved: ${body.message} It will be saved when the studio is back.`);
    if (status === 200) {
      Object.assign(this, { before: body.text, opened: clean(this.draft), dirty: false, conflict: undefined, problems: body.problems ?? [], note: 'Saved. The new pages follow in a moment.' });
      this.conflictBox.replaceChildren();
      this.showProblems();
      if (this.create) this.onSaved(this.id, this.tab);
    } else if (status === 409 && body.conflict) {
      this.showConflict();
    } else {
      this.problems = body.problems ?? [{ message: body.message, severity: 'error' }];
      this.showProblems('Not saved: fix the problems marked below. Nothing was written.');
    }
  }

  sayState(message) {
    const errors = this.problems.filter((p) => p.severity === 'error').length;
    const warnings = this.problems.length - errors;
    this.say.className = 'say' + (errors ? ' bad' : this.note ? ' good' : '');
    this.say.textContent = message ?? (!studio.online ? 'Connection lost: your edits are kept here.' : errors ? `${errors} problem${errors === 1 ? '' : 's'} to fix before saving` : this.note || (this.dirty ? `Unsaved changes${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'}: they do not stop a save)` : ''}` : this.create ? 'Fill in the fields, then create the action.' : 'No changes'));
  }

  showProblems(message) {
    placeProblems(this.el, this.problems, this.tab);
    this.sayState(message);
  }

  /** What the field widgets (./fields.js) need of the form. */
  fieldContext() {
    const form = this;
    return {
      get draft() { return form.draft; },
      get tab() { return form.tab; },
      create: this.create,
      el: this.el,
      changed: (structural) => this.changed(structural),
      focusAfter: (key) => { this.focusKey = key; },
      addLanguage: (l) => { this.draft[l] = blankLanguage('draft'); this.changed(true); },
      onTitle: (x) => {
        if (!this.create || this.idEdited) return;
        this.id = slug(x);
        const i = this.el.querySelector('#action-id');
        if (i) i.value = this.id;
      },
      fail: (field, message) => { this.problems = [{ field, message, severity: 'error' }]; this.showProblems(); },
    };
  }

  /** The form drawn again from the draft; the keyboard focus stays where it was (or goes where an action sent it). */
  draw() {
    const { draft, tab, create, ctx } = this;
    if (!draft || !studio.catalogues) return;
    const active = this.el.contains(document.activeElement) ? document.activeElement?.getAttribute('data-key') : undefined;
    const focus = this.focusKey ?? active;
    this.focusKey = undefined;
    const countries = studio.catalogues.countries;
    const title = draft[tab]?.title || draft.fr?.title || draft.en?.title || 'New action';
    this.el.replaceChildren(...[
      h('header', {}, h('h1', { dir: dirOf(tab), lang: tab, id: 'form-title' }, create ? 'New action' : title), h('p', {}, create ? 'Creates a new file in data/actions/. Everything can be changed later.' : this.file)),
      this.conflictBox,
      h('div', { class: 'form-banner' }),
      h('fieldset', {}, h('legend', {}, 'Place'),
        create ? field('Id (file name)', h('input', { id: 'action-id', 'data-field': 'id', 'data-key': 'id', value: this.id, placeholder: 'derived from the title', oninput: (e) => { this.id = e.target.value; this.idEdited = true; } })) : null,
        h('div', { class: 'row' },
          field('Country', h('select', { 'data-field': 'country', 'data-key': 'country', onchange: (e) => { draft.country = e.target.value; this.changed(false); } }, h('option', { value: '' }, 'Choose…'), ...countries.map((c) => h('option', { value: c.code, selected: draft.country === c.code }, `${c.labels.en ?? c.code} (${c.code})`)))),
          field('Acronym', text(ctx, 'acronym', draft.acronym, (x) => (draft.acronym = x), { placeholder: 'optional' }))),
        field('Cities (comma-separated)', text(ctx, 'cities', (draft.cities ?? []).join(', '), (x) => (draft.cities = x.split(',').map((s) => s.trim()))))),
      targetsPicker(ctx),
      recommendationsPicker(ctx),
      create ? null : partnersEditor(ctx),
      h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Language of the texts' }, ...languageCodes().map((l) => h('button', { type: 'button', role: 'tab', id: `tab-${l}`, 'data-key': `tab:${l}`, 'data-lang': l, 'aria-selected': String(l === tab), 'aria-controls': 'language-panel', tabindex: l === tab ? '0' : '-1', onclick: () => this.showTab(l), onkeydown: (e) => this.tabKeys(e, l) }, languageName(l), draft[l] ? '' : ' +'))),
      h('div', { role: 'tabpanel', id: 'language-panel', 'aria-labelledby': `tab-${tab}` }, languageFields(ctx)),
      h('div', { class: 'actions' }, this.say, this.revertButton, this.saveButton),
    ].filter(Boolean));
    if (focus) this.el.querySelector(`[data-key="${CSS.escape(focus)}"]`)?.focus();
    this.showProblems();
  }

  showTab(l) {
    this.tab = l;
    this.focusKey = `tab:${l}`;
    this.draw();
  }

  /** The language tabs as a tab list: arrow keys move between them. */
  tabKeys(e, l) {
    const codes = languageCodes();
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    e.preventDefault();
    this.showTab(codes[(codes.indexOf(l) + step + codes.length) % codes.length]);
  }

  /**
   * The file changed on disk while it was edited here: say what changed there, and offer to
   * reload it (losing the edits made here, after a confirmation) or to keep these edits, seeing
   * both versions side by side; a save then writes these edits over the file as it is now.
   */
  async showConflict() {
    const { status, body } = await api(`/api/record?file=${encodeURIComponent(this.file)}`);
    if (status !== 200) return this.sayState(body.message);
    this.conflict = body;
    const theirs = differences(this.opened, body.value);
    const reload = () => { if (window.confirm('Reload the file as it is on disk now? The changes you made here will be lost.')) this.load(); };
    const keep = () => this.compare();
    this.conflictBox.replaceChildren(h('div', { class: 'banner conflict', role: 'alert' }, h('div', {},
      h('strong', {}, 'This file was changed on disk since you opened it (another editor, or a colleague). Nothing was saved.'),
      theirs.length ? h('p', {}, 'Changed on disk:') : h('p', {}, 'Its layout changed on disk, not its values.'),
      theirs.length ? h('ul', { class: 'changes' }, ...theirs.slice(0, 20).map((d) => h('li', {}, h('code', {}, d.path), ': ', h('del', {}, show(d.before)), ' → ', h('ins', {}, show(d.after))))) : null,
      h('div', { class: 'choices' },
        h('button', { type: 'button', class: 'button small', id: 'conflict-reload', onclick: reload }, 'Reload from disk (lose my changes)'),
        h('button', { type: 'button', class: 'button small secondary', id: 'conflict-keep', onclick: keep }, 'Keep my changes and compare')))));
    this.sayState('Not saved: the file changed on disk. Choose below.');
    this.conflictBox.querySelector('#conflict-keep')?.focus();
  }

  /**
   * Both versions side by side, field by field. The edits made here are laid over the file as it
   * is on disk now (what changed there and not here is kept); a save then writes the result.
   */
  compare() {
    const disk = this.conflict;
    let merged = structuredClone(disk.value);
    for (const d of differences(this.opened, clean(this.draft))) {
      if (d.keys.length) setAt(merged, d.keys, d.after);
      else merged = structuredClone(d.after);
    }
    this.draft = merged;
    this.draw();
    const rows = differences(disk.value, clean(this.draft));
    this.before = disk.text; // a save now writes these edits over the file as it is on disk
    this.opened = disk.value;
    this.conflictBox.replaceChildren(h('div', { class: 'banner compare', role: 'region', 'aria-label': 'Your version and the file on disk' }, h('div', {},
      h('strong', {}, rows.length ? 'Where your version and the file on disk differ (Save writes yours):' : 'Your version and the file on disk now agree.'),
      rows.length ? h('table', { class: 'side-by-side' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'On disk now'), h('th', { scope: 'col' }, 'Yours'))),
        h('tbody', {}, ...rows.map((d) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, d.path)), h('td', {}, show(d.before)), h('td', {}, show(d.after)))))) : null)));
    this.dirty = true;
    this.sayState('Your edits are kept: Save writes them over the file as it is on disk now.');
  }

  /** A change on disk (another editor, a git pull): taken in when nothing is being edited here; a conflict otherwise. */
  async followDisk() {
    if (this.create || !this.before) return;
    const { status, body } = await api(`/api/record?file=${encodeURIComponent(this.file)}`);
    if (status !== 200 || body.text === this.before) return this.sayState();
    if (!this.dirty) {
      await this.load();
      this.note = 'Updated from the file on disk.';
      this.sayState();
    } else if (!this.conflict) {
      this.showConflict();
    }
  }
}

/** Values at every path where two records differ (a list item, a text), in reading order. */
function differences(a, b, path = '', keys = []) {
  const isObj = (v) => v && typeof v === 'object';
  // Nothing and an empty field (a list the form shows empty) are no difference.
  const empty = (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  if (JSON.stringify(a) === JSON.stringify(b) || (empty(a) && empty(b))) return [];
  // Lists of another length are compared whole (an item added or removed shifts the rest).
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b) && (!Array.isArray(a) || a.length === b.length)) {
    const ks = Array.isArray(a) ? [...a.keys()] : [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return ks.flatMap((k) => differences(a[k], b[k], Array.isArray(a) ? `${path}[${k + 1}]` : path ? `${path}.${k}` : k, [...keys, k]));
  }
  return [{ path, keys, before: a, after: b }];
}

/** Set a value at a path of keys (undefined removes it), making maps on the way. */
function setAt(obj, keys, value) {
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] && typeof o[k] === 'object' ? o[k] : (o[k] = {});
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = structuredClone(value);
}

const show = (v) => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

/** The record as it is written: empty optional fields are left out. */
function clean(v) {
  const out = structuredClone(v);
  for (const k of ['acronym']) if (out[k] === '') delete out[k];
  if (Array.isArray(out.cities)) out.cities = out.cities.filter((c) => c.trim() !== '' || out.cities.length === 1);
  if (out.cities?.length === 1 && out.cities[0] === '') out.cities = [];
  for (const l of languageCodes()) if (out[l] && out[l].subtitle === '') delete out[l].subtitle;
  for (const p of out.partners ?? []) for (const k of ['logo', 'alt']) if (p[k] === '') delete p[k];
  return out;
}

/**
 * Each problem at its field (or the nearest field holding it), errors and warnings told apart,
 * a dot on the tab of another language with problems, and those that belong to no field in
 * the form's banner (with their file, line and column).
 */
function placeProblems(el, problems, tab) {
  for (const m of el.querySelectorAll('.message')) m.remove();
  for (const x of el.querySelectorAll('[data-invalid]')) x.removeAttribute('data-invalid');
  for (const d of el.querySelectorAll('.tabs .dot')) d.remove();
  const general = [];
  const parent = (f) => f.replace(/(\[\d+\]|\.[^.[]+)$/, '');
  for (const p of problems) {
    const field = p.field ?? '';
    const lang = field.split('.')[0];
    if (languageCodes().includes(lang) && lang !== tab) el.querySelector(`.tabs [data-lang="${lang}"]`)?.append(h('span', { class: 'dot', role: 'img', 'aria-label': 'has problems' }));
    let target;
    for (let f = field; f && !target; f = parent(f) === f ? '' : parent(f)) target = el.querySelector(`[data-field="${CSS.escape(f)}"]`);
    if (!target) {
      general.push(p);
      continue;
    }
    if (p.severity === 'error') target.setAttribute('data-invalid', '');
    const msg = h('span', { class: `message ${p.severity}`, 'data-for': field }, p.severity === 'error' ? '' : 'Warning: ', (target.dataset.field !== field ? `${field}: ` : '') + p.message);
    (target.closest('.field, .item, fieldset') ?? target).append(msg);
  }
  const box = el.querySelector('.form-banner');
  box?.replaceChildren(...(general.length ? [h('div', { class: `banner ${general.some((p) => p.severity === 'error') ? 'error' : 'warning'}`, role: 'alert' }, h('ul', {}, ...general.map((p) => h('li', {}, p.severity === 'error' ? '' : 'Warning: ', problemLine(p)))))] : []));
}
