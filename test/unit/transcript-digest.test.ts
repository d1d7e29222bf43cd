import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addRecords, viewDigest } from '../../src/transcript/digest.js';
import { emptyDigest, type Digest } from '../../src/transcript/digest-types.js';
import { digestFrom } from '../../src/transcript/digest-check.js';
import { CWD, TranscriptBuilder } from '../harness/transcript-fixture.js';

// Tests run from .build/test/unit/: the fixtures stay in the source tree.
const fixtureDir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'transcripts');
const fixture = (name: string) =>
  readFileSync(join(fixtureDir, name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);

const digestOf = (records: unknown[], windowLimit?: number): Digest =>
  addRecords(emptyDigest(windowLimit === undefined ? {} : { windowLimit }), records);
const texts = (items: Array<{ text: string }>) => items.map((t) => t.text);
const paths = (files: Array<{ path: string }>) => files.map((f) => f.path).sort();

test('the realistic fixture: rewound branch dropped, sidechain apart, failed edit not counted', () => {
  const v = viewDigest(digestOf(fixture('rate-limit-session.jsonl')));
  assert.deepEqual(texts(v.firstUserRequests).map((t) => t.slice(0, 20)), [
    'Add rate limiting to',
    'Actually, store the ',
    'Très bien — laisse t',
  ]);
  assert.ok(!texts(v.latestUserRequests).some((t) => t.includes('migration')), 'the rewound prompt is gone');
  assert.deepEqual(paths(v.filesEdited), ['/home/dev/shop/config/ratelimit.json', '/home/dev/shop/src/api/server.ts']);
  assert.deepEqual(paths(v.subagentFilesEdited), ['/home/dev/shop/test/api/ratelimit.test.ts']);
  assert.equal(v.counts.subagentRecords, 4);
  assert.equal(v.counts.userMessages, 3);
  assert.ok(v.counts.abandonedRecords >= 4);
  assert.equal(v.title, 'Rate limiting for the public API');
  assert.equal(v.cwd, '/home/dev/shop');
  assert.equal(v.firstTimestamp, '2026-11-20T09:00:01.500Z');
});

test('a rewound branch contributes nothing: prompts, statements, edits, commands', () => {
  const b = new TranscriptBuilder();
  b.user('Build the login page');
  b.say('Login page done.');
  const fork = b.last;
  b.user('Now add OAuth with GitHub');
  b.tool('Write', { file_path: `${CWD}/src/oauth.ts`, content: 'x' });
  b.tool('Bash', { command: 'npm install passport-github' });
  b.say('I added OAuth.');
  b.last = fork; // the user rewinds to before the OAuth prompt
  b.user('Add a "remember me" checkbox instead');
  b.tool('Edit', { file_path: `${CWD}/src/login.tsx`, old_string: 'a', new_string: 'b' });
  b.say('Checkbox added.');
  const v = viewDigest(digestOf(b.records));
  assert.deepEqual(texts(v.latestUserRequests), ['Build the login page', 'Add a "remember me" checkbox instead']);
  assert.deepEqual(texts(v.assistantStatements), ['Login page done.', 'Checkbox added.']);
  assert.deepEqual(paths(v.filesEdited), [`${CWD}/src/login.tsx`]);
  assert.deepEqual(texts(v.commands), []);
  assert.equal(v.counts.userMessages, 2);
});

test('the rewind is detected across calls and after the window has settled its oldest records', () => {
  const b = new TranscriptBuilder();
  for (let i = 0; i < 40; i++) {
    b.user(`step ${i}`);
    b.say(`did ${i}`);
  }
  const fork = b.last;
  b.user('abandoned prompt');
  b.tool('Write', { file_path: `${CWD}/abandoned.ts`, content: '' });
  b.last = fork;
  b.user('kept prompt');
  // Windows of 12 records, fed in slices of 7: settling happens many times, mid-branch too.
  let d = emptyDigest({ windowLimit: 12 });
  for (let i = 0; i < b.records.length; i += 7) d = addRecords(d, b.records.slice(i, i + 7));
  assert.ok(d.window.length <= 15, `window stays bounded (${d.window.length})`);
  const v = viewDigest(d);
  assert.equal(v.counts.userMessages, 41);
  assert.deepEqual(texts(v.firstUserRequests), ['step 0', 'step 1', 'step 2']);
  assert.equal(v.latestUserRequests.at(-1)!.text, 'kept prompt');
  assert.deepEqual(v.filesEdited, []);
});

test('feeding records in slices gives the same view as feeding them at once', () => {
  const records = fixture('rate-limit-session.jsonl');
  const whole = viewDigest(digestOf(records));
  for (const size of [1, 3, 10]) {
    let d = emptyDigest();
    for (let i = 0; i < records.length; i += size) d = addRecords(d, records.slice(i, i + size));
    assert.deepEqual(viewDigest(d), whole, `slices of ${size}`);
  }
});

test('addRecords does not mutate the digest it is given', () => {
  const records = fixture('rate-limit-session.jsonl');
  const before = addRecords(emptyDigest({ windowLimit: 4 }), records.slice(0, 20));
  const snapshot = JSON.stringify(before);
  addRecords(before, records.slice(20));
  assert.equal(JSON.stringify(before), snapshot);
});

test('meta records, command echoes, reminders and compaction summaries are not the user speaking', () => {
  const b = new TranscriptBuilder();
  b.user('Fix the flaky test in ci.yml');
  b.user('Caveat: The messages below were generated by the user while running local commands.', { extra: { isMeta: true } });
  b.user('<command-name>/clear</command-name>\n<command-message>clear</command-message>');
  b.user('<local-command-stdout>cleared</local-command-stdout>');
  b.user([{ type: 'text', text: '<system-reminder>The date changed.</system-reminder>' }]);
  b.user('This session is being continued from a previous conversation...', { extra: { isCompactSummary: true } });
  b.user('[Request interrupted by user]');
  b.user('some meta text', { extra: { isMeta: true } });
  const v = viewDigest(digestOf(b.records));
  assert.deepEqual(texts(v.latestUserRequests), ['Fix the flaky test in ci.yml']);
  assert.equal(v.counts.userMessages, 1);
});

test('a prompt with a reminder block keeps only the user text; thinking is not a statement', () => {
  const b = new TranscriptBuilder();
  b.user([
    { type: 'text', text: '<system-reminder>IDE selection: lines 3-9</system-reminder>' },
    { type: 'text', text: 'Explain this function' },
  ]);
  b.assistant([
    { type: 'thinking', thinking: 'secret plan', signature: 'x' },
    { type: 'text', text: 'It parses the header.' },
  ]);
  const v = viewDigest(digestOf(b.records));
  assert.deepEqual(texts(v.latestUserRequests), ['Explain this function']);
  assert.deepEqual(texts(v.assistantStatements), ['It parses the header.']);
  assert.equal(v.counts.assistantMessages, 1, 'one streamed message written as two records');
});

test('sidechain (subagent) records are counted apart and never become the session\'s words', () => {
  const b = new TranscriptBuilder();
  b.user('Refactor the parser');
  b.user('Search for all callers of parse()', { side: true, parent: null });
  b.tool('Edit', { file_path: `${CWD}/src/callers.ts`, old_string: 'a', new_string: 'b' }, 'ok', { side: true });
  b.say('Found 3 callers.', { side: true });
  b.say('The parser is refactored.');
  const v = viewDigest(digestOf(b.records));
  assert.deepEqual(texts(v.latestUserRequests), ['Refactor the parser']);
  assert.deepEqual(texts(v.assistantStatements), ['The parser is refactored.']);
  assert.equal(v.counts.subagentRecords, 4);
  assert.equal(v.counts.subagentToolCalls, 1);
  assert.deepEqual(paths(v.subagentFilesEdited), [`${CWD}/src/callers.ts`]);
  assert.deepEqual(v.filesEdited, []);
});

test('parallel tool calls (results hanging off their own tool_use) all count', () => {
  const b = new TranscriptBuilder();
  b.user('Update both files');
  const [e1, e2] = b.assistant([
    { type: 'tool_use', id: 'toolu_a', name: 'Edit', input: { file_path: `${CWD}/a.ts`, old_string: 'x', new_string: 'y' } },
    { type: 'tool_use', id: 'toolu_b', name: 'Edit', input: { file_path: `${CWD}/b.ts`, old_string: 'x', new_string: 'y' } },
  ]);
  b.user([{ type: 'tool_result', tool_use_id: 'toolu_a', content: 'nope', is_error: true }], {
    parent: e1!.uuid as string,
    extra: { sourceToolAssistantUUID: e1!.uuid },
  });
  b.user([{ type: 'tool_result', tool_use_id: 'toolu_b', content: 'ok' }], { parent: e2!.uuid as string });
  b.say('Updated b.ts; a.ts did not match.');
  const v = viewDigest(digestOf(b.records));
  assert.deepEqual(paths(v.filesEdited), [`${CWD}/b.ts`], 'the failed edit of a.ts is taken back');
  assert.equal(v.counts.toolErrors, 1);
  assert.equal(v.counts.toolResults, 2);
  assert.equal(v.counts.toolCalls, 2);
});

test('a compaction boundary continues the chain through logicalParentUuid', () => {
  const b = new TranscriptBuilder();
  b.user('First task');
  b.tool('Write', { file_path: `${CWD}/one.ts`, content: '' });
  const before = b.last;
  b.records.push({ type: 'system', subtype: 'compact_boundary', parentUuid: null, logicalParentUuid: before, uuid: 'cb-1', isSidechain: false, timestamp: '2026-11-20T11:00:00.000Z' });
  b.last = 'cb-1';
  b.user('This session is being continued...', { extra: { isCompactSummary: true } });
  b.user('Second task');
  const v = viewDigest(digestOf(b.records));
  assert.deepEqual(texts(v.firstUserRequests), ['First task', 'Second task']);
  assert.deepEqual(paths(v.filesEdited), [`${CWD}/one.ts`]);
});

test('non-ASCII text survives; long texts are clipped without splitting surrogate pairs', () => {
  const b = new TranscriptBuilder();
  b.user('日本語でお願いします 🚦'.repeat(300));
  const v = viewDigest(digestOf(b.records));
  const t = v.firstUserRequests[0]!.text;
  assert.ok(t.length <= 2000);
  assert.ok(t.startsWith('日本語でお願いします 🚦'));
  assert.ok(!/[\ud800-\udbff]…$/.test(t), 'no lone high surrogate before the ellipsis');
  assert.equal(Buffer.from(t, 'utf8').toString('utf8'), t);
});

test('the user-message sample stays bounded and evenly spaced over a long session', () => {
  const b = new TranscriptBuilder();
  for (let i = 1; i <= 1000; i++) {
    b.user(`message ${i}`);
    b.say(`reply ${i}`);
  }
  const v = viewDigest(digestOf(b.records, 50));
  const ordinals = v.userSample.map((t) => t.ordinal);
  assert.ok(ordinals.length >= 24 && ordinals.length <= 48, `${ordinals.length} sampled`);
  const gaps = new Set(ordinals.slice(1).map((o, i) => o - ordinals[i]!));
  assert.equal(gaps.size, 1, `even spacing, gaps ${[...gaps]}`);
  assert.equal(ordinals[0], 1);
  assert.equal(v.counts.userMessages, 1000);
  assert.deepEqual(texts(v.latestUserRequests), ['message 996', 'message 997', 'message 998', 'message 999', 'message 1000']);
});

test('records of a bad shape are ignored, not thrown on', () => {
  const d = digestOf([null, 42, 'x', [], { no: 'type' }, { type: 'user', message: 'not an object', uuid: 'u1' }, { type: 'assistant', message: { content: [null, 5, { type: 'tool_use' }] }, uuid: 'u2', parentUuid: 'u1' }]);
  assert.equal(d.ignoredRecords, 5);
  const v = viewDigest(d);
  assert.equal(v.counts.userMessages, 0);
  assert.equal(v.counts.toolCalls, 0);
});

test('a digest survives a JSON round trip; a corrupt one is rejected', () => {
  const d = digestOf(fixture('rate-limit-session.jsonl'), 6);
  const back = digestFrom(JSON.parse(JSON.stringify(d)));
  assert.ok(back);
  assert.deepEqual(viewDigest(back), viewDigest(d));
  assert.equal(digestFrom({ ...d, version: 2 }), undefined);
  assert.equal(digestFrom({ ...d, window: [{ uuid: 3 }] }), undefined);
  assert.equal(digestFrom({ ...d, settled: { ...d.settled, userSample: 'x' } }), undefined);
  assert.equal(digestFrom(null), undefined);
  // Fields named like schema annotations are checked too (the build strips annotations, not fields).
  assert.equal(digestFrom({ ...d, title: 5 }), undefined);
  assert.equal(digestFrom({ ...d, window: [{ uuid: 'u', c: { tools: [{ name: 'Bash', description: 7 }] } }] }), undefined);
});
