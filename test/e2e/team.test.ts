// Team mode with the real Claude Code client: two "machines" are two HOMEs (two stores, two machine
// ids) with two clones of one repository (same origin), and one real redis-server between them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, Session, git } from '../harness/claude.js';
import { timesSeen, toolResultText } from '../harness/assert-seen.js';
import { hasRedisServer, RedisServer } from '../harness/redis.js';
import { until } from '../harness/wait.js';

const T = 'mcp__plugin_context-sync_sync__';
const MATH = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport function sub(a: number, b: number): number {\n  return a - b;\n}\n';
const edit = (file: string, old_string: string, new_string: string) => ({ tool: 'Edit', input: { file_path: file, old_string, new_string } });
const skip = hasRedisServer() ? false : 'redis-server is not installed';

/** Whether the machine whose store is `store` has a copy of session `id` with an edit recorded. */
function hasCopyWithEdits(store: string, id: string): boolean {
  const projects = join(store, 'projects');
  if (!existsSync(projects)) return false;
  for (const p of readdirSync(projects)) {
    const remote = join(projects, p, 'remote');
    if (!existsSync(remote)) continue;
    for (const m of readdirSync(remote)) {
      const files = join(remote, m, 'sessions', id, 'files');
      if (existsSync(files) && readdirSync(files).length > 0) return true;
    }
  }
  return false;
}

/** Records cross between machines through the relays and Redis: a deadline of 30 s. */
const untilThere = (what: string, check: () => boolean) => until(what, check, { ms: 30_000, every: 50 });

test('two machines: the same function edited on both is told to both once, a message crosses once, list_sessions names the other machine; Redis killed mid-run loses nothing', { skip, timeout: 240_000 }, async () => {
  const redis = new RedisServer();
  await redis.start();
  const laptop = new Sandbox('ccs-e2e-laptop-');
  const devbox = new Sandbox('ccs-e2e-devbox-');
  const repo1 = laptop.repo('app', { 'src/math.ts': MATH });
  git(repo1, 'remote', 'add', 'origin', 'git@example.com:team/app.git');
  const repo2 = join(devbox.root, 'app');
  git(devbox.root, 'clone', '-q', repo1, repo2);
  git(repo2, 'remote', 'set-url', 'origin', 'https://example.com/team/app.git');
  const env = { CONTEXT_SYNC_TEAM_URL: redis.url };
  const A = new Session(laptop, repo1, { env });
  const B = new Session(devbox, repo2, { env });
  await Promise.all([A.start(), B.start()]);
  try {
    await A.prompt('make add log its inputs', edit(join(repo1, 'src/math.ts'), '  return a + b;', '  console.log(a, b);\n  return a + b;'), { text: 'ok' });
    await untilThere('the devbox has the laptop session and its edit', () => hasCopyWithEdits(devbox.store, A.sessionId));
    await B.prompt('make add null-safe', edit(join(repo2, 'src/math.ts'), '  return a + b;', '  return (a ?? 0) + (b ?? 0);'), { text: 'ok' });
    assert.equal(timesSeen(B.api, 'CONFLICT ACROSS MACHINES in src/math.ts: `add` was also edited by session ' + A.sessionId.slice(0, 8)), 1);
    await untilThere('the laptop has the devbox edit', () => hasCopyWithEdits(laptop.store, B.sessionId));
    await A.prompt('what next?', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT ACROSS MACHINES in src/math.ts: `add` was also edited by session ' + B.sessionId.slice(0, 8)), 1);
    await A.prompt('and now?', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT ACROSS MACHINES'), 1, 'told once on the laptop');
    await B.prompt('and you?', { text: 'ok' });
    assert.equal(timesSeen(B.api, 'CONFLICT ACROSS MACHINES'), 1, 'told once on the devbox');

    // A message from the devbox to the laptop session, by id prefix.
    await B.prompt('tell the laptop', { tool: `${T}send_message`, input: { message: 'I take add(), you take sub()', targetSessionId: A.sessionId.slice(0, 8) } }, { text: 'sent' });
    const sent = JSON.parse(toolResultText(B.api, `${T}send_message`) ?? '{}');
    assert.deepEqual(sent.deliveredTo?.map((d: { sessionId: string }) => d.sessionId), [A.sessionId]);
    await untilThere('the message reaches the laptop inbox', () => {
      const projects = join(laptop.store, 'projects');
      return readdirSync(projects).some((p) => existsSync(join(projects, p, 'sessions', A.sessionId, 'inbox')) && readdirSync(join(projects, p, 'sessions', A.sessionId, 'inbox')).some((f) => f.endsWith('.json')));
    });
    await A.prompt('next', { text: 'ok' });
    await A.prompt('next again', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'I take add(), you take sub()'), 1, 'delivered once');

    // The laptop's model lists sessions: the devbox session, with its machine.
    await A.prompt('who else works here?', { tool: `${T}list_sessions`, input: {} }, { text: 'ok' });
    const listed = toolResultText(A.api, `${T}list_sessions`) ?? '';
    assert.match(listed, new RegExp(`${B.sessionId.slice(0, 8)} \\(on [^,)]+, branch main\\)`));

    // Redis is killed (SIGKILL) mid-run: both keep working locally; a new conflict made while it is
    // down, and a message sent meanwhile, arrive once after it is back (empty: it kept nothing).
    await redis.kill();
    await B.prompt('tweak sub', edit(join(repo2, 'src/math.ts'), '  return a - b;', '  return a - b + 0;'), { tool: `${T}send_message`, input: { message: 'sub() is mine now', targetSessionId: A.sessionId.slice(0, 8) } }, { text: 'ok' });
    await A.prompt('tweak sub too', edit(join(repo1, 'src/math.ts'), '  return a - b;', '  return -(b - a);'), { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT ACROSS MACHINES in src/math.ts: `sub`'), 0, 'nothing crossed while Redis was down');
    await redis.start();
    await untilThere('the laptop has the devbox sub() edit', () => hasCopyWithEdits(laptop.store, B.sessionId) && hasRemoteEditOf(laptop.store, B.sessionId, 'sub'));
    await A.prompt('status?', { text: 'ok' });
    await A.prompt('status again?', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT ACROSS MACHINES in src/math.ts: `sub`'), 1, 'the new remote conflict, once');
    assert.equal(timesSeen(A.api, 'CONFLICT ACROSS MACHINES in src/math.ts: `add`'), 1, 'the old one not again');
    assert.equal(timesSeen(A.api, 'sub() is mine now'), 1, 'the queued message, once');
  } finally {
    await Promise.all([A.close(), B.close()]);
    await redis.stop();
  }
});

/** Whether the copy of session `id` in `store` has an edit of symbol `symbol`. */
function hasRemoteEditOf(store: string, id: string, symbol: string): boolean {
  const projects = join(store, 'projects');
  for (const p of readdirSync(projects)) {
    const remote = join(projects, p, 'remote');
    if (!existsSync(remote)) continue;
    for (const m of readdirSync(remote)) {
      const files = join(remote, m, 'sessions', id, 'files');
      if (!existsSync(files)) continue;
      for (const f of readdirSync(files)) if (readFileSync(join(files, f), 'utf8').includes(`"${symbol}"`)) return true;
    }
  }
  return false;
}
