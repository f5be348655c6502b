import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimList, holdsAnywhere, levelFor, scopesOf } from '../src/app/access';

test('the company IdP groups grant levels on every config or on a suffix prefix (contract C2)', () => {
  const scopes = scopesOf({ 'custom:fc_groups': '[FlowConfigEditors-sales, FlowConfigReaders, Marketing]' });
  assert.equal(levelFor(scopes, 'sales-emea'), 'Edit');
  assert.equal(levelFor(scopes, 'support-emea'), 'Read');
  assert.equal(holdsAnywhere(scopes, 'Full'), false);
});

test('a groups claim is read as a JSON array string, a bracketed list or a comma-separated string', () => {
  assert.deepEqual(claimList('["FlowConfigAdmins","x"]'), ['FlowConfigAdmins', 'x']);
  assert.deepEqual(claimList('[FlowConfigAdmins, x]'), ['FlowConfigAdmins', 'x']);
  assert.deepEqual(claimList('FlowConfigAdmins,x'), ['FlowConfigAdmins', 'x']);
  assert.deepEqual(claimList(undefined), []);
});

test('groups that only look like ours grant nothing', () => {
  const scopes = scopesOf({ 'custom:fc_groups': 'FlowConfigAdminsX,FlowConfigEditors-,xFlowConfigReaders' });
  assert.equal(holdsAnywhere(scopes, 'Read'), false);
});

test('the Cognito groups and per-level scope attributes keep working', () => {
  const scopes = scopesOf({ 'cognito:groups': ['FlowConfigEdit'], 'custom:fc_full': 'sales-*,main-queue' });
  assert.equal(levelFor(scopes, 'sales-emea'), 'Full');
  assert.equal(levelFor(scopes, 'main-queue'), 'Full');
  assert.equal(levelFor(scopes, 'other'), 'Edit');
  assert.equal(levelFor(scopesOf({}), 'other'), null);
});
