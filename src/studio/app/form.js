// The action form: every field of a data/actions/<id>.yaml record, checked as it is typed
// (the server runs the same validation as `brochure validate`), saved through src/edit.
import { h, api, studio, countryName } from '/app/studio.js';

const LANGS = ['fr', 'en', 'ar'];
const LANG_NAMES = { fr: 'Français', en: 'English', ar: 'العربية' };
const dirOf = (lang) => (lang === 'ar' ? 'rtl' : 'ltr');
const slug = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').split('-').slice(0, 5).join('-');

const blankLanguage = (status) => ({ status, title: '', objective: '', activities: [''], results: [''] });

export function actionForm({ file, create = false, lang = 'fr', onSaved }) {
  const previewLang = create ? undefined : lang; // the language of the PDF beside the form
  let before; // the file's text when opened (or last saved): a save over a changed file is a conflict
  let draft; // the record as the form has it
  let dirty = false;
  let tab = lang;
  let id = '';
  let idEdited = false;
  let problems = [];
  let checkTimer;
  let conflict = false;
  let note = '';

  const el = h('form', { class: 'panel record', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } });
  const say = h('span', { class: 'say', role: 'status', 'aria-live': 'polite' });
  const saveButton = h('button', { class: 'button', type: 'submit', id: 'save' }, create ? 'Create action' : 'Save');
  const revertButton = h('button', { class: 'button secondary', type: 'button', onclick: () => load() }, create ? 'Clear' : 'Revert');

  async function load() {
    if (create) {
      draft = { country: '', cities: [''], targets: [], recommendations: [], fr: blankLanguage('final') };
      before = undefined;
    } else {
      const { body } = await api(`/api/record?file=${encodeURIComponent(file)}`);
      before = body.text;
      draft = body.value;
    }
    dirty = false;
    conflict = false;
    problems = [];
    draw();
    if (!create) check();
  }

  const changed = (structural) => {
    dirty = true;
    note = '';
    if (structural) draw();
    else sayState();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 250);
  };

  async function check() {
    const target = create ? `data/actions/${id || 'new-action'}.yaml` : file;
    const { status, body } = await api('/api/check', { file: target, before, value: clean(draft), create });
    problems = status === 200 ? body.problems : [{ message: body.message, severity: 'error' }];
    showProblems();
  }

  async function save() {
    clearTimeout(checkTimer);
    const target = create ? `data/actions/${id}.yaml` : file;
    if (create && !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      problems = [{ field: 'id', message: 'expected an id of small letters, digits and dashes, e.g. rabat-data', severity: 'error' }];
      return showProblems();
    }
    saveButton.disabled = true;
    say.className = 'say';
    say.textContent = 'Saving…';
    const { status, body } = await api('/api/save', { file: target, before, value: clean(draft), create, lang: previewLang ?? tab });
    saveButton.disabled = false;
    if (status === 200) {
      before = body.text;
      dirty = false;
      problems = body.problems ?? [];
      note = 'Saved. Rendering the new pages…';
      showProblems();
      if (create) onSaved(id, tab);
    } else if (status === 409) {
      conflict = body.conflict;
      problems = [];
      note = '';
      draw();
      if (!conflict) say.textContent = body.message;
    } else {
      problems = body.problems ?? [{ message: body.message, severity: 'error' }];
      showProblems('Not saved: fix the problems marked below. Nothing was written.');
    }
  }

  /** The record as it is written: empty optional fields are left out. */
  function clean(v) {
    const out = structuredClone(v);
    for (const k of ['acronym']) if (out[k] === '') delete out[k];
    if (Array.isArray(out.cities)) out.cities = out.cities.filter((c) => c.trim() !== '' || out.cities.length === 1);
    if (out.cities?.length === 1 && out.cities[0] === '') out.cities = [];
    for (const l of LANGS) if (out[l] && out[l].subtitle === '') delete out[l].subtitle;
    for (const p of out.partners ?? []) for (const k of ['logo', 'alt']) if (p[k] === '') delete p[k];
    return out;
  }

  function sayState(message) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    say.className = 'say' + (errors ? ' bad' : note ? ' good' : '');
    say.textContent = message ?? (errors ? `${errors} problem${errors === 1 ? '' : 's'} to fix before saving` : note || (dirty ? 'Unsaved changes' : create ? 'Fill in the fields, then create the action.' : 'No changes'));
  }

  function showProblems(message) {
    for (const m of el.querySelectorAll('.message')) m.remove();
    for (const x of el.querySelectorAll('[data-invalid]')) x.removeAttribute('data-invalid');
    for (const d of el.querySelectorAll('.tabs .dot')) d.remove();
    const general = [];
    for (const p of problems) {
      const field = p.field ?? '';
      if (LANGS.includes(field.split('.')[0]) && field.split('.')[0] !== tab) {
        el.querySelector(`.tabs [data-lang="${field.split('.')[0]}"]`)?.append(h('span', { class: 'dot', title: 'problems in this language' }));
      }
      let target;
      for (let f = field; f && !target; f = f.replace(/(\[\d+\]|\.[^.[]+)$/, '') === f ? '' : f.replace(/(\[\d+\]|\.[^.[]+)$/, '')) target = el.querySelector(`[data-field="${CSS.escape(f)}"]`);
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
    sayState(message);
  }

  // ——— Drawing ———
  function text(path, value, set, { multiline = false, lang, placeholder, rows } = {}) {
    const attrs = { 'data-field': path, dir: lang ? dirOf(lang) : undefined, lang, placeholder, name: path, oninput: (e) => { set(e.target.value); changed(false); } };
    if (!multiline) return h('input', { ...attrs, type: 'text', value: value ?? '' });
    const t = h('textarea', { ...attrs, rows: rows ?? 2 });
    t.value = value ?? '';
    return t;
  }
  const field = (label, input) => h('label', { class: 'field' }, h('span', {}, label), input);

  function bullets(path, list, lang, label, one) {
    return h('div', { class: 'field', 'data-field': path },
      h('span', {}, label),
      h('div', { class: 'items' }, ...list.map((item, i) => h('div', { class: 'item' },
        h('span', { class: 'n' }, i + 1),
        text(`${path}[${i + 1}]`, item, (v) => (list[i] = v), { multiline: true, lang, rows: 2 }),
        h('span', { class: 'tools' },
          h('button', { type: 'button', class: 'icon', title: 'Move up', 'aria-label': `Move ${label.toLowerCase()} ${i + 1} up`, disabled: i === 0, onclick: () => { [list[i - 1], list[i]] = [list[i], list[i - 1]]; changed(true); } }, '↑'),
          h('button', { type: 'button', class: 'icon', title: 'Move down', 'aria-label': `Move ${label.toLowerCase()} ${i + 1} down`, disabled: i === list.length - 1, onclick: () => { [list[i + 1], list[i]] = [list[i], list[i + 1]]; changed(true); } }, '↓'),
          h('button', { type: 'button', class: 'icon', title: 'Remove', 'aria-label': `Remove ${label.toLowerCase()} ${i + 1}`, onclick: () => { list.splice(i, 1); changed(true); } }, '×'))))),
      h('button', { type: 'button', class: 'add', onclick: () => { list.push(''); changed(true); el.querySelector(`[data-field="${CSS.escape(`${path}[${list.length}]`)}"]`)?.focus(); } }, `+ Add ${one}`));
  }

  function targetsPicker() {
    const cat = studio.catalogues.targets;
    const list = (draft.targets ??= []);
    const input = h('input', { list: 'target-codes', placeholder: 'Type a code, e.g. 10.7, or search a label', 'aria-label': 'Add a target', id: 'target-input' });
    const add = () => {
      const typed = input.value.trim();
      if (!typed) return;
      const hit = cat.find((t) => t.code === typed) ?? cat.find((t) => Object.values(t.labels).some((l) => l.toLowerCase() === typed.toLowerCase()));
      const code = hit ? hit.code : typed.split(' ')[0];
      if (!list.includes(code)) list.push(code);
      changed(true);
      el.querySelector('#target-input')?.focus();
    };
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
    return h('fieldset', { 'data-field': 'targets' }, h('legend', {}, 'SDG targets'),
      h('div', { class: 'picked' }, ...list.map((code, i) => {
        const t = cat.find((t) => t.code === code);
        return h('span', { class: 'pill', 'data-field': `targets[${i + 1}]` }, h('span', { class: 'code', style: `background:${t?.colour ?? '#B3261E'}` }, code), h('span', { class: 'label', dir: dirOf(tab) }, t ? t.labels[tab] ?? t.labels.en : 'not in the catalogue'), h('button', { type: 'button', 'aria-label': `Remove target ${code}`, onclick: () => { list.splice(i, 1); changed(true); } }, '×'));
      })),
      h('div', { class: 'picker' }, input, h('button', { type: 'button', class: 'button secondary small', onclick: add }, 'Add')),
      h('datalist', { id: 'target-codes' }, ...cat.map((t) => h('option', { value: t.code }, `${t.code} ${t.labels[tab] ?? t.labels.en ?? ''}`))));
  }

  function recommendationsPicker() {
    const list = (draft.recommendations ??= []);
    return h('fieldset', { 'data-field': 'recommendations' }, h('legend', {}, 'Recommendations'),
      h('div', { class: 'checks' }, ...studio.catalogues.recommendations.map((r) => h('label', { dir: dirOf(tab) },
        h('input', { type: 'checkbox', checked: list.includes(r.id), onchange: (e) => { if (e.target.checked) list.push(r.id); else list.splice(list.indexOf(r.id), 1); changed(false); } }),
        h('span', {}, r.labels[tab] ?? r.labels.en ?? r.id)))));
  }

  function partnersEditor() {
    const list = (draft.partners ??= []);
    return h('fieldset', { 'data-field': 'partners' }, h('legend', {}, 'Partners'),
      ...list.map((p, i) => h('div', { class: 'partner', 'data-field': `partners[${i + 1}]` },
        p.logo ? h('img', { class: 'logo', src: `/files/assets/${p.logo}`, alt: '' }) : h('span', { class: 'logo' }),
        h('div', { class: 'inputs' },
          text(`partners[${i + 1}].name`, p.name, (v) => (p.name = v), { placeholder: 'Partner name' }),
          h('label', { class: 'upload' }, p.logo ? `Logo: ${p.logo} — replace…` : 'Upload a logo (PNG, JPEG or SVG, up to 2 MB)…',
            h('input', { type: 'file', accept: 'image/png,image/jpeg,image/svg+xml', 'data-field': `partners[${i + 1}].logo`, onchange: async (e) => {
              const f = e.target.files[0];
              if (!f) return;
              const res = await fetch(`/api/upload?name=${encodeURIComponent(f.name)}`, { method: 'POST', body: f });
              const body = await res.json();
              if (res.ok) { p.logo = body.logo; changed(true); } else { problems = [{ field: `partners[${i + 1}].logo`, message: body.message, severity: 'error' }]; showProblems(); }
            } }))),
        h('button', { type: 'button', class: 'icon', 'aria-label': `Remove partner ${i + 1}`, onclick: () => { list.splice(i, 1); changed(true); } }, '×'))),
      h('button', { type: 'button', class: 'add', onclick: () => { list.push({ name: '' }); changed(true); } }, '+ Add partner'));
  }

  function languageFields() {
    const l = tab;
    const v = draft[l];
    if (!v) {
      return h('fieldset', {}, h('p', { style: 'color:var(--muted);margin:0 0 10px' }, `This action has no ${LANG_NAMES[l]} version yet.`),
        h('button', { type: 'button', class: 'button secondary', onclick: () => { draft[l] = blankLanguage('draft'); changed(true); } }, `Add a ${LANG_NAMES[l]} version`));
    }
    return h('fieldset', { 'data-field': l, lang: l },
      h('div', { class: 'row' },
        field('Status', h('select', { 'data-field': `${l}.status`, onchange: (e) => { v.status = e.target.value; changed(false); } }, h('option', { value: 'final', selected: v.status !== 'draft' }, 'Final'), h('option', { value: 'draft', selected: v.status === 'draft' }, 'Draft translation'))),
        h('span')),
      field('Title', text(`${l}.title`, v.title, (x) => { v.title = x; if (create && !idEdited) { id = slug(x); const i = el.querySelector('#action-id'); if (i) i.value = id; } }, { lang: l, multiline: true, rows: 1 })),
      field('Subtitle', text(`${l}.subtitle`, v.subtitle, (x) => (v.subtitle = x), { lang: l, multiline: true })),
      field('Objective', text(`${l}.objective`, v.objective, (x) => (v.objective = x), { lang: l, multiline: true, rows: 4 })),
      bullets(`${l}.activities`, (v.activities ??= []), l, 'Activities', 'an activity'),
      bullets(`${l}.results`, (v.results ??= []), l, 'Results', 'a result'));
  }

  function draw() {
    if (!draft || !studio.catalogues) return;
    const countries = studio.catalogues.countries;
    const title = draft[tab]?.title || draft.fr?.title || draft.en?.title || 'New action';
    el.replaceChildren(...[
      h('header', {}, h('h1', { dir: dirOf(tab), lang: tab, id: 'form-title' }, create ? 'New action' : title), h('p', {}, create ? 'Creates a new file in data/actions/. Everything can be changed later.' : file)),
      h('div', { class: 'form-banner' }, ...(conflict ? [h('div', { class: 'banner conflict', role: 'alert' }, h('div', {}, h('strong', {}, 'This file was changed on disk since you opened it.'), 'Your changes were not saved, so nothing was overwritten. Reload to see the file as it is now (your unsaved changes here will be lost).', h('div', { style: 'margin-top:8px' }, h('button', { type: 'button', class: 'button small', onclick: () => load() }, 'Reload from disk'))))] : [])),
      h('fieldset', {}, h('legend', {}, 'Place'),
        create ? field('Id (file name)', h('input', { id: 'action-id', 'data-field': 'id', value: id, placeholder: 'derived from the title', oninput: (e) => { id = e.target.value; idEdited = true; } })) : null,
        h('div', { class: 'row' },
          field('Country', h('select', { 'data-field': 'country', onchange: (e) => { draft.country = e.target.value; changed(false); } }, h('option', { value: '' }, 'Choose…'), ...countries.map((c) => h('option', { value: c.code, selected: draft.country === c.code }, `${c.labels.en ?? c.code} (${c.code})`)))),
          field('Acronym', text('acronym', draft.acronym, (x) => (draft.acronym = x), { placeholder: 'optional' }))),
        field('Cities (comma-separated)', text('cities', (draft.cities ?? []).join(', '), (x) => (draft.cities = x.split(',').map((s) => s.trim()))))),
      targetsPicker(),
      recommendationsPicker(),
      create ? null : partnersEditor(),
      h('div', { class: 'tabs', role: 'tablist' }, ...LANGS.map((l) => h('button', { type: 'button', role: 'tab', 'data-lang': l, 'aria-selected': String(l === tab), onclick: () => { tab = l; draw(); } }, LANG_NAMES[l], draft[l] ? '' : ' +'))),
      languageFields(),
      h('div', { class: 'actions' }, say, revertButton, saveButton),
    ].filter(Boolean));
    showProblems();
  }

  const ready = studio.catalogues ? load() : Promise.resolve();
  return {
    el,
    ready,
    update: async () => {
      if (create || !before) return;
      // A change on disk (another editor, a git pull): taken in when nothing is being edited here; a conflict otherwise.
      const { body } = await api(`/api/record?file=${encodeURIComponent(file)}`);
      if (body.text === before) return sayState();
      if (!dirty) {
        await load();
        note = 'Updated from the file on disk.';
        sayState();
      } else if (!conflict) {
        conflict = true;
        draw();
      }
    },
  };
}
