// Links planted at every depth of the store (project folders, sessions, inbox, read/, undelivered/,
// trash/, pending/, handover/, warm/) are never followed out of it: retiring a dead peer never moves
// its mail to a link's target, gc never deletes there, and mail that could not be kept safely is
// not lost. Undelivered mail expires without anyone running gc. Ghost registry entries (pid 0, -1,
// 1, fractions, no process start) never count as live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliBundle } from '../harness/claude.js';
import { editPayload } from '../harness/hook-runner.js';
import { findProject } from '../../src/sessions/project.js';
import { liveSessions } from '../../src/sessions/registry.js';
import { newMessageId } from '../../src/sync/messages.js';
import { figure, ghostEntries, snapshot, spawnHook, storeFolders, treeDiff, world } from './world.js';

const DAY = 24 * 3600_000;

/** Every path below `dir` whose name is `name`, not following links. */
function findAll(dir: string, name: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (n === name) out.push(p);
      if (lstatSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** Bait outside the store: things gc would delete and retiring would move, if it went through a link. All old. */
function bait(dir: string, deadId: string): void {
  const old = (Date.now() - 30 * DAY) / 1000;
  const mk = (rel: string, file?: string) => {
    mkdirSync(join(dir, rel), { recursive: true });
    if (file) writeFileSync(join(dir, rel, file), 'precious\n');
  };
  mk(`${deadId}-1000`, 'kept.json'); // named like old undelivered mail
  mk('1700000000000-deadbeef', 'x'); // named like trash
  mk('99999', 'pid'); // like a warm folder of a dead server
  mk('inbox', `${newMessageId(Date.now())}.json`);
  mk('read', 'r.json');
  writeFileSync(join(dir, '0'), 'a marker-like file\n');
  writeFileSync(join(dir, 'not-a-pid'), 'another\n');
  for (const n of readdirSync(dir)) utimesSync(join(dir, n), old, old);
  utimesSync(dir, old, old);
}

test('a symlink planted at any depth of the store: retiring a dead peer, gc and session start never move or delete anything outside the store, and kept mail is not lost', async () => {
  let planted = 0;
  let runs = 0;
  let outside = 0;
  let mailLost = 0;
  const places = storeFolders('<key>', '<live>', '<dead>', '<entry>');
  for (const { place } of places) {
    const w = world('ccs-links-');
    const { reg, repo, sb } = w;
    try {
      const [a, b] = [reg.add(repo), reg.add(repo)];
      const envA = reg.env({ CLAUDE_PID: String(a.pid) });
      await spawnHook('post-tool-use', JSON.stringify(editPayload(a.sessionId, repo, join(repo, 'src/math.ts'))), envA);
      await spawnHook('post-tool-use', JSON.stringify(editPayload(b.sessionId, repo, join(repo, 'README.md'))), reg.env({ CLAUDE_PID: String(b.pid) }));
      const key = findProject(repo).key;
      // Unread mail for B, which then dies without SessionEnd.
      const msgId = newMessageId(Date.now());
      const inboxB = join(reg.store, 'projects', key, 'sessions', b.sessionId, 'inbox');
      mkdirSync(inboxB, { recursive: true, mode: 0o700 });
      writeFileSync(join(inboxB, `${msgId}.json`), JSON.stringify({ v: 1, id: msgId, from: a.sessionId, fromLabel: 'a', to: b.sessionId, text: 'keep me', sentAt: Date.now() }));
      await reg.crash(b);
      const entry = `${b.sessionId}-${Date.now() - 30 * DAY}`;
      mkdirSync(join(reg.store, 'projects', key, 'undelivered', entry), { recursive: true, mode: 0o700 });

      const attacker = join(sb.root, 'attacker');
      mkdirSync(attacker);
      bait(attacker, b.sessionId);
      const real = place.replace('<key>', key).replace('<live>', a.sessionId).replace('<dead>', b.sessionId).replace('<entry>', entry);
      const at = join(reg.store, real);
      // Kept aside, not deleted, so that mail under the planted place is only hidden, not destroyed.
      if (existsSync(at)) renameSync(at, join(reg.root, `hidden-${planted}`));
      mkdirSync(join(at, '..'), { recursive: true, mode: 0o700 });
      symlinkSync(attacker, at);
      planted++;

      const before = snapshot(sb.root);
      const beforeReg = snapshot(reg.root, [reg.store]);
      const c = reg.add(repo);
      const results = [
        await spawnHook('session-start', JSON.stringify({ session_id: c.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' }), reg.env({ CLAUDE_PID: String(c.pid) })),
        await spawnHook('user-prompt-submit', JSON.stringify({ session_id: a.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'go' }), envA),
        await spawnHook('session-end', JSON.stringify({ session_id: a.sessionId, cwd: repo, hook_event_name: 'SessionEnd', reason: 'other' }), envA),
      ];
      const gc = spawnSync(process.execPath, [cliBundle, 'gc'], { cwd: repo, env: reg.env(), encoding: 'utf8', timeout: 30_000 });
      runs += results.length + 1;
      for (const r of results) assert.equal(r.status, 0, `a hook answers with ${real} planted`);
      assert.equal(gc.signal, null);
      const changed = [...treeDiff(before, snapshot(sb.root)), ...treeDiff(beforeReg, snapshot(reg.root, [reg.store])).filter((p) => !p.includes('/claude/sessions/') && !p.includes('/hidden-'))];
      outside += changed.length;
      assert.deepEqual(changed, [], `nothing outside the store moved, changed or went with ${real} a link`);
      // B's message is still somewhere in the store (kept aside, or still in its inbox), unless the
      // planted link took the place of a folder on the way to it (then it sits hidden, untouched).
      const hidesMail = `projects/${key}/sessions/${b.sessionId}/inbox`.startsWith(real);
      const found = findAll(reg.store, `${msgId}.json`).length + (hidesMail ? 1 : 0);
      if (found === 0) mailLost++;
      assert.ok(found > 0, `B's unread mail is not lost with ${real} a link`);
    } finally {
      w.close();
    }
  }
  figure('links planted at every depth of the store', { 'symlinks planted': planted, 'store depths': new Set(places.map((p) => p.depth)).size, 'hook and gc runs': runs, 'files changed outside store': outside, 'mail lost': mailLost });
});

test('undelivered mail expires at the next session start, without anyone running gc', async () => {
  const w = world('ccs-links-');
  const { reg, repo } = w;
  try {
    const a = reg.add(repo);
    const key = findProject(repo).key;
    const dir = join(reg.store, 'projects', key, 'undelivered');
    const oldEntry = `dead-session-${Date.now() - 2 * DAY}`;
    const freshEntry = `other-session-${Date.now() - 3600_000}`;
    for (const e of [oldEntry, freshEntry]) {
      mkdirSync(join(dir, e), { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, e, 'm.json'), '{}');
    }
    const r = await spawnHook('session-start', JSON.stringify({ session_id: a.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' }), reg.env({ CLAUDE_PID: String(a.pid) }));
    assert.equal(r.status, 0);
    assert.ok(!existsSync(join(dir, oldEntry)), 'mail past the retention period (24 h by default) is gone');
    assert.ok(existsSync(join(dir, freshEntry)), 'mail within it stays');
    figure('undelivered mail retention without gc', { 'mailboxes expired': 1, 'mailboxes kept': 1 });
  } finally {
    w.close();
  }
});

test('ghost registry entries (pid 0, -1, 1, fractions, wrong or missing process start) never count as live; real ones do', async () => {
  const w = world('ccs-ghost-');
  const { reg, repo } = w;
  try {
    const alive = reg.add(repo);
    const real = JSON.parse((await import('node:fs')).readFileSync(join(reg.claudeDir, 'sessions', `${alive.pid}.json`), 'utf8'));
    const ghosts = ghostEntries({ pid: alive.pid, procStart: real.procStart }, Date.now());
    ghosts.forEach((g, i) => writeFileSync(join(reg.claudeDir, 'sessions', `${900000 + i}.json`), JSON.stringify({ ...g.entry, cwd: repo })));
    const live = liveSessions(reg.claudeDir);
    const wrong = ghosts.filter((g) => live.has(g.entry.sessionId as string) !== g.live).map((g) => `${g.what}: counted ${g.live ? 'dead' : 'live'}`);
    assert.deepEqual(wrong, []);
    assert.ok(live.has(alive.sessionId));
    const expected = ghosts.filter((g) => g.live).length + 1;
    assert.equal(live.size, expected);

    // What a person and a model see: the peer list at session start counts only real sessions.
    const c = reg.add(repo);
    const r = await spawnHook('session-start', JSON.stringify({ session_id: c.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' }), reg.env({ CLAUDE_PID: String(c.pid) }));
    assert.match(r.json.hookSpecificOutput.additionalContext, new RegExp(`^\\[context-sync\\] ${expected} other Claude Code session`));
    // Once its process is gone, no entry of it stays live, whatever it claims.
    await reg.crash(alive);
    const after = liveSessions(reg.claudeDir);
    assert.deepEqual([...after.keys()].filter((id) => id !== c.sessionId), []);
    figure('ghost registry entries', { 'ghost entries': ghosts.filter((g) => !g.live).length, 'real entries': ghosts.filter((g) => g.live).length + 1, 'ghosts counted live': wrong.length });
    rmSync(join(reg.claudeDir, 'sessions'), { recursive: true, force: true });
  } finally {
    w.close();
  }
});
