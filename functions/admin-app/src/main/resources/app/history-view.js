import { h, show, say, labelled } from './dom.js';
import { call, configPath } from './api.js';
import { session, atLeast } from './session.js';
import { go } from './navigation.js';
import { differences, diffTable } from './diff.js';

// Every version with who and when; a side-by-side diff of any two; restore for Full users.
export async function historyView(id) {
  document.title = `History of ${id} · Flow configs`;
  let versions = [];
  let nextToken = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (nextToken) query.set('nextToken', nextToken);
    const { data } = await call('GET', configPath(id, '/versions?' + query));
    versions = versions.concat(data.versions);
    nextToken = data.nextToken || null;
  } while (nextToken && versions.length < 1000);
  const current = versions.find(v => v.current);
  const full = atLeast(session.levelFor(id), 'Full');
  const option = v => h('option', { value: String(v.version) }, `Version ${v.version}${v.current ? ' (current)' : ''}`);
  const left = h('select', { name: 'left-version' }, versions.map(option));
  const right = h('select', { name: 'right-version' }, versions.map(option));
  if (versions.length > 1) left.value = String(versions[1].version);
  const out = h('div', { id: 'diff', 'aria-live': 'polite' });
  const compare = async () => {
    const [a, b] = await Promise.all([left.value, right.value].map(n => call('GET', configPath(id, `/versions/${n}`))));
    out.replaceChildren(diffTable(`Version ${left.value} compared with version ${right.value}`, `Version ${left.value}`,
      `Version ${right.value}`, differences(a.data, b.data)));
  };
  const restore = async version => {
    if (!window.confirm(`Make version ${version} of '${id}' current again? It is saved as a new version.`)) return;
    try {
      const headers = current ? { 'If-Match': `"${current.version}"` } : { 'If-None-Match': '*' };
      const { data } = await call('POST', configPath(id, `/versions/${version}/restore`), { headers });
      say(`Restored version ${version} of '${id}': now version ${data.version}.`);
      go('#/configs/' + encodeURIComponent(id));
    } catch (e) {
      say(`Not restored: ${e.message}`, true);
    }
  };
  show(h('p', {}, h('a', { href: '#/configs/' + encodeURIComponent(id) }, `← ${id}`)),
    h('h1', {}, `History of ${id}`),
    full ? null : h('p', { class: 'notice' }, 'Restoring a version needs Full access.'),
    h('table', { id: 'versions' }, h('caption', {}, 'Versions, newest first'),
      h('thead', {}, h('tr', {}, ['Version', 'Saved by', 'Saved', 'Replaced', full ? 'Restore' : null]
        .filter(Boolean).map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, versions.map(v => h('tr', {},
        h('td', {}, `${v.version}${v.current ? ' (current)' : ''}`),
        h('td', {}, v.updatedBy || ''),
        h('td', {}, v.updatedAt ? new Date(v.updatedAt).toLocaleString() : ''),
        h('td', {}, v.current ? '' : `${v.archivedBecause || ''} by ${v.archivedBy || ''}`),
        full ? h('td', {}, v.current ? '' : h('button', { type: 'button', 'aria-label': `Restore version ${v.version}`,
          onclick: () => restore(v.version) }, 'Restore')) : null)))),
    h('h2', {}, 'Compare two versions'),
    h('div', { class: 'toolbar' }, labelled('Left', left), labelled('Right', right),
      h('button', { type: 'button', id: 'compare', onclick: compare }, 'Compare')), out);
}
