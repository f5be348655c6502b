import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ssmlNote, ssmlProblem } from '../src/logic/ssml';

test('plain text and well-formed SSML have no problem', () => {
  for (const text of ['Thanks for calling.', '', '  We are closed & back soon', '<speak>Hello</speak>',
    '<speak>Hello <break time="1s"/> there</speak>', "<speak><prosody rate='slow'>Hi</prosody></speak>",
    '<?xml version="1.0"?><speak>Hi &amp; bye &#160; &#xA0;</speak>', '<speak><!-- note --><![CDATA[a < b]]></speak>',
    '  <speak xml:lang="en-US">\n  Hi\n</speak>\n']) {
    assert.equal(ssmlProblem(text), null, text);
  }
});

test('an unclosed tag is named with where it opened, as a sentence for people', () => {
  const problem = ssmlProblem('<speak>Hello <break time="1s"></speak>');
  assert.ok(problem);
  assert.equal(problem.message, 'The SSML is not well-formed: </speak> at line 1, column 31 comes while <break>'
    + ' (line 1, column 14) is still open; close it first with </break>, or write it as <break … /> if it holds nothing.');
  assert.deepEqual([problem.line, problem.column], [1, 31]);
});

test('lines and columns count from the start of the text', () => {
  const problem = ssmlProblem('<speak>\n  Hello\n  <emphasis>loud\n</speak>');
  assert.ok(problem);
  assert.equal(problem.line, 4);
  assert.equal(problem.column, 1);
  assert.match(problem.message, /<emphasis> \(line 3, column 3\) is still open/);
});

test('each kind of mistake says what is wrong', () => {
  const cases: Array<[string, RegExp]> = [
    ['<speak>Hello', /<speak> at line 1, column 1 is never closed; add <\/speak> at the end\./],
    ['<speak>Fish & chips</speak>', /a bare & at line 1, column 13; write it as &amp;\./],
    ['<speak>&nbsp;</speak>', /&nbsp; at line 1, column 8 is not an XML entity/],
    ['<speak><break time=1s/></speak>', /the value of time in <break> at line 1, column 20 must be in quotes/],
    ['<speak><break time/></speak>', /the attribute time in <break> at line 1, column 8 needs a value in quotes/],
    ['<speak><break time="1s></speak>', /holds a <; write &lt;, or close the quote/],
    ['<speak><break time="1s" time="2s"/></speak>', /names time twice/],
    ['<speak>1 < 2</speak>', /< at line 1, column 10 starts no tag; write &lt; for a less-than sign/],
    ['<speak>Hi</speak></p>', /<\/p> at line 1, column 18 closes nothing that is open/],
    ['<speak>Hi</speak>more', /text at line 1, column 18 is outside <speak>…<\/speak>/],
    ['<speak>Hi</speak><speak>Again</speak>', /<speak> at line 1, column 18 is after <\/speak>/],
    ['<speak>Hi<break', /<break at line 1, column 10 is not ended with >/],
    ['<speak><!-- open</speak>', /the comment at line 1, column 8 is never closed with -->/],
    ['<speak><break time="1s"strength="x"/></speak>', /put a space before strength/],
  ];
  for (const [text, expected] of cases) {
    const problem = ssmlProblem(text);
    assert.ok(problem, text);
    assert.match(problem.message, expected, text);
    assert.ok(problem.message.startsWith('The SSML is not well-formed: '), text);
  }
});

test('a well-formed element that is not <speak> is named as the one rule it breaks', () => {
  assert.equal(ssmlProblem('<p>Hello</p>')?.message, 'SSML must be wrapped in <speak>…</speak>.');
});

test('the note under a voice field says what the text is', () => {
  assert.equal(ssmlNote('Hello'), 'Plain text.');
  assert.equal(ssmlNote('<speak>Hello</speak>'), 'Well-formed SSML.');
  assert.match(ssmlNote('<speak>Hello'), /^The SSML is not well-formed/);
});
