// The field widgets of the record forms: text fields, bullet lists with move and remove, the
// SDG target and recommendation pickers, partners with their logos, a language's texts.
// Each takes the form's context: its draft, the language shown, and what to call on a change.
import { h, studio, directionOf as dirOf, languageName } from '/app/dom.js';

export function text(ctx, path, value, set, { multiline = false, lang, placeholder, rows } = {}) {
  const attrs = { 'data-field': path, dir: lang ? dirOf(lang) : undefined, lang, placeholder, name: path, oninput: (e) => { set(e.target.value); ctx.changed(false); } };
  if (!multiline) return h('input', { ...attrs, type: 'text', value: value ?? '' });
  const t = h('textarea', { ...attrs, rows: rows ?? 2 });
  t.value = value ?? '';
  return t;
}
export const field = (label, input) => h('label', { class: 'field' }, h('span', {}, label), input);

function bullets(ctx, path, list, lang, label, one) {
  return h('div', { class: 'field', 'data-field': path },
    h('span', {}, label),
    h('div', { class: 'items' }, ...list.map((item, i) => h('div', { class: 'item' },
      h('span', { class: 'n' }, i + 1),
      text(ctx, `${path}[${i + 1}]`, item, (v) => (list[i] = v), { multiline: true, lang, rows: 2 }),
      h('span', { class: 'tools' },
        h('button', { type: 'button', class: 'icon', title: 'Move up', 'aria-label': `Move ${label.toLowerCase()} ${i + 1} up`, disabled: i === 0, onclick: () => { [list[i - 1], list[i]] = [list[i], list[i - 1]]; ctx.changed(true); } }, '↑'),
        h('button', { type: 'button', class: 'icon', title: 'Move down', 'aria-label': `Move ${label.toLowerCase()} ${i + 1} down`, disabled: i === list.length - 1, onclick: () => { [list[i + 1], list[i]] = [list[i], list[i + 1]]; ctx.changed(true); } }, '↓'),
        h('button', { type: 'button', class: 'icon', title: 'Remove', 'aria-label': `Remove ${label.toLowerCase()} ${i + 1}`, onclick: () => { list.splice(i, 1); ctx.changed(true); } }, '×'))))),
    h('button', { type: 'button', class: 'add', onclick: () => { list.push(''); ctx.changed(true); ctx.el.querySelector(`[data-field="${CSS.escape(`${path}[${list.length}]`)}"]`)?.focus(); } }, `+ Add ${one}`));
}

export function targetsPicker(ctx) {
  const { draft, tab, el } = ctx;
  const cat = studio.catalogues.targets;
  const list = (draft.targets ??= []);
  const input = h('input', { list: 'target-codes', placeholder: 'Type a code, e.g. 10.7, or search a label', 'aria-label': 'Add a target', id: 'target-input' });
  const add = () => {
    const typed = input.value.trim();
    if (!typed) return;
    const hit = cat.find((t) => t.code === typed) ?? cat.find((t) => Object.values(t.labels).some((l) => l.toLowerCase() === typed.toLowerCase()));
    const code = hit ? hit.code : typed.split(' ')[0];
    if (!list.includes(code)) list.push(code);
    ctx.changed(true);
    el.querySelector('#target-input')?.focus();
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
  return h('fieldset', { 'data-field': 'targets' }, h('legend', {}, 'SDG targets'),
    h('div', { class: 'picked' }, ...list.map((code, i) => {
      const t = cat.find((t) => t.code === code);
      return h('span', { class: 'pill', 'data-field': `targets[${i + 1}]` }, h('span', { class: 'code', style: `background:${t?.colour ?? '#B3261E'}` }, code), h('span', { class: 'label', dir: dirOf(tab) }, t ? t.labels[tab] ?? t.labels.en : 'not in the catalogue'), h('button', { type: 'button', 'aria-label': `Remove target ${code}`, onclick: () => { list.splice(i, 1); ctx.changed(true); } }, '×'));
    })),
    h('div', { class: 'picker' }, input, h('button', { type: 'button', class: 'button secondary small', onclick: add }, 'Add')),
    h('datalist', { id: 'target-codes' }, ...cat.map((t) => h('option', { value: t.code }, `${t.code} ${t.labels[tab] ?? t.labels.en ?? ''}`))));
}

export function recommendationsPicker(ctx) {
  const { draft, tab } = ctx;
  const list = (draft.recommendations ??= []);
  return h('fieldset', { 'data-field': 'recommendations' }, h('legend', {}, 'Recommendations'),
    h('div', { class: 'checks' }, ...studio.catalogues.recommendations.map((r) => h('label', { dir: dirOf(tab) },
      h('input', { type: 'checkbox', checked: list.includes(r.id), onchange: (e) => { if (e.target.checked) list.push(r.id); else list.splice(list.indexOf(r.id), 1); ctx.changed(false); } }),
      h('span', {}, r.labels[tab] ?? r.labels.en ?? r.id)))));
}

export function partnersEditor(ctx) {
  const { draft } = ctx;
  const list = (draft.partners ??= []);
  return h('fieldset', { 'data-field': 'partners' }, h('legend', {}, 'Partners'),
    ...list.map((p, i) => h('div', { class: 'partner', 'data-field': `partners[${i + 1}]` },
      p.logo ? h('img', { class: 'logo', src: `/files/assets/${p.logo}`, alt: '' }) : h('span', { class: 'logo' }),
      h('div', { class: 'inputs' },
        text(ctx, `partners[${i + 1}].name`, p.name, (v) => (p.name = v), { placeholder: 'Partner name' }),
        h('label', { class: 'upload' }, p.logo ? `Logo: ${p.logo} — replace…` : 'Upload a logo (PNG, JPEG or SVG, up to 2 MB)…',
          h('input', { type: 'file', accept: 'image/png,image/jpeg,image/svg+xml', 'data-field': `partners[${i + 1}].logo`, onchange: async (e) => {
            const f = e.target.files[0];
            if (!f) return;
            const res = await fetch(`/api/upload?name=${encodeURIComponent(f.name)}`, { method: 'POST', body: f });
            const body = await res.json();
            if (res.ok) { p.logo = body.logo; ctx.changed(true); } else ctx.fail(`partners[${i + 1}].logo`, body.message);
          } }))),
      h('button', { type: 'button', class: 'icon', 'aria-label': `Remove partner ${i + 1}`, onclick: () => { list.splice(i, 1); ctx.changed(true); } }, '×'))),
    h('button', { type: 'button', class: 'add', onclick: () => { list.push({ name: '' }); ctx.changed(true); } }, '+ Add partner'));
}

export function languageFields(ctx) {
  const l = ctx.tab;
  const v = ctx.draft[l];
  if (!v) {
    return h('fieldset', {}, h('p', { style: 'color:var(--muted);margin:0 0 10px' }, `This action has no ${languageName(l)} version yet.`),
      h('button', { type: 'button', class: 'button secondary', onclick: () => ctx.addLanguage(l) }, `Add a ${languageName(l)} version`));
  }
  return h('fieldset', { 'data-field': l, lang: l },
    h('div', { class: 'row' },
      field('Status', h('select', { 'data-field': `${l}.status`, onchange: (e) => { v.status = e.target.value; ctx.changed(false); } }, h('option', { value: 'final', selected: v.status !== 'draft' }, 'Final'), h('option', { value: 'draft', selected: v.status === 'draft' }, 'Draft translation'))),
      h('span')),
    field('Title', text(ctx, `${l}.title`, v.title, (x) => { v.title = x; ctx.onTitle(x); }, { lang: l, multiline: true, rows: 1 })),
    field('Subtitle', text(ctx, `${l}.subtitle`, v.subtitle, (x) => (v.subtitle = x), { lang: l, multiline: true })),
    field('Objective', text(ctx, `${l}.objective`, v.objective, (x) => (v.objective = x), { lang: l, multiline: true, rows: 4 })),
    bullets(ctx, `${l}.activities`, (v.activities ??= []), l, 'Activities', 'an activity'),
    bullets(ctx, `${l}.results`, (v.results ??= []), l, 'Results', 'a result'));
}
