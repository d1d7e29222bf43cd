import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCachedDigest, readCachedSummary, summaryFiles } from '../../src/summarizer/cache.js';
import { SessionSummaries } from '../../src/summarizer/service.js';
import type { GenerationRequest, SessionSummary, SummaryGenerator } from '../../src/summarizer/types.js';
import { CWD, TranscriptBuilder, authMigration } from '../harness/transcript-fixture.js';

let root: string;
let dir: string;
let transcript: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccs-summary-'));
  dir = join(root, 'store', 'sessions', 's1');
  mkdirSync(dir, { recursive: true });
  transcript = join(root, 'transcript.jsonl');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));


/** The lines of the records added to `t` since it held `from` records. */
const linesFrom = (t: TranscriptBuilder, from: number) => t.records.slice(from).map((r) => JSON.stringify(r) + '\n').join('');

const modelSummary = (task: string, extra: Partial<SessionSummary> = {}): SessionSummary => ({
  task,
  changedFiles: ['src/guessed-by-model.ts'],
  decisions: ['jose over jsonwebtoken'],
  currentState: 'refresh tokens next',
  blockers: [],
  impactOnOtherSessions: 'auth exports change',
  ...extra,
});

test('offline summary from the transcript, recorded edits first, cached for peers in summary.json', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  const s = new SessionSummaries();
  const a = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [`${CWD}/src/recorded.ts`] });
  assert.equal(a.source, 'offline');
  assert.equal(a.stale, false);
  assert.equal(a.modelPending, false);
  assert.equal(a.summary.task, 'Migrate the auth module to JWT tokens');
  assert.deepEqual(a.summary.changedFiles, ['src/recorded.ts', 'src/auth.ts']);
  assert.match(a.summary.decisions.join(' '), /jose/);
  // The shape peerView reads for list_sessions: { summary: { task } }.
  const onDisk = JSON.parse(readFileSync(summaryFiles(dir).summary, 'utf8'));
  assert.equal(onDisk.summary.task, 'Migrate the auth module to JWT tokens');
  assert.ok(readFileSync(summaryFiles(dir).summary).length < 4096, 'summary.json stays small: peers read it on hot paths');
  assert.equal(readCachedDigest(dir)?.reader.offset, readFileSync(transcript).length);
  await s.close();
});

test('after a restart only the bytes appended since the cached offset are read', async () => {
  const t = authMigration();
  writeFileSync(transcript, t.jsonl());
  await new SessionSummaries().summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  // Rewrite the already-read first request in place (same length, same inode): a reader that
  // resumed at the cached offset never sees it; a reader that started over would.
  const text = readFileSync(transcript, 'utf8');
  const at = Buffer.byteLength(text.slice(0, text.indexOf('Migrate the auth')));
  const fd = openSync(transcript, 'r+');
  writeSync(fd, 'XXXXXXX', at);
  closeSync(fd);
  const from = t.records.length;
  t.say('Refresh tokens done too.');
  appendFileSync(transcript, linesFrom(t, from));

  const restarted = new SessionSummaries();
  const b = await restarted.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.equal(b.summary.task, 'Migrate the auth module to JWT tokens', 'old bytes were not re-read');
  assert.match(b.summary.currentState, /Refresh tokens done too/, 'new bytes were read');
  assert.equal(b.stale, false);
});

test('a cache is never served as current when the transcript changed or was replaced', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  await new SessionSummaries().summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  const before = readCachedSummary(dir)!;
  assert.ok(before.transcript);

  // Replaced by a different file (new inode): everything is read again.
  const other = new TranscriptBuilder();
  other.user('Write the billing report');
  writeFileSync(transcript + '.new', other.jsonl());
  renameSync(transcript + '.new', transcript);
  const c = await new SessionSummaries().summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.equal(c.summary.task, 'Write the billing report');
  assert.deepEqual(c.summary.changedFiles, []);
});

test('a half-written last line is neither skipped nor parsed: the summary is current up to it', async () => {
  const t = authMigration();
  const full = t.jsonl();
  const from = t.records.length;
  t.user('And now rotate the signing keys');
  const line = linesFrom(t, from);
  writeFileSync(transcript, full + line.slice(0, 20));
  const s = new SessionSummaries();
  const a = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.doesNotMatch(a.summary.task, /rotate/);
  appendFileSync(transcript, line.slice(20));
  const b = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.match(b.summary.task, /now: And now rotate the signing keys/);
});

test('a transcript too large for the read budget is served stale and resumed by the next call', async () => {
  const t = new TranscriptBuilder();
  t.user('First request of a long session');
  for (let i = 0; i < 3000; i++) t.tool('Bash', { command: `echo ${'x'.repeat(2000)} ${i}` }, 'y'.repeat(1000));
  writeFileSync(transcript, t.jsonl());
  let clock = 0;
  // Each clock read advances time: the budget runs out after the first 4 MiB slice.
  const s = new SessionSummaries({ now: () => (clock += 1000), readWithinMs: 1 });
  const a = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.equal(a.stale, true);
  assert.equal(readCachedSummary(dir)?.transcript, undefined, 'a partial read is never recorded as current');
  let b = a;
  for (let i = 0; i < 50 && b.stale; i++) b = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.equal(b.stale, false);
  assert.equal(readCachedDigest(dir)?.reader.offset, readFileSync(transcript).length);
});

test('a bad summary.json or digest.json counts as absent', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  writeFileSync(summaryFiles(dir).summary, '{"v":1,"summary":{"task":3}}');
  writeFileSync(summaryFiles(dir).digest, '{"v":1,"path":"x","digest":{}}');
  const a = await new SessionSummaries().summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.equal(a.summary.task, 'Migrate the auth module to JWT tokens');
  assert.equal(readCachedSummary(dir)?.summary.task, 'Migrate the auth module to JWT tokens');
});

test('no transcript: the recorded task and edits', async () => {
  const a = await new SessionSummaries().summarize({ dir, editedFiles: ['/w/src/a.ts'], fallbackTask: 'Fix the login bug' });
  assert.equal(a.summary.task, 'Fix the login bug');
  assert.deepEqual(a.summary.changedFiles, ['/w/src/a.ts']);
});

// ---- model summaries ---------------------------------------------------------------------------

function recording(answer: (r: GenerationRequest, n: number) => SessionSummary | Promise<SessionSummary>) {
  const calls: GenerationRequest[] = [];
  const gen: SummaryGenerator = async (r) => {
    calls.push(r);
    return answer(r, calls.length);
  };
  return { gen, calls };
}

test('a model summary that lands in time is served, with changedFiles from the records and transcript', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  const { gen, calls } = recording(() => modelSummary('JWT migration of auth'));
  const s = new SessionSummaries();
  const a = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [`${CWD}/src/recorded.ts`], generator: gen, model: 'haiku' });
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.previous, undefined);
  assert.match(calls[0]!.sample, /Migrate the auth module/);
  assert.equal(a.source, 'model');
  assert.equal(a.summary.task, 'JWT migration of auth');
  assert.deepEqual(a.summary.changedFiles.slice(0, 2), ['src/recorded.ts', 'src/auth.ts']);
  assert.equal(readCachedSummary(dir)?.source, 'model');
  assert.equal(readCachedSummary(dir)?.summary.task, 'JWT migration of auth');
  // Unchanged transcript: served from the cache, no new generation, also after a restart.
  const b = await new SessionSummaries().summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.equal(b.source, 'model');
  assert.equal(calls.length, 1);
});

test('incremental updates carry the previous summary and only new activity; the 5th is a full regeneration', async () => {
  const t = authMigration();
  writeFileSync(transcript, t.jsonl());
  const { gen, calls } = recording((_r, n) => modelSummary(`summary ${n}`));
  const s = new SessionSummaries();
  await s.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  for (let i = 1; i <= 5; i++) {
    const from = t.records.length;
    t.user(`follow-up request number ${i}`);
    appendFileSync(transcript, linesFrom(t, from));
    const a = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
    assert.equal(a.summary.task, `summary ${i + 1}`);
  }
  assert.equal(calls.length, 6);
  for (const i of [1, 2, 3, 4]) {
    assert.equal(calls[i]!.previous?.task, `summary ${i}`, `call ${i} is incremental`);
    assert.match(calls[i]!.sample, new RegExp(`follow-up request number ${i}`));
    assert.doesNotMatch(calls[i]!.sample, /Migrate the auth module/, 'only the new activity');
  }
  assert.equal(calls[5]!.previous, undefined, 'after 4 incremental updates: full regeneration');
  assert.match(calls[5]!.sample, /Migrate the auth module/);
  assert.equal(readCachedSummary(dir)?.model?.incremental, 0);
});

test('a slow model: answered offline within the deadline, the model summary lands for the next call', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  let finish!: () => void;
  const gate = new Promise<void>((r) => (finish = r));
  const { gen, calls } = recording(async () => {
    await gate;
    return modelSummary('model task');
  });
  const s = new SessionSummaries({ answerWithinMs: 200 });
  const t0 = Date.now();
  const a = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.ok(Date.now() - t0 < 1500);
  assert.equal(a.source, 'offline');
  assert.equal(a.modelPending, true);
  // A second call meanwhile joins the same generation instead of starting another.
  const b = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.equal(b.modelPending, true);
  assert.equal(calls.length, 1);
  finish();
  await Promise.all(s.pending());
  const c = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.equal(c.source, 'model');
  assert.equal(c.summary.task, 'model task');
  assert.equal(calls.length, 1);
});

test('one generation per session across processes: a live holder of summary-gen.lock means pending, no second run', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  // Another live process (this test's parent pid stands in for it) holds the generation lock.
  writeFileSync(summaryFiles(dir).genLock, JSON.stringify({ pid: process.ppid, token: 'other', at: Date.now() }));
  const { gen, calls } = recording(() => modelSummary('x'));
  const a = await new SessionSummaries().summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.equal(calls.length, 0);
  assert.equal(a.source, 'offline');
  assert.equal(a.modelPending, true);
});

test('a failing model: offline summary with the reason, not retried at every call', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  const calls: number[] = [];
  const gen: SummaryGenerator = async () => {
    calls.push(1);
    throw new Error('claude -p timed out after 60000 ms');
  };
  const s = new SessionSummaries();
  const a = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.equal(a.source, 'offline');
  assert.match(a.modelError ?? '', /timed out/);
  appendFileSync(transcript, '\n');
  const b = await s.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.equal(calls.length, 1);
  assert.match(b.modelError ?? '', /timed out/);
  assert.equal(b.summary.task, 'Migrate the auth module to JWT tokens');
});

test('close() aborts a running generation', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  let aborted = false;
  const gen: SummaryGenerator = (_r, signal) =>
    new Promise((_resolve, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted')))));
  const s = new SessionSummaries({ answerWithinMs: 50 });
  await s.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  await s.close();
  assert.equal(aborted, true);
  assert.equal(s.pending().length, 0);
});
