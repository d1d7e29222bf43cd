import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { addRecords } from '../../src/transcript/digest.js';
import { emptyDigest } from '../../src/transcript/digest-types.js';
import { offlineSummary } from '../../src/summarizer/offline.js';
import { sessionSummarySchema } from '../../src/summarizer/schema.js';
import { CWD, TranscriptBuilder } from '../harness/transcript-fixture.js';

const dir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'transcripts');
const fixtureDigest = () =>
  addRecords(
    emptyDigest(),
    readFileSync(join(dir, 'rate-limit-session.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
  );
const validate = new Ajv({ strict: true, allErrors: true }).compile(sessionSummarySchema);

test('the offline summary of a realistic session', () => {
  const s = offlineSummary(fixtureDigest(), ['src/api/server.ts', 'README.md']);
  assert.ok(validate(s), JSON.stringify(validate.errors));

  assert.ok(s.task.length <= 120, s.task);
  assert.match(s.task, /^Add rate limiting to the public API/);
  assert.match(s.task, /now: Très bien/);

  // Recorded edits first and in order; then the transcript's, relative to the cwd; the rewound
  // migration and the failed middleware edit are not there; the subagent's test file is.
  assert.deepEqual(s.changedFiles, ['src/api/server.ts', 'README.md', 'config/ratelimit.json', 'test/api/ratelimit.test.ts']);

  assert.equal(s.decisions.length, 2);
  assert.match(s.decisions[0]!, /express-rate-limit instead of writing a custom middleware/);
  assert.match(s.decisions[1]!, /^Going with a JSON config file/);

  assert.match(s.currentState, /^Remaining: trust the proxy header/);

  assert.ok(s.blockers.length >= 2 && s.blockers.length <= 3, JSON.stringify(s.blockers));
  assert.ok(s.blockers.some((b) => /test fails/.test(b)));
  assert.ok(s.blockers.some((b) => /can't fix that/.test(b)));

  assert.match(s.impactOnOtherSessions, /edits src\/api\/server\.ts/);
  assert.match(s.impactOnOtherSessions, /ran npm install express-rate-limit@7/);
  assert.match(s.impactOnOtherSessions, /git operations: git add, git commit/);
  assert.doesNotMatch(s.impactOnOtherSessions, /git status/, 'read-only git is no impact');
});

test('manifests, lockfiles, migrations and shared config are called out', () => {
  const b = new TranscriptBuilder();
  b.user('Upgrade the ORM and add the users migration');
  for (const f of ['package.json', 'package-lock.json', 'db/migrations/0007_users.sql', 'tsconfig.json', 'src/user.ts']) {
    b.tool('Edit', { file_path: `${CWD}/${f}`, old_string: 'a', new_string: 'b' });
  }
  b.tool('Bash', { command: 'npx prisma migrate dev && git stash pop' });
  b.say('Done.');
  const s = offlineSummary(addRecords(emptyDigest(), b.records), []);
  assert.ok(validate(s), JSON.stringify(validate.errors));
  assert.match(s.impactOnOtherSessions, /package manifest package\.json/);
  assert.match(s.impactOnOtherSessions, /lockfile package-lock\.json/);
  assert.match(s.impactOnOtherSessions, /migration db\/migrations\/0007_users\.sql/);
  assert.match(s.impactOnOtherSessions, /shared config tsconfig\.json/);
  assert.match(s.impactOnOtherSessions, /ran npx prisma migrate dev/);
  assert.match(s.impactOnOtherSessions, /git stash/);
});

test('trouble that is gone is not a blocker; a fresh error after the last reply is', () => {
  const b = new TranscriptBuilder();
  b.user('Run the tests');
  b.say('All 42 tests pass with no errors. I fixed the error in the parser.');
  let s = offlineSummary(addRecords(emptyDigest(), b.records), []);
  assert.deepEqual(s.blockers, []);
  b.tool('Bash', { command: 'npm run build' }, 'tsc: error TS2304: Cannot find name foo', { isError: true });
  s = offlineSummary(addRecords(emptyDigest(), b.records), []);
  assert.deepEqual(s.blockers, ['tsc: error TS2304: Cannot find name foo']);
});

test('a new request not yet answered is the current state', () => {
  const b = new TranscriptBuilder();
  b.user('Add a health endpoint');
  b.say('Added GET /health.');
  b.user('Now document it in the README');
  const s = offlineSummary(addRecords(emptyDigest(), b.records), []);
  assert.equal(s.currentState, 'Working on: Now document it in the README');
  assert.equal(s.task, 'Add a health endpoint — now: Now document it in the README');
});

test('an empty session gives a valid summary', () => {
  const s = offlineSummary(emptyDigest(), []);
  assert.ok(validate(s), JSON.stringify(validate.errors));
  assert.equal(s.task, 'No request yet');
  assert.deepEqual(s.changedFiles, []);
});
