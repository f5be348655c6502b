import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInstant, instantOf, isKnownZone, localDateTime, offsetLabel, parseInstant, wallClock, zoneSuggestions }
  from '../src/logic/time';

test('an API instant with nanoseconds is shown in the locale with its zone, never as raw ISO', () => {
  const shown = formatInstant('2026-12-07T19:17:33.123456789Z', { locale: 'en-US', timeZone: 'America/New_York' });
  assert.equal(shown, 'Dec 7, 2026, 2:17 PM EST');
  assert.equal(formatInstant('2026-12-07T19:17:33Z', { locale: 'de-DE', timeZone: 'UTC' }), '7. Dez. 2026, 19:17 UTC');
  assert.equal(parseInstant('2026-12-07T19:17:33.123456789Z')?.getTime(), Date.UTC(2026, 11, 7, 19, 17, 33, 123));
  assert.equal(formatInstant(undefined), '—');
  assert.equal(formatInstant('not a time'), 'not a time');
});

test('a wall-clock time is read in a zone, across daylight saving', () => {
  assert.equal(instantOf('2026-12-24T12:00', 'America/New_York'), '2026-12-24T17:00:00.000Z');
  assert.equal(instantOf('2026-07-01T12:00', 'America/New_York'), '2026-07-01T16:00:00.000Z');
  assert.equal(instantOf('', 'UTC'), null);
  assert.equal(localDateTime('Asia/Tokyo', Date.UTC(2026, 11, 31, 20, 5)), '2027-01-01T05:05');
});

test('zones: offsets, suggestions and unknown names', () => {
  assert.equal(offsetLabel('America/New_York', Date.UTC(2026, 11, 1)), 'UTC−05:00');
  assert.equal(offsetLabel('Asia/Kolkata', Date.UTC(2026, 11, 1)), 'UTC+05:30');
  assert.equal(offsetLabel('UTC'), 'UTC');
  assert.ok(isKnownZone('Europe/Paris'));
  assert.ok(!isKnownZone('Mars/Olympus'));
  assert.equal(offsetLabel('new yo'), '', 'a zone half typed has no offset and throws nothing');
  assert.equal(localDateTime('new yo', Date.UTC(2026, 0, 1, 9, 30)), '2026-01-01T09:30');
  assert.equal(formatInstant('2026-12-07T19:17:33Z', { locale: 'en-US', timeZone: 'new yo' }).length > 0, true);
  for (const typed of ['new york', 'newyork', 'New_Y']) assert.equal(zoneSuggestions(typed)[0], 'America/New_York', typed);
  assert.deepEqual(zoneSuggestions('zzzz'), []);
});

test('timeline times carry their year', () => {
  assert.equal(wallClock('2026-12-24T08:00-05:00'), 'Dec 24, 2026 08:00');
  assert.equal(wallClock('2027-01-01T00:30'), 'Jan 1, 2027 00:30');
});
