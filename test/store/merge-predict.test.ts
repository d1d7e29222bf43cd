// Merge predictions on real worktrees (git runs in temp dirs): what would conflict is reported, and
// nothing in either checkout is touched. The parsing of git's output is tested in test/unit/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predictMerge } from '../../src/sync/merge-predict.js';
import { THREE_FUNCTIONS } from '../harness/sources.js';

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_OPTIONAL_LOCKS: '0' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function twoWorktrees(): { main: string; feature: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-merge-')));
  const main = join(root, 'proj');
  mkdirSync(join(main, 'src'), { recursive: true });
  writeFileSync(join(main, 'src/math.ts'), THREE_FUNCTIONS);
  writeFileSync(join(main, 'README.md'), 'hello\n');
  git(main, 'init', '-q', '-b', 'main');
  git(main, 'add', '-A');
  git(main, 'commit', '-qm', 'init');
  const feature = join(root, 'proj-feature');
  git(main, 'worktree', 'add', '-q', '-b', 'feature', feature);
  return { main, feature };
}

/** Everything a prediction must leave alone: status, the index file, HEAD, refs, stash. */
function untouched(wt: string): string {
  const index = git(wt, 'rev-parse', '--git-path', 'index').trim();
  const st = statSync(index.startsWith('/') ? index : join(wt, index));
  const indexBytes = readFileSync(index.startsWith('/') ? index : join(wt, index)).toString('base64');
  // (git here runs with GIT_OPTIONAL_LOCKS=0: a status must not refresh the index it checks)
  return [git(wt, 'status', '--porcelain=v1', '--untracked-files=all'), git(wt, 'rev-parse', 'HEAD'), git(wt, 'for-each-ref'), git(wt, 'stash', 'list'), st.mtimeMs, indexBytes, readFileSync(join(wt, 'src/math.ts'), 'utf8')].join('|');
}

test('uncommitted conflicting edits to one function in two worktrees: the file and the hunk are reported, nothing is touched', async () => {
  const { main, feature } = twoWorktrees();
  writeFileSync(join(main, 'src/math.ts'), THREE_FUNCTIONS.replace('  return a + b;', '  return a + b + 0;'));
  writeFileSync(join(feature, 'src/math.ts'), THREE_FUNCTIONS.replace('  return a + b;', '  return Number(a) + Number(b);'));
  git(feature, 'add', 'src/math.ts'); // staged on one side, unstaged on the other: both count
  writeFileSync(join(feature, 'NEW.md'), 'untracked work\n');
  const before = [untouched(main), untouched(feature)];
  const m = await predictMerge(main, feature);
  assert.deepEqual([untouched(main), untouched(feature)], before);
  assert.equal(m.clean, false);
  assert.equal(m.ours.dirty, true);
  assert.equal(m.theirs.dirty, true);
  assert.deepEqual(m.conflicts.map((c) => c.file), ['src/math.ts']);
  const [h] = m.conflicts[0]!.hunks;
  assert.deepEqual(h, { line: 2, ours: ['  return a + b + 0;'], base: ['  return a + b;'], theirs: ['  return Number(a) + Number(b);'] });
});

test('non-overlapping edits to the same file, committed on one side and uncommitted on the other: no conflict', async () => {
  const { main, feature } = twoWorktrees();
  writeFileSync(join(main, 'src/math.ts'), THREE_FUNCTIONS.replace('  return a + b;', '  return b + a;'));
  writeFileSync(join(feature, 'src/math.ts'), THREE_FUNCTIONS.replace('  return a - b;', '  return -(b - a);'));
  git(feature, 'commit', '-qam', 'feature: sub');
  const m = await predictMerge(main, feature);
  assert.equal(m.clean, true);
  assert.deepEqual(m.conflicts, []);
});

test('an add/add of a new untracked file with different contents is a conflict', async () => {
  const { main, feature } = twoWorktrees();
  writeFileSync(join(main, 'src/new.ts'), 'export const x = 1;\n');
  writeFileSync(join(feature, 'src/new.ts'), 'export const x = 2;\n');
  const m = await predictMerge(main, feature);
  assert.deepEqual(m.conflicts.map((c) => [c.file, c.kinds]), [['src/new.ts', ['contents']]]);
  assert.match(m.conflicts[0]!.messages[0]!, /CONFLICT \(add\/add\)/);
  assert.equal(m.conflicts[0]!.hunks.length, 1);
});

test('an edit of the same size made in the second the index was written is seen (git\'s racy-clean check survives the copied index)', async () => {
  const { main, feature } = twoWorktrees();
  // ctime is left out of git's stat check here: the race is about mtime and size, and ctime would
  // give the edit away whenever the steps below straddle a second.
  git(main, 'config', 'core.trustctime', 'false');
  const file = join(main, 'src/math.ts');
  const index = join(main, '.git', 'index');
  // The index is written in second T with the file's stat as of T (a `git status` refreshes it so);
  // the model's edit lands in that same second and keeps the size (`a + b` -> `b + a`).
  const T = Math.floor(Date.now() / 1000) - 60;
  utimesSync(file, T, T);
  git(main, 'update-index', '--refresh');
  utimesSync(index, T, T);
  writeFileSync(file, THREE_FUNCTIONS.replace('  return a + b;', '  return b + a;'));
  utimesSync(file, T, T);
  assert.match(git(main, 'status', '--porcelain'), /M src\/math\.ts/, 'git itself sees the edit (its index is racy)');
  writeFileSync(join(feature, 'src/math.ts'), THREE_FUNCTIONS.replace('  return a + b;', '  return a + b + 1;'));
  const m = await predictMerge(main, feature);
  assert.equal(m.ours.dirty, true, 'the snapshot holds the uncommitted edit');
  assert.deepEqual(m.conflicts.map((c) => c.file), ['src/math.ts'], 'both sides changed the same line');
});
