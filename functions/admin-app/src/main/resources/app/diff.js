import { h } from './dom.js';

// A config as flat entries, one per thing a person edits: 'variables › Closure' → 'true'.
// Keys are JSON arrays of path segments, so names with any character stay apart.
const ORDER = '(order)';

function flatten(config) {
  const entries = new Map();
  if (!config) return entries;
  const put = (path, value) => entries.set(JSON.stringify(path), value);
  put(['description'], config.description ?? '');
  put(['defaultLanguage'], config.defaultLanguage ?? '');
  for (const [name, value] of Object.entries(config.variables || {})) put(['variables', name], value);
  for (const [name, schema] of Object.entries(config.schema || {})) put(['schema', name], JSON.stringify(schema));
  for (const [prompt, languages] of Object.entries(config.prompts || {})) {
    for (const [language, text] of Object.entries(languages || {})) {
      put(['prompts', prompt, language, 'voice'], text.voice ?? '');
      if (text.chat !== undefined && text.chat !== null) put(['prompts', prompt, language, 'chat'], text.chat);
    }
  }
  // A schedule is one entry (its JSON) under its name, and their order one more, so a re-apply keeps every schedule.
  put(['timeZone'], config.timeZone ?? '');
  const schedules = config.schedules || [];
  if (schedules.length) put(['schedules', ORDER], schedules.map(s => s.name).join(', '));
  for (const schedule of schedules) put(['schedules', schedule.name], JSON.stringify(schedule, null, 1));
  return entries;
}

function unflatten(entries, template) {
  const config = { id: template.id, description: '', defaultLanguage: '', variables: {}, prompts: {} };
  if (template.version !== undefined) config.version = template.version;
  const schema = {};
  const schedules = new Map();
  let order = [];
  for (const [key, value] of entries) {
    const path = JSON.parse(key);
    if (path[0] === 'description' || path[0] === 'defaultLanguage' || path[0] === 'timeZone') config[path[0]] = value;
    else if (path[0] === 'schedules' && path[1] === ORDER) order = value.split(', ');
    else if (path[0] === 'schedules') schedules.set(path[1], JSON.parse(value));
    else if (path[0] === 'variables') config.variables[path[1]] = value;
    else if (path[0] === 'schema') schema[path[1]] = JSON.parse(value);
    else if (path[0] === 'prompts') {
      const languages = config.prompts[path[1]] || (config.prompts[path[1]] = {});
      const text = languages[path[2]] || (languages[path[2]] = {});
      text[path[3]] = value;
    }
  }
  if (Object.keys(schema).length) config.schema = schema;
  if (!config.timeZone) delete config.timeZone;
  // In the order given, then any schedule the order does not name (added on the other side) at the end.
  const ordered = [...order.filter(name => schedules.has(name)), ...[...schedules.keys()].filter(n => !order.includes(n))];
  if (ordered.length) config.schedules = ordered.map(name => schedules.get(name));
  if (!config.description) delete config.description;
  if (!config.defaultLanguage) delete config.defaultLanguage;
  return config;
}

// Every entry that differs between two configs: {path, before, after} (undefined = absent).
export function differences(before, after) {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter(key => a.get(key) !== b.get(key))
    .map(key => ({ path: JSON.parse(key), before: a.get(key), after: b.get(key) }));
}

// My edits (base → mine) applied on top of a newer version (theirs): what "re-apply" gives.
export function reapply(base, mine, theirs) {
  const result = flatten(theirs);
  for (const change of differences(base, mine)) {
    const key = JSON.stringify(change.path);
    if (change.after === undefined) result.delete(key);
    else result.set(key, change.after);
  }
  return unflatten(result, theirs);
}

function describePath(path) {
  return path.join(' › ');
}

// A side-by-side table of differences, with a caption naming both sides.
export function diffTable(caption, leftTitle, rightTitle, changes) {
  if (changes.length === 0) return h('p', { class: 'muted' }, `${caption}: no differences.`);
  const cell = (value, kind) => h('td', { class: kind }, value === undefined ? h('em', {}, '(none)') : h('pre', {}, value));
  return h('table', { class: 'diff' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, leftTitle),
      h('th', { scope: 'col' }, rightTitle))),
    h('tbody', {}, changes.map(change => h('tr', {},
      h('th', { scope: 'row' }, describePath(change.path)),
      cell(change.before, change.before === undefined ? 'added' : change.after === undefined ? 'removed' : 'changed'),
      cell(change.after, change.after === undefined ? 'removed' : change.before === undefined ? 'added' : 'changed')))));
}
