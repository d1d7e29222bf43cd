// team.shareDiffs without Redis: what one machine's relay publishes of a file's uncommitted hunks,
// the checks another machine makes of them, and the trial merge it runs against them, on two real
// clones of one repository (the two machines' checkouts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predictMergeWithRemote } from '../../src/sync/merge-predict.js';
import { isHunkText, parseRemoteDiffs, type RemoteDiffs } from '../../src/sync/remote-peers.js';
import { fileDiffOf, SharedDiffs } from '../../src/team/share-diffs.js';
import { parseWireSession } from '../../src/team/wire.js';

const CART = ['export class Cart {', '  total() {', '    return 1;', '  }', '  add() {', '    return 2;', '  }', '}', ''].join('\n');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

function twoClones(): [string, string] {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-share-diffs-')));
  const seed = join(base, 'seed');
  mkdirSync(join(seed, 'src'), { recursive: true });
  git(base, 'init', '-q', '-b', 'main', seed);
  writeFileSync(join(seed, 'src', 'cart.ts'), CART);
  writeFileSync(join(seed, 'README.md'), 'app\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '-qm', 'seed');
  const out = ['laptop', 'devbox'].map((name) => {
    const dir = join(base, name);
    git(base, 'clone', '-q', seed, dir);
    return dir;
  });
  return out as [string, string];
}

const head = (repo: string) => git(repo, 'rev-parse', 'HEAD').trim();
const change = (repo: string, from: string, to: string) => {
  const path = join(repo, 'src', 'cart.ts');
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
};
const published = async (repo: string, files = ['src/cart.ts']) => (await new SharedDiffs().of(repo, head(repo), files))!;

test('a remote session\'s shared hunks: the same line changed on both machines is predicted to conflict, other functions merge cleanly', async () => {
  const [laptop, devbox] = twoClones();
  change(laptop, '    return 1;', '    return 10;');
  const diffs = await published(laptop);
  assert.deepEqual(diffs.files.map((f) => f.file), ['src/cart.ts']);
  assert.ok(diffs.files[0]!.hunks.startsWith('@@ -') && !diffs.files[0]!.hunks.includes(laptop), 'hunks only: no file header, no local path');
  // What crosses the wire is what the receiver accepts.
  assert.deepEqual(parseRemoteDiffs(JSON.parse(JSON.stringify(diffs))), diffs);

  change(devbox, '    return 1;', '    return 100;');
  const clash = await predictMergeWithRemote(devbox, diffs);
  assert.deepEqual(clash.applied, ['src/cart.ts']);
  assert.deepEqual(clash.conflicts.map((c) => c.file), ['src/cart.ts']);
  const hunk = clash.conflicts[0]!.hunks[0]!;
  assert.deepEqual([hunk.ours, hunk.theirs], [['    return 100;'], ['    return 10;']]);
  assert.equal(readFileSync(join(devbox, 'src', 'cart.ts'), 'utf8').includes('return 100'), true, 'nothing of this worktree touched');
  assert.equal(git(devbox, 'status', '--porcelain'), ' M src/cart.ts\n');

  change(devbox, '    return 100;', '    return 1;');
  change(devbox, '    return 2;', '    return 20;');
  const clean = await predictMergeWithRemote(devbox, diffs);
  assert.equal(clean.clean, true);
  assert.deepEqual(clean.conflicts, []);
});

test('shared hunks made on a commit this machine does not have: applied where the file is the same version here, left out where it is not', async () => {
  const [laptop, devbox] = twoClones();
  // The laptop commits without pushing: its HEAD is unknown on the devbox.
  writeFileSync(join(laptop, 'README.md'), 'app, unpushed\n');
  git(laptop, 'commit', '-qam', 'local only');
  change(laptop, '    return 1;', '    return 10;');
  change(devbox, '    return 1;', '    return 100;');
  const diffs = await published(laptop);
  const p = await predictMergeWithRemote(devbox, diffs);
  assert.deepEqual(p.applied, ['src/cart.ts'], 'src/cart.ts is the same blob at both HEADs');
  assert.deepEqual(p.conflicts.map((c) => c.file), ['src/cart.ts']);

  // Now the laptop's unpushed commit changes cart.ts itself: its hunks cannot be placed here.
  git(laptop, 'commit', '-qam', 'cart changed locally');
  change(laptop, '  add() {', '  add(n) {');
  const moved = await published(laptop);
  const q = await predictMergeWithRemote(devbox, moved);
  assert.deepEqual([q.applied, q.skipped], [[], ['src/cart.ts']]);
  assert.deepEqual(q.conflicts, [], 'no conflict is claimed from hunks that were left out');
});

test('only plain text modifications are published, and a hunk cannot smuggle in another file', async () => {
  const [laptop] = twoClones();
  writeFileSync(join(laptop, 'new.ts'), 'export const x = 1;\n');
  git(laptop, 'add', 'new.ts');
  writeFileSync(join(laptop, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 255]));
  git(laptop, 'add', 'blob.bin');
  git(laptop, 'commit', '-qm', 'more');
  writeFileSync(join(laptop, 'blob.bin'), Buffer.from([0, 9, 9, 9, 0, 255]));
  change(laptop, '    return 2;', '    return 3;');
  const diffs = await published(laptop, ['src/cart.ts', 'blob.bin', 'new.ts', 'gone.ts']);
  assert.deepEqual(diffs.files.map((f) => f.file), ['src/cart.ts'], 'binary, unchanged and missing files are left out');
  assert.equal(fileDiffOf('new.ts', 'diff --git a/new.ts b/new.ts\nnew file mode 100644\nindex 0000000000000000000000000000000000000000..1111111111111111111111111111111111111111\n--- /dev/null\n+++ b/new.ts\n@@ -0,0 +1 @@\n+x\n'), undefined);

  const good = diffs.files[0]!;
  assert.equal(isHunkText(good.hunks), true);
  // After its counted lines, a hunk may not go on with what git would read as another file's patch.
  const smuggled = `${good.hunks}--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-app\n+pwned\n`;
  assert.equal(isHunkText(smuggled), false);
  assert.equal(isHunkText('diff --git a/x b/x\n@@ -1 +1 @@\n-a\n+b\n'), false);
  assert.equal(isHunkText('@@ -1,2 +1,2 @@\n-a\n+b\n'), false, 'fewer lines than the header counts');
  const base = JSON.parse(JSON.stringify(diffs)) as RemoteDiffs;
  const bad = (f: Partial<RemoteDiffs['files'][0]>, extra: Partial<RemoteDiffs> = {}) => parseRemoteDiffs({ ...base, ...extra, files: [{ ...good, ...f }] });
  assert.equal(bad({ file: '../outside.ts' }), undefined);
  assert.equal(bad({ file: '/etc/passwd' }), undefined);
  assert.equal(bad({ hunks: smuggled }), undefined);
  assert.equal(bad({ hunks: `@@ -1,1 +1,1 @@\n-a\n+${'x'.repeat(40 * 1024)}\n` }), undefined, 'over the per-file cap');
  assert.equal(bad({ blob: 'HEAD' }), undefined);
  assert.equal(bad({}, { base: 'main; rm -rf /' }), undefined);
  assert.equal(parseRemoteDiffs({ ...base, files: Array.from({ length: 51 }, (_, i) => ({ ...good, file: `f${i}.ts` })) }), undefined, 'too many files');
  // A published session with bad diffs is refused whole, as one with a bad edit is.
  const session = { v: 1, id: 'remote-session', startedAt: 1, edits: [], diffs: { ...base, files: [{ ...good, hunks: smuggled }] } };
  assert.equal(parseWireSession(JSON.stringify(session)).ok, false);
  assert.equal(parseWireSession(JSON.stringify({ ...session, diffs: base })).ok, true);
});
