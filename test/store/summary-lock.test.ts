import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { tryLock } from '../../src/summarizer/lock.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccs-lock-'));
  path = join(dir, 'summary-gen.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('one holder at a time; released, it can be taken again', () => {
  const a = tryLock(path, { maxAgeMs: 60_000 });
  assert.ok(a);
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).pid, process.pid);
  assert.equal(tryLock(path, { maxAgeMs: 60_000 }), undefined);
  a.release();
  assert.equal(existsSync(path), false);
  const b = tryLock(path, { maxAgeMs: 60_000 });
  assert.ok(b);
  b.release();
});

test('a lock whose owner died is taken over', () => {
  // A real process that has exited: its pid is free (or reused by a process that started later).
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(child.stdout);
  writeFileSync(path, JSON.stringify({ pid: deadPid, procStart: '1', token: 'old', at: Date.now() }));
  const l = tryLock(path, { maxAgeMs: 60_000 });
  assert.ok(l, 'dead owner: lock taken');
  assert.notEqual(JSON.parse(readFileSync(path, 'utf8')).token, 'old');
  l.release();
});

test('a live owner keeps the lock until it is older than maxAgeMs', () => {
  writeFileSync(path, JSON.stringify({ pid: process.pid, token: 'live', at: 1_000 }));
  assert.equal(tryLock(path, { maxAgeMs: 60_000, now: () => 2_000 }), undefined);
  const l = tryLock(path, { maxAgeMs: 60_000, now: () => 1_000 + 60_001 });
  assert.ok(l, 'too old: taken over');
  l.release();
});

test('a pid reused by a later process does not keep a lock alive', () => {
  writeFileSync(path, JSON.stringify({ pid: process.pid, procStart: 'not-my-start', token: 'reused', at: Date.now() }));
  const l = tryLock(path, { maxAgeMs: 60_000 });
  if (existsSync('/proc/self/stat')) assert.ok(l, 'procStart differs: owner is gone');
  l?.release();
});

test('release never removes a lock someone else took over', () => {
  const a = tryLock(path, { maxAgeMs: 60_000 })!;
  // a looks dead to b (injected), b takes over
  const b = tryLock(path, { maxAgeMs: 60_000, ownerAlive: () => false });
  assert.ok(b);
  a.release();
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).token, b.owner.token);
  b.release();
  assert.equal(existsSync(path), false);
});

test('garbage in the lock file is broken only once it is a few seconds old', () => {
  writeFileSync(path, 'garbage');
  assert.equal(tryLock(path, { maxAgeMs: 60_000 }), undefined, 'fresh garbage: maybe a writer between create and write');
  const l = tryLock(path, { maxAgeMs: 60_000, now: () => Date.now() + 10_000 });
  assert.ok(l);
  l.release();
});
