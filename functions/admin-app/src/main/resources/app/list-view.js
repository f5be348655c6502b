import { h, show, say, labelled } from './dom.js';
import { call, configPath } from './api.js';
import { session } from './session.js';
import { go } from './navigation.js';
import { emergencyPanel } from './emergency-switch.js';

const PAGE_SIZE = 100;

// The configs the caller may read, a page at a time as the API pages them (one request per page, none per row).
export async function listView() {
  document.title = 'Configs · Flow configs';
  const prefix = h('input', { name: 'prefix', type: 'search', value: sessionStorage.getItem('list.prefix') || '' });
  const filter = h('input', { name: 'filter', type: 'search', value: '' });
  const body = h('tbody');
  const count = h('p', { class: 'muted', id: 'list-count' });
  const more = h('button', { type: 'button', id: 'load-more', hidden: true }, 'Load more');
  let rows = [];
  let nextToken = null;
  let search = 0;

  const matches = item => {
    const text = filter.value.trim().toLowerCase();
    return !text || item.id.toLowerCase().includes(text) || (item.description || '').toLowerCase().includes(text);
  };
  // Ticks pick configs for the emergency switch (Edit is enough: schedules are values); they survive a reload.
  const ticking = session.holdsAnywhere('Edit');
  const ticked = new Set();
  const tick = item => {
    const box = h('input', { type: 'checkbox', name: 'select-' + item.id, 'aria-label': `Select ${item.id}`,
      checked: ticked.has(item.id), onchange: () => { if (box.checked) ticked.add(item.id); else ticked.delete(item.id); } });
    return h('td', {}, box);
  };
  const render = () => {
    const shown = rows.filter(matches);
    body.replaceChildren(...shown.map(item => h('tr', {},
      ticking ? tick(item) : null,
      h('td', {}, h('a', { href: '#/configs/' + encodeURIComponent(item.id) }, item.id)),
      h('td', {}, item.description || ''),
      h('td', {}, String(item.version)),
      h('td', {}, item.updatedBy || ''),
      h('td', {}, item.updatedAt ? new Date(item.updatedAt).toLocaleString() : ''))));
    const searched = prefix.value.trim() ? ` whose id starts with '${prefix.value.trim()}'` : '';
    count.textContent = `${shown.length} of ${rows.length} loaded config(s)${searched} shown`
      + (nextToken ? '; more on the next page.' : '.');
    more.hidden = !nextToken;
  };
  // A page answers the search it was asked for: one that arrives after a newer search is dropped.
  const load = async reset => {
    if (reset) { rows = []; nextToken = null; search += 1; }
    const asked = search;
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (prefix.value.trim()) query.set('prefix', prefix.value.trim());
    if (nextToken) query.set('nextToken', nextToken);
    more.disabled = true;
    count.textContent = 'Loading…';
    try {
      const { data } = await call('GET', 'flow-configs?' + query);
      if (asked !== search) return;
      rows = rows.concat(data.items);
      nextToken = data.nextToken || null;
      render();
    } catch (e) {
      say(e.message, true);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => load(false));
  filter.addEventListener('input', render);
  const searchForm = h('form', { class: 'toolbar', role: 'search', onsubmit: event => {
    event.preventDefault();
    sessionStorage.setItem('list.prefix', prefix.value.trim());
    load(true);
  } }, labelled('Id starts with', prefix), h('button', { type: 'submit' }, 'Search'),
  labelled('Filter loaded configs', filter, 'Matches id or description'));

  const exportButton = h('button', { type: 'button', onclick: () => exportAll(prefix.value.trim()) }, 'Export');
  show(h('h1', {}, 'Flow configs'), searchForm,
    h('div', { class: 'toolbar' }, exportButton, createControl()),
    h('table', { id: 'configs' }, h('caption', {}, 'Configs you may read'),
      h('thead', {}, h('tr', {}, (ticking ? ['Select'] : []).concat(['Id', 'Description', 'Version', 'Last changed by',
        'Last changed']).map(t => h('th', { scope: 'col' }, t)))),
      body), count, more,
    ticking ? emergencyPanel({ ticked: () => rows.map(item => item.id).filter(id => ticked.has(id)),
      listed: () => rows, complete: () => !nextToken, reload: () => load(true) }) : null);
  await load(true);
}

function createControl() {
  if (!session.holdsAnywhere('Full')) {
    return h('p', { class: 'muted' }, 'Creating configs needs Full access.');
  }
  const id = h('input', { name: 'new-id', required: true, pattern: '[A-Za-z0-9+_\\-.:]{1,128}' });
  const description = h('input', { name: 'new-description' });
  const language = h('input', { name: 'new-language', value: 'en-US', required: true });
  const problem = h('p', { class: 'problem', role: 'alert' });
  const form = h('form', { class: 'toolbar', hidden: true, 'aria-label': 'New config', onsubmit: async event => {
    event.preventDefault();
    problem.textContent = '';
    const newId = id.value.trim();
    if (session.levelFor(newId) !== 'Full') {
      problem.textContent = `You do not have Full access to '${newId}'.`;
      return;
    }
    try {
      const { data } = await call('PUT', configPath(newId), { headers: { 'If-None-Match': '*' },
        body: { id: newId, description: description.value, defaultLanguage: language.value.trim(), variables: {}, prompts: {} } });
      say(`Created '${data.id}': version ${data.version}.`);
      go('#/configs/' + encodeURIComponent(data.id));
    } catch (e) {
      problem.textContent = e.details.length ? e.details.map(d => `${d.field}: ${d.message}`).join(' ') : e.message;
    }
  } }, labelled('Id', id), labelled('Description', description), labelled('Default language', language),
  h('button', { type: 'submit', class: 'primary' }, 'Create'), problem);
  const open = h('button', { type: 'button', 'aria-expanded': 'false', onclick: () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) id.focus();
  } }, 'New config');
  return h('div', {}, open, form);
}

async function exportAll(prefix) {
  try {
    const { data } = await call('GET', 'flow-configs/export' + (prefix ? '?prefix=' + encodeURIComponent(prefix) : ''));
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = h('a', { href: url, download: 'flow-configs-export.json' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(`Exported ${data.flowConfigs.length} config(s).`);
  } catch (e) {
    say(e.message, true);
  }
}
