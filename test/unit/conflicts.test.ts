import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsForFile, groupFindings, type MyEdits, type PeerEdits } from '../../src/core/conflicts.js';
import type { Observation } from '../../src/core/openness.js';
import type { EditRecord } from '../../src/core/records.js';

const WT = '/repo';
const rec = (session: string, ts: number, symbols: string[] | null, extra: Partial<EditRecord> = {}): EditRecord => ({
  v: 1, ts, session, file: 'src/math.ts', worktree: WT, tool: 'Edit', ranges: [[1, 2]], symbols, toolUseId: `${session}${ts}`, ...extra,
});
const peer = (id: string, edits: EditRecord[], worktree = WT, resolvedAt = 0): PeerEdits => ({ peer: { sessionId: id, label: id, worktree }, edits, resolvedAt });
const mine = (edits: EditRecord[], resolvedAt = 0): MyEdits => ({ sessionId: 'A', file: 'src/math.ts', worktree: WT, edits, resolvedAt });
const seen = (at: number, ...units: string[]): Observation => ({ v: 1, at, file: 'src/math.ts', units });

test('the same symbol edited by a peer is a symbol conflict naming that symbol', () => {
  const f = findingsForFile(mine([rec('A', 20, ['add'])]), [peer('B', [rec('B', 10, ['add', 'sub'])])], []);
  assert.deepEqual(f.map((x) => [x.level, x.symbols]), [['symbol', ['add']]]);
});

test('different symbols in the same file are a notice, not a conflict', () => {
  const f = findingsForFile(mine([rec('A', 20, ['sub'])]), [peer('B', [rec('B', 10, ['add'])])], []);
  assert.deepEqual(f.map((x) => x.level), ['notice']);
});

test('an edit outside every symbol does not conflict with a peer inside one', () => {
  const f = findingsForFile(mine([rec('A', 20, [])]), [peer('B', [rec('B', 10, ['add'])])], []);
  assert.deepEqual(f.map((x) => x.level), ['notice']);
});

test('files whose language is not understood conflict at file level, from either side', () => {
  const mineUnknown = findingsForFile(mine([rec('A', 20, null)]), [peer('B', [rec('B', 10, ['add'])])], []);
  const theirsUnknown = findingsForFile(mine([rec('A', 20, ['add'])]), [peer('B', [rec('B', 10, null)])], []);
  assert.equal(mineUnknown[0]?.level, 'file');
  assert.equal(theirsUnknown[0]?.level, 'file');
});

test('the same path in another worktree is a merge risk', () => {
  const f = findingsForFile(mine([rec('A', 20, ['add'])]), [peer('W', [rec('W', 10, ['add'], { worktree: '/wt2' })], '/wt2')], []);
  assert.deepEqual(f.map((x) => x.level), ['merge-risk']);
});

test('resolved conflicts stay quiet until the peer edits again, then come back under a new key', () => {
  const a = [rec('A', 5, ['add'])];
  const told = findingsForFile(mine(a), [peer('B', [rec('B', 10, ['add'])])], []);
  assert.equal(findingsForFile(mine(a, 20), [peer('B', [rec('B', 10, ['add'])])], []).length, 0);
  const again = findingsForFile(mine(a, 20), [peer('B', [rec('B', 10, ['add']), rec('B', 30, ['add'])])], []);
  assert.equal(again[0]?.level, 'symbol');
  assert.notEqual(again[0]?.key, told[0]?.key, 'a new key, so the model is told again');
});

test('an observation that the symbol agreed with HEAD closes every edit of it made before', () => {
  const peers = [peer('B', [rec('B', 10, ['add'])])];
  assert.equal(findingsForFile(mine([rec('A', 30, ['add'])]), peers, [seen(20, 'add')]).length, 0, 'committed before my edit');
  assert.equal(findingsForFile(mine([rec('A', 30, ['add'])]), peers, [seen(20, 'sub')])[0]?.level, 'symbol', 'another symbol agreeing says nothing of add');
  assert.equal(findingsForFile(mine([rec('A', 30, ['add'])]), peers, [seen(20, '*')]).length, 0, 'the whole file agreeing closes everything');
  assert.equal(findingsForFile(mine([rec('A', 30, null)]), peers, [seen(20, 'add')]).length, 0, 'a closed peer edit leaves nothing to meet');
  assert.equal(findingsForFile(mine([rec('A', 30, ['add'])]), [peer('B', [rec('B', 10, null)])], [seen(20, 'add')])[0]?.level, 'file', 'a whole-file edit closes only with the whole file');
});

test('the edit made right after a commit stays open (the first edit after a commit does not vanish)', () => {
  // A's edit at 30 found the file clean before it (observation at 30): it closes B's edit at 10, not A's own.
  const a30 = rec('A', 30, ['add']);
  const f = findingsForFile({ ...mine([rec('C', 40, ['add'])]), sessionId: 'C' }, [peer('A', [a30]), peer('B', [rec('B', 10, ['add'])])], [seen(30, '*')]);
  assert.deepEqual(f.map((x) => [x.level, x.peer.sessionId]), [['symbol', 'A']]);
});

test('a conflict that ended with a commit and starts again is a new one; one that goes on keeps its key', () => {
  const b = [rec('B', 10, ['add'])];
  const first = findingsForFile(mine([rec('A', 20, ['add'])]), [peer('B', b)], [])[0]!;
  const goesOn = findingsForFile(mine([rec('A', 20, ['add']), rec('A', 40, ['add'])]), [peer('B', [...b, rec('B', 35, ['add'])])], [])[0]!;
  assert.equal(goesOn.key, first.key);
  const anew = findingsForFile(mine([rec('A', 20, ['add']), rec('A', 60, ['add'])]), [peer('B', [...b, rec('B', 55, ['add'])])], [seen(50, '*')])[0]!;
  assert.notEqual(anew.key, first.key);
});

test('the mirrored key is the key the other side computes for the same conflict', () => {
  const a = [rec('A', 10, ['add'])];
  const b = [rec('B', 20, ['add'])];
  const fromA = findingsForFile(mine(a, 0), [peer('B', b, WT, 5)], [])[0]!;
  const fromB = findingsForFile({ sessionId: 'B', file: 'src/math.ts', worktree: WT, edits: b, resolvedAt: 5 }, [peer('A', a, WT, 0)], [])[0]!;
  assert.equal(fromA.mirrorKey, fromB.key);
  assert.equal(fromB.mirrorKey, fromA.key);
  const fileA = findingsForFile(mine([rec('A', 10, null)]), [peer('B', b)], [])[0]!;
  const fileB = findingsForFile({ sessionId: 'B', file: 'src/math.ts', worktree: WT, edits: b, resolvedAt: 0 }, [peer('A', [rec('A', 10, null)])], [])[0]!;
  assert.equal(fileA.level, 'file');
  assert.equal(fileA.mirrorKey, fileB.key);
});

test('grouping merges symbols per peer and file and puts conflicts before notices', () => {
  const p = { sessionId: 'B', label: 'B', worktree: WT };
  const g = groupFindings([
    { level: 'notice', file: 'a.ts', symbols: ['x'], peer: p, key: 'n' },
    { level: 'symbol', file: 'a.ts', symbols: ['f'], peer: p, key: 's1' },
    { level: 'symbol', file: 'a.ts', symbols: ['g'], peer: p, key: 's2' },
  ]);
  assert.deepEqual(g.map((x) => [x.level, x.symbols]), [['symbol', ['f', 'g']], ['notice', ['x']]]);
});

