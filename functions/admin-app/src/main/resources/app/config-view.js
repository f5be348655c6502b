import { h, show, say, labelled, uid } from './dom.js';
import { call, configPath } from './api.js';
import { session, atLeast } from './session.js';
import { guard, go } from './navigation.js';
import { differences, reapply, diffTable } from './diff.js';
import { ssmlProblem } from './ssml.js';
import { valueEditor } from './value-editor.js';
import { schedulesSection } from './schedules-editor.js';
import { zoneInput, instantOf } from './time-zones.js';

const TYPES = ['text', 'number', 'boolean', 'select'];
const CHANNELS = ['voice', 'chat', 'task', 'email'];
const RESULT_LIMIT = 32 * 1024;
const clone = value => JSON.parse(JSON.stringify(value));

// One config: its values and prompts with editors for what the caller's level allows, preview and play.
export async function configView(id) {
  const loaded = await call('GET', configPath(id));
  const state = { id, base: loaded.data, etag: loaded.etag, draft: clone(loaded.data), level: session.levelFor(id),
    conflict: null };
  guard.unsaved = () => JSON.stringify(state.draft) !== JSON.stringify(state.base);
  guard.message = `You have unsaved changes to '${id}'. Leave without saving?`;
  render(state);
}

function render(state) {
  const { level } = state;
  document.title = `${state.id} · Flow configs`;
  const canEdit = atLeast(level, 'Edit');
  const full = atLeast(level, 'Full');
  const access = full ? 'You have Full access: you may change everything, including structure.'
    : canEdit ? 'You have Edit access: you may change values and prompt texts; adding or removing variables, prompts and languages needs Full access.'
      : 'You have Read access: you may look, preview and play; changing needs Edit or Full access.';
  show(
    h('p', {}, h('a', { href: '#/' }, '← All configs')),
    h('h1', {}, state.id),
    h('p', { id: 'version-line' }, `Version ${state.base.version}, last changed by ${state.base.updatedBy || '—'}`
      + (state.base.updatedAt ? ` on ${new Date(state.base.updatedAt).toLocaleString()}` : '') + '. ',
      h('a', { href: `#/configs/${encodeURIComponent(state.id)}/history` }, 'History'), ' · ',
      h('a', { href: `#/configs/${encodeURIComponent(state.id)}/timeline` }, 'Timeline')),
    h('p', { class: 'notice', id: 'access' }, access),
    state.conflict ? conflictPanel(state) : null,
    h('div', { id: 'problems', role: 'alert' }),
    detailsSection(state, full),
    variablesSection(state, canEdit, full),
    promptsSection(state, canEdit, full),
    schedulesSection({ draft: state.draft, changed: () => markChanged(state), rerender: focus => {
      render(state);
      const target = focus ? document.querySelector(`[name="${CSS.escape(focus)}"], #${CSS.escape(focus)}`) : null;
      if (target) target.focus();
    } }, canEdit),
    canEdit ? actions(state, full) : null,
    previewSection(state));
}

function markChanged(state) {
  const dirty = JSON.stringify(state.draft) !== JSON.stringify(state.base);
  const save = document.getElementById('save');
  if (save) save.disabled = !dirty;
  const note = document.getElementById('unsaved');
  if (note) note.textContent = dirty ? 'You have unsaved changes.' : '';
}

function detailsSection(state, full) {
  const { draft } = state;
  if (!full) {
    return h('section', { 'aria-labelledby': 'details-h' }, h('h2', { id: 'details-h' }, 'Details'),
      h('p', {}, draft.description || ''), h('p', {}, `Default language: ${draft.defaultLanguage || 'en-US'}`));
  }
  const description = h('input', { name: 'description', 'data-field': 'description', value: draft.description || '', size: 60,
    oninput: () => { draft.description = description.value; markChanged(state); } });
  const language = h('input', { name: 'defaultLanguage', 'data-field': 'defaultLanguage', value: draft.defaultLanguage || '',
    oninput: () => { draft.defaultLanguage = language.value.trim(); markChanged(state); } });
  return h('section', { 'aria-labelledby': 'details-h' }, h('h2', { id: 'details-h' }, 'Details'),
    h('div', { class: 'toolbar' }, labelled('Description', description), labelled('Default language', language)));
}

function variableEditor(state, name) {
  const { draft } = state;
  return valueEditor({ schema: (draft.schema || {})[name], value: draft.variables[name], inputName: `var-${name}`,
    field: `variables.${name}`, label: name, onChange: value => { draft.variables[name] = value; markChanged(state); } });
}

function schemaEditor(state, name) {
  const { draft } = state;
  const schema = (draft.schema || {})[name] || { type: 'text' };
  const type = h('select', { name: `type-${name}`, 'aria-label': `Type of ${name}`, 'data-field': `schema.${name}`,
    onchange: () => {
      draft.schema = draft.schema || {};
      draft.schema[name] = type.value === 'select' ? { type: 'select', options: [draft.variables[name]] } : { type: type.value };
      if (type.value === 'boolean' && !['true', 'false'].includes(draft.variables[name])) draft.variables[name] = 'false';
      if (type.value === 'text') delete draft.schema[name];
      if (draft.schema && Object.keys(draft.schema).length === 0) delete draft.schema;
      render(state);
    } }, TYPES.map(t => h('option', { value: t }, t)));
  type.value = schema.type;
  if (schema.type !== 'select') return type;
  const options = h('input', { name: `options-${name}`, 'aria-label': `Options of ${name}, separated by commas`,
    value: (schema.options || []).join(', '), onchange: () => {
      draft.schema[name] = { type: 'select', options: options.value.split(',').map(o => o.trim()).filter(Boolean) };
      render(state);
    } });
  return h('span', { class: 'toolbar' }, type, options);
}

function variablesSection(state, canEdit, full) {
  const { draft } = state;
  const names = Object.keys(draft.variables || {}).sort();
  const rows = names.map(name => h('tr', {},
    h('th', { scope: 'row' }, name),
    h('td', {}, full ? schemaEditor(state, name) : ((draft.schema || {})[name] || { type: 'text' }).type),
    h('td', {}, canEdit ? variableEditor(state, name) : h('span', { 'data-value': name }, draft.variables[name]),
      h('p', { class: 'field-error', id: `error-variables.${name}` })),
    full ? h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Remove variable ${name}`, onclick: () => {
      delete draft.variables[name];
      if (draft.schema) delete draft.schema[name];
      render(state);
    } }, 'Remove')) : null));
  return h('section', { 'aria-labelledby': 'variables-h' }, h('h2', { id: 'variables-h' }, 'Variables'),
    names.length ? h('table', { id: 'variables' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'),
      h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Value'), full ? h('th', { scope: 'col' }, 'Remove') : null)),
    h('tbody', {}, rows)) : h('p', { class: 'muted' }, 'No variables.'),
    full ? addVariableForm(state) : null);
}

function addVariableForm(state) {
  const name = h('input', { name: 'new-variable', required: true });
  const type = h('select', { name: 'new-variable-type' }, TYPES.map(t => h('option', { value: t }, t)));
  const value = h('input', { name: 'new-variable-value' });
  return h('form', { class: 'toolbar', 'aria-label': 'Add a variable', onsubmit: event => {
    event.preventDefault();
    const key = name.value.trim();
    state.draft.variables[key] = type.value === 'boolean' ? (value.value === 'true' ? 'true' : 'false') : value.value;
    if (type.value !== 'text') {
      state.draft.schema = state.draft.schema || {};
      state.draft.schema[key] = type.value === 'select' ? { type: 'select', options: [value.value] } : { type: type.value };
    }
    render(state);
  } }, labelled('New variable', name), labelled('Type', type), labelled('Value', value),
  h('button', { type: 'submit' }, 'Add variable'));
}

function promptsSection(state, canEdit, full) {
  const { draft } = state;
  const prompts = Object.keys(draft.prompts || {}).sort();
  return h('section', { 'aria-labelledby': 'prompts-h' }, h('h2', { id: 'prompts-h' }, 'Prompts'),
    prompts.length ? null : h('p', { class: 'muted' }, 'No prompts.'),
    prompts.map(prompt => h('fieldset', { class: 'prompt', 'data-prompt': prompt }, h('legend', {}, prompt),
      Object.keys(draft.prompts[prompt]).sort().map(language => promptLanguage(state, prompt, language, canEdit, full)),
      full ? h('div', { class: 'toolbar' }, addLanguageForm(state, prompt),
        h('button', { type: 'button', class: 'danger', onclick: () => { delete draft.prompts[prompt]; render(state); } },
          `Remove prompt ${prompt}`)) : null)),
    full ? addPromptForm(state) : null);
}

function promptLanguage(state, prompt, language, canEdit, full) {
  const text = state.draft.prompts[prompt][language];
  const base = `prompts.${prompt}.${language}`;
  const player = h('div', { class: 'player' });
  const play = h('button', { type: 'button', 'aria-label': `Play ${prompt} in ${language}`,
    onclick: () => playPrompt(state, prompt, language, player) }, 'Play');
  if (!canEdit) {
    return h('div', { class: 'prompt-language' }, h('h3', {}, language),
      h('p', {}, h('strong', {}, 'Voice: '), h('code', {}, text.voice)),
      text.chat ? h('p', {}, h('strong', {}, 'Chat: '), text.chat) : null, play, player);
  }
  const voiceId = uid('voice');
  const ssml = h('p', { class: 'ok', id: voiceId + '-check', 'aria-live': 'polite' });
  const voice = h('textarea', { name: `voice-${prompt}-${language}`, 'data-field': `${base}.voice`,
    'aria-describedby': voiceId + '-check', value: text.voice, oninput: () => {
      text.voice = voice.value;
      check();
      markChanged(state);
    } });
  const check = () => {
    const problem = ssmlProblem(voice.value);
    ssml.className = problem ? 'field-error' : 'ok';
    ssml.textContent = problem || (voice.value.trim().startsWith('<') ? 'Well-formed SSML.' : 'Plain text.');
    voice.setAttribute('aria-invalid', problem ? 'true' : 'false');
  };
  check();
  const chat = h('textarea', { name: `chat-${prompt}-${language}`, 'data-field': `${base}.chat`, value: text.chat || '',
    oninput: () => {
      if (chat.value === '') delete text.chat; else text.chat = chat.value;
      markChanged(state);
    } });
  return h('div', { class: 'prompt-language', 'data-language': language }, h('h3', {}, language),
    labelled(`Voice text (SSML) for ${prompt} in ${language}`, voice), ssml,
    labelled(`Chat text for ${prompt} in ${language}`, chat),
    h('div', { class: 'toolbar' }, play, full ? h('button', { type: 'button', class: 'danger', onclick: () => {
      delete state.draft.prompts[prompt][language];
      render(state);
    } }, `Remove ${language} from ${prompt}`) : null), player);
}

function addLanguageForm(state, prompt) {
  const language = h('input', { name: `new-language-${prompt}`, required: true, size: 8 });
  const voice = h('input', { name: `new-language-voice-${prompt}`, required: true, size: 40 });
  return h('form', { class: 'toolbar', 'aria-label': `Add a language to ${prompt}`, onsubmit: event => {
    event.preventDefault();
    state.draft.prompts[prompt][language.value.trim()] = { voice: voice.value };
    render(state);
  } }, labelled(`Language for ${prompt}`, language), labelled('Voice text', voice),
  h('button', { type: 'submit' }, 'Add language'));
}

function addPromptForm(state) {
  const name = h('input', { name: 'new-prompt', required: true });
  const language = h('input', { name: 'new-prompt-language', required: true, value: state.draft.defaultLanguage || 'en-US', size: 8 });
  const voice = h('input', { name: 'new-prompt-voice', required: true, size: 40 });
  return h('form', { class: 'toolbar', 'aria-label': 'Add a prompt', onsubmit: event => {
    event.preventDefault();
    state.draft.prompts = state.draft.prompts || {};
    state.draft.prompts[name.value.trim()] = { [language.value.trim()]: { voice: voice.value } };
    render(state);
  } }, labelled('New prompt', name), labelled('Language', language), labelled('Voice text', voice),
  h('button', { type: 'submit' }, 'Add prompt'));
}

function actions(state, full) {
  const dirty = JSON.stringify(state.draft) !== JSON.stringify(state.base);
  return h('section', { class: 'toolbar', 'aria-label': 'Save' },
    h('button', { type: 'button', class: 'primary', id: 'save', disabled: !dirty, onclick: () => save(state) }, 'Save'),
    h('button', { type: 'button', onclick: () => { state.draft = clone(state.base); state.conflict = null; render(state); } },
      'Discard changes'),
    full ? h('button', { type: 'button', class: 'danger', id: 'delete', onclick: () => confirmDelete(state) }, 'Delete config')
      : null,
    h('span', { id: 'unsaved', 'aria-live': 'polite' }, dirty ? 'You have unsaved changes.' : ''));
}

async function save(state) {
  try {
    const answer = await call('PUT', configPath(state.id), { headers: { 'If-Match': state.etag }, body: state.draft });
    state.base = answer.data;
    state.etag = answer.etag;
    state.draft = clone(answer.data);
    state.conflict = null;
    render(state);
    say(`Saved '${state.id}': now version ${answer.data.version}.`);
  } catch (e) {
    if (e.status === 412) {
      const latest = await call('GET', configPath(state.id));
      state.conflict = { theirs: latest.data, etag: latest.etag };
      render(state);
      say(`Not saved: someone saved version ${latest.data.version} meanwhile. Your changes are kept; see below.`, true);
      document.getElementById('conflict').focus();
      return;
    }
    showProblems(e);
  }
}

// A 412: what changed since the user loaded the config, and their own edits, side by side; nothing is overwritten.
function conflictPanel(state) {
  const { theirs, etag } = state.conflict;
  return h('section', { class: 'conflict', id: 'conflict', tabindex: '-1', 'aria-labelledby': 'conflict-h' },
    h('h2', { id: 'conflict-h' }, `Version ${theirs.version} was saved by ${theirs.updatedBy || 'someone'} while you were editing`),
    h('p', {}, `You started from version ${state.base.version}. Nothing was overwritten and your changes are still here.`),
    diffTable('Changed by others since you opened it', `Version ${state.base.version}`, `Version ${theirs.version}`,
      differences(state.base, theirs)),
    diffTable('Your unsaved changes', `Version ${state.base.version}`, 'Yours', differences(state.base, state.draft)),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'primary', id: 'reapply', onclick: () => {
        state.draft = reapply(state.base, state.draft, theirs);
        state.base = theirs;
        state.etag = etag;
        state.conflict = null;
        render(state);
        say(`Your changes are applied on version ${theirs.version}. Review them and save.`);
      } }, `Re-apply my changes on version ${theirs.version}`),
      h('button', { type: 'button', onclick: () => {
        state.base = theirs;
        state.etag = etag;
        state.draft = clone(theirs);
        state.conflict = null;
        render(state);
        say(`Showing version ${theirs.version}; your changes were discarded.`);
      } }, `Discard mine and show version ${theirs.version}`)));
}

function showProblems(e) {
  const problems = document.getElementById('problems');
  document.querySelectorAll('[data-field]').forEach(el => el.removeAttribute('aria-invalid'));
  document.querySelectorAll('.field-error.from-api').forEach(el => el.remove());
  const unplaced = [];
  for (const detail of e.details) {
    const target = document.querySelector(`[data-field="${CSS.escape(detail.field)}"]`);
    if (!target) { unplaced.push(detail); continue; }
    const message = h('p', { class: 'field-error from-api', id: uid('field-error') }, detail.message);
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), message.id].filter(Boolean).join(' '));
    (target.closest('label') || target).after(message);
  }
  if (problems) {
    problems.replaceChildren(h('div', {}, h('p', { class: 'problem' }, e.message),
      unplaced.length ? h('ul', {}, unplaced.map(d => h('li', {}, `${d.field}: ${d.message}`))) : null));
  }
  say(`Not saved: ${e.message}`, true);
}

function confirmDelete(state) {
  const typed = h('input', { name: 'confirm-id', autocomplete: 'off' });
  const remove = h('button', { type: 'button', class: 'danger', disabled: true }, `Delete ${state.id}`);
  const dialog = h('dialog', { 'aria-labelledby': 'delete-h' }, h('h2', { id: 'delete-h' }, `Delete '${state.id}'?`),
    h('p', {}, `Contact flows that read '${state.id}' will get NOT_FOUND. The history is kept.`),
    labelled(`Type ${state.id} to confirm`, typed),
    h('div', { class: 'toolbar' }, remove, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  typed.addEventListener('input', () => { remove.disabled = typed.value !== state.id; });
  remove.addEventListener('click', async () => {
    try {
      await call('DELETE', configPath(state.id), { headers: { 'If-Match': state.etag } });
      dialog.close();
      guard.unsaved = null;
      say(`Deleted '${state.id}' (version ${state.base.version} is kept in its history).`);
      go('#/');
    } catch (e) {
      dialog.close();
      showProblems(e);
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

function previewSection(state) {
  const languages = new Set([state.draft.defaultLanguage || 'en-US']);
  Object.values(state.draft.prompts || {}).forEach(p => Object.keys(p).forEach(l => languages.add(l)));
  const language = h('select', { name: 'preview-language' }, [...languages].sort().map(l => h('option', { value: l }, l)));
  const channel = h('select', { name: 'preview-channel' }, CHANNELS.map(c => h('option', { value: c }, c)));
  const out = h('div', { id: 'preview-result', 'aria-live': 'polite' });
  // "At" is a wall-clock time in a zone (the config's by default), as schedules are written; empty is now.
  const at = h('input', { type: 'datetime-local', name: 'preview-at' });
  const [zone, zoneList] = zoneInput({ name: 'preview-zone', value: state.draft.timeZone || 'UTC' });
  const run = async () => {
    const dirty = JSON.stringify(state.draft) !== JSON.stringify(state.base);
    const body = { lang: language.value, channel: channel.value };
    if (at.value) {
      try {
        body.at = instantOf(at.value, zone.value.trim() || 'UTC');
      } catch (e) {
        out.replaceChildren(h('p', { class: 'problem' }, `'${zone.value}' is not a time zone this browser knows.`));
        return;
      }
    }
    if (dirty) body.config = state.draft;
    try {
      const { data } = await call('POST', configPath(state.id, '/preview'), { body });
      out.replaceChildren(previewTable(data, dirty));
    } catch (e) {
      out.replaceChildren(h('p', { class: 'problem' }, e.message));
    }
  };
  return h('section', { 'aria-labelledby': 'preview-h' }, h('h2', { id: 'preview-h' }, 'Preview: what a contact flow gets'),
    h('div', { class: 'toolbar' }, labelled('Language', language), labelled('Channel', channel),
      labelled('At (optional)', at, 'Empty: now.'), labelled('In time zone', zone), zoneList,
      h('button', { type: 'button', id: 'preview', onclick: run }, 'Preview')), out);
}

function previewTable(data, unsaved) {
  const result = data.result || {};
  const size = new TextEncoder().encode(JSON.stringify(result)).length;
  const missing = result.missingPrompts ? result.missingPrompts.split(',').filter(Boolean) : [];
  return h('div', {},
    unsaved ? h('p', { class: 'muted' }, 'Preview of your unsaved changes.') : null,
    // An error result (too large) carries no activeSchedules: then nothing is said about schedules.
    'activeSchedules' in result ? h('p', { id: 'active-schedules' }, result.activeSchedules
      ? `Active schedules at ${data.at}: ${result.activeSchedules.split(',').join(', ')}.`
      : `No schedule is active at ${data.at}.`) : null,
    (data.problems || []).length ? h('ul', { class: 'problem' }, data.problems.map(p => h('li', {}, `${p.field}: ${p.message}`))) : null,
    h('p', { id: 'preview-size', class: size > RESULT_LIMIT ? 'problem' : '' },
      `${size.toLocaleString()} bytes of Amazon Connect's ${RESULT_LIMIT.toLocaleString()}-byte limit.`),
    missing.length ? h('p', { class: 'problem', id: 'missing-prompts' }, `Missing prompts: ${missing.join(', ')}`)
      : h('p', { class: 'ok', id: 'missing-prompts' }, 'No missing prompts.'),
    h('table', {}, h('caption', {}, '$.External values'), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Value'))),
      h('tbody', {}, Object.entries(result).map(([key, value]) => h('tr', {}, h('th', { scope: 'row' }, key), h('td', {}, h('pre', {}, value)))))));
}

async function playPrompt(state, prompt, language, player) {
  player.replaceChildren(h('p', { class: 'muted' }, 'Speaking…'));
  try {
    const { blob, headers } = await call('POST', 'preview-speech', { accept: 'audio/mpeg',
      body: { flowConfigId: state.id, prompt, languageCode: language } });
    const audio = h('audio', { controls: true, src: URL.createObjectURL(blob), 'aria-label': `${prompt} in ${language}` });
    const engine = headers.get('X-Local-Speech-Engine');
    player.replaceChildren(h('p', { class: 'ok', 'data-voice': headers.get('X-Voice-Id') || '' },
      `Voice ${headers.get('X-Voice-Id') || ''}` + (engine ? ` (${engine})` : '') + ': the saved text.'), audio);
  } catch (e) {
    player.replaceChildren(h('p', { class: 'problem', role: 'alert' }, e.message));
  }
}
