// A full disk and a read-only store: sync degrades to "off" with ONE message to the user, never an
// error per tool call; what was on disk stays readable, nothing half-written replaces a good file,
// and sync resumes by itself once there is room again.
//
// Needs a small filesystem of its own: a tmpfs mounted over the store (root only). Without the
// privilege the test is skipped, with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { editPayload } from '../harness/hook-runner.js';
import { writeFileAtomic } from '../../src/store/fsx.js';
import { allEditLines, figure, mcpClient, spawnHook, world } from './world.js';

function mountTmpfs(dir: string, opts: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}
const remount = (dir: string, opts: string) => spawnSync('mount', ['-o', `remount,${opts}`, dir], { stdio: 'ignore' }).status === 0;
const unmount = (dir: string) => spawnSync('umount', ['-l', dir], { stdio: 'ignore' });

const canMount = (() => {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'ccs-mount-probe-'));
  const ok = mountTmpfs(probe, 'size=16k');
  if (ok) unmount(probe);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();
const SKIP = canMount ? false : 'needs root to mount a small tmpfs over the store';

const NOTICE = /sync between sessions is off/;

test('a full disk: one message, the store stays readable, no half-written file, sync resumes when there is room', { skip: SKIP }, async () => {
  const w = world('ccs-disk-');
  const { reg, repo } = w;
  try {
    assert.ok(mountTmpfs(reg.store, 'size=512k,mode=0700'));
    const s = reg.add(repo);
    const env = reg.env({ CLAUDE_PID: String(s.pid) });
    const start = await spawnHook('session-start', JSON.stringify({ session_id: s.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' }), env);
    assert.equal(start.status, 0);
    const first = await spawnHook('post-tool-use', JSON.stringify(editPayload(s.sessionId, repo, join(repo, 'src/math.ts'))), env);
    assert.equal(first.json?.systemMessage, undefined);
    const good = join(reg.store, 'good.json');
    writeFileAtomic(good, JSON.stringify({ ok: true }));

    // Fill the disk to the last byte.
    const filler = join(reg.store, 'filler');
    const chunk = Buffer.alloc(4096, 0x61);
    try {
      for (;;) appendFileSync(filler, chunk);
    } catch (e) {
      assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
    }
    try {
      for (;;) appendFileSync(filler, 'a');
    } catch {
      /* full */
    }
    assert.throws(() => writeFileAtomic(good, JSON.stringify({ ok: false, pad: 'x'.repeat(100_000) })), /ENOSPC/);
    assert.deepEqual(JSON.parse(readFileSync(good, 'utf8')), { ok: true }, 'the good file was not replaced by a half-written one');
    assert.deepEqual(readdirSync(reg.store).filter((f) => f.startsWith('.tmp-')), [], 'no temp file left behind');

    // A session at work on the full disk: every hook exits 0, the user hears about it once.
    const runs = [];
    for (let i = 0; i < 12; i++) {
      const file = join(repo, `src/new${i}.ts`);
      writeFileSync(file, `export const v${i} = ${'1'.repeat(3000)};\n`);
      runs.push(await spawnHook('post-tool-use', JSON.stringify({ ...editPayload(s.sessionId, repo, file), tool_name: 'Write', tool_input: { file_path: file, content: 'x' } }), env));
      if (i % 4 === 0) runs.push(await spawnHook('user-prompt-submit', JSON.stringify({ session_id: s.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'a new task '.repeat(40) }), env));
    }
    runs.push(await spawnHook('session-start', JSON.stringify({ session_id: s.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'resume' }), env));
    assert.ok(runs.every((r) => r.status === 0 && typeof r.json === 'object'), 'every hook exits 0 with JSON');
    const notices = runs.filter((r) => NOTICE.test(r.json?.systemMessage ?? ''));
    assert.equal(notices.length, 1, `one message, not one per tool call (got ${notices.length} of ${runs.length})`);
    assert.match(notices[0]!.json.systemMessage, /disk is full/);
    const recordsOnFullDisk = allEditLines(reg.store); // throws on any unparsable line
    assert.ok(recordsOnFullDisk.length >= 1);

    // Room again: the next edit is recorded as usual.
    rmSync(filler);
    const after = await spawnHook('post-tool-use', JSON.stringify(editPayload(s.sessionId, repo, join(repo, 'src/math.ts'), { newStart: 5 })), env);
    assert.equal(after.json?.systemMessage, undefined);
    assert.ok(allEditLines(reg.store).some((r) => r.ranges?.[0]?.[0] === 5), 'sync resumed');
    figure('full disk (ENOSPC)', { 'hook runs on a full disk': runs.length, 'messages to the user': notices.length, 'unreadable records': 0, 'half-written files': 0 });
  } finally {
    unmount(reg.store);
    w.close();
  }
});

test('a read-only store: one message per Claude Code process (or at prompts only when no marker can be kept), never per tool call', { skip: SKIP }, async () => {
  const w = world('ccs-rofs-');
  const { reg, repo } = w;
  try {
    assert.ok(mountTmpfs(reg.store, 'size=1m,mode=0700'));
    const a = reg.add(repo);
    const b = reg.add(repo);
    const pluginData = join(reg.root, 'plugin-data');
    mkdirSync(pluginData);
    const envA = reg.env({ CLAUDE_PID: String(a.pid), CLAUDE_PLUGIN_DATA: pluginData });
    const envB = reg.env({ CLAUDE_PID: String(b.pid) });
    await spawnHook('post-tool-use', JSON.stringify(editPayload(a.sessionId, repo, join(repo, 'src/math.ts'))), envA);
    assert.ok(remount(reg.store, 'ro'));
    assert.throws(() => writeFileSync(join(reg.store, 'probe'), 'x'), /EROFS/);

    const work = async (s: typeof a, env: NodeJS.ProcessEnv) => {
      const runs = [await spawnHook('session-start', JSON.stringify({ session_id: s.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' }), env)];
      for (let i = 0; i < 10; i++) {
        runs.push(await spawnHook('post-tool-use', JSON.stringify(editPayload(s.sessionId, repo, join(repo, i % 2 ? 'README.md' : 'src/math.ts'), { newStart: i + 1 })), env));
        if (i % 5 === 4) runs.push(await spawnHook('user-prompt-submit', JSON.stringify({ session_id: s.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'next' }), env));
      }
      return runs;
    };
    const runsA = await work(a, envA);
    const runsB = await work(b, envB);
    for (const r of [...runsA, ...runsB]) assert.ok(r.status === 0 && typeof r.json === 'object');
    const noticesA = runsA.filter((r) => NOTICE.test(r.json?.systemMessage ?? ''));
    assert.equal(noticesA.length, 1, 'with a place for the marker: exactly once for the process');
    assert.match(noticesA[0]!.json.systemMessage, /not writable/);
    // B has no place for a marker: it hears it at session start and at the user's prompts, never after a tool call.
    const postRunsB = runsB.filter((r) => r.json?.hookSpecificOutput?.hookEventName !== 'UserPromptSubmit').slice(1);
    assert.ok(NOTICE.test(runsB[0]!.json?.systemMessage ?? ''), 'told at session start');
    assert.equal(runsB.filter((r) => NOTICE.test(r.json?.systemMessage ?? '')).length, 3, 'then only at the two prompts');
    assert.ok(postRunsB.length >= 10);
    // The MCP tools say what is wrong, in words the model can pass on, not "internal error".
    const A = await mcpClient(reg, a.pid, repo);
    const sent = await A.call('send_message', { message: 'hello', targetSessionId: b.sessionId });
    const resolved = await A.call('resolve_conflicts', { files: ['src/math.ts'] });
    const listed = await A.call('list_sessions', {});
    await A.close();
    for (const r of [sent, resolved]) {
      assert.equal(r.isError, true);
      assert.match(r.content[0]!.text, /cannot write its store \(EROFS/);
    }
    assert.notEqual(listed.isError, true, 'reading still works');
    figure('read-only store (EROFS)', { 'hook runs on a read-only store': runsA.length + runsB.length, 'messages (process with a marker)': noticesA.length, 'messages after tool calls': 0 });
  } finally {
    unmount(reg.store);
    w.close();
  }
});
