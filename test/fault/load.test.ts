// Load: 50 live sessions, 20,000 edits and 5,000 messages from concurrent processes, then 400 hook
// processes started at once. Measured: throughput, and events lost (must be 0).
// Sized for two shared cores: the edits run through the hooks' own code in a few worker processes
// (a process per edit would measure Node start-up); the 400 hooks are real hook processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editPayload } from '../harness/hook-runner.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { findProject } from '../../src/sessions/project.js';
import { allEditLines, figure, spawnHook, world } from './world.js';

const worker = join(new URL('.', import.meta.url).pathname, 'load-worker.js');
const SESSIONS = Number(process.env.CONTEXT_SYNC_LOAD_SESSIONS ?? 50);
const EDITS = Number(process.env.CONTEXT_SYNC_LOAD_EDITS ?? 20_000);
const MESSAGES = Number(process.env.CONTEXT_SYNC_LOAD_MESSAGES ?? 5_000);
const HOOKS = 400;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [worker, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker ${args[0]} exited ${code}: ${err.slice(0, 2000)}`))));
  });
}

function source(i: number): string {
  return Array.from({ length: 12 }, (_, k) => `export function f${i}_${k}(a: number) {\n  return a + ${k};\n}\n`).join('\n');
}

test(`${SESSIONS} sessions, ${EDITS} edits, ${MESSAGES} messages, then ${HOOKS} hook processes at once: nothing lost`, { timeout: 600_000 }, async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`src/f${i}.ts`] = source(i);
  const w = world('ccs-load-', files);
  const { reg, repo } = w;
  try {
    const sessions = Array.from({ length: SESSIONS }, () => reg.add(repo));
    const list = join(reg.root, 'sessions.json');
    writeFileSync(list, JSON.stringify(sessions.map((s) => ({ sessionId: s.sessionId, pid: s.pid }))));
    mkdirSync(reg.store, { recursive: true, mode: 0o700 });
    // The per-session rate limit (30 a minute) would refuse a load test's bursts.
    writeFileSync(join(reg.store, 'config.json'), JSON.stringify({ messages: { perMinute: 10_000 } }));
    const env = reg.env();

    // Edits: 4 processes, each a quarter, all sessions interleaved.
    let t0 = performance.now();
    const quarter = Math.ceil(EDITS / 4);
    await Promise.all([0, 1, 2, 3].map((k) => run(['edits', repo, list, String(k * quarter), String(Math.min(EDITS, (k + 1) * quarter))], env)));
    const editMs = performance.now() - t0;
    const records = allEditLines(reg.store); // throws on any unparsable line
    const lines = new Set(records.map((r) => r.ranges[0][0]));
    const lostEdits = EDITS - lines.size;
    assert.equal(records.length, EDITS, 'one record per edit');
    assert.equal(lostEdits, 0, 'no edit lost');

    // Messages: 4 senders while 2 deliverers race over every recipient, then a last round.
    t0 = performance.now();
    const ids = sessions.map((s) => s.sessionId).join(',');
    const q = Math.ceil(MESSAGES / 4);
    const sending = [0, 1, 2, 3].map((k) => run(['send', repo, list, String(k * q), String(Math.min(MESSAGES, (k + 1) * q))], env));
    const delivering = [run(['deliver', repo, ids, '15'], env), run(['deliver', repo, ids, '15'], env)];
    const sent = (await Promise.all(sending)).flatMap((o) => o.split('\n').filter(Boolean));
    const delivered = (await Promise.all(delivering)).flatMap((o) => o.split('\n').filter(Boolean));
    delivered.push(...(await run(['deliver', repo, ids, '1'], env)).split('\n').filter(Boolean));
    const msgMs = performance.now() - t0;
    assert.equal(sent.length, MESSAGES);
    const twice = delivered.length - new Set(delivered).size;
    const lostMessages = sent.filter((id) => !new Set(delivered).has(id)).length;
    assert.equal(twice, 0, 'no message delivered twice');
    assert.equal(lostMessages, 0, 'every message delivered');

    // 400 hook processes at once: edits, pre-edit checks and prompts across all sessions.
    const store = new ProjectStore(reg.store, findProject(repo).key);
    const before = allEditLines(reg.store).length;
    t0 = performance.now();
    const kinds = ['post-tool-use', 'pre-tool-use', 'user-prompt-submit', 'post-tool-use'];
    const hooks = await Promise.all(
      Array.from({ length: HOOKS }, (_, i) => {
        const s = sessions[i % SESSIONS]!;
        const kind = kinds[i % kinds.length]!;
        const p = editPayload(s.sessionId, repo, join(repo, 'src', `f${i % 40}.ts`), { newStart: EDITS + i + 1 });
        const body = kind === 'user-prompt-submit' ? { session_id: s.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'go' } : kind === 'pre-tool-use' ? { ...p, hook_event_name: 'PreToolUse' } : p;
        return spawnHook(kind, JSON.stringify(body), reg.env({ CLAUDE_PID: String(s.pid) })).then((r) => ({ ...r, kind }));
      }),
    );
    const hookMs = performance.now() - t0;
    const failed = hooks.filter((h) => h.status !== 0 || typeof h.json !== 'object').length;
    const posts = hooks.filter((h) => h.kind === 'post-tool-use').length;
    const recordedByHooks = allEditLines(reg.store).length - before;
    assert.equal(failed, 0, 'every hook exited 0 with JSON');
    assert.equal(recordedByHooks, posts, 'every PostToolUse recorded its edit');
    const lat = hooks.map((h) => h.ms).sort((a, b) => a - b);
    void store;
    figure('load', {
      sessions: SESSIONS,
      edits: EDITS,
      'edits/s': Math.round(EDITS / (editMs / 1000)),
      'edits lost': lostEdits,
      messages: MESSAGES,
      'messages/s (send+deliver)': Math.round(MESSAGES / (msgMs / 1000)),
      'messages lost': lostMessages,
      'messages delivered twice': twice,
      'concurrent hook processes': HOOKS,
      'hooks/s': Math.round(HOOKS / (hookMs / 1000)),
      'hook p50 ms (400 at once)': Math.round(lat[Math.floor(lat.length / 2)]!),
      'hook events lost': posts - recordedByHooks,
    });
  } finally {
    w.close();
  }
});
