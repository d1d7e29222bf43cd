// `context-sync dashboard` as a process: the token guards every request, the page goes live over
// Server-Sent Events when the store changes, it listens on loopback only, one runs per store, and
// actions exist only when allowed, with the MCP tools' checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FakeRegistry } from '../harness/fake-registry.js';
import { git } from '../harness/claude.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { findProject } from '../../src/sessions/project.js';
import type { EditRecord } from '../../src/core/records.js';
import { cookieFor, events, get, startCli, cliEntry } from './harness.js';
import { until } from '../harness/wait.js';

const CART = 'export function total() {\n  return 1;\n}\n';

/** A git repository with src/cart.ts changed (uncommitted), two live fake sessions in it, and their store. */
function world() {
  const reg = new FakeRegistry();
  const repo = join(reg.root, 'shop');
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(join(repo, 'src/cart.ts'), CART);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
  writeFileSync(join(repo, 'src/cart.ts'), CART.replace('1', '2'));
  const project = findProject(repo);
  const store = new ProjectStore(reg.store, project.key);
  const [a, b] = [reg.add(repo), reg.add(repo)];
  const edit = (session: string, symbols: string[]): EditRecord => {
    const rec: EditRecord = { v: 1, ts: Date.now(), session, file: 'src/cart.ts', worktree: project.worktree, tool: 'Edit', ranges: [[1, 3]], symbols };
    store.appendEdit(rec);
    return rec;
  };
  return { reg, repo, store, a, b, edit };
}

test('every request needs the token: none 401, a wrong one 403; the URL trades it for an HttpOnly SameSite=Strict cookie', async () => {
  const w = world();
  const d = await startCli(w.reg.env(), w.repo);
  try {
    assert.match(d.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/, 'the first line is the URL');
    for (const path of ['/', '/data', '/events', '/api/send']) {
      assert.equal((await get(d.origin + path)).status, 401, `${path} without a token`);
      assert.equal((await get(d.origin + path, { Cookie: `context_sync_${new URL(d.origin).port}=nope` })).status, 403, `${path} with a wrong token`);
    }
    assert.equal((await get(d.origin + '/?token=' + 'x'.repeat(32))).status, 403);
    const first = await get(d.url);
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, '/', 'the token leaves the address bar');
    const cookie = String(first.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const page = await get(d.origin + '/', { Cookie: cookie.split(';')[0]! });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    assert.ok(!/<(script|link|img)[^>]+(src|href)=["']?https?:/i.test(page.body), 'nothing fetched from elsewhere');
    // A page from another name resolving to 127.0.0.1 (DNS rebinding) is refused even with the cookie.
    assert.equal((await get(d.origin + '/data', { ...cookieFor(d), Host: `evil.example:${new URL(d.origin).port}` })).status, 403);
  } finally {
    await d.stop();
    w.reg.close();
  }
});

test('a store change reaches an open page as an update, carrying the new conflict; a session ending removes it', async () => {
  const w = world();
  const d = await startCli(w.reg.env(), w.repo);
  const es = events(d);
  try {
    const full = await es.next((e) => e.event === 'full', 'the first full state');
    assert.deepEqual(full.state.sessions.map((s: any) => s.id).sort(), [w.a.sessionId, w.b.sessionId].sort());
    assert.deepEqual(full.state.conflicts, []);
    w.edit(w.a.sessionId, ['total']);
    w.edit(w.b.sessionId, ['total']);
    const up = await es.next((e) => e.event === 'update' && e.state.conflicts.length === 1, 'an update with the conflict');
    assert.equal(up.state.conflicts[0].file, 'src/cart.ts');
    assert.deepEqual(up.state.conflicts[0].symbols, ['total']);
    assert.ok(!Object.keys(up.data.set).some((k) => k.startsWith('messages')), 'unchanged parts are not resent');
    // B's Claude Code process ends and its registry entry goes, as Claude Code does at exit.
    await w.reg.crash(w.b);
    const regFile = join(w.reg.claudeDir, 'sessions', `${w.b.pid}.json`);
    spawnSync('rm', ['-f', regFile]);
    const gone = await es.next((e) => e.event === 'update' && e.state.sessions.length === 1, 'an update without B');
    assert.equal(gone.state.sessions[0].id, w.a.sessionId);
    assert.deepEqual(gone.state.conflicts, []);
  } finally {
    es.close();
    await d.stop();
    w.reg.close();
  }
});

test('committing the file clears its cells and the conflict, with no store change', async () => {
  const w = world();
  w.edit(w.a.sessionId, ['total']);
  w.edit(w.b.sessionId, ['total']);
  const d = await startCli(w.reg.env(), w.repo);
  const es = events(d);
  try {
    const full = await es.next((e) => e.event === 'full', 'the first full state');
    assert.equal(full.state.conflicts.length, 1);
    git(w.repo, 'add', 'src/cart.ts');
    git(w.repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'vat');
    const up = await es.next((e) => e.event === 'update' && e.state.conflicts.length === 0, 'the conflict cleared');
    assert.deepEqual(up.state.map.folders, []);
  } finally {
    es.close();
    await d.stop();
    w.reg.close();
  }
});

test('loopback only by default; one dashboard per store, the second start gives its URL; the record goes at exit', async () => {
  const w = world();
  const d = await startCli(w.reg.env(), w.repo);
  try {
    const port = Number(new URL(d.origin).port);
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = connect(port, external.address);
        s.on('connect', () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      assert.equal(reached, false, `not reachable on ${external.address}`);
    }
    const record = JSON.parse(readFileSync(join(w.reg.store, 'dashboard.json'), 'utf8'));
    assert.equal(record.url, d.url);
    assert.equal(record.pid, d.child.pid);
    const again = spawnSync(process.execPath, [cliEntry, 'dashboard', '--no-open'], { cwd: w.repo, env: w.reg.env(), encoding: 'utf8', timeout: 15_000 });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout.split('\n')[0], d.url);
    assert.match(again.stderr, /already running/);
  } finally {
    await d.stop();
  }
  assert.equal(existsSync(join(w.reg.store, 'dashboard.json')), false, 'withdrawn at exit');
  w.reg.close();
});

test('a non-loopback --host says every request needs the token', async () => {
  const w = world();
  const d = await startCli(w.reg.env(), w.repo, ['--host', '0.0.0.0']);
  try {
    assert.equal((await get(`http://127.0.0.1:${new URL(d.origin).port}/data`)).status, 401);
    await until('the warning about other machines', () => /reachable from other machines: every request needs the token/.test(d.stderr()));
  } finally {
    await d.stop();
    w.reg.close();
  }
});

test('read-only by default; --allow-actions sends a message and marks a conflict handled through the MCP tools, with their caps', async () => {
  const w = world();
  w.edit(w.a.sessionId, ['total']);
  w.edit(w.b.sessionId, ['total']);
  const json = (d: { origin: string }, extra: Record<string, string> = {}) => ({ 'Content-Type': 'application/json', Origin: d.origin, ...extra });
  const ro = await startCli(w.reg.env(), w.repo);
  try {
    const r = await get(ro.origin + '/api/send', json(ro, cookieFor(ro)), 'POST', JSON.stringify({ to: 'all', text: 'hi' }));
    assert.equal(r.status, 403);
    assert.deepEqual(w.store.unreadIds(w.a.sessionId), []);
  } finally {
    await ro.stop();
  }
  const d = await startCli(w.reg.env(), w.repo, ['--allow-actions']);
  try {
    const c = cookieFor(d);
    const crossSite = await get(d.origin + '/api/send', json(d, { ...c, Origin: 'http://evil.example' }), 'POST', JSON.stringify({ to: 'all', text: 'hi' }));
    assert.equal(crossSite.status, 403);
    const sent = await get(d.origin + '/api/send', json(d, c), 'POST', JSON.stringify({ to: w.a.sessionId.slice(0, 8), text: 'please hold off total()' }));
    assert.equal(sent.status, 200, sent.body);
    const [id] = w.store.unreadIds(w.a.sessionId);
    assert.equal(w.store.readMessage(w.a.sessionId, id!, 'inbox')!.text, 'please hold off total()');
    assert.deepEqual(w.store.unreadIds(w.b.sessionId), [], 'a direct message reaches only its recipient');
    const tooBig = await get(d.origin + '/api/send', json(d, c), 'POST', JSON.stringify({ to: 'all', text: 'x'.repeat(5000) }));
    assert.equal(tooBig.status, 400);
    assert.match(JSON.parse(tooBig.body).error, /limit is 4096/);
    const data = JSON.parse((await get(d.origin + '/data', c)).body);
    const conflict = data.conflicts[0];
    const resolved = await get(d.origin + '/api/resolve', json(d, c), 'POST', JSON.stringify({ conflict: conflict.id }));
    assert.equal(resolved.status, 200, resolved.body);
    assert.ok(w.store.resolvedAt(w.a.sessionId, 'src/cart.ts') > 0 && w.store.resolvedAt(w.b.sessionId, 'src/cart.ts') > 0, 'handled for both sides');
    const after = JSON.parse((await get(d.origin + '/data', c)).body);
    assert.equal(after.conflicts[0].handled, true);
    assert.equal((await get(d.origin + '/api/resolve', json(d, c), 'POST', JSON.stringify({ conflict: 'c-symbol-nope' }))).status, 400);
  } finally {
    await d.stop();
    w.reg.close();
  }
});

test('this repository by default; ?scope=all adds the sessions of every other project on the machine', async () => {
  const w = world();
  const other = join(w.reg.root, 'api');
  mkdirSync(other);
  const c = w.reg.add(other);
  const d = await startCli(w.reg.env(), w.repo);
  try {
    const mine = JSON.parse((await get(d.origin + '/data', cookieFor(d))).body);
    assert.deepEqual(mine.sessions.map((s: any) => s.id).sort(), [w.a.sessionId, w.b.sessionId].sort());
    assert.equal(mine.meta.scope, 'project');
    const all = JSON.parse((await get(d.origin + '/data?scope=all', cookieFor(d))).body);
    assert.deepEqual(all.sessions.map((s: any) => s.id).sort(), [w.a.sessionId, w.b.sessionId, c.sessionId].sort());
    assert.deepEqual(all.meta.projects, ['api', 'shop']);
  } finally {
    await d.stop();
    w.reg.close();
  }
});
