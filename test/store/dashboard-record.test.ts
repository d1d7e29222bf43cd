// The running dashboard's record in the store root: one live dashboard per store; a record left by
// a crashed one does not count and is replaced; only its owner withdraws it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, writeFileSync, readFileSync, existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishDashboard, recordPath, runningDashboard, withdrawDashboard } from '../../src/dashboard/record.js';

const root = () => realpathSync(mkdtempSync(join(tmpdir(), 'ccs-rec-')));
const info = (url: string) => ({ url, startedAt: 1, host: '127.0.0.1', port: 1234, actions: false });

test('a record left by a dead dashboard is not running and is replaced; the file is private', () => {
  const r = root();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(recordPath(r), JSON.stringify({ v: 1, url: 'http://127.0.0.1:1/?token=old', pid: Number(dead.stdout), startedAt: 0, host: '127.0.0.1', port: 1, actions: false }));
  assert.equal(runningDashboard(r), undefined);
  const mine = publishDashboard(r, info('http://127.0.0.1:1234/?token=new'));
  assert.equal(mine.pid, process.pid);
  assert.equal(runningDashboard(r)?.url, 'http://127.0.0.1:1234/?token=new');
  assert.equal(statSync(recordPath(r)).mode & 0o777, 0o600);
});

test('while one runs, a second publisher gets the running one back and writes nothing', () => {
  const r = root();
  // A live process that is not us holds the record.
  const other = spawnSync('sh', ['-c', 'sleep 30 & echo $!'], { encoding: 'utf8' });
  const pid = Number(other.stdout.trim());
  try {
    writeFileSync(recordPath(r), JSON.stringify({ v: 1, url: 'http://127.0.0.1:9/?token=theirs', pid, startedAt: 0, host: '127.0.0.1', port: 9, actions: false }));
    const got = publishDashboard(r, info('http://127.0.0.1:1234/?token=mine'));
    assert.equal(got.url, 'http://127.0.0.1:9/?token=theirs');
    withdrawDashboard(r);
    assert.ok(existsSync(recordPath(r)), 'not ours: left in place');
    assert.match(readFileSync(recordPath(r), 'utf8'), /theirs/);
  } finally {
    process.kill(pid, 'SIGKILL');
  }
});
