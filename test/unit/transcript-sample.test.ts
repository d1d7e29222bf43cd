import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addRecords } from '../../src/transcript/digest.js';
import { emptyDigest } from '../../src/transcript/digest-types.js';
import { sampleForPrompt } from '../../src/transcript/sample.js';
import { CWD, TranscriptBuilder } from '../harness/transcript-fixture.js';

function longSession() {
  const b = new TranscriptBuilder();
  for (let i = 1; i <= 400; i++) {
    b.user(`Request number ${i}: ${'please handle the next part of the migration '.repeat(i % 5 + 1)}`);
    if (i % 10 === 0) b.tool('Edit', { file_path: `${CWD}/src/part${i}.ts`, old_string: 'a', new_string: 'b' });
    if (i % 25 === 0) b.tool('Bash', { command: `npm test -- part${i}` });
    b.say(`Handled request ${i}. ${'Details of what changed. '.repeat(i % 7)}`);
  }
  return addRecords(emptyDigest(), b.records);
}

test('the sample never exceeds its budget, from tiny to large', () => {
  const d = longSession();
  for (const budget of [0, 1, 50, 200, 1000, 4000, 16_000, 100_000]) {
    const s = sampleForPrompt(d, budget);
    assert.ok(s.length <= budget, `budget ${budget}: got ${s.length}`);
  }
});

test('head, evenly spaced middle and tail are all present and marked with their positions', () => {
  const s = sampleForPrompt(longSession(), 8000);
  assert.match(s, /## First requests\n\[user 1 of 400\] Request number 1:/);
  assert.match(s, /## Middle \(evenly spaced user messages\)/);
  assert.match(s, /## Recent exchanges \(oldest first\)/);
  assert.match(s, /\[user 400 of 400\] Request number 400:/);
  assert.match(s, /\[assistant after user 400\] Handled request 400\./);
  const middle = s.split('## Middle')[1]!.split('## Recent')[0]!;
  const ordinals = [...middle.matchAll(/\[user (\d+) of 400\]/g)].map((m) => Number(m[1]));
  assert.ok(ordinals.length >= 4, `${ordinals.length} middle messages`);
  assert.ok(ordinals[0]! < 100 && ordinals.at(-1)! > 300, `spread over the session: ${ordinals}`);
  assert.match(s, /400 user messages/);
  assert.match(s, /Files edited: src\/part400\.ts/);
});

test('a larger budget shows more of the session', () => {
  const d = longSession();
  const small = sampleForPrompt(d, 2000);
  const large = sampleForPrompt(d, 20_000);
  const count = (s: string) => (s.match(/\[user \d+ of 400\]/g) ?? []).length;
  assert.ok(count(large) > count(small), `${count(small)} < ${count(large)}`);
});

test('the realistic fixture samples without the rewound prompt', () => {
  const dir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'transcripts');
  const records = readFileSync(join(dir, 'rate-limit-session.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const s = sampleForPrompt(addRecords(emptyDigest(), records), 3000);
  assert.match(s, /\[user 1 of 3\] Add rate limiting/);
  assert.match(s, /Très bien/);
  assert.doesNotMatch(s, /rate_limit_overrides table/);
});

test('an empty session still yields a short, valid sample', () => {
  const s = sampleForPrompt(emptyDigest(), 500);
  assert.ok(s.length <= 500);
  assert.match(s, /0 user messages/);
});
