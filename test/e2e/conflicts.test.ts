// Two and three real sessions editing one repository: who is told what, and when.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, Session, git, cliBundle } from '../harness/claude.js';
import { spawnSync } from 'node:child_process';
import { timesSeen } from '../harness/assert-seen.js';

const MATH = `export function add(a: number, b: number): number {
  return a + b;
}

export function sub(a: number, b: number): number {
  return a - b;
}
`;

const edit = (file: string, old_string: string, new_string: string) => ({ tool: 'Edit', input: { file_path: file, old_string, new_string } });

/**
 * A repository with src/math.ts and live sessions in it, closed afterwards whatever happens. `where`
 * names each session's folder: 'repo', or 'feature' for a second worktree on branch feature.
 */
async function withSessions(
  where: ['repo' | 'feature', 'repo' | 'feature'],
  body: (w: { sb: Sandbox; repo: string; wt: string; file: string; sessions: [Session, Session] }) => Promise<void>,
  setup: (repo: string) => void = () => {},
): Promise<void> {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  setup(repo);
  const wt = join(sb.root, 'proj-feature');
  if (where.includes('feature')) git(repo, 'worktree', 'add', '-q', '-b', 'feature', wt);
  const sessions = where.map((w) => new Session(sb, w === 'repo' ? repo : wt));
  await Promise.all(sessions.map((x) => x.start()));
  try {
    await body({ sb, repo, wt, file: join(repo, 'src/math.ts'), sessions: [sessions[0]!, sessions[1]!] });
  } finally {
    await Promise.all(sessions.map((x) => x.close()));
  }
}

test('same function: the second editor is told at once, the first at its next prompt, each exactly once; a third on another function gets a notice', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const file = join(repo, 'src/math.ts');
  const [A, B, C] = [new Session(sb, repo), new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start(), C.start()]);
  try {
    await A.prompt('log inside add', edit(file, '  return a + b;', '  console.log(a, b);\n  return a + b;'), { text: 'ok' });
    await B.prompt('make add null-safe', edit(file, '  return a + b;', '  return (a ?? 0) + (b ?? 0);'), { text: 'ok' });
    // B's model saw the conflict in the result of its own edit, naming the symbol and A.
    assert.equal(timesSeen(B.api, `CONFLICT in src/math.ts: \`add\` was also edited by session ${A.sessionId.slice(0, 8)}`), 1);
    // A learns at its next prompt, once; another prompt does not repeat it.
    await A.prompt('what next?', { text: 'ok' });
    assert.equal(timesSeen(A.api, `CONFLICT in src/math.ts: \`add\` was also edited by session ${B.sessionId.slice(0, 8)}`), 1);
    await A.prompt('and now?', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT in src/math.ts: `add`'), 1);
    // C edits sub(): a notice, not a conflict.
    await C.prompt('tweak sub', edit(file, '  return a - b;', '  return a - b; // checked'), { text: 'ok' });
    assert.equal(timesSeen(C.api, 'CONFLICT'), 0);
    assert.ok(timesSeen(C.api, 'also edits src/math.ts') >= 1);
  } finally {
    await Promise.all([A.close(), B.close(), C.close()]);
  }
});

test('after the other session exits, or is killed, no one is warned about it any more', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const file = join(repo, 'src/math.ts');
  const [A, K, B] = [new Session(sb, repo), new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), K.start(), B.start()]);
  try {
    await A.prompt('edit add', edit(file, '  return a + b;', '  return b + a;'), { text: 'ok' });
    await K.prompt('edit sub', edit(file, '  return a - b;', '  return -(b - a);'), { text: 'ok' });
    await A.close();
    await K.kill();
    await B.prompt('edit add and sub', edit(file, '  return b + a;', '  return a + b + 0;'), edit(file, '  return -(b - a);', '  return a - b - 0;'), { text: 'ok' });
    assert.equal(timesSeen(B.api, 'CONFLICT'), 0);
    assert.equal(timesSeen(B.api, 'also edits'), 0);
  } finally {
    await Promise.all([B.close(), A.close(), K.close()]);
  }
});

test('a session in a second worktree editing the same file gets a merge-risk alert', () =>
  withSessions(['repo', 'feature'], async ({ sb, repo, wt, sessions: [A, W] }) => {
    await A.prompt('edit add', edit(join(repo, 'src/math.ts'), '  return a + b;', '  return b + a;'), { text: 'ok' });
    await W.prompt('edit add too', edit(join(wt, 'src/math.ts'), '  return a + b;', '  return a + b + 1;'), { text: 'ok' });
    assert.equal(timesSeen(W.api, 'MERGE RISK in src/math.ts'), 1);
    assert.ok(timesSeen(W.api, 'branch main') >= 1);
    // Said with what a trial merge of both worktrees shows: the same line changed both ways.
    assert.equal(timesSeen(W.api, 'a trial merge (git merge-tree) CONFLICTS in this file at line'), 1);
    // The same prediction from a terminal in the feature worktree.
    const r = spawnSync(process.execPath, [cliBundle, 'conflicts', '--json'], { cwd: wt, encoding: 'utf8', env: sb.env('http://127.0.0.1:9') });
    const out = JSON.parse(r.stdout);
    assert.equal(out.predictions.length, 1);
    assert.equal(out.predictions[0].clean, false);
    assert.deepEqual(out.predictions[0].files.map((f: any) => f.file), ['src/math.ts']);
  }));

test('with onConflict: block, the second edit of the same function is denied and the file is unchanged', () =>
  withSessions(
    ['repo', 'repo'],
    async ({ file, sessions: [A, B] }) => {
      await A.prompt('edit add', edit(file, '  return a + b;', '  return b + a;'), { text: 'ok' });
      const before = readFileSync(file, 'utf8');
      await B.prompt('edit add', edit(file, '  return b + a;', '  return 42;'), { text: 'ok' });
      assert.equal(readFileSync(file, 'utf8'), before, 'the edit did not happen');
      assert.ok(timesSeen(B.api, 'blocked by context-sync') >= 1);
    },
    (repo) => {
      mkdirSync(join(repo, '.claude'), { recursive: true });
      writeFileSync(join(repo, '.claude', 'context-sync.json'), JSON.stringify({ onConflict: 'block' }));
    },
  ));

test('once the first session commits its edit, the second one editing the same function is not warned', () =>
  withSessions(
    ['repo', 'repo'],
    async ({ repo, file, sessions: [A, B] }) => {
      await A.prompt('edit add', edit(file, '  return a + b;', '  return b + a;'), { text: 'ok' });
      git(repo, 'commit', '-qam', 'A: swap');
      await B.prompt('edit add', edit(file, '  return b + a;', '  return a + b;'), { text: 'ok' });
      assert.equal(timesSeen(B.api, 'CONFLICT'), 0);
    },
  ));

test('/clear carries the records over to the new session id: the uncommitted work is still there', () =>
  withSessions(
    ['repo', 'repo'],
    async ({ file, sessions: [A, B] }) => {
      await A.prompt('edit add', edit(file, '  return a + b;', '  return b + a;'), { text: 'ok' });
      const before = A.sessionId;
      await A.prompt('/clear');
      await A.prompt('fresh start', { text: 'ok' });
      assert.notEqual(A.sessionId, before, 'a new session id after /clear');
      await B.prompt('edit add', edit(file, '  return b + a;', '  return a + b + 1;'), { text: 'ok' });
      assert.equal(timesSeen(B.api, `\`add\` was also edited by session ${A.sessionId.slice(0, 8)}`), 1);
    },
  ));

test('same file in two worktrees, different functions: the merge-risk alert says the trial merge is clean', () =>
  withSessions(['repo', 'feature'], async ({ repo, wt, sessions: [A, W] }) => {
    await A.prompt('edit add', edit(join(repo, 'src/math.ts'), '  return a + b;', '  return b + a;'), { text: 'ok' });
    await W.prompt('edit sub', edit(join(wt, 'src/math.ts'), '  return a - b;', '  return -(b - a);'), { text: 'ok' });
    assert.equal(timesSeen(W.api, 'MERGE RISK in src/math.ts'), 1);
    assert.equal(timesSeen(W.api, 'a trial merge of both worktrees (git merge-tree) is clean for now'), 1);
  }));

test('a session on the hooks module and one on the classic hooks (CONTEXT_SYNC_MOD=0) see the same conflict the same way, each once, each edit recorded once', async (t) => {
  if (process.env.E2E_NO_MODS === '1') return t.skip('this client loads no hooks module');
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const file = join(repo, 'src/math.ts');
  const A = new Session(sb, repo, { env: { CONTEXT_SYNC_MOD: '1' } });
  const B = new Session(sb, repo, { env: { CONTEXT_SYNC_MOD: '0' } });
  await Promise.all([A.start(), B.start()]);
  let aPid: number | undefined;
  let bPid: number | undefined;
  try {
    await A.prompt('log inside add', edit(file, '  return a + b;', '  console.log(a, b);\n  return a + b;'), { text: 'ok' });
    await B.prompt('make add null-safe', edit(file, '  return a + b;', '  return (a ?? 0) + (b ?? 0);'), { text: 'ok' });
    [aPid, bPid] = [A.pid, B.pid];
    assert.equal(timesSeen(B.api, `CONFLICT in src/math.ts: \`add\` was also edited by session ${A.sessionId.slice(0, 8)}`), 1);
    await A.prompt('what next?', { text: 'ok' });
    assert.equal(timesSeen(A.api, `CONFLICT in src/math.ts: \`add\` was also edited by session ${B.sessionId.slice(0, 8)}`), 1);
    await A.prompt('and now?', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT in src/math.ts'), 1);
    // One record per edit: no event was handled by both paths.
    const project = readdirSync(join(sb.store, 'projects'))[0]!;
    for (const s of [A, B]) {
      const recs = readFileSync(join(sb.store, 'projects', project, 'sessions', s.sessionId, 'files', readdirSync(join(sb.store, 'projects', project, 'sessions', s.sessionId, 'files'))[0]!), 'utf8');
      assert.equal(recs.trim().split('\n').length, 1, `${s === A ? 'A' : 'B'} records: ${recs}`);
    }
    assert.ok(existsSync(join(sb.store, 'mod', String(aPid))), 'A runs the module');
    assert.ok(!existsSync(join(sb.store, 'mod', String(bPid))), 'B does not');
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
  // A's server answered A's module; B's hooks never asked B's server.
  const log = readFileSync(join(sb.store, 'log', 'context-sync.log'), 'utf8');
  assert.match(log, new RegExp(`hooks module: answered \\d+ hook calls .* for Claude Code process ${aPid}\\b`));
  assert.doesNotMatch(log, new RegExp(`for Claude Code process ${bPid}\\b`));
});

