// The field widgets of the record forms: text fields, bullet lists with move and remove, the
// SDG target and recommendation pickers, partners with their logos, a language's texts.
// Each takes the form's context: its draft, the language shown, what to call on a change, and
// where the keyboard focus goes when the form is drawn again (`focusAfter`: a [data-key]).
import { h, studio, directionOf as dirOf, languageName } from '/app/dom.js';

export function text(ctx, path, value, set, { multiline = false, lang, placeholder, rows, label } = {}) {
  const attrs = { 'data-field': path, 'data-key': path, dir: lang ? dirOf(lang) : undefined, lang, placeholder, name: path, 'aria-label': label, oninput: (e) => { set(e.target.value); ctx.changed(false); } };
  if (!multiline) return h('input', { ...attrs, type: 'text', value: value ?? '' });
  const t = h('textarea', { ...attrs, rows: rows ?? 2 });
  t.value = value ?? '';
  return t;
}
export const field = (label, input) => h('label', { class: 'field' }, h('span', {}, label), input);

/** A list of texts (activities, results): each labelled, with move up, move down and remove; the focus follows the moved item. */
function bullets(ctx, path, list, lang, label, one, itemName) {
  const tool = (i, key, title, disabled, act, sign) => h('button', { type: 'button', class: 'icon', title, 'data-key': `${path}:${key}:${i}`, 'aria-label': `${title} ${itemName} ${i + 1}`, disabled, onclick: act }, sign);
  const move = (i, to, key) => () => {
    [list[to], list[i]] = [list[i], list[to]];
    // Keep the focus on the same button of the moved item, or on its other button at an end.
    const edge = (key === 'up' && to === 0) || (key === 'down' && to === list.length - 1);
    ctx.focusAfter(`${path}:${edge ? (key === 'up' ? 'down' : 'up') : key}:${to}`);
    ctx.changed(true);
  };
  return h('div', { class: 'field', 'data-field': path },
    h('span', { id: `${path}-label` }, label),
    h('div', { class: 'items', role: 'list', 'aria-labelledby': `${path}-label` }, ...list.map((item, i) => h('div', { class: 'item', role: 'listitem' },
      h('span', { class: 'n', 'aria-hidden': 'true' }, i + 1),
      text(ctx, `${path}[${i + 1}]`, item, (v) => (list[i] = v), { multiline: true, lang, rows: 2, label: `${itemName} ${i + 1}` }),
      h('span', { class: 'tools' },
        tool(i, 'up', 'Move up', i === 0, move(i, i - 1, 'up'), '↑'),
        tool(i, 'down', 'Move down', i === list.length - 1, move(i, i + 1, 'down'), '↓'),
        tool(i, 'remove', 'Remove', false, () => {
          list.splice(i, 1);
          ctx.focusAfter(list.length ? `${path}[${Math.min(i, list.length - 1) + 1}]` : `${path}:add`);
          ctx.changed(true);
        }, '×'))))),
    h('button', { type: 'button', class: 'add', 'data-key': `${path}:add`, onclick: () => { list.push(''); ctx.focusAfter(`${path}[${list.length}]`); ctx.changed(true); } }, `+ Add ${one}`));
}

/** White or ink on a colour, whichever reads (WCAG contrast). */
function readableOn(hex) {
  const c = hex.replace('#', '').match(/../g).map((x) => parseInt(x, 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#1C2433' : '#FFFFFF';
}

export function targetsPicker(ctx) {
  const { draft, tab } = ctx;
  const cat = studio.catalogues.targets;
  const list = (draft.targets ??= []);
  const input = h('input', { list: 'target-codes', placeholder: 'Type a code, e.g. 10.7, or search a label', 'aria-label': 'Add a target: its code or label', id: 'target-input', 'data-key': 'target-input' });
  const add = () => {
    const typed = input.value.trim();
    if (!typed) return;
    const hit = cat.find((t) => t.code === typed) ?? cat.find((t) => Object.values(t.labels).some((l) => l.toLowerCase() === typed.toLowerCase()));
    const code = hit ? hit.code : typed.split(' ')[0];
    if (!list.includes(code)) list.push(code);
    ctx.focusAfter('target-input');
    ctx.changed(true);
  };
  // Enter in this box adds the target it holds (and never saves the form).
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
  return h('fieldset', { 'data-field': 'targets' }, h('legend', {}, 'SDG targets'),
    h('div', { class: 'picked' }, ...list.map((code, i) => {
      const t = cat.find((t) => t.code === code);
      const colour = t?.colour ?? '#B3261E';
      return h('span', { class: 'pill', 'data-field': `targets[${i + 1}]` }, h('span', { class: 'code', style: `background:${colour};color:${readableOn(colour)}` }, code), h('span', { class: 'label', dir: dirOf(tab), lang: tab }, t ? t.labels[tab] ?? t.labels.en : 'not in the catalogue'),
        h('button', { type: 'button', 'data-key': `target:remove:${i}`, 'aria-label': `Remove target ${code}`, onclick: () => { list.splice(i, 1); ctx.focusAfter(list.length ? `target:remove:${Math.min(i, list.length - 1)}` : 'target-input'); ctx.changed(true); } }, '×'));
    })),
    h('div', { class: 'picker' }, input, h('button', { type: 'button', class: 'button secondary small', onclick: add }, 'Add')),
    h('datalist', { id: 'target-codes' }, ...cat.map((t) => h('option', { value: t.code }, `${t.code} ${t.labels[tab] ?? t.labels.en ?? ''}`))));
}

export function recommendationsPicker(ctx) {
  const { draft, tab } = ctx;
  const list = (draft.recommendations ??= []);
  return h('fieldset', { 'data-field': 'recommendations' }, h('legend', {}, 'Recommendations'),
    h('div', { class: 'checks' }, ...studio.catalogues.recommendations.map((r) => h('label', { dir: dirOf(tab), lang: tab },
      h('input', { type: 'checkbox', 'data-key': `recommendation:${r.id}`, checked: list.includes(r.id), onchange: (e) => { if (e.target.checked) list.push(r.id); else list.splice(list.indexOf(r.id), 1); ctx.changed(false); } }),
      h('span', {}, r.labels[tab] ?? r.labels.en ?? r.id)))));
}

export function partnersEditor(ctx) {
  const { draft } = ctx;
  const list = (draft.partners ??= []);
  return h('fieldset', { 'data-field': 'partners' }, h('legend', {}, 'Partners'),
    ...list.map((p, i) => h('div', { class: 'partner', 'data-field': `partners[${i + 1}]` },
      p.logo ? h('img', { class: 'logo', src: `/files/assets/${p.logo}`, alt: `Logo of ${p.name || `partner ${i + 1}`}` }) : h('span', { class: 'logo', 'aria-hidden': 'true' }),
      h('div', { class: 'inputs' },
        text(ctx, `partners[${i + 1}].name`, p.name, (v) => (p.name = v), { placeholder: 'Partner name', label: `Name of partner ${i + 1}` }),
        h('label', { class: 'upload' },
          // The file input stays in the page (visually hidden): it is reached with Tab and opened with Enter or Space.
          h('input', { type: 'file', class: 'visually-hidden', accept: 'image/png,image/jpeg,image/svg+xml', 'data-field': `partners[${i + 1}].logo`, 'data-key': `partners[${i + 1}].logo`, onchange: async (e) => {
            const f = e.target.files[0];
            if (!f) return;
            const res = await fetch(`/api/upload?name=${encodeURIComponent(f.name)}`, { method: 'POST', body: f }).catch(() => undefined);
            const body = res ? await res.json().catch(() => ({ message: `the studio answered ${res.status}` })) : { message: 'The studio is not running: the logo was not uploaded.' };
            if (res?.ok) { p.logo = body.logo; ctx.focusAfter(`partners[${i + 1}].logo`); ctx.changed(true); } else ctx.fail(`partners[${i + 1}].logo`, body.message);
          } }),
          h('span', {}, p.logo ? `Logo: ${p.logo} — replace…` : 'Upload a logo (PNG, JPEG or SVG, up to 2 MB)…'))),
      h('button', { type: 'button', class: 'icon', 'data-key': `partner:remove:${i}`, 'aria-label': `Remove partner ${i + 1}`, onclick: () => { list.splice(i, 1); ctx.focusAfter('partner:add'); ctx.changed(true); } }, '×'))),
    h('button', { type: 'button', class: 'add', 'data-key': 'partner:add', onclick: () => { list.push({ name: '' }); ctx.focusAfter(`partners[${list.length}].name`); ctx.changed(true); } }, '+ Add partner'));
}

export function languageFields(ctx) {
  const l = ctx.tab;
  const v = ctx.draft[l];
  if (!v) {
    return h('fieldset', { 'aria-label': languageName(l) }, h('p', { class: 'explain' }, `This action has no ${languageName(l)} version yet.`),
      h('button', { type: 'button', class: 'button secondary', 'data-key': `add-language:${l}`, onclick: () => { ctx.focusAfter(`${l}.title`); ctx.addLanguage(l); } }, `Add a ${languageName(l)} version`));
  }
  return h('fieldset', { 'data-field': l, lang: l, 'aria-label': languageName(l) },
    h('div', { class: 'row' },
      field('Status', h('select', { 'data-field': `${l}.status`, 'data-key': `${l}.status`, onchange: (e) => { v.status = e.target.value; ctx.changed(false); } }, h('option', { value: 'final', selected: v.status !== 'draft' }, 'Final'), h('option', { value: 'draft', selected: v.status === 'draft' }, 'Draft translation'))),
      // The cities as this language writes them (الرباط), when not as the record's own list.
      field(`Cities in ${languageName(l)} (comma-separated, when written differently)`, text(ctx, `${l}.cities`, (v.cities ?? []).join(', '), (x) => {
        const list = x.split(',').map((c) => c.trim()).filter(Boolean);
        if (list.length) v.cities = list;
        else delete v.cities;
      }, { lang: l, placeholder: (ctx.draft.cities ?? []).join(', ') }))),
    field('Title', text(ctx, `${l}.title`, v.title, (x) => { v.title = x; ctx.onTitle(x); }, { lang: l, multiline: true, rows: 1 })),
    field('Subtitle', text(ctx, `${l}.subtitle`, v.subtitle, (x) => (v.subtitle = x), { lang: l, multiline: true })),
    field('Objective', text(ctx, `${l}.objective`, v.objective, (x) => (v.objective = x), { lang: l, multiline: true, rows: 4 })),
    bullets(ctx, `${l}.activities`, (v.activities ??= []), l, 'Activities', 'an activity', 'Activity'),
    bullets(ctx, `${l}.results`, (v.results ??= []), l, 'Results', 'a result', 'Result'));
}
