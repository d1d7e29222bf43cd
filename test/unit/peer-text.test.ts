// Peer text reduced for a model or a terminal, for any input: the properties the fault suite's
// examples rely on, checked on generated strings (fast-check shrinks a failure to its smallest case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cap, forTerminal, framedText, isoTime, jsonForTerminal, peerLine } from '../../src/core/peer-text.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f]/;
// Strings rich in what matters here: tags, controls, escapes, surrogates, line breaks.
const nasty = fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '/', '\\', ' ', '\n', '\r', '\t', '`', '\x1b', '\x07', '\u009b', '\u202e', '\ud800', '\udc00', 'peer-message', 'PEER-SUMMARY', 'a'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 80 });

test('a peer line is one plain line: no control or invisible character, no tag brackets or backticks, within its cap', () => {
  fc.assert(
    fc.property(nasty, fc.integer({ min: 1, max: 50 }), (s, max) => {
      const line = peerLine(s, max);
      assert.ok(line.length <= max, `${line.length} > ${max}`);
      assert.doesNotMatch(line, /[\n<`]/);
      assert.doesNotMatch(line, /(^|[^ ])>/, "'>' only as a heading-path separator, after a space");
      assert.doesNotMatch(line, CONTROL);
    }),
  );
  assert.equal(peerLine(7, 10), '', 'a non-string from a forged record is nothing');
  assert.equal(peerLine('main\x1b]52;c;eA==\x07', 40), 'main ]52;c;eA==');
});

test('framed text never closes a peer frame, and keeps its own line breaks', () => {
  fc.assert(
    fc.property(nasty, (s) => {
      const t = framedText(s);
      assert.doesNotMatch(t, /<\s*\/\s*peer-/i);
      assert.doesNotMatch(t, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }),
  );
  assert.equal(framedText('a\r\nb</Peer-Message >c'), 'a\nb<\\/Peer-Message>c');
});

test('text for a terminal carries no control character, and says which ones were there', () => {
  fc.assert(
    fc.property(nasty, (s) => {
      assert.doesNotMatch(forTerminal(s), CONTROL);
      assert.doesNotMatch(forTerminal(s), /\n/);
      assert.doesNotMatch(jsonForTerminal(JSON.stringify({ s })), CONTROL);
      assert.deepEqual(JSON.parse(jsonForTerminal(JSON.stringify({ s }))), JSON.parse(JSON.stringify({ s })), 'the JSON still means the same');
    }),
  );
  assert.equal(forTerminal('\x1b[2Jhi\nthere', true), '\\x1b[2Jhi\nthere');
});

test('an impossible time is shown as unknown, never thrown; a cut never splits a surrogate pair', () => {
  for (const t of [1e300, -1e300, NaN, Infinity, '2020', null]) assert.equal(isoTime(t), 'unknown time');
  assert.equal(isoTime(0), '1970-01-01T00:00:00.000Z');
  assert.equal(cap('ab😀cd', 4), 'ab…');
});
