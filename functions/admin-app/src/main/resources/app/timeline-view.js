import { h, show, labelled } from './dom.js';
import { call, configPath } from './api.js';
import { instantOf, wallClock } from './time-zones.js';

const MAX_DAYS = 31;

// When each schedule of one config starts and ends over the coming days, on the wall clock of its own zone.
export async function timelineView(id) {
  document.title = `Timeline of ${id} · Flow configs`;
  const { data: config } = await call('GET', configPath(id));
  const zone = config.timeZone || 'UTC';
  const from = h('input', { type: 'datetime-local', name: 'timeline-from' });
  const days = h('input', { type: 'number', name: 'timeline-days', min: 1, max: MAX_DAYS, step: 1, value: '7', required: true });
  const out = h('div', { id: 'timeline-result', 'aria-live': 'polite' });
  const load = async () => {
    const query = new URLSearchParams({ days: days.value });
    if (from.value) query.set('from', instantOf(from.value, zone));
    try {
      const { data } = await call('GET', configPath(id, '/timeline?' + query));
      out.replaceChildren(entries(data));
    } catch (e) {
      out.replaceChildren(h('p', { class: 'problem', role: 'alert' },
        e.details.length ? e.details.map(d => `${d.field}: ${d.message}`).join(' ') : e.message));
    }
  };
  show(h('p', {}, h('a', { href: `#/configs/${encodeURIComponent(id)}` }, `← ${id}`)),
    h('h1', {}, `Timeline of ${id}`),
    h('p', {}, `Version ${config.version}; ${(config.schedules || []).length} schedule(s); the config's time zone is ${zone}.`),
    h('form', { class: 'toolbar', 'aria-label': 'Timeline period', onsubmit: event => { event.preventDefault(); load(); } },
      labelled('From (optional)', from, `In ${zone}; empty: now.`),
      labelled('Days', days, `1 to ${MAX_DAYS}.`),
      h('button', { type: 'submit', id: 'show-timeline' }, 'Show')),
    out);
  await load();
}

function entries(data) {
  const period = `from ${new Date(data.from).toLocaleString()} to ${new Date(data.to).toLocaleString()}`;
  if (!data.entries.length) return h('p', { class: 'muted', id: 'timeline-empty' }, `No schedule is active ${period}.`);
  return h('div', {}, h('p', { class: 'muted' }, `${data.entries.length} stretch(es) ${period}, in start order:`),
    h('ol', { id: 'timeline' }, data.entries.map(entry => h('li', { 'data-schedule': entry.schedule },
      h('strong', {}, entry.description || entry.schedule), ': ', wallClock(entry.localStart), ' → ',
      entry.localEnd ? wallClock(entry.localEnd) : 'open-ended (no end set)', ` (${entry.timeZone})`,
      entry.description ? h('span', { class: 'muted' }, ` — schedule ${entry.schedule}`) : null))));
}
