// The warm service: hooks answered by the session's MCP server through hooks/warm.sh, exactly as
// the Node bundles would answer them, and the bundles taking over whenever the service cannot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeRegistry, type FakeSession } from '../harness/fake-registry.js';
import { Sandbox, pluginDir } from '../harness/claude.js';
import { countEditRecords, editPayload, runHookSync } from '../harness/hook-runner.js';
import { findProject } from '../../src/sessions/project.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { startWarmService, warmDir, warmServicePid } from '../../src/hooks-core/warm-service.js';
import { warmHandlers } from '../../src/hooks-core/handlers/index.js';
import { collectGarbage } from '../../src/cli/gc.js';
import { initHooks } from '../../src/cli/settings-hooks.js';
import { syncContext } from '../../src/sync/context.js';

const MATH = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function sub(a: number, b: number) {\n  return a - b;\n}\n';
const hooksJson = JSON.parse(readFileSync(join(pluginDir, 'hooks', 'hooks.json'), 'utf8'));
/** The command Claude Code runs for an edit's PostToolUse, from the built hooks.json. */
const postCommand: string = hooksJson.hooks.PostToolUse[0].hooks[0].command;

interface Run {
  status: number | null;
  stdout: string;
  ms: number;
}

/** Run a hooks.json command as Claude Code does: `sh -c`, the payload on stdin. Async: the service may be in this process. */
function runCommand(command: string, input: object, env: NodeJS.ProcessEnv, asPlugin = true): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const p = spawn('/bin/sh', ['-c', command], { env: asPlugin ? { ...env, CLAUDE_PLUGIN_ROOT: pluginDir } : env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.on('close', (status) => resolve({ status, stdout, ms: Date.now() - t0 }));
    p.stdin.end(JSON.stringify(input));
  });
}

const servers = new Set<ChildProcess>();
process.once('exit', () => servers.forEach((p) => p.kill('SIGKILL')));

function startServer(reg: FakeRegistry, claudePid: number, slowMs = 0): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(import.meta.dirname, '../harness/warm-server.js'), String(claudePid), String(slowMs)], { env: reg.env(), stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout!.once('data', (d) => (String(d).startsWith('ready') ? resolve(p) : reject(new Error(`server: ${d}`))));
    servers.add(p);
  });
}

const stopped = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

function setup() {
  const sb = new Sandbox('ccs-warm-');
  const repo = sb.repo('proj', { 'src/math.ts': MATH, 'src/other.ts': MATH, 'src/third.ts': MATH });
  // add() differs from HEAD on disk in math.ts and third.ts: edits of it stay open (docs/conflicts.md).
  for (const f of ['src/math.ts', 'src/third.ts']) writeFileSync(join(repo, f), MATH.replace('a + b', 'a + b + 0'));
  const reg = new FakeRegistry();
  const a = reg.add(repo);
  const b = reg.add(repo);
  const store = new ProjectStore(reg.store, findProject(repo).key);
  return { repo, reg, a, b, store };
}

const editsOf = (store: ProjectStore, s: FakeSession) => store.editsOf(s.sessionId, 'src/math.ts');

test('an edit answered by the warm service is recorded and its conflict shown, the same as by the Node bundle', async () => {
  const { repo, reg, a, b, store } = setup();
  const server = await startServer(reg, b.pid);
  try {
    // A edits add() through the bundle; B edits add() through the command Claude Code runs.
    runHookSync('post-tool-use', editPayload(a.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(a.pid) }));
    const r = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.equal(r.status, 0);
    const out = JSON.parse(r.stdout);
    assert.match(out.hookSpecificOutput.additionalContext, /add/);
    assert.match(out.hookSpecificOutput.additionalContext, /mcp__plugin_context-sync_sync__/, 'tools named the plugin way');
    assert.equal(editsOf(store, b).length, 1, 'the edit is recorded once');
    assert.deepEqual(readdirSync(warmDir(reg.store, b.pid)).sort(), ['in', 'pid'], 'no request files left');
    // A quiet answer from the service is no output at all (the bundle prints `{}`): this one was the service's.
    const quiet = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/other.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stdout, '');
    assert.equal(store.editsOf(b.sessionId, 'src/other.ts').length, 1);
    // Installed by `context-sync init` instead: the root is spelled out in the command and hooks have
    // no CLAUDE_PLUGIN_ROOT, so the tools are named as a user-scope server's.
    const initPost = (initHooks(hooksJson, pluginDir) as any).PostToolUse[0].hooks[0].command as string;
    runHookSync('post-tool-use', editPayload(a.sessionId, repo, join(repo, 'src/third.ts')), reg.env({ CLAUDE_PID: String(a.pid) }));
    const viaInit = await runCommand(initPost, editPayload(b.sessionId, repo, join(repo, 'src/third.ts')), reg.env({ CLAUDE_PID: String(b.pid) }), false);
    assert.match(JSON.parse(viaInit.stdout).hookSpecificOutput.additionalContext, /mcp__context-sync__/);
    assert.doesNotMatch(viaInit.stdout, /mcp__plugin_/);
  } finally {
    server.kill('SIGTERM');
    await stopped(server);
    reg.close();
  }
  assert.ok(!existsSync(warmDir(reg.store, b.pid)), 'a server that stops removes its directory');
});

test('with no service, a killed one, or CONTEXT_SYNC_WARM=0, the command runs the Node bundle at once', async () => {
  const { repo, reg, b, store } = setup();
  const env = reg.env({ CLAUDE_PID: String(b.pid) });
  const server0 = await startServer(reg, b.pid);
  const off = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/other.ts')), { ...env, CONTEXT_SYNC_WARM: '0' });
  assert.deepEqual(JSON.parse(off.stdout), {}, 'the bundle answered, the service was not asked');
  server0.kill('SIGTERM');
  await stopped(server0);
  const none = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/math.ts')), env);
  assert.equal(none.status, 0);
  assert.deepEqual(JSON.parse(none.stdout), {}, 'the bundle answered');
  const server = await startServer(reg, b.pid);
  server.kill('SIGKILL');
  await stopped(server);
  assert.ok(existsSync(join(warmDir(reg.store, b.pid), 'in')), 'a killed server leaves its FIFO behind');
  const afterKill = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/math.ts'), { newStart: 6 }), env);
  assert.deepEqual(JSON.parse(afterKill.stdout), {}, 'the bundle answered');
  assert.equal(editsOf(store, b).length, 2, 'both edits recorded');
  // gc sweeps the dead server's directory once it is old enough not to be one being set up.
  const ctx = { ...syncContext(reg.env()), now: () => Date.now() + 120_000 };
  collectGarbage(ctx);
  assert.ok(!existsSync(warmDir(reg.store, b.pid)));
  reg.close();
});

test('a hung service: after 5 s the command takes its call back and runs the bundle; the service, woken, does not answer it twice', async () => {
  const { repo, reg, a, b, store } = setup();
  const server = await startServer(reg, b.pid);
  try {
    runHookSync('post-tool-use', editPayload(a.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(a.pid) }));
    server.kill('SIGSTOP');
    const r = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.equal(r.status, 0);
    assert.match(JSON.parse(r.stdout).hookSpecificOutput.additionalContext, /add/, 'the bundle told the model of the conflict');
    // Meanwhile the next hook does not wait: the first one took the service's pid away.
    assert.ok(!existsSync(join(warmDir(reg.store, b.pid), 'pid')));
    const next = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/other.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.deepEqual(JSON.parse(next.stdout), {}, 'answered by the bundle at once');
    server.kill('SIGCONT');
    // Let the woken service read the stale request line: it answers nothing twice, and is back.
    await new Promise((res) => setTimeout(res, 500));
    assert.equal(editsOf(store, b).length, 1, 'recorded once, by the bundle');
    assert.deepEqual(readdirSync(warmDir(reg.store, b.pid)).sort(), ['in', 'pid'], 'no request files left, the pid put back');
    const again = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/other.ts'), { newStart: 6 }), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.equal(again.stdout, '', 'answered by the service again');
  } finally {
    server.kill('SIGTERM');
    await stopped(server);
    reg.close();
  }
});

test('a live service that took a call but answers slowly (6.5 s) is waited for: its answer arrives, the bundle does not run', async () => {
  const { repo, reg, a, b, store } = setup();
  // Half way between the hook's 5 s wait for a taker and the 3 s more a taken call gets.
  const server = await startServer(reg, b.pid, 6_500);
  try {
    runHookSync('post-tool-use', editPayload(a.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(a.pid) }));
    const r = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.equal(r.status, 0);
    // The conflict is told once (a claimed marker): had the hook stopped waiting, the model would never see it.
    assert.match(JSON.parse(r.stdout).hookSpecificOutput.additionalContext, /add/);
    assert.equal(editsOf(store, b).length, 1, 'recorded once');
    assert.ok(existsSync(join(warmDir(reg.store, b.pid), 'pid')), 'a slow service is not taken for a hung one');
  } finally {
    server.kill('SIGTERM');
    await stopped(server);
    reg.close();
  }
});

test('a hook killed while it waits (Claude Code\'s timeout) leaves no process behind', async () => {
  const { repo, reg, b } = setup();
  const server = await startServer(reg, b.pid);
  try {
    server.kill('SIGSTOP');
    const marker = `ccs-killed-hook-${process.pid}-${Date.now()}`;
    const hook = spawn('/bin/sh', ['-c', `${postCommand} # ${marker}`], { env: { ...reg.env({ CLAUDE_PID: String(b.pid) }), CLAUDE_PLUGIN_ROOT: pluginDir }, stdio: ['pipe', 'ignore', 'ignore'] });
    hook.stdin!.end(JSON.stringify(editPayload(b.sessionId, repo, join(repo, 'src/other.ts'))));
    await new Promise((res) => setTimeout(res, 500));
    hook.kill('SIGKILL');
    // Its watchdog wakes after 5 s and must then end, not block on a FIFO nobody reads.
    await new Promise((res) => setTimeout(res, 6_500));
    const left = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' }).stdout.trim();
    assert.equal(left, '', 'no process of the killed hook is left');
  } finally {
    server.kill('SIGKILL');
    await stopped(server);
    reg.close();
  }
});

test('a service killed after taking a call and before recording it: the hook runs the bundle on that call, nothing lost', async () => {
  const { repo, reg, a, b, store } = setup();
  const server = await startServer(reg, b.pid);
  const dir = warmDir(reg.store, b.pid);
  try {
    runHookSync('post-tool-use', editPayload(a.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(a.pid) }));
    server.kill('SIGSTOP');
    const pending = runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    // Take the call as the service does (the rename to .work), then kill it before it records anything.
    let taken = false;
    for (let i = 0; i < 200 && !taken; i++) {
      const inFile = readdirSync(dir).find((f) => f.endsWith('.in'));
      if (inFile) {
        renameSync(join(dir, inFile), join(dir, inFile.replace(/\.in$/, '.work')));
        taken = true;
      } else await new Promise((res) => setTimeout(res, 10));
    }
    assert.ok(taken, 'the hook handed over its call');
    server.kill('SIGKILL');
    const r = await pending;
    assert.equal(r.status, 0);
    assert.match(JSON.parse(r.stdout).hookSpecificOutput.additionalContext, /add/, 'the bundle answered the call');
    assert.equal(editsOf(store, b).length, 1, 'the edit is recorded, once');
  } finally {
    server.kill('SIGKILL');
    await stopped(server);
    reg.close();
  }
});

test('a call the service cannot read is given back with `fail`, for the hook to run the bundle on it at once', async () => {
  const { reg, b } = setup();
  const server = await startServer(reg, b.pid);
  try {
    const dir = warmDir(reg.store, b.pid);
    // A "payload" the service cannot read: a directory where the file should be.
    mkdirSync(join(dir, '4242.in'));
    spawnSync('mkfifo', [join(dir, '4242.out')]);
    const reader = spawn('cat', [join(dir, '4242.out')], { stdio: ['ignore', 'pipe', 'ignore'] });
    let got = '';
    reader.stdout!.on('data', (d) => (got += d));
    const done = new Promise<void>((r) => reader.on('close', () => r()));
    writeFileSync(join(dir, 'in'), 'post-tool-use 4242 p\n', { flag: 'r+' });
    await done;
    assert.equal(got, 'fail\n');
    assert.ok(statSync(join(dir, '4242.in')).isDirectory(), 'the call was put back for the hook');
    assert.ok(warmServicePid(dir), 'the service goes on');
  } finally {
    server.kill('SIGTERM');
    await stopped(server);
    reg.close();
  }
});

test('files of hooks that died mid-call are swept by the service, and a current call is untouched', async () => {
  const { repo, reg, b, store } = setup();
  const ctx = syncContext(reg.env());
  const service = startWarmService({ root: reg.store, claudePid: b.pid, env: reg.env(), handlers: warmHandlers, staleCallMs: 300, log: (t) => ctx.log('test', t) })!;
  try {
    const dir = warmDir(reg.store, b.pid);
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const f of ['111.in', '222.late', '333.work']) {
      writeFileSync(join(dir, f), '{}');
      utimesSync(join(dir, f), hourAgo, hourAgo);
    }
    spawnSync('mkfifo', [join(dir, '444.out')]);
    utimesSync(join(dir, '444.out'), hourAgo, hourAgo);
    await new Promise((res) => setTimeout(res, 400));
    const r = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/other.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.equal(r.stdout, '', 'answered by the service');
    assert.equal(store.editsOf(b.sessionId, 'src/other.ts').length, 1);
    await service.idle();
    assert.deepEqual(readdirSync(dir).sort(), ['in', 'pid']);
  } finally {
    service.close();
    reg.close();
  }
});

test('garbage on the FIFO is ignored and the service keeps answering; a second server for the same process stays out', async () => {
  const { repo, reg, b, store } = setup();
  const server = await startServer(reg, b.pid);
  try {
    const dir = warmDir(reg.store, b.pid);
    const fifo = join(dir, 'in');
    writeFileSync(join(dir, '1.in'), '{}');
    for (const line of ['../../etc/passwd 1 p', 'post-tool-use 0 p', 'post-tool-use 1', 'constructor 1 p', 'toString 1 p', 'x'.repeat(10_000), 'post-tool-use 99999999999 p', '\u0000\u0001']) {
      writeFileSync(fifo, line + '\n', { flag: 'r+' });
    }
    await assert.rejects(startServer(reg, b.pid), /refused/);
    assert.equal(warmServicePid(dir), server.pid, 'the first server still owns it');
    const r = await runCommand(postCommand, editPayload(b.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.equal(r.status, 0);
    assert.equal(editsOf(store, b).length, 1);
    assert.ok(existsSync(join(dir, '1.in')), 'a request for a hook name it does not serve touched nothing');
  } finally {
    server.kill('SIGTERM');
    await stopped(server);
    reg.close();
  }
});

test('60 hooks at once through one service: every edit recorded, every hook answered', async () => {
  const { repo, reg, b, store } = setup();
  const server = await startServer(reg, b.pid);
  try {
    const env = reg.env({ CLAUDE_PID: String(b.pid) });
    const runs = await Promise.all(
      Array.from({ length: 60 }, (_, i) => runCommand(postCommand, { ...editPayload(b.sessionId, repo, join(repo, 'src/math.ts'), { newStart: 1 + (i % 7) }), tool_use_id: `t${i}` }, env)),
    );
    assert.ok(runs.every((r) => r.status === 0));
    assert.equal(editsOf(store, b).length, 60);
    assert.ok(runs.some((r) => r.stdout === ''), 'answered by the service');
    assert.deepEqual(readdirSync(warmDir(reg.store, b.pid)).sort(), ['in', 'pid'], 'no request files left');
  } finally {
    server.kill('SIGTERM');
    await stopped(server);
    reg.close();
  }
});

test('200 PostToolUse commands at once across 20 sessions, half of them with a warm service: no edit lost, every record intact', async () => {
  const { repo, reg } = setup();
  const sessions = Array.from({ length: 20 }, () => reg.add(repo));
  const warm = await Promise.all(sessions.slice(0, 10).map((s) => startServer(reg, s.pid)));
  try {
    // 200, not 400: the bundle-only test (hooks.test.ts) has the 400; this one checks the mix.
    const runs = Array.from({ length: 200 }, (_, i) => {
      const s = sessions[i % 20]!;
      return runCommand(postCommand, editPayload(s.sessionId, repo, join(repo, i % 2 ? 'src/math.ts' : 'src/other.ts'), { newStart: 1 + (i % 7) }), reg.env({ CLAUDE_PID: String(s.pid) }));
    });
    const results = await Promise.all(runs);
    assert.ok(results.every((r) => r.status === 0));
    assert.ok(results.some((r) => r.stdout === ''), 'some were answered by services');
    assert.equal(countEditRecords(reg.store, sessions.map((s) => s.sessionId)), 200);
  } finally {
    for (const p of warm) p.kill('SIGTERM');
    await Promise.all(warm.map(stopped));
    reg.close();
  }
});
