import { h, uid } from './dom.js';

// IANA time zones as the browser knows them, and local date-times read in a zone other than the browser's own.
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

let zones = null;
function allZones() {
  if (!zones) {
    const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = [...new Set(['UTC', ...known])];
  }
  return zones;
}

// A text input with the zones as suggestions (a datalist: typing filters the long list).
export function zoneInput(attributes) {
  const listId = uid('zones');
  const input = h('input', { ...attributes, list: listId, autocomplete: 'off', spellcheck: 'false' });
  return [input, h('datalist', { id: listId }, allZones().map(zone => h('option', { value: zone })))];
}

function partsAt(zone, millis) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(millis));
  return Object.fromEntries(parts.map(p => [p.type, p.value]));
}

function offsetAt(zone, millis) {
  const p = partsAt(zone, millis);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second) - Math.floor(millis / 1000) * 1000;
}

/** '2026-12-24T12:00' read in zone → an ISO instant ('2026-12-24T17:00:00.000Z'); null for an empty or bad value. */
export function instantOf(local, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!match) return null;
  const [y, mo, d, hh, mm] = match.slice(1).map(Number);
  const guess = Date.UTC(y, mo - 1, d, hh, mm);
  const first = guess - offsetAt(zone, guess);
  return new Date(guess - offsetAt(zone, first)).toISOString();
}

/** Now as a local date-time in zone ('2026-12-01T09:30'), the value a datetime-local input takes. */
export function localNow(zone) {
  const p = partsAt(zone, Date.now());
  return `${p.year}-${p.month}-${p.day}T${String(Number(p.hour) % 24).padStart(2, '0')}:${p.minute}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-12-24T17:00-05:00' (as the timeline answers) → 'Dec 24 17:00': the wall clock of the zone it was given in. */
export function wallClock(localWithOffset) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(localWithOffset || '');
  return match ? `${MONTHS[Number(match[2]) - 1]} ${Number(match[3])} ${match[4]}` : String(localWithOffset);
}
