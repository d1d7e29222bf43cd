// A hook answered inside another process (the MCP server answers the hooks module's events) reads
// the hook's environment, not the process's: the session is registered under the Claude Code
// process its hook names (CLAUDE_PID), which is how peers later tell whether it is still alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { FakeRegistry } from '../harness/fake-registry.js';
import { answerHook } from '../../src/hooks-core/run.js';
import { sessionStarted } from '../../src/sync/lifecycle.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { findProject } from '../../src/sessions/project.js';

test("a session started through a hook answered in another process is registered under the hook's Claude Code process", async () => {
  const reg = new FakeRegistry();
  const saved = process.env.CLAUDE_PID;
  try {
    const hooks = reg.add(reg.root); // the Claude Code process whose hook this is
    const server = reg.add(reg.root); // the one the answering process itself belongs to
    const cwd = join(reg.root, 'repo');
    mkdirSync(cwd);
    // A session too new to be in Claude Code's registry yet: only the environment can name its process.
    const sessionId = randomUUID();
    process.env.CLAUDE_PID = String(server.pid);
    const payload = { session_id: sessionId, hook_event_name: 'SessionStart', cwd, source: 'startup' };
    const out = await answerHook('session-start', JSON.stringify(payload), reg.env({ CLAUDE_PID: String(hooks.pid) }), (ctx, p) =>
      sessionStarted(ctx, { sessionId: p.session_id, cwd: p.cwd, source: p.source }),
    );
    assert.deepEqual(out, {});
    const meta = new ProjectStore(reg.store, findProject(cwd).key).readMeta(sessionId);
    assert.equal(meta?.pid, hooks.pid);
  } finally {
    if (saved === undefined) delete process.env.CLAUDE_PID;
    else process.env.CLAUDE_PID = saved;
    reg.close();
  }
});
