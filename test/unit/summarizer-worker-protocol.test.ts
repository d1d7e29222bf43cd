// The messages between the MCP server and a catch-up worker are checked both ways: the worker acts
// only on a well-formed request with absolute paths, the server takes only a well-formed answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catchUpResultFrom, sampleResultFrom, workerRequestFrom } from '../../src/summarizer/worker-protocol.js';

const path = '/home/dev/.claude/projects/-w/s.jsonl';
const mark = { path, ino: 12, size: 300, mtimeMs: 1_700_000_000_000.5 };
const catchUp = { dir: '/home/dev/.context-sync/projects/p/sessions/s', path, mark, editedFiles: ['/w/a.ts'], readWithinMs: 2000 };
const summary = { task: 'Migrate auth', changedFiles: ['src/a.ts'], decisions: [], currentState: 'tests pass', blockers: [], impactOnOtherSessions: 'none' };

test('a well-formed request is taken as it is', () => {
  assert.deepEqual(workerRequestFrom({ kind: 'catch-up', request: catchUp }), { kind: 'catch-up', request: catchUp });
  assert.deepEqual(workerRequestFrom({ kind: 'catch-up', request: { ...catchUp, fallbackTask: 'Fix login' } })?.request, { ...catchUp, fallbackTask: 'Fix login' });
  const sample = { dir: catchUp.dir, path, ino: 12, since: 100, chars: 12_000 };
  assert.deepEqual(workerRequestFrom({ kind: 'sample', request: sample }), { kind: 'sample', request: sample });
});

test('anything else is not a request', () => {
  const bad: unknown[] = [
    undefined,
    'catch-up',
    { kind: 'catch-up' },
    { kind: 'unlink', request: catchUp },
    { kind: 'catch-up', request: { ...catchUp, dir: 'relative/dir' } },
    { kind: 'catch-up', request: { ...catchUp, path: '/etc/passwd' } }, // the mark names another file
    { kind: 'catch-up', request: { ...catchUp, dir: '/a\0b' } },
    { kind: 'catch-up', request: { ...catchUp, editedFiles: [1] } },
    { kind: 'catch-up', request: { ...catchUp, readWithinMs: -1 } },
    { kind: 'catch-up', request: { ...catchUp, fallbackTask: 3 } },
    { kind: 'catch-up', request: { ...catchUp, mark: { ...mark, ino: 'x' } } },
    { kind: 'sample', request: { dir: catchUp.dir, path, ino: 12, chars: 100, since: 1.5 } },
    { kind: 'sample', request: { dir: catchUp.dir, path, chars: 100 } },
  ];
  for (const v of bad) assert.equal(workerRequestFrom(v), undefined, JSON.stringify(v));
});

test("a worker's answer is taken only when every field is valid", () => {
  const current = { v: 1, summary, source: 'offline', updatedAt: 1, offset: 300, ino: 12 };
  const ok = { offline: summary, reader: { offset: 300, ino: 12, invalidLines: 0 }, atEnd: true, current };
  assert.deepEqual(catchUpResultFrom(ok), ok);
  assert.deepEqual(catchUpResultFrom({ ...ok, current: undefined }), { offline: summary, reader: ok.reader, atEnd: true });
  for (const v of [
    null,
    { ...ok, offline: { ...summary, task: 7 } },
    { ...ok, offline: { ...summary, extra: 'field' } },
    { ...ok, reader: { offset: -1, invalidLines: 0 } },
    { ...ok, reader: { offset: 300, ino: 'x', invalidLines: 0 } },
    { ...ok, atEnd: 'yes' },
    { ...ok, current: { ...current, source: 'guess' } },
  ]) {
    assert.equal(catchUpResultFrom(v), undefined, JSON.stringify(v));
  }
  assert.deepEqual(sampleResultFrom({ sample: 'Request: x', offset: 300 }), { sample: 'Request: x', offset: 300 });
  assert.equal(sampleResultFrom(null), null, 'no sample: the transcript was replaced');
  assert.equal(sampleResultFrom({ sample: 3, offset: 300 }), undefined);
  assert.equal(sampleResultFrom({ sample: 'x' }), undefined);
});
