import { h, show, say, labelled } from './dom.js';
import { call, configPath } from './api.js';
import { differences, diffTable } from './diff.js';

// Import: read a file, ask the API for a dry run, show what would be created, updated and left alone, then confirm.
export async function importView() {
  document.title = 'Import · Flow configs';
  const file = h('input', { type: 'file', name: 'import-file', accept: 'application/json,.json' });
  const out = h('div', { id: 'import-plan', 'aria-live': 'polite' });
  file.addEventListener('change', async () => {
    out.replaceChildren();
    const chosen = file.files[0];
    if (!chosen) return;
    let document;
    try {
      document = JSON.parse(await chosen.text());
    } catch (e) {
      out.replaceChildren(h('p', { class: 'problem', role: 'alert' }, `${chosen.name} is not JSON.`));
      return;
    }
    try {
      const { data: plan } = await call('POST', 'flow-configs/import?dryRun=true', { body: document });
      out.replaceChildren(...await planView(document, plan));
    } catch (e) {
      out.replaceChildren(h('div', { role: 'alert' }, h('p', { class: 'problem' }, e.message),
        e.details.length ? h('ul', {}, e.details.map(d => h('li', {}, `${d.field}: ${d.message}`))) : null));
    }
  });
  show(h('h1', {}, 'Import flow configs'),
    h('p', {}, 'Choose an export file. You see what would change before anything is written.'),
    labelled('Export file', file), out);
}

async function planView(document, plan) {
  const byId = new Map((document.flowConfigs || []).map(c => [c.id, c]));
  const updated = await Promise.all(plan.updated.map(async id => {
    const { data } = await call('GET', configPath(id));
    return diffTable(`'${id}' would change`, `Version ${data.version} (stored)`, 'In the file', differences(data, byId.get(id)));
  }));
  const list = (title, ids, listId) => h('section', {}, h('h2', {}, `${title}: ${ids.length}`),
    ids.length ? h('ul', { id: listId }, ids.map(id => h('li', {}, id))) : null);
  const confirm = h('button', { type: 'button', class: 'primary', id: 'confirm-import',
    disabled: plan.created.length + plan.updated.length === 0 }, 'Import these changes');
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      const { data } = await call('POST', 'flow-configs/import', { body: document });
      say(`Imported: ${data.created.length} created, ${data.updated.length} updated, ${data.unchanged.length} unchanged.`);
      const written = Object.entries(data.versions || {});
      confirm.replaceWith(h('section', { class: 'ok', id: 'import-done' }, h('p', {}, 'Imported.'),
        written.length ? h('ul', { id: 'import-versions' },
          written.map(([id, version]) => h('li', {}, `${id} is now version ${version}`))) : null));
    } catch (e) {
      say(`Not imported: ${e.message}`, true);
      confirm.disabled = false;
    }
  });
  return [h('p', { class: 'notice', id: 'dry-run' }, 'Dry run: nothing has been written yet.'),
    list('Would be created', plan.created, 'would-create'),
    list('Would be updated', plan.updated, 'would-update'), ...updated,
    list('Unchanged', plan.unchanged, 'unchanged'), confirm];
}
