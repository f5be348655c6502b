import { h, labelled } from './dom.js';
import { valueEditor } from './value-editor.js';
import { zoneInput, localNow } from './time-zones.js';

// A config's schedules, in order: when each is active and what it sets, edited in place on the draft. Nothing here
// writes to the draft until the user changes something, so a config round-trips unchanged when only other parts change.
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const DAY_NAMES = { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday',
  SUN: 'Sunday' };
const KINDS = { window: 'In a window, from a date and time to another', weekly: 'Every week, on days between two times',
  dates: 'On dates, all day or between two times' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function kindOf(when) {
  if (when && 'dates' in when) return 'dates';
  if (when && 'days' in when) return 'weekly';
  return 'window';
}

function nextDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function newWhen(kind, zone) {
  const today = localNow(zone).slice(0, 10);
  if (kind === 'weekly') return { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '18:00', end: '08:00' };
  if (kind === 'dates') return { dates: [] };
  return { from: `${today}T17:00`, to: `${nextDay(today)}T08:00` };
}

const crossesMidnight = when => Boolean(when.start && when.end && when.end <= when.start);

/** One line a person reads: when a schedule is active. */
function describeWhen(when) {
  const kind = kindOf(when);
  if (kind === 'window') return `From ${(when.from || '?').replace('T', ' ')} ` + (when.to ? `to ${when.to.replace('T', ' ')}` : 'with no end');
  if (kind === 'weekly') {
    return `Every ${(when.days || []).join(', ')} from ${when.start} to ${when.end}`
      + (crossesMidnight(when) ? ' the next day' : '');
  }
  return 'On ' + (when.dates || []).map(d => typeof d === 'string' ? d : `${d.date} ${d.start}–${d.end}`).join(', ');
}

function describeSet(set) {
  const variables = Object.entries((set || {}).variables || {}).map(([name, value]) => `${name} = ${value}`);
  const prompts = Object.entries((set || {}).prompts || {}).flatMap(([name, languages]) =>
    Object.keys(languages).map(language => `prompt ${name} in ${language}`));
  return [...variables, ...prompts].join('; ') || 'nothing';
}

/**
 * The schedules section. ctx: { draft, changed() after an edit in place, rerender(focusName) after one that changes
 * which controls are shown }.
 */
export function schedulesSection(ctx, canEdit) {
  const { draft } = ctx;
  const schedules = draft.schedules || [];
  const heading = h('h2', { id: 'schedules-h' }, 'Scheduled changes');
  const intro = h('p', { class: 'muted' }, 'While a schedule is active, contact flows get what it sets instead of the values'
    + ' above. When several are active, the one higher in the list wins.');
  if (!canEdit) {
    return h('section', { 'aria-labelledby': 'schedules-h' }, heading, intro,
      h('p', {}, `Time zone: ${draft.timeZone || 'UTC'}`),
      schedules.length ? h('ol', { id: 'schedules' }, schedules.map(s => h('li', {},
        h('strong', {}, s.name), s.description ? ` — ${s.description}` : '',
        h('p', {}, describeWhen(s.when), s.timeZone ? ` (${s.timeZone})` : ''),
        h('p', { class: 'muted' }, `Sets ${describeSet(s.set)}.`)))) : h('p', { class: 'muted' }, 'No schedules.'));
  }
  const [zone, zoneList] = zoneInput({ name: 'timeZone', 'data-field': 'timeZone', value: draft.timeZone || '',
    placeholder: 'UTC', oninput: () => {
      const value = zone.value.trim();
      if (value) draft.timeZone = value; else delete draft.timeZone;
      ctx.changed();
    } });
  const add = () => {
    draft.schedules = schedules;
    const n = schedules.length;
    schedules.push({ name: `schedule${n + 1}`, when: newWhen('dates', draft.timeZone || 'UTC'), set: {} });
    ctx.rerender(`schedule-${n}-name`);
  };
  return h('section', { 'aria-labelledby': 'schedules-h' }, heading, intro,
    h('div', { class: 'toolbar' }, labelled("The config's time zone", zone,
      'Its schedules are read in this zone unless they name their own. Empty: UTC.'), zoneList),
    schedules.length ? h('ol', { id: 'schedules', class: 'schedules' },
      schedules.map((schedule, i) => h('li', {}, scheduleEditor(ctx, schedules, i))))
      : h('p', { class: 'muted' }, 'No schedules.'),
    h('button', { type: 'button', id: 'add-schedule', onclick: add }, 'Add a schedule'));
}

function scheduleEditor(ctx, schedules, i) {
  const { draft } = ctx;
  const schedule = schedules[i];
  const field = `schedules[${i}]`;
  const n = `schedule-${i}`;
  const title = schedule.name || `Schedule ${i + 1}`;
  const configZone = draft.timeZone || 'UTC';

  const name = h('input', { name: `${n}-name`, 'data-field': `${field}.name`, value: schedule.name || '', required: true,
    oninput: () => { schedule.name = name.value; ctx.changed(); } });
  const description = h('input', { name: `${n}-description`, 'data-field': `${field}.description`, size: 40,
    value: schedule.description || '', oninput: () => {
      if (description.value) schedule.description = description.value; else delete schedule.description;
      ctx.changed();
    } });
  const [zone, zoneList] = zoneInput({ name: `${n}-zone`, 'data-field': `${field}.timeZone`, value: schedule.timeZone || '',
    placeholder: configZone, oninput: () => {
      const value = zone.value.trim();
      if (value) schedule.timeZone = value; else delete schedule.timeZone;
      ctx.changed();
    } });
  const kind = h('select', { name: `${n}-kind`, onchange: () => {
    schedule.when = newWhen(kind.value, schedule.timeZone || configZone);
    ctx.rerender(`${n}-kind`);
  } }, Object.entries(KINDS).map(([value, text]) => h('option', { value }, text)));
  kind.value = kindOf(schedule.when);

  const move = (to, focus) => {
    schedules.splice(to, 0, schedules.splice(i, 1)[0]);
    ctx.rerender(focus);
  };
  return h('fieldset', { class: 'schedule', 'data-schedule': schedule.name || '' },
    h('legend', {}, `${i + 1}. ${title}`),
    h('div', { class: 'toolbar' }, labelled('Name', name, 'Letters, digits and underscores; GetConfig names it in activeSchedules.'),
      labelled('Description', description), labelled('Time zone', zone, `Empty: the config's zone (${configZone}).`), zoneList),
    h('div', { class: 'toolbar' }, labelled('Active', kind)),
    whenEditor(ctx, schedule, field, n),
    setEditor(ctx, schedule, field, n, title),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', name: `${n}-up`, disabled: i === 0, 'aria-label': `Move ${title} up`,
        onclick: () => move(i - 1, `schedule-${i - 1}-up`) }, 'Move up'),
      h('button', { type: 'button', name: `${n}-down`, disabled: i === schedules.length - 1, 'aria-label': `Move ${title} down`,
        onclick: () => move(i + 1, `schedule-${i + 1}-down`) }, 'Move down'),
      h('button', { type: 'button', class: 'danger', name: `${n}-remove`, 'aria-label': `Remove schedule ${title}`,
        onclick: () => {
          schedules.splice(i, 1);
          if (schedules.length === 0) delete draft.schedules;
          ctx.rerender('add-schedule');
        } }, 'Remove schedule')));
}

function whenEditor(ctx, schedule, field, n) {
  const { when } = schedule;
  const at = `${field}.when`;
  const kind = kindOf(when);
  if (kind === 'window') {
    const from = h('input', { type: 'datetime-local', name: `${n}-from`, 'data-field': `${at}.from`, value: when.from || '',
      oninput: () => { when.from = from.value; ctx.changed(); } });
    const to = h('input', { type: 'datetime-local', name: `${n}-to`, 'data-field': `${at}.to`, value: when.to || '',
      oninput: () => { if (to.value) when.to = to.value; else delete when.to; ctx.changed(); } });
    return h('div', { class: 'toolbar' }, labelled('From', from), labelled('To', to, 'Empty: no end.'));
  }
  if (kind === 'weekly') {
    const days = (when.days || []).map(d => String(d).toUpperCase().slice(0, 3));
    const note = h('p', { class: 'muted', 'aria-live': 'polite' });
    const start = h('input', { type: 'time', name: `${n}-start`, 'data-field': `${at}.start`, value: when.start || '',
      oninput: () => { when.start = start.value; explain(); ctx.changed(); } });
    const end = h('input', { type: 'time', name: `${n}-end`, 'data-field': `${at}.end`, value: when.end || '',
      oninput: () => { when.end = end.value; explain(); ctx.changed(); } });
    const explain = () => {
      note.textContent = crossesMidnight(when) ? `Crosses midnight: each stretch starts at ${when.start} on a ticked day`
        + ` and ends at ${when.end} the next morning.` : '';
    };
    explain();
    const boxes = DAYS.map(day => h('input', { type: 'checkbox', name: `${n}-day-${day}`, checked: days.includes(day),
      onchange: () => {
        when.days = DAYS.filter((d, k) => boxes[k].checked);
        ctx.changed();
      } }));
    return h('div', {},
      h('fieldset', { class: 'days', 'data-field': `${at}.days` }, h('legend', {}, 'Days'),
        DAYS.map((day, k) => h('label', { class: 'switch' }, boxes[k], DAY_NAMES[day]))),
      h('div', { class: 'toolbar' }, labelled('From', start), labelled('To', end)), note);
  }
  return datesEditor(ctx, schedule, at, n);
}

function datesEditor(ctx, schedule, at, n) {
  const list = schedule.when.dates;
  const rows = list.map((entry, j) => {
    const value = typeof entry === 'string' ? { date: entry } : entry;
    const date = h('input', { type: 'date', name: `${n}-date-${j}`, value: value.date || '' });
    const start = h('input', { type: 'time', name: `${n}-date-${j}-start`, value: value.start || '' });
    const end = h('input', { type: 'time', name: `${n}-date-${j}-end`, value: value.end || '' });
    const row = h('div', { class: 'toolbar date-row', role: 'group', 'aria-label': `Date ${j + 1}` });
    // The API names a plain date dates[j] and the parts of a timed one dates[j].date, .start, .end.
    const label = () => {
      const timed = typeof list[j] !== 'string';
      row.setAttribute('data-field', `${at}.dates[${j}]`);
      date.setAttribute('data-field', timed ? `${at}.dates[${j}].date` : `${at}.dates[${j}]`);
      start.setAttribute('data-field', `${at}.dates[${j}].start`);
      end.setAttribute('data-field', `${at}.dates[${j}].end`);
    };
    const update = () => {
      if (start.value || end.value) {
        list[j] = { date: date.value };
        if (start.value) list[j].start = start.value;
        if (end.value) list[j].end = end.value;
      } else {
        list[j] = date.value;
      }
      label();
      ctx.changed();
    };
    [date, start, end].forEach(input => input.addEventListener('input', update));
    label();
    row.append(labelled(`Date ${j + 1}`, date), labelled('From (optional)', start), labelled('To (optional)', end),
      h('button', { type: 'button', class: 'danger', 'aria-label': `Remove date ${j + 1}`, onclick: () => {
        list.splice(j, 1);
        ctx.rerender(`${n}-new-dates`);
      } }, 'Remove'));
    return row;
  });
  const more = h('input', { name: `${n}-new-dates`, size: 32, placeholder: '2026-12-24, 2026-12-25' });
  const moreStart = h('input', { type: 'time', name: `${n}-new-dates-start` });
  const moreEnd = h('input', { type: 'time', name: `${n}-new-dates-end` });
  const problem = h('p', { class: 'field-error', role: 'alert' });
  const add = () => {
    const dates = more.value.split(/[\s,;]+/).filter(Boolean);
    const wrong = dates.filter(d => !DATE.test(d));
    if (wrong.length || dates.length === 0) {
      problem.textContent = dates.length ? `Not a date: ${wrong.join(', ')}. Write dates as 2026-12-25.`
        : 'Type one or more dates such as 2026-12-25.';
      return;
    }
    const listed = new Set(list.map(d => typeof d === 'string' ? d : d.date));
    for (const d of dates) {
      if (listed.has(d)) continue;
      listed.add(d);
      if (moreStart.value || moreEnd.value) {
        const entry = { date: d };
        if (moreStart.value) entry.start = moreStart.value;
        if (moreEnd.value) entry.end = moreEnd.value;
        list.push(entry);
      } else {
        list.push(d);
      }
    }
    ctx.rerender(`${n}-new-dates`);
  };
  return h('fieldset', { class: 'dates', 'data-field': `${at}.dates` }, h('legend', {}, 'Dates'),
    rows.length ? rows : h('p', { class: 'muted' }, 'No dates yet.'),
    h('div', { class: 'toolbar' },
      labelled('Dates to add', more, 'One or more, separated by commas or spaces.'),
      labelled('From (optional)', moreStart), labelled('To (optional)', moreEnd),
      h('button', { type: 'button', name: `${n}-add-dates`, onclick: add }, 'Add dates')), problem);
}

function setEditor(ctx, schedule, field, n, title) {
  const { draft } = ctx;
  const set = schedule.set || {};
  const at = `${field}.set`;
  const own = () => { schedule.set = schedule.set || set; return schedule.set; };
  const variables = Object.keys(set.variables || {});
  const free = Object.keys(draft.variables || {}).filter(name => !variables.includes(name)).sort();
  const variableRows = variables.map(name => h('tr', {},
    h('th', { scope: 'row' }, name),
    h('td', {}, valueEditor({ schema: (draft.schema || {})[name], value: set.variables[name], inputName: `${n}-var-${name}`,
      field: `${at}.variables.${name}`, label: `${name} while ${title} is active`,
      onChange: value => { set.variables[name] = value; ctx.changed(); } })),
    h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Stop setting ${name} in ${title}`, onclick: () => {
      delete set.variables[name];
      if (Object.keys(set.variables).length === 0) delete set.variables;
      ctx.rerender(`${n}-add-variable`);
    } }, 'Remove'))));
  const pickVariable = h('select', { name: `${n}-add-variable` }, free.map(name => h('option', { value: name }, name)));
  const addVariable = () => {
    const target = own();
    target.variables = target.variables || {};
    target.variables[pickVariable.value] = draft.variables[pickVariable.value];
    ctx.rerender(`${n}-var-${pickVariable.value}`);
  };

  const texts = Object.entries(set.prompts || {}).flatMap(([prompt, languages]) =>
    Object.keys(languages).map(language => [prompt, language]));
  const taken = new Set(texts.map(([p, l]) => `${p}|${l}`));
  const offered = Object.keys(draft.prompts || {}).sort().flatMap(prompt => Object.keys(draft.prompts[prompt]).sort()
    .map(language => [prompt, language])).filter(([p, l]) => !taken.has(`${p}|${l}`));
  const promptRows = texts.map(([prompt, language]) => promptText(ctx, set, at, n, title, prompt, language));
  const pickPrompt = h('select', { name: `${n}-add-prompt` },
    offered.map(([p, l]) => h('option', { value: `${p}|${l}` }, `${p} in ${l}`)));
  const addPrompt = () => {
    const [prompt, language] = pickPrompt.value.split('|');
    const target = own();
    target.prompts = target.prompts || {};
    target.prompts[prompt] = target.prompts[prompt] || {};
    target.prompts[prompt][language] = { voice: draft.prompts[prompt][language].voice };
    ctx.rerender(`${n}-voice-${prompt}-${language}`);
  };
  return h('div', { class: 'schedule-set', role: 'group', 'aria-label': `What ${title} sets`, 'data-field': at },
    h('h3', {}, 'What it sets'),
    variableRows.length ? h('table', { class: 'schedule-variables' }, h('caption', {}, `Variables ${title} sets`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Variable'), h('th', { scope: 'col' }, 'Value while active'),
        h('th', { scope: 'col' }, 'Remove'))), h('tbody', {}, variableRows)) : null,
    free.length ? h('div', { class: 'toolbar' }, labelled('Variable', pickVariable),
      h('button', { type: 'button', name: `${n}-set-variable`, onclick: addVariable }, 'Set this variable')) : null,
    promptRows,
    offered.length ? h('div', { class: 'toolbar' }, labelled('Prompt text', pickPrompt),
      h('button', { type: 'button', name: `${n}-set-prompt`, onclick: addPrompt }, 'Set this prompt text')) : null,
    h('p', { class: 'muted' }, 'A schedule sets only variables and prompt texts the config has.'));
}

function promptText(ctx, set, at, n, title, prompt, language) {
  const text = set.prompts[prompt][language];
  const base = `${at}.prompts.${prompt}.${language}`;
  const edit = (key, input) => () => {
    if (input.value === '') delete text[key]; else text[key] = input.value;
    ctx.changed();
  };
  const voice = h('textarea', { name: `${n}-voice-${prompt}-${language}`, 'data-field': `${base}.voice`, value: text.voice || '' });
  const chat = h('textarea', { name: `${n}-chat-${prompt}-${language}`, 'data-field': `${base}.chat`, value: text.chat || '' });
  voice.addEventListener('input', edit('voice', voice));
  chat.addEventListener('input', edit('chat', chat));
  return h('div', { class: 'prompt-language', 'data-field': base },
    h('h4', {}, `${prompt} in ${language}`),
    labelled(`Voice text (SSML) for ${prompt} in ${language} while ${title} is active`, voice),
    labelled(`Chat text for ${prompt} in ${language} while ${title} is active`, chat, 'Empty: the config\'s own chat text.'),
    h('button', { type: 'button', class: 'danger', 'aria-label': `Stop setting ${prompt} in ${language} in ${title}`,
      onclick: () => {
        delete set.prompts[prompt][language];
        if (Object.keys(set.prompts[prompt]).length === 0) delete set.prompts[prompt];
        if (Object.keys(set.prompts).length === 0) delete set.prompts;
        ctx.rerender(`${n}-add-prompt`);
      } }, 'Remove'));
}
