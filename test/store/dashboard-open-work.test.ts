// openWork() over a real store: which edits the dashboard shows as open, and where it says two
// sessions meet, by the same rules as the hooks (settled edits, resolve markers, worktrees).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectStore } from '../../src/store/session-store.js';
import { openWork, type SessionEdits } from '../../src/dashboard/open-work.js';
import type { EditRecord } from '../../src/core/records.js';

const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';

function world() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-ow-')));
  const store = new ProjectStore(root, 'p-1');
  const edits = new Map<string, EditRecord[]>();
  const edit = (session: string, ts: number, file: string, symbols: string[] | null, extra: Partial<EditRecord> = {}) => {
    const rec: EditRecord = { v: 1, ts, session, file, worktree: '/w', tool: 'Edit', ranges: [[1, 2]], symbols, ...extra };
    store.appendEdit(rec);
    edits.set(session, [...(edits.get(session) ?? []), rec]);
  };
  const sessions = (): SessionEdits[] =>
    [...edits.entries()].map(([id, list]) => ({ peer: { sessionId: id, label: id.slice(0, 8), worktree: list[0]!.worktree }, edits: list }));
  return { store, edit, sessions };
}

test('same function: one meeting on that symbol; a different function of the same file: both open, no meeting', () => {
  const w = world();
  w.edit(A, 1, 'src/cart.ts', ['total', 'vat']);
  w.edit(B, 2, 'src/cart.ts', ['total']);
  w.edit(B, 3, 'src/list.ts', ['List']);
  w.edit(A, 4, 'src/list.ts', ['sortBy']);
  const r = openWork(w.store, w.sessions());
  assert.deepEqual(r.meetings.map((m) => [m.level, m.file, m.symbols, m.handled]), [['symbol', 'src/cart.ts', ['total'], false]]);
  assert.deepEqual(r.meetings[0]!.sessions, [A, B]);
  assert.equal(r.meetings[0]!.since, 2, 'they met at the second edit');
  assert.deepEqual(r.open.map((o) => [o.sessionId.slice(0, 1), o.file, o.symbols]), [
    ['a', 'src/cart.ts', ['total', 'vat']],
    ['b', 'src/cart.ts', ['total']],
    ['a', 'src/list.ts', ['sortBy']],
    ['b', 'src/list.ts', ['List']],
  ]);
});

test('a file seen agreeing with HEAD before a later edit (committed or reverted) closes every earlier edit of it', () => {
  const w = world();
  w.edit(A, 1, 'src/cart.ts', ['total']);
  w.edit(B, 2, 'src/cart.ts', ['total']);
  w.store.appendObservation(B, { v: 1, at: 3, file: 'src/cart.ts', units: ['*'] });
  w.edit(B, 3, 'src/cart.ts', ['vat']);
  w.edit(B, 4, 'src/cart.ts', ['vat']);
  const r = openWork(w.store, w.sessions());
  assert.deepEqual(r.meetings, []);
  assert.deepEqual(r.open.map((o) => [o.sessionId, o.symbols]), [[B, ['vat']]], "A's edit is settled; only B's later work is open");
});

test('what git says is committed is not open work', () => {
  const w = world();
  w.edit(A, 1, 'src/cart.ts', ['total']);
  w.edit(B, 2, 'src/cart.ts', ['total']);
  w.edit(B, 3, 'src/other.ts', ['x']);
  const r = openWork(w.store, w.sessions(), (_wt, file) => file === 'src/cart.ts');
  assert.deepEqual(r.meetings, []);
  assert.deepEqual(r.open.map((o) => o.file), ['src/other.ts']);
});

test('handled by one side: still a conflict; by both: shown as handled; a new edit after that raises it again', () => {
  const w = world();
  w.edit(A, 1, 'src/cart.ts', ['total']);
  w.edit(B, 2, 'src/cart.ts', ['total']);
  w.store.markResolved(A, 'src/cart.ts', 10);
  assert.deepEqual(openWork(w.store, w.sessions()).meetings.map((m) => m.handled), [false]);
  w.store.markResolved(B, 'src/cart.ts', 10);
  assert.deepEqual(openWork(w.store, w.sessions()).meetings.map((m) => m.handled), [true]);
  w.edit(A, 11, 'src/cart.ts', ['total']);
  assert.deepEqual(openWork(w.store, w.sessions()).meetings.map((m) => m.handled), [false]);
});

test('file-level work meets any work on the file; another worktree is a merge risk', () => {
  const w = world();
  w.edit(A, 1, 'README.md', null);
  w.edit(B, 2, 'README.md', null);
  w.edit(A, 3, 'src/cart.ts', ['total']);
  w.edit(B, 4, 'src/cart.ts', ['vat'], { worktree: '/w-feature' });
  const levels = openWork(w.store, w.sessions()).meetings.map((m) => [m.level, m.file]);
  assert.deepEqual(levels, [['file', 'README.md'], ['merge-risk', 'src/cart.ts']]);
});

test("team mode: a remote session's published work stays open whatever this checkout saw or git says here, and meets a local session as `remote`", () => {
  const w = world();
  const R = 'cccccccc-3333-4333-8333-333333333333';
  const machine = 'f'.repeat(32);
  w.edit(A, 1, 'src/cart.ts', ['total']);
  // This checkout saw the file agree with HEAD (A committed), then A edited it again.
  w.store.appendObservation(A, { v: 1, at: 2, file: 'src/cart.ts', units: ['*'] });
  w.edit(A, 3, 'src/cart.ts', ['total']);
  // The other machine's edit, older by this clock, as its relay published it (still open there).
  const remote: EditRecord = { v: 1, ts: 1, session: R, file: 'src/cart.ts', worktree: `remote:${machine}`, tool: 'Edit', ranges: [[2, 3]], symbols: ['total'] };
  const sessions = [...w.sessions(), { peer: { sessionId: R, label: 'cccccccc (on devbox)', worktree: `remote:${machine}:`, machine: 'devbox' }, edits: [remote] }];
  const r = openWork(w.store, sessions, (worktree) => worktree !== '/w');
  assert.deepEqual(r.open.map((o) => [o.sessionId, o.symbols]), [[A, ['total']], [R, ['total']]]);
  assert.deepEqual(r.meetings.map((m) => [m.level, m.file, m.symbols, m.sessions]), [['remote', 'src/cart.ts', ['total'], [A, R]]]);
});
