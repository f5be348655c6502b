import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeKind, describePath, differences, reapply } from '../src/logic/diff';
import type { FlowConfig } from '../src/logic/model';

const base: FlowConfig = {
  id: 'sales-emea', description: 'Sales', defaultLanguage: 'en-GB', version: 3,
  variables: { Closure: 'false', Queue: 'sales' },
  schema: { Closure: { type: 'boolean' } },
  prompts: { Greeting: { 'en-GB': { voice: 'Hello.', chat: 'Hi!' } } },
  timeZone: 'Europe/London',
  schedules: [
    { name: 'christmas', when: { dates: ['2026-12-25'] }, set: { variables: { Closure: 'true' } } },
    { name: 'nights', when: { days: ['MON'], start: '18:00', end: '08:00' } },
  ],
};
const copy = (config: FlowConfig): FlowConfig => JSON.parse(JSON.stringify(config));

test('the same config has no differences, whatever the key order', () => {
  const reordered = copy(base);
  reordered.variables = { Queue: 'sales', Closure: 'false' };
  assert.deepEqual(differences(base, reordered), []);
});

test('each changed, added and removed entry is one row with both sides', () => {
  const after = copy(base);
  after.variables.Closure = 'true';
  delete after.variables.Queue;
  after.prompts.Greeting['es-ES'] = { voice: 'Hola.' };
  const changes = differences(base, after);
  assert.deepEqual(changes.map(c => [describePath(c.path), c.before, c.after, changeKind(c)]), [
    ['prompts › Greeting › es-ES › voice', undefined, 'Hola.', 'added'],
    ['variables › Closure', 'false', 'true', 'changed'],
    ['variables › Queue', 'sales', undefined, 'removed'],
  ]);
});

test('a schedule changes as one entry, and their order as another', () => {
  const after = copy(base);
  after.schedules = [after.schedules![1], after.schedules![0]];
  after.schedules[0].description = 'Weeknights';
  const paths = differences(base, after).map(c => describePath(c.path));
  assert.deepEqual(paths, ['schedules › (order)', 'schedules › nights']);
});

test('re-apply puts my edits on their newer version and keeps theirs', () => {
  const theirs = copy(base);
  theirs.version = 4;
  theirs.variables.Closure = 'true';
  theirs.schedules![0].description = 'Their note';
  const mine = copy(base);
  mine.prompts.Greeting['en-GB'].chat = 'My chat';
  mine.schedules![1].description = 'Weeknights';
  delete mine.variables.Queue;
  const merged = reapply(base, mine, theirs);
  assert.equal(merged.version, 4);
  assert.equal(merged.variables.Closure, 'true');
  assert.equal(merged.variables.Queue, undefined);
  assert.equal(merged.prompts.Greeting['en-GB'].chat, 'My chat');
  assert.deepEqual(merged.schedules!.map(s => [s.name, s.description]), [['christmas', 'Their note'],
    ['nights', 'Weeknights']]);
  assert.equal(merged.timeZone, 'Europe/London');
  assert.deepEqual(merged.schema, base.schema);
});
