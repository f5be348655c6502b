import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigSummary } from '../src/configs/configList';
import { matchesFilter, prefixOf } from '../src/configs/filter';

const status = (emergency: boolean, schedules: number) => ({ emergency: emergency ? { until: null } : null,
  hasSchedules: schedules > 0, scheduleCount: schedules, activeSchedules: [], closed: false });
const configs: ConfigSummary[] = [
  { id: 'sales-emea', description: 'Sales queue', version: 3, status: status(true, 2) },
  { id: 'sales-us', description: 'US sales', version: 1, status: status(false, 0) },
  { id: 'support', description: 'Help desk', version: 2, status: null },
];
const ids = (query: Parameters<typeof matchesFilter>[1]) => configs.filter(c => matchesFilter(c, query)).map(c => c.id);

test('the id prefix is the server\'s business: the last "Id starts with" token, never a filter here', () => {
  const query = { operation: 'and' as const, tokens: [{ propertyKey: 'prefix', operator: '^', value: 'x' },
    { propertyKey: 'prefix', operator: '^', value: ' sales ' }] };
  assert.equal(prefixOf(query), 'sales');
  assert.deepEqual(ids(query), ['sales-emea', 'sales-us', 'support']);
  assert.equal(prefixOf({ operation: 'and', tokens: [] }), '');
});

test('text matches id or description; properties match the list\'s status', () => {
  assert.deepEqual(ids({ operation: 'and', tokens: [{ operator: ':', value: 'desk' }] }), ['support']);
  assert.deepEqual(ids({ operation: 'and', tokens: [{ propertyKey: 'inEmergency', operator: '=', value: 'yes' }] }),
    ['sales-emea']);
  assert.deepEqual(ids({ operation: 'and', tokens: [{ propertyKey: 'hasSchedules', operator: '=', value: 'no' }] }),
    ['sales-us'], 'a config without a status (not saved since the badges) matches neither yes nor no');
  assert.deepEqual(ids({ operation: 'or', tokens: [{ propertyKey: 'id', operator: '=', value: 'support' },
    { propertyKey: 'inEmergency', operator: '=', value: 'yes' }] }), ['sales-emea', 'support']);
  assert.deepEqual(ids({ operation: 'and', tokens: [{ propertyKey: 'description', operator: '!:', value: 'sales' }] }),
    ['support']);
});
