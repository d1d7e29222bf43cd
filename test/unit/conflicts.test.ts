import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsForFile, groupFindings, mirroredKey, settledBefore, type PeerEdits } from '../../src/core/conflicts.js';
import type { EditRecord } from '../../src/core/records.js';

const WT = '/repo';
const rec = (session: string, ts: number, symbols: string[] | null, extra: Partial<EditRecord> = {}): EditRecord => ({
  v: 1, ts, session, file: 'src/math.ts', worktree: WT, tool: 'Edit', ranges: [[1, 2]], symbols, ...extra,
});
const peer = (id: string, edits: EditRecord[], worktree = WT): PeerEdits => ({ peer: { sessionId: id, label: id, worktree }, edits });

test('the same symbol edited by a peer is a symbol conflict naming that symbol', () => {
  const f = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: ['add'], resolvedAt: 0 }, [peer('B', [rec('B', 10, ['add', 'sub'])])], 0);
  assert.deepEqual(f.map((x) => [x.level, x.symbols]), [['symbol', ['add']]]);
});

test('different symbols in the same file are a notice, not a conflict', () => {
  const f = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: ['sub'], resolvedAt: 0 }, [peer('B', [rec('B', 10, ['add'])])], 0);
  assert.deepEqual(f.map((x) => x.level), ['notice']);
});

test('an edit outside every symbol does not conflict with a peer inside one', () => {
  const f = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: [], resolvedAt: 0 }, [peer('B', [rec('B', 10, ['add'])])], 0);
  assert.deepEqual(f.map((x) => x.level), ['notice']);
});

test('files whose language is not understood conflict at file level, from either side', () => {
  const mineUnknown = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: null, resolvedAt: 0 }, [peer('B', [rec('B', 10, ['add'])])], 0);
  const theirsUnknown = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: ['add'], resolvedAt: 0 }, [peer('B', [rec('B', 10, null)])], 0);
  assert.equal(mineUnknown[0]?.level, 'file');
  assert.equal(theirsUnknown[0]?.level, 'file');
});

test('the same path in another worktree is a merge risk', () => {
  const f = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: ['add'], resolvedAt: 0 }, [peer('W', [rec('W', 10, ['add'], { worktree: '/wt2' })], '/wt2')], 0);
  assert.deepEqual(f.map((x) => x.level), ['merge-risk']);
});

test('resolved conflicts stay quiet until the peer edits again, then come back under a new key', () => {
  const mine = { file: 'src/math.ts', worktree: WT, symbols: ['add'], resolvedAt: 20 };
  assert.equal(findingsForFile(mine, [peer('B', [rec('B', 10, ['add'])])], 0).length, 0);
  const again = findingsForFile(mine, [peer('B', [rec('B', 10, ['add']), rec('B', 30, ['add'])])], 0);
  assert.equal(again[0]?.level, 'symbol');
  const before = findingsForFile({ ...mine, resolvedAt: 0 }, [peer('B', [rec('B', 30, ['add'])])], 0);
  assert.notEqual(again[0]?.key, before[0]?.key, 'a new key, so the model is told again');
});

test('edits made before someone saw the file clean (committed or reverted) are settled', () => {
  const edits = [rec('B', 10, ['add']), rec('A', 20, ['add'], { baseClean: true })];
  assert.equal(settledBefore(edits, WT), 20);
  assert.equal(settledBefore(edits, '/other'), 0, 'per worktree');
  const f = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: ['add'], resolvedAt: 0 }, [peer('B', [edits[0]!])], 20);
  assert.equal(f.length, 0);
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

test('a finding\'s mirrored key is the key the other side is told under', () => {
  const a = rec('A', 10, ['add']);
  const b = rec('B', 20, ['add']);
  const fromB = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: ['add'], resolvedAt: 0 }, [peer('A', [a])], 0)[0]!;
  const fromA = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: ['add'], resolvedAt: 5 }, [peer('B', [b])], 0)[0]!;
  assert.equal(mirroredKey(fromB, 'B', 5), fromA.key);
  const fileB = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: null, resolvedAt: 0 }, [peer('A', [a])], 0)[0]!;
  const fileA = findingsForFile({ file: 'src/math.ts', worktree: WT, symbols: ['add'], resolvedAt: 0 }, [peer('B', [rec('B', 20, null)])], 0)[0]!;
  assert.equal(mirroredKey(fileB, 'B', 0), fileA.key);
});
