// The store in real temp dirs: corrupt files are skipped, not fatal; claims are exclusive; symlinks
// planted in the store are not followed; an ended session's unread mail is kept, then expires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, appendFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ProjectStore, fileKey } from '../../src/store/session-store.js';
import { readJson, readText } from '../../src/store/fsx.js';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox, cliBundle } from '../harness/claude.js';
import { runHookSync, editPayload } from '../harness/hook-runner.js';
import { findProject } from '../../src/sessions/project.js';

const edit = (session: string, ts: number) => ({ v: 1 as const, ts, session, file: 'a.ts', worktree: '/w', tool: 'Edit', ranges: [[1, 1]] as Array<[number, number]>, symbols: ['f'] });

test('a torn last line, garbage lines and a corrupt meta never hide the good records', () => {
  const reg = new FakeRegistry();
  const store = new ProjectStore(reg.store, 'p-1');
  store.appendEdit(edit('S1', 1));
  store.appendEdit(edit('S1', 2));
  const f = join(store.dir('S1'), 'files', `${fileKey('a.ts')}.jsonl`);
  appendFileSync(f, '{"v":1,"ts":3,"sess'); // a writer killed mid-write
  appendFileSync(f, '\n\u0000\u0001garbage\n{"v":2}\n');
  store.appendEdit(edit('S1', 4));
  assert.deepEqual(store.editsOf('S1', 'a.ts').map((e) => e.ts), [1, 2, 4]);
  writeFileSync(join(store.dir('S1'), 'meta.json'), '{"v":1,"sessionId":');
  assert.equal(store.readMeta('S1'), undefined);
  store.appendEdit(edit('S2', 5));
  assert.deepEqual(store.sessionIds().sort(), ['S1', 'S2']);
  reg.close();
});

test('malformed session ids are refused as path components', () => {
  const store = new ProjectStore('/tmp/nowhere', 'p');
  for (const bad of ['../x', '/abs', '', '.hidden', 'a/b', 'x'.repeat(200)]) assert.throws(() => store.dir(bad));
});

test('a told-claim succeeds once, however many claimers', () => {
  const reg = new FakeRegistry();
  const store = new ProjectStore(reg.store, 'p-1');
  const wins = Array.from({ length: 20 }, () => store.claimTold('S1', 'k')).filter(Boolean);
  assert.equal(wins.length, 1);
  assert.equal(store.wasTold('S1', 'k'), true);
  reg.close();
});

test('a symlink planted in the store is not followed', () => {
  const reg = new FakeRegistry();
  const store = new ProjectStore(reg.store, 'p-1');
  store.appendEdit(edit('S1', 1));
  const target = join(reg.root, 'outside.txt');
  writeFileSync(target, 'secret');
  const link = join(store.dir('S1'), 'meta.json');
  symlinkSync(target, link);
  assert.equal(readJson(link), undefined);
  assert.throws(() => readText(link), /ELOOP|symbolic/);
  reg.close();
});

test('an ended session\'s unread message stays visible with the CLI, and gc removes it after the retention period', async () => {
  const sb = new Sandbox('ccs-store-');
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const reg = new FakeRegistry();
  const a = reg.add(repo);
  const b = reg.add(repo);
  const env = reg.env();
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliBundle, ...args], { cwd: repo, env, encoding: 'utf8' });
  const sent = cli('send', b.sessionId.slice(0, 8), 'please review auth.ts');
  assert.equal(sent.status, 0, sent.stderr);
  // B ends without having read it.
  runHookSync('session-end', { session_id: b.sessionId, cwd: repo, hook_event_name: 'SessionEnd', reason: 'other' }, reg.env({ CLAUDE_PID: String(b.pid) }));
  await reg.crash(b);
  rmSync(join(reg.claudeDir, 'sessions', `${b.pid}.json`));
  const inbox = cli('inbox', b.sessionId.slice(0, 8), '--json');
  assert.equal(inbox.status, 0, inbox.stderr);
  const got = JSON.parse(inbox.stdout);
  assert.equal(got.ended, true);
  assert.equal(got.messages[0].text, 'please review auth.ts');
  // Retention 0 hours: gc removes it.
  mkdirSync(reg.store, { recursive: true });
  writeFileSync(join(reg.store, 'config.json'), JSON.stringify({ messages: { retentionHours: 0 } }));
  const gc = cli('gc', '--json');
  assert.equal(JSON.parse(gc.stdout).expiredMail, 1);
  assert.notEqual(cli('inbox', b.sessionId.slice(0, 8)).status, 0, 'gone after retention');
  void a;
  reg.close();
});
