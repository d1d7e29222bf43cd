// SIGKILL at random moments: hooks killed mid-run lose at most their own event and leave the store
// readable; deliverers killed mid-claim lose no message; Claude Code processes killed without a
// SessionEnd are found dead and cleaned up, their unread mail kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { editPayload } from '../harness/hook-runner.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { isSessionMeta } from '../../src/core/records.js';
import { readJson } from '../../src/store/fsx.js';
import { findProject } from '../../src/sessions/project.js';
import { syncContext } from '../../src/sync/context.js';
import { sendMessage } from '../../src/sync/messages.js';
import { allEditLines, figure, mcpClient, pool, spawnHook, world } from './world.js';

// Deterministic "random" moments, so a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('hooks killed with SIGKILL at random moments: every surviving record parses, every completed hook\'s edit is there once', async () => {
  const w = world('ccs-kill-');
  const { reg, repo } = w;
  try {
    const sessions = Array.from({ length: 5 }, () => reg.add(repo));
    const rand = rng(9);
    const N = 160;
    const plan = Array.from({ length: N }, (_, i) => ({ i, s: sessions[i % sessions.length]!, killAfter: rand() < 0.5 ? Math.floor(rand() * 70) : undefined }));
    // Each call edits a line of its own (newStart = i + 1): its record names the call that wrote it.
    const runs = await pool(
      plan.map((p) => () => spawnHook('post-tool-use', JSON.stringify(editPayload(p.s.sessionId, repo, join(repo, p.i % 3 ? 'src/math.ts' : 'README.md'), { newStart: p.i + 1 })), reg.env({ CLAUDE_PID: String(p.s.pid) }), p.killAfter)),
      6,
    );
    const completed = new Set(plan.filter((_, k) => runs[k]!.status === 0 && runs[k]!.json).map((p) => p.i + 1));
    const killed = new Set(plan.filter((_, k) => runs[k]!.signal === 'SIGKILL').map((p) => p.i + 1));
    assert.equal(completed.size + killed.size, N, 'each hook either completed or was killed');
    assert.ok(killed.size > 20, `enough kills landed (${killed.size})`);

    const records = allEditLines(reg.store); // throws on any torn or garbage line
    const seen = new Map<number, number>();
    for (const r of records) seen.set(r.ranges[0][0], (seen.get(r.ranges[0][0]) ?? 0) + 1);
    const lost = [...completed].filter((i) => !seen.has(i));
    assert.deepEqual(lost, [], 'no completed hook lost its edit');
    assert.ok([...seen.values()].every((n) => n === 1), 'no edit recorded twice');
    assert.ok([...seen.keys()].every((i) => completed.has(i) || killed.has(i)));
    const project = readdirSync(join(reg.store, 'projects'))[0]!;
    for (const s of sessions) {
      const meta = readJson(join(reg.store, 'projects', project, 'sessions', s.sessionId, 'meta.json'));
      if (meta !== undefined) assert.ok(isSessionMeta(meta), 'meta.json is whole');
    }
    // The store still answers.
    const c = await mcpClient(reg, sessions[0]!.pid, repo);
    try {
      const changes = await c.call('get_all_changes', {});
      assert.notEqual(changes.isError, true);
    } finally {
      await c.close();
    }
    figure('SIGKILL hooks mid-run', { 'hooks started': N, 'killed (faults injected)': killed.size, completed: completed.size, 'records of killed hooks kept': [...killed].filter((i) => seen.has(i)).length, 'events lost': lost.length });
  } finally {
    w.close();
  }
});

test('deliverers killed mid-claim lose no message: each is unread or read, none vanishes', async () => {
  const w = world('ccs-kill-');
  const { reg, repo } = w;
  try {
    const to = reg.add(repo);
    const from = reg.add(repo);
    const ctx = syncContext(reg.env());
    const project = findProject(repo);
    const store = new ProjectStore(ctx.root, project.key);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(sendMessage(ctx, store, project, from.sessionId, `m${i}`, to.sessionId).id);
    const rand = rng(4);
    const runs = await pool(
      Array.from({ length: 30 }, () => () =>
        spawnHook('deliver', JSON.stringify({ session_id: to.sessionId, cwd: repo, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: {} }), reg.env({ CLAUDE_PID: String(to.pid) }), rand() < 0.25 ? undefined : Math.floor(rand() * 150)),
      ),
      4,
    );
    const all = new Set([...store.unreadIds(to.sessionId), ...store.readIds(to.sessionId)]);
    assert.deepEqual(ids.filter((id) => !all.has(id)), [], 'every message is still in the inbox or in read/');
    // A message claimed by a deliverer killed before it printed is not shown by that hook, but stays in read/ for get_messages.
    const shownByHooks = runs.filter((r) => r.status === 0).map((r) => r.json?.hookSpecificOutput?.additionalContext ?? '').join('\n');
    const claimedUnshown = store.readIds(to.sessionId).filter((id) => !shownByHooks.includes(id)).length;
    figure('SIGKILL deliverers mid-claim', { messages: ids.length, 'deliverers started': runs.length, killed: runs.filter((r) => r.signal === 'SIGKILL').length, 'claimed by a killed deliverer (kept in read/)': claimedUnshown, 'messages lost': ids.filter((id) => !all.has(id)).length });
  } finally {
    w.close();
  }
});

test('Claude Code processes killed with SIGKILL are found dead and cleaned up by the next hook; their unread mail is kept', async () => {
  const w = world('ccs-kill-');
  const { reg, repo } = w;
  try {
    const sessions = Array.from({ length: 10 }, () => reg.add(repo));
    for (const s of sessions) await spawnHook('post-tool-use', JSON.stringify(editPayload(s.sessionId, repo, join(repo, 'src/math.ts'))), reg.env({ CLAUDE_PID: String(s.pid) }));
    const ctx = syncContext(reg.env());
    const project = findProject(repo);
    const store = new ProjectStore(ctx.root, project.key);
    const victims = sessions.slice(0, 5);
    for (const v of victims) sendMessage(ctx, store, project, sessions[9]!.sessionId, 'before you die', v.sessionId);
    await Promise.all(victims.map((v) => reg.crash(v))); // registry entries stay behind, as after a real SIGKILL
    const fresh = reg.add(repo);
    const r = await spawnHook('session-start', JSON.stringify({ session_id: fresh.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' }), reg.env({ CLAUDE_PID: String(fresh.pid) }));
    assert.equal(r.status, 0);
    for (const v of victims) assert.ok(!existsSync(store.dir(v.sessionId)), 'a dead session\'s records are removed');
    for (const s of sessions.slice(5)) assert.ok(existsSync(store.dir(s.sessionId)), 'live sessions are untouched');
    assert.match(r.json.hookSpecificOutput.additionalContext, /5 other Claude Code session/);
    const kept = readdirSync(join(reg.store, 'projects', project.key, 'undelivered'));
    assert.equal(kept.length, 5, 'their unread mail is kept aside');
    figure('SIGKILL Claude Code processes', { sessions: sessions.length, killed: victims.length, 'cleaned up': victims.filter((v) => !existsSync(store.dir(v.sessionId))).length, 'live sessions removed': 0, 'unread mailboxes kept': kept.length });
  } finally {
    w.close();
  }
});
