// The decision of one PostToolUse of an edit, from a snapshot alone: no store, no clock, no processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PeerEdits } from '../../src/core/conflicts.js';
import type { Observation } from '../../src/core/openness.js';
import type { EditRecord } from '../../src/core/records.js';
import { agentKey, MAIN } from '../../src/sync/agents.js';
import { decidePendingEdit, decideRecordedEdit, type PendingEditSnapshot, type RecordedEditSnapshot } from '../../src/sync/edit-decision.js';

const WT = '/repo';
const FILE = 'src/math.ts';
const rec = (session: string, ts: number, symbols: string[] | null, extra: Partial<EditRecord> = {}): EditRecord => ({
  v: 1, ts, session, file: FILE, worktree: WT, tool: 'Edit', ranges: [[1, 2]], symbols, toolUseId: `${session}-${ts}`, ...extra,
});
const peer = (id: string, edits: EditRecord[], worktree = WT, pid = 4242): PeerEdits => ({ peer: { sessionId: id, label: id, worktree, pid }, edits, resolvedAt: 0 });
/** Told keys as `session|key`. */
const toldOf = (keys: Iterable<string> = []) => {
  const set = new Set(keys);
  return (sessionId: string, key: string) => set.has(`${sessionId}|${key}`);
};
const snapshot = (over: Partial<RecordedEditSnapshot>): RecordedEditSnapshot => ({
  rec: rec('A', 20, ['add']), agent: MAIN, mine: [], peers: [], resolvedAt: 0, recorded: [], looked: [], later: false, told: toldOf(), ...over,
});

test('an edit in the function a live peer has open yields one conflict to tell and a wake-up for the peer', () => {
  const d = decideRecordedEdit(snapshot({ peers: [peer('B', [rec('B', 10, ['add'])])] }));
  assert.equal(d.record?.toolUseId, 'A-20');
  assert.deepEqual(d.tell.map((t) => [t.finding.level, t.finding.symbols, t.finding.peer.sessionId]), [['symbol', ['add'], 'B']]);
  assert.equal(d.tell[0]!.key, d.tell[0]!.finding.key, 'told under the session key the PreToolUse check claims too');
  assert.deepEqual(d.wake, [{ sessionId: 'B', pid: 4242 }]);
  assert.deepEqual(d.refine, [], 'no trial merge for a conflict in the same checkout');
});

test('a second copy of a record yields nothing: no record, no wake-up, nothing told', () => {
  const first = rec('A', 20, ['add']);
  const again = rec('A', 25, ['add'], { toolUseId: first.toolUseId });
  const d = decideRecordedEdit(snapshot({ rec: again, mine: [first], peers: [peer('B', [rec('B', 10, ['add'])])] }));
  assert.deepEqual(d, { observations: [], wake: [], refine: [], tell: [] });
});

test('alone in the file, the edit is recorded and nobody hears of it', () => {
  const d = decideRecordedEdit(snapshot({ mine: [rec('A', 5, ['sub'])] }));
  assert.equal(d.record?.ts, 20);
  assert.deepEqual([d.wake, d.tell, d.refine], [[], [], []]);
});

test('an edit the hooks module did not wait for claims nothing and wakes this session, after the peer', () => {
  const d = decideRecordedEdit(snapshot({ later: true, peers: [peer('B', [rec('B', 10, ['add'])])] }));
  assert.deepEqual(d.tell, []);
  assert.deepEqual(d.refine, []);
  assert.deepEqual(d.wake, [{ sessionId: 'B', pid: 4242 }, { sessionId: 'A', agent: MAIN }]);
  assert.ok(d.record, 'the edit is still recorded');
});

test('an edit the module did not wait for wakes nobody here when this session was already told', () => {
  const first = decideRecordedEdit(snapshot({ peers: [peer('B', [rec('B', 10, ['add'])])] }));
  const key = first.tell[0]!.key;
  const d = decideRecordedEdit(snapshot({ later: true, peers: [peer('B', [rec('B', 10, ['add'])])], told: toldOf([`A|${key}`]) }));
  assert.deepEqual(d.wake, [{ sessionId: 'B', pid: 4242 }], 'the peer is still owed its side; this session is not');
});

test('a peer already told of the conflict from its side is not woken again', () => {
  const told = (sessionId: string) => sessionId === 'B';
  const d = decideRecordedEdit(snapshot({ peers: [peer('B', [rec('B', 10, ['add'])])], told }));
  assert.deepEqual(d.wake, []);
  assert.equal(d.tell.length, 1, 'this session still has it to tell');
});

test('another machine\'s session is never woken from here: its relay tells it', () => {
  const remote: PeerEdits = { peer: { sessionId: 'R', label: 'R', worktree: WT, machine: 'm2' }, edits: [rec('R', 10, ['add'])] };
  const d = decideRecordedEdit(snapshot({ peers: [remote] }));
  assert.deepEqual(d.wake, []);
  assert.equal(d.tell.length, 1);
});

test('the same path in another worktree is a merge risk to refine by a trial merge, unless already told', () => {
  const other = peer('W', [rec('W', 10, ['add'], { worktree: '/wt2' })], '/wt2');
  const d = decideRecordedEdit(snapshot({ peers: [other] }));
  assert.deepEqual(d.refine.map((f) => f.level), ['merge-risk']);
  assert.strictEqual(d.refine[0], d.tell[0]!.finding, 'the refined finding is the one told');
  const again = decideRecordedEdit(snapshot({ peers: [other], told: toldOf([`A|${d.tell[0]!.key}`]) }));
  assert.deepEqual(again.refine, []);
});

test('a fresh look at HEAD that shows the peer\'s edit committed leaves nothing to tell, and is recorded', () => {
  const looked: Observation[] = [{ v: 1, at: 15, file: FILE, units: ['add'] }];
  const d = decideRecordedEdit(snapshot({ peers: [peer('B', [rec('B', 10, ['add'])])], looked }));
  assert.deepEqual(d.observations, looked);
  assert.ok(d.tell.every((t) => t.finding.level !== 'symbol'), 'no conflict over committed work');
  assert.deepEqual(d.wake, []);
});

test('two subagents in one function: the other is woken, the main thread is owed an overview, and the alert is kept under the agent\'s key', () => {
  const mine = [rec('A', 10, ['add'], { agent: 'sub-1' })];
  const d = decideRecordedEdit(snapshot({ rec: rec('A', 20, ['add'], { agent: 'sub-2' }), agent: 'sub-2', mine }));
  assert.deepEqual(d.wake, [{ sessionId: 'A', agent: 'sub-1' }, { sessionId: 'A' }]);
  assert.equal(d.tell.length, 1);
  assert.equal(d.tell[0]!.key, agentKey('sub-2', d.tell[0]!.finding.key));
});

const pendingSnapshot = (over: Partial<PendingEditSnapshot>): PendingEditSnapshot => ({
  pending: { ...rec('A', 20, ['add']), ranges: [] }, agent: MAIN, mine: [], peers: [], resolvedAt: 0, recorded: [], looked: [], onConflict: 'warn', toolPrefix: 'mcp__context-sync__', ...over,
});

test('before an edit in the function a live peer has open, the conflict is told under the key the edit\'s record will use, so it is not told again after', () => {
  const peers = [peer('B', [rec('B', 10, ['add'])])];
  const before = decidePendingEdit(pendingSnapshot({ peers }));
  assert.deepEqual(before.tell.map((t) => [t.finding.level, t.finding.symbols]), [['symbol', ['add']]]);
  assert.equal(before.deny, undefined);
  const after = decideRecordedEdit(snapshot({ peers }));
  assert.deepEqual(after.tell.map((t) => t.key), before.tell.map((t) => t.key));
});

test('with onConflict: block the edit is denied with the conflict named, and nothing is claimed as told', () => {
  const d = decidePendingEdit(pendingSnapshot({ peers: [peer('B', [rec('B', 10, ['add'])])], onConflict: 'block' }));
  assert.match(d.deny ?? '', /add/);
  assert.match(d.deny ?? '', /blocked by context-sync \(onConflict: block\)/);
  assert.deepEqual(d.tell, []);
});

test('before an edit, a merge risk with another worktree or a different function is not worth interrupting for', () => {
  const elsewhere = decidePendingEdit(pendingSnapshot({ peers: [peer('W', [rec('W', 10, ['add'], { worktree: '/wt2' })], '/wt2')], onConflict: 'block' }));
  const otherFunction = decidePendingEdit(pendingSnapshot({ peers: [peer('B', [rec('B', 10, ['sub'])])], onConflict: 'block' }));
  assert.deepEqual([elsewhere.deny, elsewhere.tell], [undefined, []]);
  assert.deepEqual([otherFunction.deny, otherFunction.tell], [undefined, []]);
});
