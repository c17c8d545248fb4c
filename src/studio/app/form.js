// The action form: every field of a data/actions/<id>.yaml record, checked as it is typed
// (the server runs the same validation as `brochure validate`), saved through src/edit.
import { h, api, studio, directionOf as dirOf, languageCodes, languageName } from '/app/dom.js';
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
    Object.assign(this, { file, create, onSaved, tab: lang, id: '', idEdited: false, dirty: false, problems: [], conflict: false, note: '' });
    this.previewLang = create ? undefined : lang; // the language of the PDF beside the form
    this.el = h('form', { class: 'panel record', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.save(); } });
    this.say = h('span', { class: 'say', role: 'status', 'aria-live': 'polite' });
    this.saveButton = h('button', { class: 'button', type: 'submit', id: 'save' }, create ? 'Create action' : 'Save');
    this.revertButton = h('button', { class: 'button secondary', type: 'button', onclick: () => this.load() }, create ? 'Clear' : 'Revert');
    this.ctx = this.fieldContext();
    this.ready = studio.catalogues ? this.load() : Promise.resolve();
  }

  async load() {
    if (this.create) {
      this.draft = { country: '', cities: [''], targets: [], recommendations: [], fr: blankLanguage('final') };
      this.before = undefined;
    } else {
      const { body } = await api(`/api/record?file=${encodeURIComponent(this.file)}`);
      this.before = body.text;
      this.draft = body.value;
    }
    Object.assign(this, { dirty: false, conflict: false, problems: [] });
    this.draw();
    if (!this.create) this.check();
  }

  changed(structural) {
    this.dirty = true;
    this.note = '';
    if (structural) this.draw();
    else this.sayState();
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.check(), 250);
  }

  async check() {
    const target = this.create ? `data/actions/${this.id || 'new-action'}.yaml` : this.file;
    const { status, body } = await api('/api/check', { file: target, before: this.before, value: clean(this.draft), create: this.create });
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
    this.say.textContent = 'Saving…';
    const { status, body } = await api('/api/save', { file: target, before: this.before, value: clean(this.draft), create: this.create, lang: this.previewLang ?? this.tab });
    this.saveButton.disabled = false;
    if (status === 200) {
      Object.assign(this, { before: body.text, dirty: false, problems: body.problems ?? [], note: 'Saved. Rendering the new pages…' });
      this.showProblems();
      if (this.create) this.onSaved(this.id, this.tab);
    } else if (status === 409) {
      Object.assign(this, { conflict: body.conflict, problems: [], note: '' });
      this.draw();
      if (!this.conflict) this.say.textContent = body.message;
    } else {
      this.problems = body.problems ?? [{ message: body.message, severity: 'error' }];
      this.showProblems('Not saved: fix the problems marked below. Nothing was written.');
    }
  }

  sayState(message) {
    const errors = this.problems.filter((p) => p.severity === 'error').length;
    this.say.className = 'say' + (errors ? ' bad' : this.note ? ' good' : '');
    this.say.textContent = message ?? (errors ? `${errors} problem${errors === 1 ? '' : 's'} to fix before saving` : this.note || (this.dirty ? 'Unsaved changes' : this.create ? 'Fill in the fields, then create the action.' : 'No changes'));
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

  draw() {
    const { draft, tab, create, ctx } = this;
    if (!draft || !studio.catalogues) return;
    const countries = studio.catalogues.countries;
    const title = draft[tab]?.title || draft.fr?.title || draft.en?.title || 'New action';
    this.el.replaceChildren(...[
      h('header', {}, h('h1', { dir: dirOf(tab), lang: tab, id: 'form-title' }, create ? 'New action' : title), h('p', {}, create ? 'Creates a new file in data/actions/. Everything can be changed later.' : this.file)),
      h('div', { class: 'form-banner' }, ...(this.conflict ? [conflictBanner(() => this.load())] : [])),
      h('fieldset', {}, h('legend', {}, 'Place'),
        create ? field('Id (file name)', h('input', { id: 'action-id', 'data-field': 'id', value: this.id, placeholder: 'derived from the title', oninput: (e) => { this.id = e.target.value; this.idEdited = true; } })) : null,
        h('div', { class: 'row' },
          field('Country', h('select', { 'data-field': 'country', onchange: (e) => { draft.country = e.target.value; this.changed(false); } }, h('option', { value: '' }, 'Choose…'), ...countries.map((c) => h('option', { value: c.code, selected: draft.country === c.code }, `${c.labels.en ?? c.code} (${c.code})`)))),
          field('Acronym', text(ctx, 'acronym', draft.acronym, (x) => (draft.acronym = x), { placeholder: 'optional' }))),
        field('Cities (comma-separated)', text(ctx, 'cities', (draft.cities ?? []).join(', '), (x) => (draft.cities = x.split(',').map((s) => s.trim()))))),
      targetsPicker(ctx),
      recommendationsPicker(ctx),
      create ? null : partnersEditor(ctx),
      h('div', { class: 'tabs', role: 'tablist' }, ...languageCodes().map((l) => h('button', { type: 'button', role: 'tab', 'data-lang': l, 'aria-selected': String(l === tab), onclick: () => { this.tab = l; this.draw(); } }, languageName(l), draft[l] ? '' : ' +'))),
      languageFields(ctx),
      h('div', { class: 'actions' }, this.say, this.revertButton, this.saveButton),
    ].filter(Boolean));
    this.showProblems();
  }

  /** A change on disk (another editor, a git pull): taken in when nothing is being edited here; a conflict otherwise. */
  async followDisk() {
    if (this.create || !this.before) return;
    const { body } = await api(`/api/record?file=${encodeURIComponent(this.file)}`);
    if (body.text === this.before) return this.sayState();
    if (!this.dirty) {
      await this.load();
      this.note = 'Updated from the file on disk.';
      this.sayState();
    } else if (!this.conflict) {
      this.conflict = true;
      this.draw();
    }
  }
}

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
 * Each problem at its field (or the nearest field holding it), a dot on the tab of another
 * language with problems, and those that belong to no field in the form's banner.
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
    if (languageCodes().includes(lang) && lang !== tab) el.querySelector(`.tabs [data-lang="${lang}"]`)?.append(h('span', { class: 'dot', title: 'problems in this language' }));
    let target;
    for (let f = field; f && !target; f = parent(f) === f ? '' : parent(f)) target = el.querySelector(`[data-field="${CSS.escape(f)}"]`);
    if (!target) {
      general.push(p);
      continue;
    }
    target.setAttribute('data-invalid', '');
    const msg = h('span', { class: `message ${p.severity}`, 'data-for': field }, (target.dataset.field !== field ? `${field}: ` : '') + p.message);
    (target.closest('.field, .item, fieldset') ?? target).append(msg);
  }
  const box = el.querySelector('.form-banner');
  box.replaceChildren(...(general.length ? [h('div', { class: 'banner', role: 'alert' }, h('ul', {}, ...general.map((p) => h('li', {}, `${p.field ? p.field + ': ' : ''}${p.message}`))))] : []));
}

/** The file changed on disk while it was being edited here: nothing was overwritten. */
function conflictBanner(reload) {
  return h('div', { class: 'banner conflict', role: 'alert' }, h('div', {}, h('strong', {}, 'This file was changed on disk since you opened it.'), 'Your changes were not saved, so nothing was overwritten. Reload to see the file as it is now (your unsaved changes here will be lost).', h('div', { style: 'margin-top:8px' }, h('button', { type: 'button', class: 'button small', onclick: reload }, 'Reload from disk'))));
}
