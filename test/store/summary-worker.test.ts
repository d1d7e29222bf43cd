// The MCP server's transcripts are read by a short-lived worker process (the transpiled
// catch-up-worker.js here, dist/summary-worker.mjs in the plugin): same answers and cache as
// reading in process, and a worker that fails never costs a summary.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCachedDigest, readCachedSummary } from '../../src/summarizer/cache.js';
import { SessionSummaries } from '../../src/summarizer/service.js';
import { InProcessWork, type TranscriptWork } from '../../src/summarizer/transcript-work.js';
import type { GenerationRequest, SessionSummary, SummaryGenerator } from '../../src/summarizer/types.js';
import { WorkerProcessWork } from '../../src/summarizer/worker-client.js';
import { summaryWorkerScript } from '../../src/sync/summary.js';
import { CWD, TranscriptBuilder, authMigration } from '../harness/transcript-fixture.js';
import { until } from '../harness/wait.js';

let root: string;
let dir: string;
let transcript: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccs-summary-worker-'));
  dir = join(root, 'store', 'sessions', 's1');
  mkdirSync(dir, { recursive: true });
  transcript = join(root, 'transcript.jsonl');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));


/** In-process work that counts how often it had to stand in for the worker. */
function countingFallback() {
  const inner = new InProcessWork({ now: Date.now, log: () => {} });
  const used: string[] = [];
  const work: TranscriptWork = {
    catchUp: (r) => (used.push('catch-up'), inner.catchUp(r)),
    sample: (r) => (used.push('sample'), inner.sample(r)),
    close: () => inner.close(),
  };
  return { work, used };
}

function withWorker(script: string, opts: { killAfterMs?: number } = {}) {
  const fallback = countingFallback();
  const logs: string[] = [];
  const log = (t: string) => logs.push(t);
  const work = new WorkerProcessWork({ script, fallback: fallback.work, log, ...opts });
  return { summaries: new SessionSummaries({ work, log }), used: fallback.used, logs };
}

const script = () => {
  const s = summaryWorkerScript();
  assert.ok(s, 'the transpiled worker is found next to sync/summary.js');
  return s;
};

test('a worker reads the transcript and writes the cache: the same answer as in process, nothing done here', async () => {
  const t = authMigration();
  writeFileSync(transcript, t.jsonl());
  const { summaries, used, logs } = withWorker(script());
  const a = await summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [`${CWD}/src/recorded.ts`] });
  assert.deepEqual(used, []);
  assert.equal(a.source, 'offline');
  assert.equal(a.stale, false);
  assert.equal(a.summary.task, 'Migrate the auth module to JWT tokens');
  assert.deepEqual(a.summary.changedFiles, ['src/recorded.ts', 'src/auth.ts']);
  assert.equal(readCachedDigest(dir)?.reader.offset, readFileSync(transcript).length);
  assert.equal(readCachedSummary(dir)?.summary.task, a.summary.task);

  const inProcess = await new SessionSummaries().summarize({ dir: join(root, 'other'), transcriptPath: transcript, editedFiles: [`${CWD}/src/recorded.ts`] });
  assert.deepEqual(a.summary, inProcess.summary);

  // Appended bytes: the next worker resumes from digest.json.
  const from = t.records.length;
  t.user('And now rotate the signing keys');
  appendFileSync(transcript, t.records.slice(from).map((r) => JSON.stringify(r) + '\n').join(''));
  // On a loaded machine the worker may miss the call's time budget: the call then answers stale
  // from the cache while the worker finishes, and the next call is current.
  let b = await summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  await until('a current summary', async () => {
    if (b.stale) b = await summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
    return !b.stale;
  }, { ms: 10_000, every: 300 }).catch((e: Error) => assert.fail(`${e.message}\n${logs.join('\n')}`));
  assert.match(b.summary.task, /now: And now rotate the signing keys/);
  assert.deepEqual(used, []);
  await summaries.close();
});

test('two calls at once for one session: the second waits for the first worker, both answer current', async () => {
  const t = new TranscriptBuilder();
  t.user('First request of a long session');
  for (let i = 0; i < 2000; i++) t.tool('Bash', { command: `echo ${'x'.repeat(2000)} ${i}` }, 'y'.repeat(1000));
  writeFileSync(transcript, t.jsonl());
  const { summaries, used } = withWorker(script());
  const [a, b] = await Promise.all([
    summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [] }),
    summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [] }),
  ]);
  assert.deepEqual([a.stale, b.stale], [false, false]);
  assert.deepEqual(a.summary, b.summary);
  assert.equal(readCachedDigest(dir)?.reader.offset, readFileSync(transcript).length);
  assert.deepEqual(used, []);
  await summaries.close();
});

test('a model prompt sampled by the worker: the whole session first, then only what is new', async () => {
  const t = authMigration();
  writeFileSync(transcript, t.jsonl());
  const calls: GenerationRequest[] = [];
  const gen: SummaryGenerator = async (r) => {
    calls.push(r);
    return { task: `summary ${calls.length}`, changedFiles: [], decisions: [], currentState: 'x', blockers: [], impactOnOtherSessions: 'none' } satisfies SessionSummary;
  };
  const { summaries, used } = withWorker(script());
  const a = await summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.equal(a.source, 'model');
  assert.match(calls[0]!.sample, /Migrate the auth module/);
  const from = t.records.length;
  t.user('follow-up request number 1');
  appendFileSync(transcript, t.records.slice(from).map((r) => JSON.stringify(r) + '\n').join(''));
  const b = await summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [], generator: gen });
  assert.equal(b.summary.task, 'summary 2');
  assert.equal(calls[1]!.previous?.task, 'summary 1');
  assert.match(calls[1]!.sample, /follow-up request number 1/);
  assert.doesNotMatch(calls[1]!.sample, /Migrate the auth module/);
  assert.deepEqual(used, []);
  await summaries.close();
});

test('a worker that cannot run: the work is done in process and the reason logged', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  const { summaries, used, logs } = withWorker(join(root, 'no-such-worker.mjs'));
  const a = await summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.equal(a.summary.task, 'Migrate the auth module to JWT tokens');
  assert.equal(a.stale, false);
  assert.deepEqual(used, ['catch-up']);
  assert.ok(logs.some((l) => /summary worker exited with 1: catching up in process/.test(l)), logs.join('\n'));
  await summaries.close();
});

test('a hung worker: killed, and the call answers stale from the cache', async () => {
  writeFileSync(transcript, authMigration().jsonl());
  await new SessionSummaries().summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  appendFileSync(transcript, JSON.stringify({ type: 'user', uuid: 'u-late', message: { role: 'user', content: 'late request' } }) + '\n');
  const hung = join(root, 'hung-worker.mjs');
  writeFileSync(hung, 'setInterval(() => {}, 1e6);\n');
  const { summaries, used, logs } = withWorker(hung, { killAfterMs: 300 });
  const t0 = Date.now();
  const a = await summaries.summarize({ dir, transcriptPath: transcript, editedFiles: [] });
  assert.ok(Date.now() - t0 < 2500);
  assert.equal(a.stale, true);
  assert.equal(a.summary.task, 'Migrate the auth module to JWT tokens', 'the cached summary');
  assert.deepEqual(used, [], 'a hung worker is not redone in the server');
  assert.ok(logs.some((l) => /killed after 300 ms/.test(l)), logs.join('\n'));
  await summaries.close();
});

test('the worker checks its request: not a request, or a relative path, exits 2 and writes nothing', () => {
  for (const input of ['not json', JSON.stringify({ kind: 'catch-up', request: { dir: 'rel', path: transcript } }), JSON.stringify({ kind: 'rm', request: {} })]) {
    const r = spawnSync(process.execPath, [script()], { input, encoding: 'utf8' });
    assert.equal(r.status, 2, input);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /not a request/);
  }
});
