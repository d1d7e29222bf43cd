// The hooks module with the real client: what only it can do (wake an idle session for a direct
// message, show the person a status line and toasts) and how it falls back when the session's MCP
// server is gone, losing nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, Session, modulePath } from '../harness/claude.js';
import { timesSeen } from '../harness/assert-seen.js';

const T = 'mcp__plugin_context-sync_sync__';
const send = (message: string, targetSessionId?: string) => ({ tool: `${T}send_message`, input: targetSessionId ? { message, targetSessionId } : { message } });
const MATH = `export function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport function sub(a: number, b: number): number {\n  return a - b;\n}\n`;
const edit = (file: string, old_string: string, new_string: string) => ({ tool: 'Edit', input: { file_path: file, old_string, new_string } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `cond` holds (polling), or fails after `ms`. */
async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const uiEvents = (s: Session, kind: 'ui_status' | 'ui_toast') => s.lines.filter((l) => l.type === 'system' && l.subtype === kind);
const uiText = (l: any) => String(l.text ?? l.status ?? l.message ?? JSON.stringify(l));

test('a direct message wakes an idle session: it handles the message in a turn of its own, once; a broadcast wakes nobody and shows a toast', async (t) => {
  if (!modulePath) return t.skip('the classic path cannot wake an idle session');
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const [A, B] = [new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start()]);
  try {
    await B.prompt('hello', { text: 'ok' });
    const before = B.api.mainRequests.length;
    // The woken turn answers with a plain text (the stand-in's default).
    await A.prompt('tell B', send('please stop editing auth.ts', B.sessionId.slice(0, 8)), { text: 'sent' });
    await until(() => timesSeen(B.api, 'please stop editing auth.ts') > 0, 15_000, 'B to be woken with the message');
    assert.equal(B.api.mainRequests.length, before + 1, 'one turn of its own');
    // Its next prompt does not deliver it again.
    await sleep(500);
    await B.prompt('next', { text: 'ok' });
    assert.equal(timesSeen(B.api, 'please stop editing auth.ts'), 1);

    // A broadcast does not start a turn; the person is shown a toast, and the model gets it at the next prompt.
    const idle = B.api.mainRequests.length;
    await A.prompt('tell everyone', send('main is green again'), { text: 'sent' });
    await until(() => uiEvents(B, 'ui_toast').some((l) => /broadcast from/.test(uiText(l))), 10_000, 'a toast for the broadcast');
    await sleep(2500);
    assert.equal(B.api.mainRequests.length, idle, 'a broadcast woke nobody');
    await B.prompt('anything new?', { text: 'ok' });
    assert.equal(timesSeen(B.api, 'main is green again'), 1);
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});

test('the person sees a status line naming the conflict, and a toast when it starts; a session alone shows none', async (t) => {
  if (!modulePath) return t.skip('status and toasts exist only on the module path');
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const lonely = sb.repo('lonely', { 'x.ts': 'export const x = 1;\n' });
  const file = join(repo, 'src/math.ts');
  const [A, B, L] = [new Session(sb, repo), new Session(sb, repo), new Session(sb, lonely)];
  await Promise.all([A.start(), B.start(), L.start()]);
  try {
    await L.prompt('edit x', edit(join(lonely, 'x.ts'), 'x = 1', 'x = 2'), { text: 'ok' });
    await A.prompt('log inside add', edit(file, '  return a + b;', '  console.log(a, b);\n  return a + b;'), { text: 'ok' });
    await B.prompt('make add null-safe', edit(file, '  return a + b;', '  return (a ?? 0) + (b ?? 0);'), { text: 'ok' });
    const named = (l: any) => /1 other session here/.test(uiText(l)) && /conflict: src\/math\.ts `add` with/.test(uiText(l));
    await until(() => uiEvents(A, 'ui_status').some(named) && uiEvents(B, 'ui_status').some(named), 10_000, 'both status lines to name the conflict');
    await until(() => uiEvents(A, 'ui_toast').some((l) => /conflict in src\/math\.ts: `add` with/.test(uiText(l))), 10_000, "A's toast");
    // A message shows as unread in the status line until it is delivered.
    await B.prompt('tell A', send('I take add()', A.sessionId.slice(0, 8)), { text: 'sent' });
    assert.ok(uiEvents(L, 'ui_status').every((l) => !uiText(l).trim() || /^\s*$/.test(uiText(l))), 'a lone session draws nothing');
    assert.equal(uiEvents(L, 'ui_toast').length, 0);
  } finally {
    await Promise.all([A.close(), B.close(), L.close()]);
  }
});

test('with its MCP server killed mid-session, the module runs the hook bundles itself: the conflict is told once and every edit recorded once', async (t) => {
  if (!modulePath) return t.skip('the classic path never uses the server');
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const file = join(repo, 'src/math.ts');
  const [A, B] = [new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start()]);
  try {
    await B.prompt('hello', { text: 'ok' });
    // B's MCP server: the child of B's Claude Code process running mcp.mjs.
    const server = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).find((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === B.pid && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('mcp.mjs');
      } catch {
        return false;
      }
    });
    assert.ok(server, "found B's MCP server");
    process.kill(Number(server), 'SIGKILL');
    await sleep(1500);
    await A.prompt('log inside add', edit(file, '  return a + b;', '  console.log(a, b);\n  return a + b;'), { text: 'ok' });
    const project = readdirSync(join(sb.store, 'projects'))[0]!;
    // A's record reaches the store just after its turn (the module sends it when the turn ends).
    const aFiles = join(sb.store, 'projects', project, 'sessions', A.sessionId, 'files');
    await until(() => existsSync(aFiles) && readdirSync(aFiles).length > 0, 5000, "A's record");
    await B.prompt('edit sub', edit(file, '  return a - b;', '  return b - a;'), { text: 'ok' });
    await B.prompt('make add null-safe', edit(file, '  return a + b;', '  return (a ?? 0) + (b ?? 0);'), { text: 'ok' });
    assert.equal(timesSeen(B.api, `CONFLICT in src/math.ts: \`add\` was also edited by session ${A.sessionId.slice(0, 8)}`), 1);
    const dir = join(sb.store, 'projects', project, 'sessions', B.sessionId, 'files');
    const recs = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'));
    assert.equal(recs.length, 2, 'both of B\'s edits recorded, once each');
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});
