// get_session_context with the real client: B asks what A is doing and its model receives A's task
// and A's real edited files; with the CLI absent the summary is offline, with it a child
// `claude -p` (talking to the same scripted API) produces the model summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, Session, claudeBin } from '../harness/claude.js';
import { toolResultText } from '../harness/assert-seen.js';

const T = 'mcp__plugin_context-sync_sync__';
const AUTH = `export function login(user: string, password: string): string {
  return session(user, password);
}
`;

/** A works on a task: two prompts, a Write and an Edit, a decision stated. */
async function aWorks(sb: Sandbox, repo: string): Promise<Session> {
  const A = new Session(sb, repo);
  await A.start();
  await A.prompt(
    'Migrate the auth module to JWT tokens',
    { tool: 'Write', input: { file_path: join(repo, 'src/jwt.ts'), content: 'export const sign = () => "token";\n' } },
    { text: "I'll use the jose library instead of jsonwebtoken. Signing is in src/jwt.ts." },
  );
  await A.prompt(
    'Now make login return a JWT',
    { tool: 'Edit', input: { file_path: join(repo, 'src/auth.ts'), old_string: 'return session(user, password);', new_string: 'return sign(user);' } },
    { text: 'login now returns a signed JWT; refresh tokens are next.' },
  );
  return A;
}

function parseResult(text: string): Record<string, any> {
  // The tool_result content arrives as a string of JSON, or as [{type:"text", text:"<json>"}].
  let v: unknown = text;
  for (let i = 0; i < 3 && typeof v === 'string'; i++) {
    try {
      v = JSON.parse(v);
    } catch {
      break;
    }
  }
  if (Array.isArray(v)) v = JSON.parse((v[0] as { text: string }).text);
  assert.equal(typeof v, 'object', `tool result is JSON: ${text.slice(0, 200)}`);
  return v as Record<string, any>;
}

test("offline (no claude CLI): B's model gets A's task, decisions and real edited files", async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/auth.ts': AUTH });
  const A = await aWorks(sb, repo);
  // The documented switch: CONTEXT_SYNC_CLAUDE_BIN=none means "no CLI", whatever PATH holds.
  const B = new Session(sb, repo, { env: { CONTEXT_SYNC_CLAUDE_BIN: 'none' } });
  await B.start();
  try {
    await B.prompt('what is the other session doing?', { tool: `${T}get_session_context`, input: { sessionId: A.sessionId.slice(0, 8) } }, { text: 'ok' });
    const c = parseResult(toolResultText(B.api, `${T}get_session_context`)!);
    assert.equal(c.sessionId, A.sessionId);
    assert.equal(c.source, 'offline');
    assert.equal(c.stale, false);
    assert.equal(c.modelPending, false);
    assert.match(c.task, /^Migrate the auth module to JWT tokens — now: Now make login return a JWT/);
    assert.deepEqual([...c.changedFiles].sort(), ['src/auth.ts', 'src/jwt.ts']);
    assert.match(c.decisions.join(' '), /jose library instead of jsonwebtoken/);
    assert.match(c.currentState, /refresh tokens are next/);
    assert.match(c.impactOnOtherSessions, /src\/auth\.ts/);
    for (const k of ['blockers', 'updatedAt', 'conflicts']) assert.ok(k in c, k);
    // A's transcript was read by the catch-up worker, not in B's MCP server: the log would say
    // "summary worker not found", "... catching up in process" or "... killed" otherwise.
    const log = join(sb.store, 'log', 'context-sync.log');
    assert.doesNotMatch(existsSync(log) ? readFileSync(log, 'utf8') : '', /summary worker/);
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});

test('claude -p: a model summary produced by a child claude against the scripted API, served with the real files', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/auth.ts': AUTH });
  const A = await aWorks(sb, repo);
  const B = new Session(sb, repo, { env: { CONTEXT_SYNC_CLAUDE_BIN: claudeBin } });
  await B.start();
  const modelSummary = {
    task: 'Move auth from server sessions to JWT (jose)',
    changedFiles: ['src/made-up-by-the-model.ts'],
    decisions: ['jose rather than jsonwebtoken'],
    currentState: 'login returns a JWT; refresh tokens next',
    blockers: [],
    impactOnOtherSessions: 'login() now returns a token string from sign()',
  };
  try {
    // B's turns, in the order its fake API is asked: B calls the tool; while the tool runs, the
    // child claude (same ANTHROPIC_BASE_URL) asks for the summary through its StructuredOutput tool.
    await B.prompt(
      'what is the other session doing?',
      { tool: `${T}get_session_context`, input: { sessionId: A.sessionId.slice(0, 8) } },
      { tool: 'StructuredOutput', input: modelSummary },
      { text: 'ok' },
    );
    const c = parseResult(toolResultText(B.api, `${T}get_session_context`)!);
    assert.equal(c.source, 'model', JSON.stringify(c));
    assert.equal(c.task, modelSummary.task);
    assert.deepEqual(c.decisions, modelSummary.decisions);
    // changedFiles: the recorded and transcript edits first, whatever the model said after them.
    assert.deepEqual([...c.changedFiles.slice(0, 2)].sort(), ['src/auth.ts', 'src/jwt.ts']);

    // The child's request: small model, no tools but structured output, A's session as data.
    const child = B.api.requests.map((r) => r.body).find((b) => (b.tools ?? []).some((t: any) => t.name === 'StructuredOutput'));
    assert.ok(child, 'the child claude asked the scripted API');
    assert.match(child.model, /haiku/);
    assert.deepEqual(child.tools.map((t: any) => t.name).filter((n: string) => n !== 'DeferredToolPlaceholder'), ['StructuredOutput']);
    const prompt = JSON.stringify(child.messages);
    assert.match(prompt, /Migrate the auth module to JWT tokens/);
    assert.match(JSON.stringify(child.system), /summarise one Claude Code session/);

    // The child left no trace: no transcript of its own, no session in the plugin's store.
    const transcripts = readdirSync(join(sb.home, '.claude', 'projects'), { recursive: true }).filter((f) => String(f).endsWith('.jsonl'));
    assert.deepEqual(transcripts.map((f) => String(f).split('/').at(-1)).sort(), [`${A.sessionId}.jsonl`, `${B.sessionId}.jsonl`].sort());
    const projects = readdirSync(join(sb.store, 'projects'));
    const sessions = projects.flatMap((p) => readdirSync(join(sb.store, 'projects', p, 'sessions')));
    assert.deepEqual(sessions.sort(), [A.sessionId, B.sessionId].sort());

    // list_sessions now shows A's task from the cached summary (never generating one).
    await B.prompt('who is here?', { tool: `${T}list_sessions`, input: {} }, { text: 'ok' });
    const l = parseResult(toolResultText(B.api, `${T}list_sessions`)!);
    assert.equal(l.sessions.find((s: any) => s.sessionId === A.sessionId).task, modelSummary.task);
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});
