// Who is alive is a read; cleaning up after the dead is its own step. A tool that lists peers (the
// MCP server, the dashboard, the relay) must not delete a session's records on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeRegistry } from '../harness/fake-registry.js';
import { syncContext } from '../../src/sync/context.js';
import { sessionStarted } from '../../src/sync/lifecycle.js';
import { livePeers, retireDeadSessions } from '../../src/sync/peers.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { findProject } from '../../src/sessions/project.js';

test('listing live peers leaves a crashed session in place; retiring the dead removes it and only it', async () => {
  const reg = new FakeRegistry();
  try {
    const cwd = join(reg.root, 'repo');
    mkdirSync(cwd);
    const alive = reg.add(cwd);
    const crashed = reg.add(cwd);
    for (const s of [alive, crashed]) sessionStarted(syncContext(reg.env({ CLAUDE_PID: String(s.pid) })), { sessionId: s.sessionId, cwd, source: 'startup' });
    await reg.crash(crashed);
    const ctx = syncContext(reg.env());
    const store = new ProjectStore(ctx.root, findProject(cwd).key);
    assert.deepEqual(livePeers(ctx, store, undefined).map((p) => p.id), [alive.sessionId]);
    assert.ok(existsSync(store.dir(crashed.sessionId)), 'a read removed nothing');
    assert.equal(retireDeadSessions(ctx, store, undefined), 1);
    assert.ok(!existsSync(store.dir(crashed.sessionId)), 'the dead session is retired');
    assert.ok(existsSync(store.dir(alive.sessionId)), 'the live one is untouched');
  } finally {
    reg.close();
  }
});
