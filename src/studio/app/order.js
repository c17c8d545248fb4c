// The order of the action sheets in the booklet: grouped by country (the booklet's countries'
// order, edited in its form above), and within a country as the team wants them — move up,
// move down, then Save order, which sets each moved action's `order:` (10, 20, 30…) in its
// file. The order is the same in every language's booklet. Server side: ../records.ts.
import { h, api, countryName, problemList } from '/app/dom.js';

export function bookletOrderPanel() {
  const say = h('p', { class: 'say', role: 'status', 'aria-live': 'polite' });
  const problems = h('div');
  const groups = h('div', { class: 'order-groups' });
  const save = h('button', { type: 'button', class: 'button', id: 'save-order', disabled: true, onclick: () => store() }, 'Save order');
  const panel = h('section', { class: 'panel order-panel', 'aria-labelledby': 'order-title' },
    h('header', {}, h('h2', { id: 'order-title' }, 'Order of the action sheets'), h('p', {}, 'Within each country; the countries’ order is in the form above. The same order in every language.')),
    groups, h('div', { class: 'actions' }, save, say), problems);
  let actions = [];
  let focusKey;

  async function load() {
    const { status, body } = await api('/api/booklet-order?lang=fr');
    if (status !== 200) {
      say.textContent = body.message;
      return;
    }
    actions = body.actions;
    save.disabled = true;
    draw();
  }

  function draw() {
    const byCountry = [];
    for (const a of actions) {
      if (byCountry.at(-1)?.code !== a.country) byCountry.push({ code: a.country, actions: [] });
      byCountry.at(-1).actions.push(a);
    }
    groups.replaceChildren(...byCountry.map((g) => h('div', { class: 'order-group' }, h('h3', {}, countryName(g.code, 'en')),
      h('ol', {}, ...g.actions.map((a, i) => h('li', {}, h('span', { class: 'order-title' }, a.title, a.cities.length ? h('span', { class: 'order-city' }, ` · ${a.cities.join(', ')}`) : null),
        h('span', { class: 'tools' },
          h('button', { type: 'button', class: 'icon', 'data-key': `${a.id}:up`, 'aria-label': `Move up: ${a.title}`, title: 'Move up', disabled: i === 0, onclick: () => move(a, -1, 'up') }, '↑'),
          h('button', { type: 'button', class: 'icon', 'data-key': `${a.id}:down`, 'aria-label': `Move down: ${a.title}`, title: 'Move down', disabled: i === g.actions.length - 1, onclick: () => move(a, 1, 'down') }, '↓'))))))));
    if (focusKey) groups.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
    focusKey = undefined;
  }

  function move(a, by, key) {
    const i = actions.indexOf(a);
    [actions[i], actions[i + by]] = [actions[i + by], actions[i]];
    const group = actions.filter((x) => x.country === a.country);
    const at = group.indexOf(a);
    // The focus stays on the moved action (on its other button at the end of its country).
    focusKey = `${a.id}:${(key === 'up' && at === 0) ? 'down' : (key === 'down' && at === group.length - 1) ? 'up' : key}`;
    save.disabled = false;
    say.className = 'say';
    say.textContent = 'Order changed: not saved yet';
    draw();
  }

  async function store() {
    save.disabled = true;
    say.textContent = 'Saving…';
    const { status, body } = await api('/api/booklet-order', { ids: actions.map((a) => a.id) });
    if (status !== 200) {
      save.disabled = false;
      say.className = 'say bad';
      say.textContent = `Not saved: ${body.message}`;
      problems.replaceChildren(...problemList(body.problems ?? []));
      return;
    }
    problems.replaceChildren();
    say.className = 'say good';
    say.textContent = body.changed.length ? `Saved: the order of ${body.changed.length} action${body.changed.length === 1 ? '' : 's'} set in ${body.changed.length === 1 ? 'its file' : 'their files'}. The booklets are being made again.` : 'The order was already so.';
    await load();
  }

  load();
  return panel;
}
