// The form for every data file besides the actions — the programme, the booklet, the
// factsheets and their wording, the catalogues — drawn from the file's JSON Schema (the one
// editors use, from the zod schemas; ../dataFiles.ts): a text field per text, a list with
// move up, move down and remove per list, a choice per alternative, a language's block marked
// with its language and direction, a catalogue's entries each under its id. Checked as it is
// typed and saved through the same route and checks as the action form (comments and layout of
// the YAML kept, only the changed lines change; nothing invalid written; a file changed on
// disk meanwhile is a conflict).
import { h, api, studio, directionOf, languageCodes, languageName, onConnection, problemList } from '/app/dom.js';
import { bookletOrderPanel } from '/app/order.js';

/** Texts that hold paragraphs: a text area, whatever their length now. */
const LONG = new Set(['context', 'objective', 'text', 'statement', 'funding', 'credits', 'address', 'introduction', 'related', 'disclaimer']);
const humanize = (key) => String(key).replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const isLang = (key) => typeof key === 'string' && languageCodes().includes(key);

function kindOf(schema) {
  if (!schema) return 'string';
  if (schema.const !== undefined) return 'const';
  if (schema.anyOf) return 'choice';
  if (schema.enum) return 'enum';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'array') return 'list';
  if (schema.type === 'object') return schema.properties ? 'object' : 'map';
  return 'string';
}

/** A choice as a person reads it: a country or a target by its name, a record by its title, with its id. */
function optionLabel(v) {
  const c = studio.catalogues ?? {};
  const country = c.countries?.find((x) => x.code === v);
  if (country) return `${country.labels.en ?? country.labels.fr ?? v} (${v})`;
  const target = c.targets?.find((x) => x.code === v);
  if (target) return `${v} ${target.labels.en ?? target.labels.fr ?? ''}`.trim();
  const record = studio.state?.records.find((r) => r.id === v);
  const title = record && (record.langs.en?.title || record.langs.fr?.title);
  return title ? `${title} (${v})` : String(v);
}

/** A value to start a new item or field with. */
function blank(schema) {
  switch (kindOf(schema)) {
    case 'const': return schema.const;
    case 'choice': return blank(schema.anyOf[0]);
    case 'enum': return schema.enum[0];
    case 'number': return schema.minimum ?? 0;
    case 'boolean': return false;
    case 'list': return [];
    case 'object': return Object.fromEntries((schema.required ?? []).map((k) => [k, blank(schema.properties[k])]));
    case 'map': return {};
    default: return '';
  }
}

/** Which alternative of a choice a value is. */
function alternativeOf(schema, value) {
  const i = schema.anyOf.findIndex((s) => (s.const !== undefined ? s.const === value : kindOf(s) === 'list' ? Array.isArray(value) : kindOf(s) === 'object' ? !!value && typeof value === 'object' && !Array.isArray(value) : typeof value === s.type));
  return Math.max(0, i);
}

export function dataForm(main, file) {
  const say = h('p', { class: 'say', role: 'status', 'aria-live': 'polite' });
  const problemsBox = h('div', { class: 'form-problems' });
  const body = h('div', { class: 'data-fields' });
  const saveButton = h('button', { type: 'button', class: 'button', id: 'save', onclick: () => save() }, 'Save');
  const revertButton = h('button', { type: 'button', class: 'button secondary', onclick: () => { if (!dirty || confirm('Undo every change made here since the last save?')) load(); } }, 'Revert');
  const heading = h('h1', {}, file);
  const form = h('form', { class: 'panel data-form', novalidate: true, onsubmit: (e) => e.preventDefault(), onkeydown: (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); save(); }
    else if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
  } }, h('header', {}, heading, h('p', {}, h('code', {}, file), ' · ', h('a', { href: `#/history/${encodeURIComponent(file)}` }, 'History'))), problemsBox, body, h('div', { class: 'actions' }, saveButton, revertButton, say));
  main.replaceChildren(h('div', { class: 'data-edit' }, form, file === 'data/booklet.yaml' ? bookletOrderPanel() : null));
  let schema;
  let before;
  let draft;
  let dirty = false;
  let timer;
  let focusKey;

  const ctx = {
    changed(structural) {
      dirty = true;
      say.className = 'say';
      say.textContent = 'Unsaved changes';
      if (structural) draw();
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    },
    focusAfter(key) { focusKey = key; },
  };

  async function load() {
    const [rec, sch] = await Promise.all([api(`/api/record?file=${encodeURIComponent(file)}`), api(`/api/schema?file=${encodeURIComponent(file)}`)]);
    if (rec.status !== 200 || sch.status !== 200) {
      say.className = 'say bad';
      say.textContent = (rec.status !== 200 ? rec : sch).body.message;
      return;
    }
    schema = sch.body.schema;
    before = rec.body.text;
    if (rec.body.value === undefined) {
      say.className = 'say bad';
      say.textContent = 'The file cannot be read as YAML now (its problem is listed on the Documents page): fix it, then come back.';
      return;
    }
    draft = structuredClone(rec.body.value ?? {});
    dirty = false;
    studio.dataFiles ??= (await api('/api/data-files')).body.files;
    heading.textContent = studio.dataFiles?.find((f) => f.file === file)?.name ?? file;
    say.className = 'say';
    say.textContent = 'Saved';
    draw();
    check();
  }

  function draw() {
    body.replaceChildren(node(schema, draft, [], ctx, { root: true, setRoot: (v) => (draft = v) }));
    if (focusKey) {
      body.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
      focusKey = undefined;
    }
  }

  async function check() {
    const { status, body: r } = await api('/api/check', { file, before, value: draft });
    if (status === 0) return;
    showProblems(status === 200 ? r.problems : [{ message: r.message, severity: 'error' }]);
  }

  function showProblems(problems) {
    problemsBox.replaceChildren(...problemList(problems, { title: problems.some((p) => p.severity === 'error') ? 'Not saved until these are fixed:' : undefined }));
  }

  async function save() {
    if (!draft) return;
    saveButton.disabled = true;
    say.className = 'say';
    say.textContent = file.includes('/factsheets/') ? 'Checking the factsheet’s pages…' : 'Checking every document this file is used in…';
    const { status, body: r } = await api('/api/save', { file, before, value: draft });
    saveButton.disabled = false;
    if (status === 200) {
      before = r.text;
      dirty = false;
      say.className = 'say good';
      say.textContent = 'Saved. The documents are being made again.';
      showProblems(r.problems ?? []);
      if (file.startsWith('data/catalogues/')) studio.catalogues = (await api('/api/catalogues')).body;
      return;
    }
    say.className = 'say bad';
    if (status === 409) say.textContent = `${r.message}. Your edits are still here: copy what you need, then Revert.`;
    else say.textContent = `Not saved: ${r.message}`;
    showProblems(r.problems ?? []);
  }

  onConnection((online) => { if (!online) { say.className = 'say bad'; say.textContent = 'Connection lost: your edits are kept here; save again when it is back.'; } });
  load();
  return { update() {} };
}

/** One value of the file, drawn by its schema. `holder[key]` is where it lives in the draft. */
function node(schema, holder, path, ctx, opts = {}) {
  const key = path.at(-1);
  const value = opts.root ? holder : holder[key];
  const set = (v) => (opts.root ? opts.setRoot(v) : (holder[key] = v));
  const id = `f-${path.join('-').replace(/[^\w-]/g, '_') || 'root'}`;
  const lang = path.find(isLang);
  const label = opts.label ?? (isLang(key) ? `${languageName(key)} (${key})` : typeof key === 'number' ? `${humanize(path.at(-2) ?? 'item')} ${key + 1}` : humanize(key ?? ''));
  const textAttrs = { id, 'data-key': id, lang, dir: lang ? directionOf(lang) : undefined };
  switch (kindOf(schema)) {
    case 'const':
      return null;
    case 'string': {
      const long = LONG.has(key) || String(value ?? '').length > 70 || String(value ?? '').includes('\n');
      const input = long ? h('textarea', { ...textAttrs, rows: Math.min(10, Math.max(3, Math.ceil(String(value ?? '').length / 80))) }) : h('input', { ...textAttrs, type: 'text' });
      input.value = value ?? '';
      input.addEventListener('input', () => { set(input.value); ctx.changed(false); });
      return h('div', { class: 'field' }, h('label', { for: id }, label), input);
    }
    case 'number': {
      const input = h('input', { id, 'data-key': id, type: 'number', step: schema.type === 'integer' ? 1 : 'any', min: schema.minimum, max: schema.maximum, value: value ?? '' });
      input.addEventListener('input', () => { set(input.value === '' ? undefined : Number(input.value)); ctx.changed(false); });
      return h('div', { class: 'field short' }, h('label', { for: id }, label), input);
    }
    case 'boolean': {
      const input = h('input', { id, 'data-key': id, type: 'checkbox', checked: !!value, onchange: () => { set(input.checked); ctx.changed(false); } });
      return h('div', { class: 'field check' }, input, h('label', { for: id }, label));
    }
    case 'enum': {
      const select = h('select', { id, 'data-key': id, onchange: () => { set(schema.enum.find((v) => String(v) === select.value)); ctx.changed(false); } }, ...schema.enum.map((v) => h('option', { value: v, selected: v === value }, optionLabel(v))));
      return h('div', { class: 'field short' }, h('label', { for: id }, label), select);
    }
    case 'choice': {
      const at = alternativeOf(schema, value);
      const names = schema.anyOf.map((s) => (s.const !== undefined ? humanize(String(s.const).replace(/-/g, ' ')) : kindOf(s) === 'list' ? 'A chosen list' : 'Other (give the details)'));
      const select = h('select', { id, 'data-key': id, onchange: () => { set(blank(schema.anyOf[Number(select.value)])); ctx.focusAfter(id); ctx.changed(true); } }, ...names.map((n, i) => h('option', { value: i, selected: i === at }, n)));
      const inner = schema.anyOf[at].const !== undefined ? null : node(schema.anyOf[at], holder, path, ctx, { ...opts, label: `${label}: ${names[at].toLowerCase()}` });
      return h('div', { class: 'choice' }, h('div', { class: 'field short' }, h('label', { for: id }, label), select), inner);
    }
    case 'list':
      return listNode(schema, Array.isArray(value) ? value : (set([]), opts.root ? holder : holder[key]), path, ctx, label, id);
    case 'map':
      return mapNode(schema, value && typeof value === 'object' ? value : (set({}), holder[key]), path, ctx, label);
    default:
      return objectNode(schema, value && typeof value === 'object' ? value : (set({}), opts.root ? holder : holder[key]), path, ctx, label, opts.root);
  }
}

function objectNode(schema, value, path, ctx, label, root) {
  const required = new Set(schema.required ?? []);
  const keys = Object.keys(schema.properties);
  const shown = keys.filter((k) => k in value || (required.has(k) && kindOf(schema.properties[k]) !== 'const'));
  const missing = keys.filter((k) => !(k in value) && !required.has(k) && kindOf(schema.properties[k]) !== 'const' && k !== 'translated_from');
  const children = shown.filter((k) => k !== 'translated_from').map((k) => {
    const child = node(schema.properties[k], value, [...path, k], ctx);
    if (!child || required.has(k)) return child;
    const name = isLang(k) ? `the ${languageName(k)} texts` : humanize(k).toLowerCase();
    const remove = h('button', { type: 'button', class: 'icon remove-field', 'aria-label': `Remove ${name}`, title: 'Remove', onclick: () => {
      const full = value[k] && typeof value[k] === 'object' && Object.keys(value[k]).length;
      if (full && !confirm(`Remove ${name}? (Nothing is written until you save.)`)) return;
      delete value[k];
      ctx.changed(true);
    } }, '×');
    return h('div', { class: 'optional' }, child, remove);
  });
  const adds = missing.length ? h('div', { class: 'adds' }, ...missing.map((k) => h('button', { type: 'button', class: 'add', onclick: () => { value[k] = blank(schema.properties[k]); ctx.changed(true); } }, `+ ${isLang(k) ? `${languageName(k)} (${k})` : humanize(k)}`))) : null;
  if (root) return h('div', { class: 'object root' }, ...children, adds);
  const lang = isLang(path.at(-1)) ? path.at(-1) : undefined;
  return h('fieldset', { class: 'object', lang, dir: lang ? directionOf(lang) : undefined }, h('legend', {}, label), h('div', { dir: 'ltr', lang: 'en', class: 'object-fields' }, ...children, adds));
}

function listNode(schema, list, path, ctx, label, id) {
  const item = schema.items ?? {};
  const tool = (i, name, sign, disabled, act) => h('button', { type: 'button', class: 'icon', 'data-key': `${id}:${name}:${i}`, 'aria-label': `${name === 'up' ? 'Move up' : name === 'down' ? 'Move down' : 'Remove'} ${label} ${i + 1}`, title: name === 'up' ? 'Move up' : name === 'down' ? 'Move down' : 'Remove', disabled, onclick: act }, sign);
  const move = (i, to, name) => () => {
    [list[to], list[i]] = [list[i], list[to]];
    const edge = (name === 'up' && to === 0) || (name === 'down' && to === list.length - 1);
    ctx.focusAfter(`${id}:${edge ? (name === 'up' ? 'down' : 'up') : name}:${to}`);
    ctx.changed(true);
  };
  return h('div', { class: 'field list', role: 'group', 'aria-labelledby': `${id}-label` },
    h('span', { id: `${id}-label`, class: 'list-label' }, label),
    h('ol', { class: 'items' }, ...list.map((_, i) => h('li', { class: 'item' },
      h('div', { class: 'item-value' }, node(item, list, [...path, i], ctx, { label: `${label} ${i + 1}` })),
      h('span', { class: 'tools' }, tool(i, 'up', '↑', i === 0, move(i, i - 1, 'up')), tool(i, 'down', '↓', i === list.length - 1, move(i, i + 1, 'down')), tool(i, 'remove', '×', false, () => { list.splice(i, 1); ctx.changed(true); }))))),
    h('button', { type: 'button', class: 'add', 'data-key': `${id}:add`, onclick: () => { list.push(blank(item)); ctx.changed(true); } }, `+ Add to ${label.toLowerCase()}`));
}

/** Entries added in this form: drawn open, so they can be filled in. */
const opened = new WeakSet();

function mapNode(schema, map, path, ctx, label) {
  const entry = schema.additionalProperties ?? {};
  const pattern = schema.propertyNames?.pattern ? new RegExp(schema.propertyNames.pattern) : undefined;
  const id = `f-${path.join('-').replace(/[^\w-]/g, '_') || 'root'}-new`;
  const newKey = h('input', { id, type: 'text', placeholder: 'id of the new entry' });
  const note = h('span', { class: 'note', role: 'status' });
  const add = () => {
    const k = newKey.value.trim();
    if (!k) return;
    if (['__proto__', 'constructor', 'prototype'].includes(k) || (pattern && !pattern.test(k))) { note.textContent = `"${k}" cannot be an id here${pattern ? ` (expected ${schema.propertyNames.pattern})` : ''}`; return; }
    if (Object.prototype.hasOwnProperty.call(map, k)) { note.textContent = `"${k}" is already there`; return; }
    // Shaped like the entries already there (their languages), and open to be filled in.
    const like = Object.values(map).find((v) => v && typeof v === 'object' && !Array.isArray(v));
    map[k] = kindOf(entry) === 'object' && like ? { ...Object.fromEntries(Object.keys(like).filter((f) => entry.properties?.[f] && kindOf(entry.properties[f]) === 'string').map((f) => [f, ''])), ...blank(entry) } : blank(entry);
    opened.add(map[k]);
    ctx.focusAfter(`f-${[...path, k].join('-').replace(/[^\w-]/g, '_')}-${Object.keys(map[k])[0] ?? ''}`);
    ctx.changed(true);
  };
  const summaryOf = (v) => (v && typeof v === 'object' ? v.en ?? v.fr ?? v.text ?? v.name ?? Object.values(v).find((x) => typeof x === 'string') ?? '' : String(v ?? ''));
  return h('div', { class: 'map' }, label ? h('h2', { class: 'map-label' }, label) : null,
    ...Object.keys(map).map((k) => h('details', { class: 'entry', open: opened.has(map[k]) },
      h('summary', { 'data-key': `entry-${k}` }, h('code', {}, k), ' ', h('span', { class: 'entry-summary' }, String(summaryOf(map[k])).slice(0, 90))),
      h('div', { class: 'entry-body' }, node(entry, map, [...path, k], ctx, { label: k }),
        h('button', { type: 'button', class: 'button secondary small danger', onclick: () => { if (confirm(`Remove "${k}"? A record that uses it will then be refused until it is changed too.`)) { delete map[k]; ctx.changed(true); } } }, `Remove ${k}`)))),
    h('div', { class: 'add-entry' }, h('label', { for: id }, 'Add an entry'), newKey, h('button', { type: 'button', class: 'button secondary small', onclick: add }, 'Add'), note));
}
