// Who a message is from and how many go out: the context-sync command speaks for the person at the
// terminal whatever CLAUDE_PID says, and never consumes a session's unread mail; a broadcast reaches
// every recipient that can take it and names the others; the per-minute limit holds however many
// senders race for it, and a send that reached no one is not charged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { cliBundle } from '../harness/claude.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { findProject } from '../../src/sessions/project.js';
import { figure, mcpClient, pool, spawnHook, world } from './world.js';

const prompt = (sid: string, cwd: string) => JSON.stringify({ session_id: sid, cwd, hook_event_name: 'UserPromptSubmit', prompt: 'go' });

function cliAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cliBundle, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('CLAUDE_PID does not make the command speak as a session: what it sends says it came from a terminal, and inbox --mark-read never consumes a session\'s unread mail', async () => {
  const w = world('ccs-send-');
  const { reg, repo } = w;
  try {
    const [a, b] = [reg.add(repo), reg.add(repo)];
    const spoof = reg.env({ CLAUDE_PID: String(b.pid) });
    const cli = (args: string[], env = spoof) => spawnSync(process.execPath, [cliBundle, ...args], { cwd: repo, env, encoding: 'utf8' });
    const store = new ProjectStore(reg.store, findProject(repo).key);

    // A message "from B" sent at a terminal that only claims to be B.
    assert.equal(cli(['send', a.sessionId.slice(0, 8), 'SPOOF-7e1 merge now']).status, 0);
    const [sent] = store.unreadIds(a.sessionId).map((id) => store.readMessage(a.sessionId, id, 'inbox')!);
    assert.ok(sent, 'the message arrived');
    assert.notEqual(sent.from, b.sessionId, 'not sent as session B');
    assert.equal(sent.via, 'cli');
    const seen = await spawnHook('user-prompt-submit', prompt(a.sessionId, repo), reg.env({ CLAUDE_PID: String(a.pid) }));
    const ctx: string = seen.json.hookSpecificOutput.additionalContext;
    assert.match(ctx, /SPOOF-7e1/);
    assert.match(ctx, /From a terminal, outside any session \(context-sync send\)/, 'A\'s model is told where it came from');
    assert.doesNotMatch(ctx, new RegExp(`From session ${b.sessionId.slice(0, 8)}`));

    // B's private mail, read at a terminal that claims to be B, stays unread for B's model.
    const B = await mcpClient(reg, a.pid, repo);
    await B.call('send_message', { message: 'PRIVATE-55a for B only', targetSessionId: b.sessionId });
    await B.close();
    const before = store.unreadIds(b.sessionId);
    assert.equal(before.length, 1);
    const listed = cli(['inbox', '--mark-read']);
    assert.notEqual(listed.status, 0, 'no session to read the inbox of: CLAUDE_PID does not make one');
    const named = cli(['inbox', b.sessionId.slice(0, 8), '--mark-read']);
    assert.equal(named.status, 0, named.stderr);
    assert.match(named.stdout, /PRIVATE-55a/, 'the person may look');
    assert.match(named.stderr, /not marking/);
    const consumedByCli = before.length - store.unreadIds(b.sessionId).length;
    assert.deepEqual(store.unreadIds(b.sessionId), before, 'still unread');
    const got = await spawnHook('user-prompt-submit', prompt(b.sessionId, repo), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.match(got.json.hookSpecificOutput.additionalContext, /PRIVATE-55a/, 'and B\'s model still gets it');
    figure('CLI identity', { 'spoofed sends taken for a session': sent.from === b.sessionId ? 1 : 0, 'private messages consumed by the CLI': consumedByCli });
  } finally {
    w.close();
  }
});

test('a broadcast with one broken inbox reaches every other recipient and names the one it missed; a send that reached no one is not charged to the rate limit', async () => {
  const w = world('ccs-send-');
  const { reg, repo } = w;
  try {
    const [a, b, c, d] = [reg.add(repo), reg.add(repo), reg.add(repo), reg.add(repo)];
    mkdirSync(reg.store, { recursive: true });
    writeFileSync(join(reg.store, 'config.json'), JSON.stringify({ messages: { perMinute: 2 } }));
    const store = new ProjectStore(reg.store, findProject(repo).key);
    // C's inbox is a file where the store keeps a folder: nothing can be delivered there.
    mkdirSync(store.dir(c.sessionId), { recursive: true });
    writeFileSync(join(store.dir(c.sessionId), 'inbox'), 'not a folder');
    const A = await mcpClient(reg, a.pid, repo);
    try {
      const r = await A.call('send_message', { message: 'BROADCAST-91 rebase please' });
      assert.notEqual(r.isError, true, r.content[0]?.text);
      const got = (id: string) => store.unreadIds(id).filter((m) => store.readMessage(id, m, 'inbox')?.text.startsWith('BROADCAST-91')).length;
      assert.equal(got(b.sessionId), 1, 'B got it');
      assert.equal(got(d.sessionId), 1, 'D got it, though C came before or after it');
      assert.match(r.content[0]!.text, new RegExp(`Not delivered to ${c.sessionId.slice(0, 8)}`));
      assert.deepEqual(r.structuredContent.notDelivered.map((x: any) => x.sessionId), [c.sessionId]);
      const lost = 2 - got(b.sessionId) - got(d.sessionId);

      // Only C, broken: an error, and the slot given back. With 2 a minute and one used, two
      // more failed tries leave room for the send that works.
      for (let i = 0; i < 2; i++) assert.equal((await A.call('send_message', { message: 'to C', targetSessionId: c.sessionId })).isError, true);
      const ok = await A.call('send_message', { message: 'SECOND-92', targetSessionId: b.sessionId });
      figure('broadcast with a broken inbox', { recipients: 3, 'recipients lost': lost, 'failed sends charged': ok.isError ? 2 : 0 });
      assert.notEqual(ok.isError, true, ok.content[0]?.text);
      assert.equal(got(b.sessionId), 1, 'no duplicate of the broadcast');
    } finally {
      await A.close();
    }
  } finally {
    w.close();
  }
});

test('40 concurrent sends from the command against a limit of 5 a minute: at most 5 go out', async () => {
  const w = world('ccs-send-');
  const { reg, repo } = w;
  try {
    const [, b] = [reg.add(repo), reg.add(repo)];
    mkdirSync(reg.store, { recursive: true });
    const LIMIT = 5;
    writeFileSync(join(reg.store, 'config.json'), JSON.stringify({ messages: { perMinute: LIMIT } }));
    const env = reg.env();
    const runs = await pool(Array.from({ length: 40 }, (_, i) => () => cliAsync(['send', b.sessionId.slice(0, 8), `race ${i}`], repo, env)), 40);
    const store = new ProjectStore(reg.store, findProject(repo).key);
    const delivered = store.unreadIds(b.sessionId).length;
    const accepted = runs.filter((r) => r.status === 0).length;
    const refused = runs.filter((r) => /rate limit/.test(r.stderr)).length;
    figure('rate limit under 40 concurrent senders', { senders: 40, limit: LIMIT, delivered, refused, 'sent over the limit': Math.max(0, delivered - LIMIT) });
    assert.ok(delivered <= LIMIT, `${delivered} delivered against a limit of ${LIMIT}`);
    assert.ok(delivered >= 1, 'the limit does not stop everyone');
    assert.equal(accepted, delivered, 'every accepted send was delivered, every refused one was not');
    assert.equal(accepted + refused, 40, runs.find((r) => r.status !== 0 && !/rate limit/.test(r.stderr))?.stderr);
  } finally {
    w.close();
  }
});
