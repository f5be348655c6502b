import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarBody, datesByYear, describeEntry, entryOfKind, yearViewPeriod } from '../src/logic/calendars';

test('every rule kind reads as a sentence, with its hours and observed rule', () => {
  assert.equal(describeEntry({ name: 'Offsite', kind: 'fixed', date: '2026-07-03', start: '12:00', end: '17:00' }),
    'On 2026-07-03, 12:00 to 17:00');
  assert.equal(describeEntry({ name: 'Christmas Day', kind: 'yearly', month: 12, day: 25, observed: 'nearestWeekday' }),
    'December 25 every year, all day; Saturday observed Friday, Sunday observed Monday');
  assert.equal(describeEntry({ name: 'Thanksgiving', kind: 'nthWeekday', month: 11, weekday: 'THU', nth: 4 }),
    'The fourth Thursday of November every year, all day');
  assert.equal(describeEntry({ name: 'Memorial Day', kind: 'nthWeekday', month: 5, weekday: 'MON', nth: -1 }),
    'The last Monday of May every year, all day');
  assert.equal(describeEntry({ name: 'Good Friday', kind: 'easter', offset: -2 }),
    '2 days before Easter Sunday every year (Western Easter), all day');
  assert.equal(describeEntry({ name: 'Easter Monday', kind: 'easter', offset: 1, computus: 'orthodox' }),
    '1 day after Easter Sunday every year (Orthodox Easter), all day');
  assert.equal(describeEntry({ name: 'Easter', kind: 'easter', offset: 0 }),
    'Easter Sunday every year (Western Easter), all day');
});

test('changing the rule keeps the name, the hours and the observed rule, and starts the new rule afresh', () => {
  const before = { name: 'Day', kind: 'yearly' as const, month: 1, day: 1, start: '08:00', end: '12:00',
    observed: 'sundayToMonday' as const };
  assert.deepEqual(entryOfKind('nthWeekday', before), { name: 'Day', kind: 'nthWeekday', month: 11, weekday: 'THU',
    nth: 4, start: '08:00', end: '12:00', observed: 'sundayToMonday' });
  assert.deepEqual(entryOfKind('fixed', { name: 'X' }, '2027-03-04'), { name: 'X', kind: 'fixed', date: '2027-03-04' });
  assert.deepEqual(entryOfKind('easter', before), { name: 'Day', kind: 'easter', offset: 0, start: '08:00',
    end: '12:00' });
});

test('the year view groups the computed dates by year, in date order', () => {
  const grouped = datesByYear([
    { date: '2027-11-25', entry: 'Thanksgiving' },
    { date: '2026-12-25', entry: 'Christmas Day' },
    { date: '2026-04-03', entry: 'Good Friday' },
  ]);
  assert.deepEqual(grouped.map(y => [y.year, y.dates.map(d => d.date)]),
    [['2026', ['2026-04-03', '2026-12-25']], ['2027', ['2027-11-25']]]);
  assert.deepEqual(datesByYear([]), []);
});

test('the year view covers this year and the next two', () => {
  assert.deepEqual(yearViewPeriod('2026-12-07'), { from: '2026-01-01', to: '2028-12-31' });
});

test('what is sent leaves out what the API answers but does not read', () => {
  assert.deepEqual(calendarBody({ id: 'x', description: 'Holidays', entries: [], version: 3, usedBy: ['a'],
    usedByOthers: 1, updatedBy: 'ana' }), { description: 'Holidays', entries: [] });
  assert.deepEqual(calendarBody({ description: '', entries: [] }), { entries: [] });
});
