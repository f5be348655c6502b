import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeField, errorMessage, fieldErrorsOf, placeFieldErrors, tabOfField } from '../src/logic/errors';

test('field errors come from ApiError.fields or the body details', () => {
  const details = [{ field: 'variables.Closure', message: 'must be true or false' }];
  assert.deepEqual(fieldErrorsOf({ fields: details }), details);
  assert.deepEqual(fieldErrorsOf({ body: { details } }), details);
  assert.deepEqual(fieldErrorsOf({ details: [...details, { nope: 1 }] }), details);
  assert.deepEqual(fieldErrorsOf(null), []);
});

test('errors go to the fields shown, and the rest are listed', () => {
  const { byField, unplaced } = placeFieldErrors([
    { field: 'schedules[1].when.to', message: 'must be after from (2026-12-26T08:00)' },
    { field: 'schedules[1].when.to', message: 'and not empty' },
    { field: 'config', message: 'is too large' },
  ], field => field.startsWith('schedules'));
  assert.deepEqual(byField, { 'schedules[1].when.to': 'must be after from (2026-12-26T08:00) and not empty' });
  assert.deepEqual(unplaced, [{ field: 'config', message: 'is too large' }]);
});

test('a field is described in words and found on its tab', () => {
  assert.equal(describeField('schedules[1].when.to'), 'Schedule 2, to');
  assert.equal(describeField('schedules[0].set.variables.closed'), 'Schedule 1, sets variables › closed');
  assert.equal(describeField('prompts.Greeting.en-US.voice'), 'Voice text of Greeting in en-US');
  assert.equal(describeField('variables.Closure'), 'Variable Closure');
  assert.equal(describeField('defaultLanguage'), 'Default language');
  assert.equal(tabOfField('prompts.Greeting.en-US.voice'), 'prompts');
  assert.equal(tabOfField('schedules[0].name'), 'schedules');
  assert.equal(tabOfField('timeZone'), 'schedules');
  assert.equal(tabOfField('variables.Closure'), 'values');
});

test('an error without a message still says something', () => {
  assert.equal(errorMessage({ message: 'The config changed.' }), 'The config changed.');
  assert.equal(errorMessage(undefined), 'Something went wrong; try again.');
});
