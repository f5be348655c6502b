import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteLength, CONNECT_LIMIT_BYTES, estimateLargestResult, resultSize, sizeSummary } from '../src/logic/size';

test('sizes are UTF-8 bytes of the JSON, as Connect counts them', () => {
  assert.equal(byteLength('é'), 2);
  assert.equal(resultSize({ a: 'é' }), '{"a":"é"}'.length + 1);
});

test('the summary names the limit and warns near it', () => {
  assert.deepEqual(sizeSummary(1234), { bytes: 1234, level: 'ok',
    text: "1,234 bytes of Amazon Connect's 32,768-byte limit." });
  assert.equal(sizeSummary(27000).level, 'warning');
  assert.equal(sizeSummary(CONNECT_LIMIT_BYTES - 64).level, 'error');
  assert.equal(sizeSummary(CONNECT_LIMIT_BYTES - 65).level, 'warning');
});

test('the estimate takes the language whose texts are largest', () => {
  const estimate = estimateLargestResult({ id: 'x', defaultLanguage: 'en-US', variables: { Closure: 'false' },
    prompts: { Greeting: { 'en-US': { voice: 'Hi' }, 'de-DE': { voice: 'Guten Tag, willkommen bei uns'.repeat(100) } } } });
  assert.equal(estimate.language, 'de-DE');
  assert.ok(estimate.bytes > 2900 && estimate.bytes < 3400, String(estimate.bytes));
});
