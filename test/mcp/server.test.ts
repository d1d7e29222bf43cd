// The MCP server through a real MCP Client (in-memory transport), as Claude Code would call it: one
// test per tool, each on its own sessions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createServer } from '../../src/mcp/server.js';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox, git } from '../harness/claude.js';
import { authMigration } from '../harness/transcript-fixture.js';
import { CLAUDE_BIN_ENV } from '../../src/summarizer/claude.js';
import { runHookSync, editPayload } from '../harness/hook-runner.js';
import { until } from '../harness/wait.js';

async function connect(reg: FakeRegistry, pid: number, cwd: string, extraEnv: Record<string, string> = {}) {
  const { server, cleanup } = createServer({ env: reg.env(extraEnv), parentPid: pid, cwd });
  const client = new Client({ name: 'test', version: '1' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), client.connect(b)]);
  return { client, close: async () => { await client.close(); await cleanup(); } };
}

const data = (r: any) => r.structuredContent as any;

/** Two live sessions, A and B, in one repository; `files` committed. */
function twoSessions(files: Record<string, string> = { 'src/math.ts': 'export function add() {\n  return 1;\n}\n' }) {
  const sb = new Sandbox('ccs-mcp-');
  const repo = sb.repo('proj', files);
  const reg = new FakeRegistry();
  return { repo, reg, a: reg.add(repo), b: reg.add(repo) };
}

/** A session's hook records an edit of `file` (as Claude Code's PostToolUse would). */
const edits = (reg: FakeRegistry, who: { sessionId: string; pid: number }, cwd: string, file: string) =>
  runHookSync('post-tool-use', editPayload(who.sessionId, cwd, file), reg.env({ CLAUDE_PID: String(who.pid) }));

test('the tools keep the original names, each with a described object schema and annotations', async () => {
  const { repo, reg, a } = twoSessions();
  const { client, close } = await connect(reg, a.pid, repo);
  try {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const n of ['get_all_changes', 'get_messages', 'get_session_context', 'list_sessions', 'resolve_conflicts', 'send_message', 'predict_merge_conflicts']) {
      assert.ok(names.includes(n), `the original product's ${n} keeps its name`);
    }
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(typeof t.annotations?.readOnlyHint, 'boolean');
      assert.ok(t.description && t.description.length > 40);
    }
  } finally {
    await close();
    reg.close();
  }
});

test('list_sessions: both live sessions, the caller marked as itself (known from its parent process)', async () => {
  const { repo, reg, a, b } = twoSessions();
  edits(reg, b, repo, join(repo, 'src/math.ts'));
  const { client, close } = await connect(reg, a.pid, repo);
  try {
    const listed = data(await client.callTool({ name: 'list_sessions', arguments: {} }));
    assert.deepEqual(listed.sessions.map((s: any) => s.sessionId).sort(), [a.sessionId, b.sessionId].sort());
    assert.equal(listed.sessions.find((s: any) => s.you).sessionId, a.sessionId);
  } finally {
    await close();
    reg.close();
  }
});

test('get_all_changes: per session, the files and the symbols really edited', async () => {
  const { repo, reg, a, b } = twoSessions();
  edits(reg, b, repo, join(repo, 'src/math.ts'));
  const { client, close } = await connect(reg, a.pid, repo);
  try {
    const changes = data(await client.callTool({ name: 'get_all_changes', arguments: {} }));
    const bChanges = changes.sessions.find((s: any) => s.sessionId === b.sessionId);
    assert.deepEqual(bChanges.files.map((f: any) => [f.file, f.symbols]), [['src/math.ts', ['add']]]);
  } finally {
    await close();
    reg.close();
  }
});

test('send_message: delivered from the real sender whatever fromSessionId claims; bad arguments and unknown targets are isError results', async () => {
  const { repo, reg, a, b } = twoSessions({ 'a.txt': 'a\n' });
  const A = await connect(reg, a.pid, repo);
  const B = await connect(reg, b.pid, repo);
  try {
    const sent = await A.client.callTool({ name: 'send_message', arguments: { message: 'hello', targetSessionId: b.sessionId.slice(0, 6), fromSessionId: b.sessionId } });
    assert.ok(!sent.isError);
    assert.deepEqual(data(sent).deliveredTo.map((d: any) => d.sessionId), [b.sessionId]);
    const got = data(await B.client.callTool({ name: 'get_messages', arguments: {} }));
    assert.equal(got.messages[0].from, a.sessionId, 'the real sender, not the forged one');

    const bad = await A.client.callTool({ name: 'send_message', arguments: { message: 42 } });
    assert.equal(bad.isError, true);
    assert.match((bad.content as any)[0].text, /invalid arguments/);
    const unknown = await A.client.callTool({ name: 'send_message', arguments: { message: 'x', targetSessionId: '../../etc/passwd' } });
    assert.equal(unknown.isError, true);
  } finally {
    await A.close();
    await B.close();
    reg.close();
  }
});

test('get_messages: unreadOnly gives a message once and marks it read; without it, read ones are listed too', async () => {
  const { repo, reg, a, b } = twoSessions({ 'a.txt': 'a\n' });
  const A = await connect(reg, a.pid, repo);
  const B = await connect(reg, b.pid, repo);
  try {
    await A.client.callTool({ name: 'send_message', arguments: { message: 'hello', targetSessionId: b.sessionId } });
    const got = data(await B.client.callTool({ name: 'get_messages', arguments: { unreadOnly: true } }));
    assert.deepEqual(got.messages.map((m: any) => [m.from, m.read]), [[a.sessionId, false]]);
    const again = data(await B.client.callTool({ name: 'get_messages', arguments: { unreadOnly: true } }));
    assert.equal(again.messages.length, 0, 'reading marked it read');
    const all = data(await B.client.callTool({ name: 'get_messages', arguments: {} }));
    assert.equal(all.messages.length, 1);
  } finally {
    await A.close();
    await B.close();
    reg.close();
  }
});

test("get_session_context: another session's task and edited files, summarised from its transcript and framed as its own words; an unknown session is an isError result", async () => {
  const { repo, reg, a, b } = twoSessions();
  // B's transcript, where Claude Code keeps it (only files under its projects/ folder are read).
  const transcript = join(reg.claudeDir, 'projects', 'proj', `${b.sessionId}.jsonl`);
  mkdirSync(dirname(transcript), { recursive: true });
  writeFileSync(transcript, authMigration().jsonl());
  const payload = { ...editPayload(b.sessionId, repo, join(repo, 'src/math.ts')), transcript_path: transcript };
  runHookSync('post-tool-use', payload, reg.env({ CLAUDE_PID: String(b.pid) }));
  // Offline summaries only: no `claude -p` child, whatever is on PATH.
  const { client, close } = await connect(reg, a.pid, repo, { [CLAUDE_BIN_ENV]: 'none' });
  try {
    // The transcript is read by a worker within a time budget: a call may answer stale (it says so) while it finishes.
    let r: any;
    await until('a current summary of B', async () => {
      r = await client.callTool({ name: 'get_session_context', arguments: { sessionId: b.sessionId.slice(0, 8) } });
      return !r.isError && data(r).stale === false;
    }, { ms: 10_000, every: 200 });
    assert.equal(data(r).task, 'Migrate the auth module to JWT tokens');
    assert.match((r.content as any)[0].text, /<peer-summary>\nTask: Migrate the auth module to JWT tokens/);
    const nobody = await client.callTool({ name: 'get_session_context', arguments: { sessionId: 'nobody-here' } });
    assert.equal(nobody.isError, true);
  } finally {
    await close();
    reg.close();
  }
});

test('predict_merge_conflicts: uncommitted edits of one line in two worktrees are reported as a conflict in that file, with the other session named', async () => {
  const sb = new Sandbox('ccs-mcp-');
  const MATH = 'export function add() {\n  return 1;\n}\n';
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const feature = join(repo, '..', 'proj-feature');
  git(repo, 'worktree', 'add', '-q', '-b', 'feature', feature);
  const reg = new FakeRegistry();
  const a = reg.add(repo);
  const b = reg.add(feature);
  // Sizes differ from the committed file's: git may take a same-size change made within the second
  // of its index write for unchanged (racy git), and the prediction would then miss it.
  writeFileSync(join(repo, 'src/math.ts'), MATH.replace('return 1', 'return 1 + 1'));
  writeFileSync(join(feature, 'src/math.ts'), MATH.replace('return 1', 'return 3 * 1'));
  edits(reg, b, feature, join(feature, 'src/math.ts'));
  const { client, close } = await connect(reg, a.pid, repo);
  try {
    const r = await client.callTool({ name: 'predict_merge_conflicts', arguments: {} });
    assert.ok(!r.isError, JSON.stringify(r.content));
    const [cmp] = data(r).comparisons;
    assert.deepEqual(cmp.sessions.map((s: any) => s.sessionId), [b.sessionId]);
    assert.deepEqual(cmp.conflicts.map((c: any) => c.file), ['src/math.ts']);
    assert.match((r.content as any)[0].text, /1 file\(s\) would conflict/);
  } finally {
    await close();
    reg.close();
  }
});

test('resolve_conflicts: quiets a conflict for the caller only, until the peer edits again', async () => {
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
