// The slash commands in real Claude Code sessions: each one's shell line runs the bundled CLI
// before the prompt is sent, and what the model is shown (the request body the fake API got)
// holds the CLI's output, computed for the calling session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, Session, oneShot, pluginDir } from '../harness/claude.js';
import { timesSeen } from '../harness/assert-seen.js';
import type { FakeApi } from '../harness/fake-api.js';

const MATH = `export function add(a: number, b: number): number {
  return a + b;
}
`;

const edit = (file: string, old_string: string, new_string: string) => ({ tool: 'Edit', input: { file_path: file, old_string, new_string } });

/** The text the slash command put into the latest user turn (its shell output is part of it). */
function commandTurn(api: FakeApi): string {
  const last = api.mainRequests.at(-1);
  const user = [...(last?.messages ?? [])].reverse().find((m: any) => m.role === 'user');
  return JSON.stringify(user?.content ?? '');
}

test('/context-sync:sync-status in claude -p, from a plugin path with a space, with only the permissions the command declares', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'README.md': '# p\n' });
  const spaced = join(sb.root, 'my plugins', 'context-sync');
  cpSync(pluginDir, spaced, { recursive: true });
  // default mode: the shell line runs only because of the command's allowed-tools.
  const { result, api } = await oneShot(sb, repo, '/context-sync:sync-status', [{ text: 'Here is the status.' }], ['--permission-mode', 'default'], spaced);
  assert.equal(result.is_error, false, JSON.stringify(result));
  assert.equal(api.mainRequests.length, 1, `the model was asked once: ${result.result}`);
  const seen = commandTurn(api);
  assert.match(seen, /SESSION\s+PROJECT\s+BRANCH\s+STATE\s+AGE\s+CONFLICTS\s+UNREAD\s+TASK/, 'the status table reached the model');
  // The CLI, run from the command's shell line, knew which session called it.
  assert.match(seen, new RegExp(`${result.session_id.slice(0, 8)}[^\\\\]*\\(you\\)`), 'the caller is marked');
  assert.ok(!seen.includes('\\u001b['), 'no colour codes when not on a terminal');
});

test('sync-conflicts, sync-resolve, sync-send and sync-inbox in two live sessions (plugin path with a space)', async () => {
  const sb = new Sandbox();
  // Delivery at the next prompt, on both paths: the hooks module would otherwise wake the idle
  // recipient at once (test/e2e/module.test.ts covers that).
  sb.config({ messages: { wakeIdle: 'never' } });
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const file = join(repo, 'src/math.ts');
  const spaced = join(sb.root, 'my plugins', 'context-sync');
  cpSync(pluginDir, spaced, { recursive: true });
  const [A, B] = [new Session(sb, repo, { pluginDir: spaced }), new Session(sb, repo, { pluginDir: spaced })];
  await Promise.all([A.start(), B.start()]);
  try {
    await A.prompt('log inside add', edit(file, '  return a + b;', '  console.log(a, b);\n  return a + b;'), { text: 'ok' });
    await B.prompt('make add null-safe', edit(file, '  return a + b;', '  return (a ?? 0) + (b ?? 0);'), { text: 'ok' });

    await B.prompt('/context-sync:sync-conflicts', { text: 'One conflict.' });
    let seen = commandTurn(B.api);
    assert.ok(seen.includes('src/math.ts'), `B's conflict listed: ${seen}`);
    assert.ok(seen.includes(A.sessionId.slice(0, 8)), 'naming the other session');

    await B.prompt('/context-sync:sync-resolve src/math.ts', { text: 'Marked.' });
    assert.ok(commandTurn(B.api).includes('Marked handled: src/math.ts'), commandTurn(B.api));
    await B.prompt('/context-sync:sync-conflicts', { text: 'None.' });
    assert.ok(commandTurn(B.api).includes('No conflicts'), `resolved: ${commandTurn(B.api)}`);

    // Quotes, $( ) and backticks in a message stay text: the arguments never pass through a shell.
    const text = `don't touch "add" $(touch pwned) \`id\`; I'm on it`;
    await B.prompt(`/context-sync:sync-send ${A.sessionId.slice(0, 8)} ${text}`, { text: 'Sent.' });
    seen = commandTurn(B.api);
    assert.match(seen, /Message \S+ delivered to /, `delivery confirmed: ${seen}`);
    assert.ok(seen.includes(A.sessionId.slice(0, 8)));
    assert.ok(!existsSync(join(repo, 'pwned')), 'nothing in the message was run');

    await A.prompt('/context-sync:sync-inbox', { text: 'One message.' });
    assert.ok(timesSeen(A.api, JSON.stringify(text).slice(1, -1)) >= 1, `A's model saw the message verbatim: ${commandTurn(A.api)}`);
    assert.ok(commandTurn(A.api).includes(`from ${B.sessionId.slice(0, 8)}`), commandTurn(A.api));
    // Shown is delivered (by the inbox, or by the prompt hook just before it): never injected again.
    const shown = timesSeen(A.api, "don't touch");
    await A.prompt('anything else?', { text: 'no' });
    assert.equal(timesSeen(A.api, "don't touch"), shown);
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});
