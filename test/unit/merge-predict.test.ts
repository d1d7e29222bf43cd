// Reading git merge-tree's output and the conflict regions of a file: pure parsing, no git run
// (the predictions on real worktrees are in test/store/merge-predict.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conflictHunks, parseMergeTree, predictedConflicts } from '../../src/sync/merge-predict.js';

test('parseMergeTree reads conflicted file info and informational messages of -z output', () => {
  const out = [
    'b5f0cc',
    '100644 f9d9 1\tf.txt',
    '100644 c463 2\tf.txt',
    '100644 35a5 3\tf.txt',
    '100644 587b 1\tg.txt',
    '100644 975f 3\tg.txt',
    '',
    '1', 'f.txt', 'Auto-merging', 'Auto-merging f.txt\n',
    '1', 'f.txt', 'CONFLICT (contents)', 'CONFLICT (content): Merge conflict in f.txt\n',
    '1', 'g.txt', 'CONFLICT (modify/delete)', 'CONFLICT (modify/delete): g.txt deleted in main and modified in o.\n',
    '',
  ].join('\0');
  const p = parseMergeTree(out);
  assert.equal(p.tree, 'b5f0cc');
  assert.deepEqual(p.conflicted, ['f.txt', 'g.txt']);
  assert.equal(p.messages.length, 3);
  assert.deepEqual(p.messages[1], { paths: ['f.txt'], type: 'CONFLICT (contents)', message: 'CONFLICT (content): Merge conflict in f.txt' });
  const c = predictedConflicts(p, (f) => (f === 'f.txt' ? 'a\n<<<<<<< x\nB1\n||||||| base\nb\n=======\nB2\n>>>>>>> y\nc\n' : undefined));
  assert.deepEqual(c.map((x) => [x.file, x.kinds]), [['f.txt', ['contents']], ['g.txt', ['modify/delete']]]);
  assert.deepEqual(c[0]!.hunks, [{ line: 2, ours: ['B1'], base: ['b'], theirs: ['B2'] }]);
  assert.deepEqual(c[1]!.hunks, []);
});

test('a clean merge-tree output has no conflicts', () => {
  const p = parseMergeTree('abc123\0');
  assert.deepEqual(p, { tree: 'abc123', conflicted: [], messages: [] });
});

test('conflictHunks: several regions, without a base, and an unterminated marker is not a region', () => {
  const text = ['x', '<<<<<<< ours', 'a', 'b', '=======', 'c', '>>>>>>> theirs', 'y', '<<<<<<< ours', '=======', 'd', '>>>>>>> theirs', '<<<<<<< dangling', 'z'].join('\n');
  assert.deepEqual(conflictHunks(text), [
    { line: 2, ours: ['a', 'b'], theirs: ['c'] },
    { line: 9, ours: [], theirs: ['d'] },
  ]);
  // `=======` inside ordinary text without an opening marker is nothing.
  assert.deepEqual(conflictHunks('a\n=======\nb\n'), []);
});

// ---- against real git -----------------------------------------------------------------------------
