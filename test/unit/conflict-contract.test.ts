// The conflict contract (docs/conflicts.md) under random streams of edits, prompts, tool calls,
// commits, reverts, resolves, sessions ending, killed or cleared: every hook answer is checked
// against a reference model of the contract. fast-check shrinks a failing stream to a minimal one
// and prints its seed; CONFLICT_SEED=<n> replays it. `npm run bench` runs it at full size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { actionsArb, runStream } from '../harness/conflict-stream.js';

test('randomized streams: every conflict told when due, never twice, never about a closed edit', async () => {
  const seed = process.env.CONFLICT_SEED ? Number(process.env.CONFLICT_SEED) : undefined;
  await fc.assert(
    fc.asyncProperty(actionsArb(80), async (actions) => {
      const tally = await runStream(actions);
      assert.deepEqual(tally.violations, [], `violations:\n${tally.violations.join('\n')}`);
    }),
    { numRuns: 40, seed, endOnFailure: false, interruptAfterTimeLimit: undefined },
  );
});

// The two defects of #16, as the streams a user ran into. Sessions 0..3, file 0, functions f0 (total) and f1 (count).
test('a commit is noticed even when the file was never seen clean before the next edit', async () => {
  const tally = await runStream([
    { kind: 'edit', session: 0, file: 0, fn: 0 }, // A edits total()
    { kind: 'commit', files: [0] }, // and commits
    { kind: 'edit', session: 1, file: 0, fn: 1 }, // B edits count(): nothing at stake
    { kind: 'edit', session: 2, file: 0, fn: 0 }, // C edits total(): A's edit is committed, nothing to tell
  ]);
  assert.deepEqual(tally.violations, []);
  assert.equal(tally.told, 0, 'C is not told that A\'s committed edit is uncommitted');
});

test('the first edit after a commit is open: the next session to edit the same function is told, and so is its author', async () => {
  const tally = await runStream([
    { kind: 'edit', session: 0, file: 0, fn: 0 }, // A edits total()
    { kind: 'commit', files: [0] },
    { kind: 'edit', session: 1, file: 0, fn: 0 }, // B edits total() on the committed file
    { kind: 'edit', session: 2, file: 0, fn: 0 }, // C edits total(): B's edit is open
    { kind: 'prompt', session: 1 }, // B hears of C at its next prompt
  ]);
  assert.deepEqual(tally.violations, []);
  assert.equal(tally.dueTold, 2, 'C at its edit, B at its prompt');
  assert.equal(tally.mirroredTold, 1);
});

// Found by the full-size bench (shrunk), kept as regressions.
test('a commit seen only by an edit of a session that resolved still closes the other side\'s edit', async () => {
  const tally = await runStream([
    { kind: 'edit', session: 1, file: 2, fn: 2 },
    { kind: 'resolve', session: 0, file: 2 },
    { kind: 'commit', files: [2] },
    { kind: 'edit', session: 0, file: 2, fn: 2 }, // nothing at stake for 0 (it resolved), but it saw the commit
    { kind: 'prompt', session: 1 }, // 1's edit was committed: nothing to tell
  ]);
  assert.deepEqual(tally.violations, []);
  assert.equal(tally.told, 0);
});

test('an edit after a resolve wakes the other agent, for which the conflict is new', async () => {
  const tally = await runStream([
    { kind: 'edit', session: 0, file: 0, fn: 0, agent: 1 }, // a subagent edits f0
    { kind: 'resolve', session: 0, file: 0 },
    { kind: 'edit', session: 0, file: 0, fn: 0, agent: 0 }, // the main thread edits f0 after the resolve
    { kind: 'tool', session: 0, agent: 1 }, // the subagent hears of it after its next tool call
  ]);
  assert.deepEqual(tally.violations, []);
  assert.equal(tally.mirroredTold, 1);
});
