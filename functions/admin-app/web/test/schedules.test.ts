import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDates, crossesMidnight, describeDays, describeSet, describeWhen, kindOf, monthDay, move, newWhen, parseDates,
  parseYears }
  from '../src/logic/schedules';

test('the three kinds are told apart by their fields', () => {
  assert.equal(kindOf({ dates: [] }), 'dates');
  assert.equal(kindOf({ days: ['MON'], start: '09:00', end: '17:00' }), 'weekly');
  assert.equal(kindOf({ from: '2026-12-24T17:00' }), 'window');
});

test('dates read as dates with their year, time ranges and the zone', () => {
  assert.equal(describeWhen({ dates: ['2026-12-24', { date: '2026-12-25', start: '08:00', end: '20:00' }] },
    'America/New_York'), 'On Dec 24, 2026 and Dec 25, 2026 08:00–20:00 (America/New_York)');
  assert.equal(describeWhen({ dates: [] }, 'UTC'), 'On no date yet (UTC)');
});

test('a weekly schedule names its days, and says when it crosses midnight', () => {
  assert.equal(describeWhen({ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '18:00', end: '08:00' }, 'UTC'),
    'Every Monday to Friday, 18:00 to 08:00 the next day (UTC)');
  assert.equal(describeWhen({ days: ['SAT', 'SUN'], start: '09:00', end: '13:00' }, 'Europe/Paris'),
    'Every Saturday and Sunday, 09:00 to 13:00 (Europe/Paris)');
  assert.equal(describeDays(['mon', 'wed', 'fri']), 'Monday, Wednesday and Friday');
  assert.equal(describeDays(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']), 'every day');
  assert.ok(crossesMidnight({ start: '22:00', end: '06:00' }));
  assert.ok(!crossesMidnight({ start: '06:00', end: '22:00' }));
});

test('a window reads from and to, or with no end', () => {
  assert.equal(describeWhen({ from: '2026-12-24T17:00', to: '2026-12-26T08:00' }, 'Europe/London'),
    'From Dec 24, 2026 17:00 to Dec 26, 2026 08:00 (Europe/London)');
  assert.equal(describeWhen({ from: '2026-12-24T17:00' }, 'UTC'), 'From Dec 24, 2026 17:00 with no end (UTC)');
});

test('what a schedule sets, in words', () => {
  assert.equal(describeSet({ variables: { closed: 'true' }, prompts: { Greeting: { 'en-US': { voice: 'x' } } } }),
    'closed = true; the Greeting prompt in en-US');
  assert.equal(describeSet(undefined), 'nothing');
});

test('new schedules start from today in their zone', () => {
  assert.deepEqual(newWhen('window', '2026-12-31'), { from: '2026-12-31T17:00', to: '2027-01-01T08:00' });
  assert.deepEqual(newWhen('dates', '2026-12-31'), { dates: [] });
});

test('typed dates are split, checked and added once each', () => {
  assert.deepEqual(parseDates('2026-12-24, 2026-12-25; 25/12 2026-13-40'),
    { dates: ['2026-12-24', '2026-12-25'], wrong: ['25/12', '2026-13-40'] });
  assert.deepEqual(addDates(['2026-12-24'], ['2026-12-24', '2026-12-25'], '08:00', '20:00'),
    ['2026-12-24', { date: '2026-12-25', start: '08:00', end: '20:00' }]);
  assert.deepEqual(addDates([], ['2026-12-31']), ['2026-12-31']);
});

test('moving a schedule changes only the order, and not past either end', () => {
  assert.deepEqual(move(['a', 'b', 'c'], 2, 1), ['a', 'c', 'b']);
  assert.deepEqual(move(['a', 'b', 'c'], 0, -1), ['a', 'b', 'c']);
});

test('a schedule on a calendar names the calendar and, when it names some, the entries', () => {
  assert.equal(kindOf({ calendar: 'us-holidays' }), 'calendar');
  assert.equal(describeWhen({ calendar: 'us-holidays' }, 'America/New_York'),
    'On every day of calendar us-holidays (America/New_York)');
  assert.equal(describeWhen({ calendar: 'us-holidays', entries: ['Christmas Day', 'Thanksgiving'] }, 'UTC'),
    'On Christmas Day and Thanksgiving of calendar us-holidays (UTC)');
  assert.equal(describeWhen({ calendar: '' }, 'UTC'), 'On a calendar not chosen yet (UTC)');
  assert.deepEqual(newWhen('calendar', '2026-12-31'), { calendar: '' });
});

test('a weekly schedule in a season says from when to when, over New Year too, and in which years', () => {
  assert.equal(describeWhen({ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '08:00', end: '16:00',
    season: { from: '06-01', to: '08-31' } }, 'UTC'),
  'Every Monday to Friday, 08:00 to 16:00, from June 1 to August 31 (UTC)');
  assert.equal(describeWhen({ days: ['SAT'], start: '09:00', end: '12:00', season: { from: '11-01', to: '02-28' },
    years: [2026, 2027] }, 'UTC'),
  'Every Saturday, 09:00 to 12:00, from November 1 to February 28 (over New Year), in 2026 and 2027 only (UTC)');
  assert.equal(monthDay('12-25'), 'December 25');
  assert.deepEqual(parseYears('2027, 2026 2027'), [2026, 2027]);
  assert.deepEqual(parseYears(''), []);
  assert.equal(parseYears('26'), null);
});
