import { h, labelled, say } from './dom.js';
import { call } from './api.js';
import { browserZone } from './time-zones.js';

// The emergency switch over many configs: the ticked ones or every config whose id starts with a prefix.
// list: { ticked() → ids, listed() → loaded rows, complete() → whether every page is loaded, reload() }.
export function emergencyPanel(list) {
  const byTicks = h('input', { type: 'radio', name: 'emergency-by', value: 'ticked', checked: true });
  const byPrefix = h('input', { type: 'radio', name: 'emergency-by', value: 'prefix' });
  const prefix = h('input', { name: 'emergency-prefix', size: 20 });
  prefix.addEventListener('input', () => { byPrefix.checked = true; });
  const variables = h('div', { class: 'stack' });
  const prompts = h('div', { class: 'stack' });
  const until = h('input', { type: 'datetime-local', name: 'emergency-until' });
  const description = h('input', { name: 'emergency-description', size: 40 });
  const problems = h('div', { id: 'emergency-problems', role: 'alert' });
  const out = h('div', { id: 'emergency-result', 'aria-live': 'polite', tabindex: '-1' });

  const addVariable = () => {
    const k = variables.children.length + 1;
    const row = h('div', { class: 'toolbar emergency-variable' },
      labelled(`Variable ${k}`, h('input', { name: `emergency-variable-${k}` })),
      labelled(`Value ${k}`, h('input', { name: `emergency-value-${k}` })));
    variables.append(row);
    return row;
  };
  const addPrompt = () => {
    const k = prompts.children.length + 1;
    prompts.append(h('div', { class: 'toolbar emergency-prompt' },
      labelled(`Prompt ${k}`, h('input', { name: `emergency-prompt-${k}` })),
      labelled(`Language ${k}`, h('input', { name: `emergency-language-${k}`, size: 8 })),
      labelled(`Voice text ${k}`, h('input', { name: `emergency-voice-${k}`, size: 32 })),
      labelled(`Chat text ${k}`, h('input', { name: `emergency-chat-${k}`, size: 32 }))));
  };
  addVariable();

  const field = (row, prefixName) => row.querySelector(`[name^="${prefixName}"]`).value;
  const whatItSets = () => {
    const set = {};
    for (const row of variables.children) {
      const name = field(row, 'emergency-variable-').trim();
      if (!name) continue;
      set.variables = set.variables || {};
      set.variables[name] = field(row, 'emergency-value-');
    }
    for (const row of prompts.children) {
      const name = field(row, 'emergency-prompt-').trim();
      const language = field(row, 'emergency-language-').trim();
      if (!name || !language) continue;
      const text = {};
      if (field(row, 'emergency-voice-')) text.voice = field(row, 'emergency-voice-');
      if (field(row, 'emergency-chat-')) text.chat = field(row, 'emergency-chat-');
      set.prompts = set.prompts || {};
      set.prompts[name] = set.prompts[name] || {};
      set.prompts[name][language] = text;
    }
    return set;
  };
  // What was chosen; who is affected is the server's dry run's answer, never a count of the rows loaded here.
  const selection = () => {
    if (byPrefix.checked) {
      const start = prefix.value.trim();
      return { query: { prefix: start }, count: start ? 1 : 0, words: `every config whose id starts with '${start}'` };
    }
    const ids = list.ticked();
    return { query: { ids }, count: ids.length, words: `${ids.length} ticked config(s): ${ids.join(', ')}` };
  };

  // The dialog opens at once with Start disabled; it names the count and the configs from the server's dry run
  // (dryRun: the same request with ?dryRun=true), and Start is enabled only once that answer is in.
  const confirmThen = (verb, chosen, lines, dryRun, send) => {
    const go = h('button', { type: 'button', class: 'danger', id: 'emergency-confirm', disabled: true },
      `${verb} (waiting for the server's count)`);
    const title = h('h2', { id: 'emergency-dialog-h' }, `${verb}: checking which configs would change…`);
    const plan = h('div', { id: 'emergency-plan', 'aria-live': 'polite' },
      h('p', { class: 'muted' }, 'Asking the server which configs this would change (nothing is changed yet)…'));
    const dialog = h('dialog', { 'aria-labelledby': 'emergency-dialog-h', id: 'emergency-dialog' },
      title, lines.map(line => h('p', {}, line)), plan,
      h('div', { class: 'toolbar' }, go,
        h('button', { type: 'button', autofocus: true, onclick: () => dialog.close() }, 'Cancel')));
    go.addEventListener('click', async () => {
      go.disabled = true;
      out.replaceChildren(h('p', { class: 'muted' }, 'Sending…'));
      await send();
      dialog.close();
    });
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    (async () => {
      try {
        const data = (await dryRun()).data;
        const n = data.counts.changed;
        const idList = (id, items) => items.length ? h('ul', { id, class: 'emergency-plan-list' },
          items.map(text => h('li', {}, text))) : h('p', { class: 'muted' }, 'None.');
        title.textContent = `${verb === 'Start' ? 'Start an emergency' : 'End the emergency'} on ${n} config(s)?`;
        plan.replaceChildren(
          h('p', { id: 'emergency-plan-summary' }, `This changes ${n} config(s)`
            + (chosen.query.prefix !== undefined ? ` whose id starts with '${chosen.query.prefix}'` : '')
            + ` (the server's count); ${data.counts.unchanged} already as asked, ${data.counts.refused} refused.`),
          h('h3', {}, `Would change (${n})`), idList('emergency-would-change', data.changed.map(c => c.id)),
          h('h3', {}, `Would be refused (${data.counts.refused})`),
          idList('emergency-would-refuse', data.refused.map(r => `${r.id}: ${r.message} (${r.code})`)));
        go.textContent = `${verb === 'Start' ? 'Start the emergency' : 'End the emergency'} on ${n} config(s)`;
        go.disabled = n === 0;
      } catch (e) {
        plan.replaceChildren(h('p', { class: 'problem', role: 'alert' }, `The server could not count the configs: `
          + `${e.message}`));
        go.textContent = 'Cannot start without the server\'s count';
      }
    })();
  };
  const answered = (verb, data) => {
    const item = text => h('li', {}, text);
    const notDone = data.notDone || [];
    out.replaceChildren(h('h3', {}, `Emergency ${verb}`),
      h('p', { id: 'emergency-summary' }, `${data.changed.length} changed, ${data.unchanged.length} unchanged, `
        + `${data.refused.length} refused.` + (notDone.length ? ` ${notDone.length} not done yet.` : '')),
      notDone.length ? h('p', { class: 'problem', id: 'emergency-not-done' }, `Time ran out before ${notDone.length}`
        + ' config(s) were changed; nothing is wrong with them. Run the same switch again to finish: configs already'
        + ' switched stay as they are.') : null,
      h('h4', {}, 'Changed'), data.changed.length ? h('ul', { id: 'emergency-changed' },
        data.changed.map(c => item(`${c.id}: now version ${c.version}`))) : h('p', { class: 'muted' }, 'None.'),
      h('h4', {}, 'Unchanged'), data.unchanged.length ? h('ul', { id: 'emergency-unchanged' },
        data.unchanged.map(id => item(`${id}: already as asked`))) : h('p', { class: 'muted' }, 'None.'),
      h('h4', {}, 'Refused'), data.refused.length ? h('ul', { id: 'emergency-refused', class: 'problem' },
        data.refused.map(r => item(`${r.id}: ${r.message} (${r.code})`))) : h('p', { class: 'muted' }, 'None.'),
      notDone.length ? h('h4', {}, 'Not done yet') : null,
      notDone.length ? h('ul', { id: 'emergency-not-done-list' }, notDone.map(id => item(id))) : null);
    out.focus();
    say(`Emergency ${verb}: ${data.changed.length} changed, ${data.refused.length} refused`
      + (notDone.length ? `, ${notDone.length} not done yet.` : '.'), data.refused.length > 0 || notDone.length > 0);
    list.reload();
  };
  const failed = e => {
    out.replaceChildren();
    problems.replaceChildren(h('p', { class: 'problem' }, e.message),
      e.details.length ? h('ul', { class: 'problem' }, e.details.map(d => h('li', {}, `${d.field}: ${d.message}`))) : null);
  };
  const checkSelection = chosen => {
    if (byPrefix.checked ? !prefix.value.trim() : chosen.count === 0) {
      problems.replaceChildren(h('p', { class: 'problem' }, byPrefix.checked ? 'Type the id prefix of the configs.'
        : 'Tick the configs in the list first, or choose a prefix.'));
      return false;
    }
    return true;
  };

  const start = () => {
    problems.replaceChildren();
    const chosen = selection();
    if (!checkSelection(chosen)) return;
    const set = whatItSets();
    if (!set.variables && !set.prompts) {
      problems.replaceChildren(h('p', { class: 'problem' }, 'Give at least one variable or prompt text to set.'));
      return;
    }
    const body = { ...chosen.query, set };
    if (until.value) body.until = new Date(until.value).toISOString();
    if (description.value.trim()) body.description = description.value.trim();
    const sets = [...Object.entries(set.variables || {}).map(([k, v]) => `${k} = ${v}`),
      ...Object.entries(set.prompts || {}).flatMap(([p, ls]) => Object.keys(ls).map(l => `prompt ${p} in ${l}`))];
    confirmThen('Start', chosen,
      [`You chose ${chosen.words}.`, `It sets ${sets.join('; ')}`
        + (body.until ? `, until ${new Date(body.until).toLocaleString()}.` : ', until you end it.'),
      'Configs you may not edit are refused and named; the others change at once.'],
      () => call('POST', 'flow-configs/emergency?dryRun=true', { body }), async () => {
        try {
          answered('started', (await call('POST', 'flow-configs/emergency', { body })).data);
        } catch (e) {
          failed(e);
        }
      });
  };
  const end = () => {
    problems.replaceChildren();
    const chosen = selection();
    if (!checkSelection(chosen)) return;
    const query = new URLSearchParams(chosen.query.prefix !== undefined ? { prefix: chosen.query.prefix }
      : { ids: chosen.query.ids.join(',') });
    confirmThen('End', chosen,
      [`This takes the emergency schedule away from ${chosen.words}. They go back to their own values and schedules.`],
      () => call('DELETE', `flow-configs/emergency?${query}&dryRun=true`), async () => {
        try {
          answered('ended', (await call('DELETE', 'flow-configs/emergency?' + query)).data);
        } catch (e) {
          failed(e);
        }
      });
  };

  return h('section', { id: 'emergency', 'aria-labelledby': 'emergency-h' },
    h('h2', { id: 'emergency-h' }, 'Emergency switch'),
    h('p', { class: 'muted' }, 'Puts a schedule named emergency at the top of every selected config you may edit, so it'
      + ' wins over every other schedule. Contact flows see the change once GetConfig\'s cache expires.'),
    h('fieldset', {}, h('legend', {}, 'Which configs'),
      h('div', {}, h('label', { class: 'switch' }, byTicks, 'The configs ticked in the list above')),
      h('div', { class: 'toolbar' }, h('label', { class: 'switch' }, byPrefix, 'Every config whose id starts with a prefix'),
        labelled('Id prefix', prefix))),
    h('fieldset', {}, h('legend', {}, 'What it sets'),
      h('p', { class: 'muted' }, 'Names and values are checked by the server against each config: a config without the'
        + ' variable or prompt, or whose schema refuses the value, is refused and named.'),
      variables, h('button', { type: 'button', onclick: () => addVariable() }, 'Add a variable'),
      prompts, h('button', { type: 'button', onclick: addPrompt }, 'Add a prompt text')),
    h('div', { class: 'toolbar' },
      labelled('Until (optional)', until, `Your time (${browserZone()}); empty: until it is ended.`),
      labelled('Description (optional)', description)),
    problems,
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'danger', id: 'emergency-start', onclick: start }, 'Start emergency…'),
      h('button', { type: 'button', id: 'emergency-end', onclick: end }, 'End emergency…')),
    out);
}
