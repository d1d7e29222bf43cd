// The MCP server through a real MCP Client (in-memory transport), as Claude Code would call it.
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createServer } from '../../src/mcp/server.js';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox } from '../harness/claude.js';
import { runHookSync, editPayload } from '../harness/hook-runner.js';
import { until } from '../harness/wait.js';

async function connect(reg: FakeRegistry, pid: number, cwd: string) {
  const { server, cleanup } = createServer({ env: reg.env(), parentPid: pid, cwd });
  const client = new Client({ name: 'test', version: '1' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), client.connect(b)]);
  return { client, close: async () => { await client.close(); await cleanup(); } };
}

const data = (r: any) => r.structuredContent as any;

test('the original six tools, with schemas and annotations; the server knows its session from its parent process', async () => {
  const sb = new Sandbox('ccs-mcp-');
  const repo = sb.repo('proj', { 'src/math.ts': 'export function add() {\n  return 1;\n}\n' });
  const reg = new FakeRegistry();
  const a = reg.add(repo);
  const b = reg.add(repo);
  const { client, close } = await connect(reg, a.pid, repo);
  try {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const n of ['get_all_changes', 'get_messages', 'get_session_context', 'list_sessions', 'resolve_conflicts', 'send_message']) {
      assert.ok(names.includes(n), `the original product's ${n} keeps its name`);
    }
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(typeof t.annotations?.readOnlyHint, 'boolean');
      assert.ok(t.description && t.description.length > 40);
    }
    runHookSync('post-tool-use', editPayload(b.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(b.pid) }));
    const listed = data(await client.callTool({ name: 'list_sessions', arguments: {} }));
    assert.equal(listed.sessions.length, 2);
    assert.equal(listed.sessions.find((s: any) => s.you).sessionId, a.sessionId);
    const changes = data(await client.callTool({ name: 'get_all_changes', arguments: {} }));
    const bChanges = changes.sessions.find((s: any) => s.sessionId === b.sessionId);
    assert.deepEqual(bChanges.files.map((f: any) => [f.file, f.symbols]), [['src/math.ts', ['add']]]);
  } finally {
    await close();
    reg.close();
  }
});

test('send_message ignores a forged fromSessionId; get_messages marks read; errors are isError results the model can act on', async () => {
  const sb = new Sandbox('ccs-mcp-');
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const reg = new FakeRegistry();
  const a = reg.add(repo);
  const b = reg.add(repo);
  const A = await connect(reg, a.pid, repo);
  const B = await connect(reg, b.pid, repo);
  try {
    const sent = await A.client.callTool({ name: 'send_message', arguments: { message: 'hello', targetSessionId: b.sessionId.slice(0, 6), fromSessionId: b.sessionId } });
    assert.ok(!sent.isError);
    assert.deepEqual(data(sent).deliveredTo.map((d: any) => d.sessionId), [b.sessionId]);
    const got = data(await B.client.callTool({ name: 'get_messages', arguments: { unreadOnly: true } }));
    assert.equal(got.messages.length, 1);
    assert.equal(got.messages[0].from, a.sessionId, 'the real sender, not the forged one');
    assert.equal(got.messages[0].read, false);
    const again = data(await B.client.callTool({ name: 'get_messages', arguments: { unreadOnly: true } }));
    assert.equal(again.messages.length, 0, 'reading marked it read');
    const all = data(await B.client.callTool({ name: 'get_messages', arguments: {} }));
    assert.equal(all.messages.length, 1);

    const bad = await A.client.callTool({ name: 'send_message', arguments: { message: 42 } });
    assert.equal(bad.isError, true);
    assert.match((bad.content as any)[0].text, /invalid arguments/);
    const unknown = await A.client.callTool({ name: 'send_message', arguments: { message: 'x', targetSessionId: '../../etc/passwd' } });
    assert.equal(unknown.isError, true);
    const ctx = await A.client.callTool({ name: 'get_session_context', arguments: { sessionId: 'nobody-here' } });
    assert.equal(ctx.isError, true);
  } finally {
    await A.close();
    await B.close();
    reg.close();
  }
});

test('resolve_conflicts quiets a conflict for the caller only, until the peer edits again', async () => {
  const sb = new Sandbox('ccs-mcp-');
  const MATH = 'export function add() {\n  return 1;\n}\n';
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const reg = new FakeRegistry();
  const a = reg.add(repo);
  const b = reg.add(repo);
  const file = join(repo, 'src/math.ts');
  // add() differs from HEAD on disk: both sessions' edits of it are open (docs/conflicts.md).
  const dirty = MATH.replace('return 1', 'return 2');
  writeFileSync(file, dirty);
  runHookSync('post-tool-use', editPayload(a.sessionId, repo, file, { originalFile: dirty }), reg.env({ CLAUDE_PID: String(a.pid) }));
  runHookSync('post-tool-use', editPayload(b.sessionId, repo, file, { originalFile: dirty }), reg.env({ CLAUDE_PID: String(b.pid) }));
  const A = await connect(reg, a.pid, repo);
  try {
    const conflictsOfA = async () => data(await A.client.callTool({ name: 'list_sessions', arguments: {} })).sessions.find((s: any) => s.sessionId === b.sessionId).conflictsWithYou;
    assert.equal((await conflictsOfA()).length, 1);
    const r = await A.client.callTool({ name: 'resolve_conflicts', arguments: { files: ['src/math.ts'] } });
    assert.ok(!r.isError);
    assert.equal((await conflictsOfA()).length, 0);
    // "A later edit raises it again": the next edit must carry a time after the resolution's.
    const resolvedAt = Date.now();
    await until('the clock moves past the resolution', () => Date.now() > resolvedAt, { every: 1 });
    runHookSync('post-tool-use', editPayload(b.sessionId, repo, file, { originalFile: dirty }), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.equal((await conflictsOfA()).length, 1, 'raised again by a new edit');
  } finally {
    await A.close();
    reg.close();
  }
});
