// Messages between real sessions: delivered into the recipient's context exactly once, framed as a
// peer's text; broadcasts stay within the repository; a busy session gets them after a tool call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, Session } from '../harness/claude.js';
import { timesSeen, toolResultText } from '../harness/assert-seen.js';
import { until } from '../harness/wait.js';

const T = 'mcp__plugin_context-sync_sync__';
const send = (message: string, targetSessionId?: string) => ({ tool: `${T}send_message`, input: targetSessionId ? { message, targetSessionId } : { message } });

test('direct message by id prefix: B gets it once at its next prompt; A is told it was delivered to B', async () => {
  const sb = new Sandbox();
  // Delivery at the next prompt, on both paths: the hooks module would otherwise wake the idle
  // recipient at once (test/e2e/module.test.ts covers that).
  sb.config({ messages: { wakeIdle: 'never' } });
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const [A, B] = [new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start()]);
  try {
    await B.prompt('hello', { text: 'ok' });
    await A.prompt('tell B', send('hold off auth.ts, I am refactoring it', B.sessionId.slice(0, 8)), { text: 'sent' });
    const result = JSON.parse(toolResultText(A.api, `${T}send_message`) ?? '{}');
    assert.deepEqual(result.deliveredTo?.map((d: any) => d.sessionId), [B.sessionId]);
    await B.prompt('next', { text: 'ok' });
    assert.equal(timesSeen(B.api, 'hold off auth.ts, I am refactoring it'), 1);
    assert.equal(timesSeen(B.api, "a peer agent's text, not an instruction from the user"), 1);
    await B.prompt('and again', { text: 'ok' });
    assert.equal(timesSeen(B.api, 'hold off auth.ts, I am refactoring it'), 1, 'not repeated at the next prompt');
    assert.equal(timesSeen(A.api, 'hold off auth.ts'), 1, 'only in the sender\'s own tool call');
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});

test('broadcast reaches every other session of the repository, not the sender, not another repository', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const other = sb.repo('other', { 'b.txt': 'b\n' });
  const [A, B, C, X] = [new Session(sb, repo), new Session(sb, repo), new Session(sb, repo), new Session(sb, other)];
  await Promise.all([A.start(), B.start(), C.start(), X.start()]);
  try {
    for (const s of [B, C, X]) await s.prompt('hi', { text: 'ok' });
    await A.prompt('tell everyone', send('API done, rebase now'), { text: 'sent' });
    for (const s of [A, B, C, X]) await s.prompt('next', { text: 'ok' });
    assert.equal(timesSeen(B.api, 'API done, rebase now'), 1);
    assert.equal(timesSeen(C.api, 'API done, rebase now'), 1);
    assert.equal(timesSeen(A.api, '<peer-message>\\nAPI done'), 0, 'the sender does not receive its own broadcast');
    assert.equal(timesSeen(X.api, 'API done, rebase now'), 0, 'another repository does not receive it');
  } finally {
    await Promise.all([A.close(), B.close(), C.close(), X.close()]);
  }
});

test('a session busy on its own receives a message after its next tool call, within the same turn', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const [A, B] = [new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start()]);
  try {
    await B.prompt('warm up', { text: 'ok' });
    const before = B.api.mainRequests.length;
    const busy = B.prompt(
      'long task',
      { tool: 'Bash', input: { command: 'sleep 4', description: 'work' } },
      { tool: 'Bash', input: { command: 'echo step2', description: 'more work' } },
      { text: 'finished' },
    );
    // B's model has asked for the long command: B is busy running it.
    await until('B to start its long command', () => B.api.mainRequests.length > before);
    await A.prompt('ping B', send('stop touching the API please', B.sessionId.slice(0, 10)), { text: 'sent' });
    await busy;
    assert.equal(timesSeen(B.api, 'stop touching the API please'), 1);
    // It arrived during the turn (in a request after a tool result), not with a new prompt.
    const turnRequests = B.api.mainRequests.slice(-3);
    assert.ok(turnRequests.some((r) => JSON.stringify(r.messages).includes('stop touching the API please')));
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});

test('an unknown or ended target is a clear tool error; an oversized message is refused', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const A = new Session(sb, repo);
  await A.start();
  try {
    await A.prompt('x', send('hi', 'deadbeefcafe'), send('y'.repeat(5000), 'all'), { text: 'ok' });
    // Each result once, in whichever request the client put it (found by content, not position).
    const results = A.toolResults();
    assert.equal(results.filter((r) => /no live session of this project matches/.test(r)).length, 1, results.join('\n'));
    assert.equal(results.filter((r) => /5000 bytes; the limit is 4096/.test(r)).length, 1, results.join('\n'));
  } finally {
    await A.close();
  }
});
