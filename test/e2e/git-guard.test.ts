// Git-level protection between real sessions: one session's git command must not take another's
// uncommitted work with it; worktrees learn about merge conflicts before they merge.
// In -p an `ask` acts as a deny: these tests see the command stopped and the reason reach the model;
// test/hooks/git-guard.test.ts tells ask from deny.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, Session, git } from '../harness/claude.js';
import { timesSeen, toolResultText } from '../harness/assert-seen.js';
import { THREE_FUNCTIONS } from '../harness/sources.js';

const FILES = {
  'src/a.ts': 'export const a = 1;\n',
  'src/b.ts': 'export const b = 1;\n',
};

const edit = (file: string, old_string: string, new_string: string) => ({ tool: 'Edit', input: { file_path: file, old_string, new_string } });
const bash = (command: string) => ({ tool: 'Bash', input: { command, description: 'run git' } });
const PREDICT = 'mcp__plugin_context-sync_sync__predict_merge_conflicts';

test('git stash by B while A has an uncommitted edit is stopped with the reason; A\'s edit stays; stashing B\'s own file passes', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', FILES);
  const [A, B] = [new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start()]);
  try {
    await A.prompt('bump a', edit(join(repo, 'src/a.ts'), 'export const a = 1;', 'export const a = 2;'), { text: 'ok' });
    await B.prompt('bump b', edit(join(repo, 'src/b.ts'), 'export const b = 1;', 'export const b = 2;'), { text: 'ok' });

    await B.prompt('clean up', bash('git stash'), { text: 'ok' });
    const result = toolResultText(B.api, 'Bash') ?? '';
    assert.match(result, /`git stash` stashes every uncommitted change in the checkout/);
    assert.match(result, new RegExp(`src/a\\.ts \\(session ${A.sessionId.slice(0, 8)}\\)`));
    assert.match(result, /Safer: stash only your own files/);
    assert.equal(readFileSync(join(repo, 'src/a.ts'), 'utf8'), 'export const a = 2;\n', "A's edit is still in the working tree");
    assert.equal(git(repo, 'stash', 'list'), '');

    await B.prompt('stash only mine', bash('git stash -- src/b.ts'), { text: 'ok' });
    assert.doesNotMatch(toolResultText(B.api, 'Bash') ?? '', /context-sync/);
    assert.equal(git(repo, 'stash', 'list').split('\n').filter(Boolean).length, 1, 'the stash happened');
    assert.equal(readFileSync(join(repo, 'src/b.ts'), 'utf8'), FILES['src/b.ts']);
    assert.equal(readFileSync(join(repo, 'src/a.ts'), 'utf8'), 'export const a = 2;\n');
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});

test('git add -A && git commit by B while A has uncommitted edits is stopped with the alternative; nothing is committed', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', FILES);
  const [A, B] = [new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start()]);
  try {
    await A.prompt('bump a', edit(join(repo, 'src/a.ts'), 'export const a = 1;', 'export const a = 2;'), { text: 'ok' });
    await B.prompt('bump b', edit(join(repo, 'src/b.ts'), 'export const b = 1;', 'export const b = 2;'), { text: 'ok' });
    const head = git(repo, 'rev-parse', 'HEAD');
    await B.prompt('commit', bash('git add -A && git commit -m x'), { text: 'ok' });
    const result = toolResultText(B.api, 'Bash') ?? '';
    assert.match(result, /stages every change in the checkout/);
    assert.match(result, /stage only your own files: git add <your files>/);
    assert.match(result, /Your own uncommitted files: src\/b\.ts/);
    assert.equal(git(repo, 'rev-parse', 'HEAD'), head, 'nothing was committed');
    assert.equal(git(repo, 'diff', '--cached', '--name-only'), '', 'nothing was staged');
    // Committing only its own file by path goes through.
    await B.prompt('commit mine', bash('git add src/b.ts && git commit -q -m b -- src/b.ts'), { text: 'ok' });
    assert.notEqual(git(repo, 'rev-parse', 'HEAD'), head);
    assert.equal(git(repo, 'show', '--name-only', '--format=', 'HEAD').trim(), 'src/b.ts');
    assert.equal(timesSeen(B.api, 'stages every change'), 1);
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
});

test('predict_merge_conflicts between two worktrees: conflicting edits of one function are reported with the hunk; non-overlapping ones are not', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/math.ts': THREE_FUNCTIONS });
  const wt = join(sb.root, 'proj-feature');
  git(repo, 'worktree', 'add', '-q', '-b', 'feature', wt);
  const A = new Session(sb, repo);
  const W = new Session(sb, wt);
  await Promise.all([A.start(), W.start()]);
  try {
    await A.prompt('edit add', edit(join(repo, 'src/math.ts'), '  return a + b;', '  return a + b + 0;'), { text: 'ok' });
    await W.prompt('edit add too', edit(join(wt, 'src/math.ts'), '  return a + b;', '  return Number(a) + Number(b);'), { text: 'ok' });
    const statusBefore = [git(repo, 'status', '--porcelain'), git(wt, 'status', '--porcelain')];
    await W.prompt('will we conflict?', { tool: PREDICT, input: {} }, { text: 'ok' });
    // The model is given the tool's structured result.
    const seen = JSON.parse(toolResultText(W.api, PREDICT) ?? '{}');
    assert.match(seen.summary, new RegExp(`session ${A.sessionId.slice(0, 8)}.*1 file\\(s\\) would conflict: src/math\\.ts`));
    const [cmp] = seen.comparisons;
    assert.equal(cmp.worktree, repo);
    assert.deepEqual(cmp.conflicts.map((c: any) => [c.file, c.kinds]), [['src/math.ts', ['contents']]]);
    assert.deepEqual(cmp.conflicts[0].hunks, [{ line: 2, yours: ['  return Number(a) + Number(b);'], base: ['  return a + b;'], theirs: ['  return a + b + 0;'] }]);
    assert.deepEqual([git(repo, 'status', '--porcelain'), git(wt, 'status', '--porcelain')], statusBefore);

    // A moves its edit to sub(): the two no longer overlap.
    writeFileSync(join(repo, 'src/math.ts'), THREE_FUNCTIONS.replace('  return a - b;', '  return -(b - a);'));
    await W.prompt('and now?', { tool: PREDICT, input: {} }, { text: 'ok' });
    const clean = JSON.parse(toolResultText(W.api, PREDICT) ?? '{}');
    assert.match(clean.summary, /merges cleanly with your work/);
    assert.equal(clean.comparisons[0].clean, true);
    assert.deepEqual(clean.comparisons[0].conflicts, []);
  } finally {
    await Promise.all([A.close(), W.close()]);
  }
});
