// The server's tools for its hooks module (mod_hook, mod_poll, mod_wake), through a real MCP Client:
// the classic handlers answer there with the hook's environment; a slow trial merge does not stall
// the server's other calls; malformed calls are refused, never crash it.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createServer } from '../../src/mcp/server.js';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox, git } from '../harness/claude.js';
import { editPayload, runHookSync } from '../harness/hook-runner.js';

const MATH = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function sub(a: number, b: number) {\n  return a - b;\n}\n';

async function connect(env: NodeJS.ProcessEnv, pid: number, cwd: string, clientInfo = { name: 'test', version: '1' }) {
  const { server, cleanup } = createServer({ env, parentPid: pid, cwd, watchTranscripts: false });
  const client = new Client(clientInfo);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), client.connect(b)]);
  return { client, close: async () => { await client.close(); await cleanup(); } };
}
const data = (r: any) => r.structuredContent as any;

test("the module's tools are listed only to a client that runs the module: never to an older Claude Code, nor with CONTEXT_SYNC_MOD=0", async () => {
  const sb = new Sandbox('ccs-modtools-');
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const reg = new FakeRegistry();
  const me = reg.add(repo);
  const listed = async (client: { name: string; version: string }, env: NodeJS.ProcessEnv = reg.env()) => {
    const { client: c, close } = await connect(env, me.pid, repo, client);
    try {
      return (await c.listTools()).tools.map((t) => t.name).sort();
    } finally {
      await close();
    }
  };
  try {
    const model = ['get_all_changes', 'get_messages', 'get_session_context', 'list_sessions', 'predict_merge_conflicts', 'resolve_conflicts', 'send_message'];
    const module = ['mod_hook', 'mod_panel', 'mod_poll', 'mod_wake'];
    assert.deepEqual(await listed({ name: 'claude-code', version: '2.1.330' }), [...model, ...module].sort(), 'a client with mods hides them itself (tool.offer)');
    assert.deepEqual(await listed({ name: 'claude-code', version: '2.1.287' }), [...model, ...module].sort(), 'the first release with mods');
    assert.deepEqual(await listed({ name: 'claude-code', version: '2.1.280' }), model, 'older than mods: the model would see them');
    assert.deepEqual(await listed({ name: 'claude-code', version: '2.1.330' }, reg.env({ CONTEXT_SYNC_MOD: '0' })), model, 'the module is inert');
    assert.deepEqual(await listed({ name: 'some-other-client', version: '9.9.9' }), model);
    // Unlisted, a module tool still answers (a module whose client misreports its version falls back to nothing worse).
    const { client, close } = await connect(reg.env(), me.pid, repo, { name: 'claude-code', version: '2.1.280' });
    try {
      const polled = data(await client.callTool({ name: 'mod_poll', arguments: { session_id: me.sessionId, cwd: repo } }));
      assert.equal(polled.person.others, 0);
    } finally {
      await close();
    }
  } finally {
    reg.close();
  }
});

test("mod_hook answers a hook with the classic handlers and sends the module its view: the peer's open work, then nothing owed once told", async () => {
  const sb = new Sandbox('ccs-modtools-');
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const file = join(repo, 'src/math.ts');
  const reg = new FakeRegistry();
  const [me, peer] = [reg.add(repo), reg.add(repo)];
  const { client, close } = await connect(reg.env(), me.pid, repo);
  try {
    // Both edits are on disk, uncommitted (a file that agrees with HEAD closes every edit of it).
    writeFileSync(file, MATH.replace('a - b', 'b - a'));
    runHookSync('post-tool-use', editPayload(peer.sessionId, repo, file, { newStart: 6 }), reg.env({ CLAUDE_PID: String(peer.pid) }));
    const polled = data(await client.callTool({ name: 'mod_poll', arguments: { session_id: me.sessionId, cwd: repo } }));
    assert.deepEqual(polled.watch.files[file], { units: ['sub'], always: true, block: false }, 'the peer has sub() open; a notice is owed');
    assert.equal(polled.person.others, 1);
    writeFileSync(file, MATH.replace('a - b', 'b - a').replace('a + b', 'b + a'));
    const r = data(await client.callTool({ name: 'mod_hook', arguments: { hook: 'post-tool-use', payload: editPayload(me.sessionId, repo, file, { newStart: 2 }) } }));
    assert.match(r.out.hookSpecificOutput.additionalContext, /also edits src\/math\.ts \(`sub`\), not the same symbol/);
    assert.deepEqual(r.view.watch.files[file], { units: ['sub'], always: false, block: false }, 'told: nothing owed at the next edit');
  } finally {
    await close();
    reg.close();
  }
});

test('a trial merge that takes seconds does not stall the server: a poll during it is answered at once', async () => {
  const sb = new Sandbox('ccs-modtools-');
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const wt = join(sb.root, 'proj-feature');
  git(repo, 'worktree', 'add', '-q', '-b', 'feature', wt);
  const reg = new FakeRegistry();
  const [me, other] = [reg.add(repo), reg.add(wt)];
  // A git whose merge-tree takes 3 s (a large repository); everything else is real git.
  const bin = join(sb.root, 'slow-bin');
  mkdirSync(bin, { recursive: true });
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nfor x in "$@"; do [ "$x" = merge-tree ] && sleep 3; done\nexec ${realGit} "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`; // the server's own git calls
  const { client, close } = await connect(reg.env(), me.pid, repo);
  try {
    runHookSync('post-tool-use', editPayload(other.sessionId, wt, join(wt, 'src/math.ts')), reg.env({ CLAUDE_PID: String(other.pid) }));
    const order: string[] = [];
    const merge = client.callTool({ name: 'predict_merge_conflicts', arguments: {} }).then(() => order.push('merge'));
    await new Promise((r) => setTimeout(r, 500)); // the merge is under way
    await client.callTool({ name: 'mod_poll', arguments: { session_id: me.sessionId, cwd: repo } }).then(() => order.push('poll'));
    await merge;
    assert.deepEqual(order, ['poll', 'merge']);
  } finally {
    process.env.PATH = path;
    await close();
    reg.close();
  }
});

test('malformed module calls are refused with an error result, and the server goes on', async () => {
  const sb = new Sandbox('ccs-modtools-');
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const reg = new FakeRegistry();
  const me = reg.add(repo);
  const { client, close } = await connect(reg.env(), me.pid, repo);
  try {
    for (const args of [
      { session_id: '../../etc', cwd: repo },
      { session_id: me.sessionId, cwd: 'relative/path' },
      { session_id: me.sessionId },
    ]) {
      const r: any = await client.callTool({ name: 'mod_poll', arguments: args });
      assert.equal(r.isError, true, JSON.stringify(args));
    }
    assert.equal(((await client.callTool({ name: 'mod_hook', arguments: { hook: 'session-end', payload: {} } })) as any).isError, true, 'only the four module hooks');
    // A payload the hook schema refuses: answered with nothing (the hook fails open), no crash.
    const r = data(await client.callTool({ name: 'mod_hook', arguments: { hook: 'post-tool-use', payload: { session_id: 42 } } }));
    assert.deepEqual(r.out, {});
    assert.equal(data(await client.callTool({ name: 'mod_poll', arguments: { session_id: me.sessionId, cwd: repo } })).person.others, 0);
    assert.deepEqual(data(await client.callTool({ name: 'mod_wake', arguments: { session_id: me.sessionId, cwd: repo } })), {}, 'no mail: nothing to wake for');
  } finally {
    await close();
    reg.close();
  }
});
